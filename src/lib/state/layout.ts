// Layout state shared by the Layout and Proof views: the tab's one Typesetter
// and LayoutCache (the app is their one owner; they are what make a re-layout
// after a drag cheap) and a memo of the laid-out edition, so both views and
// the page strip read the same EditionLayout object for the same edition object.
import type { Edition } from '../model/edition';
import { Typesetter } from '../typeset';
import { LayoutCache, layoutEdition, type EditionLayout, type ModuleLayout, type PageLayout, type Typesetter as TypesetterLike } from '../layout';

/** One Typesetter per tab: prepared blocks are cached in it. */
export const typesetter = new Typesetter();
/** One layout memo per tab (bounded): typeset lines, cut modules, jump lines. */
export const layoutCache = new LayoutCache();

/** A memo of editions' layouts by a typesetter and cache (the edition is immutable plain data, so identity is a safe key). */
export function layoutMemo(ts: TypesetterLike, cache: LayoutCache): (edition: Edition) => EditionLayout {
  const memo = new WeakMap<Edition, EditionLayout>();
  return (edition) => {
    let l = memo.get(edition);
    if (!l) memo.set(edition, (l = layoutEdition(edition, ts, cache)));
    return l;
  };
}

/** The layout of an edition with the tab's typesetter and cache: the Layout and Proof views read the same object. */
export const layoutOf = layoutMemo(typesetter, layoutCache);

const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object | undefined): number {
  if (!o) return 0;
  let id = ids.get(o);
  if (!id) ids.set(o, (id = nextId++));
  return id;
}

/** What decides a module's drawing: where it is, what text it holds, how it is set. */
function signature(m: ModuleLayout, edition: Edition, metrics: object): string {
  const r = m.rect;
  const head = m.headline[0];
  return [
    m.placementId,
    idOf(edition.stories[m.storyIndex]?.doc),
    idOf(metrics),
    r.x, r.y, r.width, r.height,
    m.from.block, m.from.offset, m.to.block, m.to.offset,
    m.jumps.map((j) => j.text).join('|'),
    m.overset.lines, m.overset.chars,
    m.headline.length, head?.sizePt ?? 0,
    m.photo ? `${m.photo.rect.height}/${m.photo.photoId ?? ''}` : '',
  ].join(',');
}

/**
 * Keeps module objects identical across re-layouts when nothing about them
 * changed, so a drag re-renders only the module that moves (Svelte skips an
 * each-item whose object is the same). Plain memo, one per view.
 */
export class StableModules {
  #memo = new Map<string, { sig: string; mod: ModuleLayout }>();

  page(page: PageLayout, edition: Edition): PageLayout {
    let changed = false;
    const modules = page.modules.map((m) => {
      const sig = signature(m, edition, page.metrics);
      const hit = this.#memo.get(m.placementId);
      if (hit && hit.sig === sig) {
        if (hit.mod !== m) changed = true;
        return hit.mod;
      }
      this.#memo.set(m.placementId, { sig, mod: m });
      return m;
    });
    return changed ? { ...page, modules } : page;
  }
}
