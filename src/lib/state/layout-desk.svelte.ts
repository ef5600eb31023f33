// The layout desk: what the Layout view shows (page, selection, guides, zoom),
// the gesture in progress (its draft edition, the refused spot, the free areas)
// and every gesture of the desk as a method. A gesture computes its result
// with the pure layout core and returns it (null = refused); the view hands a
// result to the app in one place (AppState.applyLayout), so the desk never
// writes the edition itself and can be tested in Node.
import type { Edition, Grid, Page, Placement } from '../model/edition';
import {
  addPage,
  autoLayout,
  continueStoryFitted,
  dropStoryFitted,
  findPlacement,
  freeColumnRuns,
  gridPreset,
  movePage,
  moveModule,
  moveToPage,
  relayoutPage,
  removeModule,
  removePage,
  resizeModule,
  snapDelta,
  updateModule,
  withGrid,
  type EditionLayout,
  type GridRect,
  type LayoutCache,
  type PageLayout,
  type Typesetter,
} from '../layout';
import { StableModules, layoutCache, layoutMemo, layoutOf, typesetter as sharedTypesetter } from './layout';
import { nextTask, whenIdle } from './idle';
import { headlineOf } from './stories';

/** The other pages of a newly opened edition are laid out in idle moments, this long after the page in view at the latest. */
const OTHER_PAGES_AT_LATEST_MS = 1000;
const idleMoment = () => new Promise<void>((resolve) => whenIdle(resolve, OTHER_PAGES_AT_LATEST_MS));

/** Which part of a module a pointer gesture holds: the body moves it, a handle resizes it. */
export type GestureKind = 'move' | 'right' | 'bottom' | 'corner';

/** See LayoutDesk.pageRemoval. */
export interface PageRemoval {
  pageNumber: number;
  modules: number;
  placed: string[];
  continued: string[];
}

export type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';

const ARROWS: Record<ArrowKey, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** Alt+arrow steps this many grid lines: a broadsheet column is ~140 lines deep. */
export const ALT_STEP_LINES = 5;

/** The preset an edition without pages starts from. */
const FIRST_PRESET = 'duikai';

export function isArrowKey(key: string): key is ArrowKey {
  return key in ARROWS;
}

export class LayoutDesk {
  /** Id of the page shown large. */
  pageId = $state<string | null>(null);
  /** Id of the selected module (placement). */
  selectedId = $state<string | null>(null);
  /** Column and baseline guides. */
  guides = $state(true);
  /** 'fit' scales the page to the window; a number is a fixed scale (1 = print size on screen). */
  zoom = $state<'fit' | number>('fit');
  /** The edition while a gesture runs (not yet committed), else null. */
  draft = $state.raw<Edition | null>(null);
  /** Where a refused gesture tried to put the module. */
  ghost = $state.raw<GridRect | null>(null);
  /** Free grid areas shown while dragging. */
  freeAreas = $state.raw<GridRect[]>([]);

  #committed: () => Edition;
  #typesetter: Typesetter;
  #cache: LayoutCache;
  #layoutOf: (edition: Edition) => EditionLayout;
  #stable = new StableModules();
  /**
   * A newly opened edition is laid out page by page: the page in view first (`layOutPageInView`,
   * or in the task that shows it), each other page in an idle moment of its own after it, then
   * the whole edition (by then cache hits: the same `layoutEdition` result as at once, without
   * one long task for all pages). Idle moments, not the next tasks: the other pages wait while
   * the page in view is being drawn (its frames come one after another), and take the time its
   * fonts leave free. The id of the edition whose pages are all laid out; for it, `layoutSoon`
   * is `layout` at once.
   */
  #laidOutId: string | null = null;
  /** The edition a run of later tasks is laying out (a newer committed edition takes over). */
  #inTurns: Edition | null = null;
  /** Bumped when such a run has laid out every page. */
  #turnsDone = $state(0);
  /** One page laid out on its own (relayoutPage), by edition and page id, while its edition is laid out in turns. */
  #pagesAlone = new WeakMap<Edition, Map<string, PageLayout | null>>();
  #drag: { kind: GestureKind; id: string; orig: Placement; last: string } | null = null;

  /** `committed` reads the app's edition; the typesetter and cache default to the app's one pair. */
  constructor(committed: () => Edition, typesetter: Typesetter = sharedTypesetter, cache: LayoutCache = layoutCache) {
    this.#committed = committed;
    this.#typesetter = typesetter;
    this.#cache = cache;
    // The app's pair shares the one memo with the Proof view and the page strip.
    this.#layoutOf = typesetter === sharedTypesetter && cache === layoutCache ? layoutOf : layoutMemo(typesetter, cache);
  }

  /** The committed edition laid out. */
  get layout(): EditionLayout {
    return this.#layoutOf(this.#committed());
  }

  /**
   * The committed edition laid out, or null while a newly opened edition is still being laid
   * out in later tasks (the page in view is there already: `pageLayout`). What shows every page
   * (the page strip, the problems, the inspector) waits for it; gestures read `layout`.
   */
  get layoutSoon(): EditionLayout | null {
    void this.#turnsDone;
    const edition = this.#committed();
    if (edition.id === this.#laidOutId) return this.layout;
    void this.#layOutInTurns(edition);
    return null;
  }

  async #layOutInTurns(edition: Edition): Promise<void> {
    if (this.#inTurns === edition) return;
    this.#inTurns = edition;
    const inView = this.page?.id;
    for (const page of edition.pages) {
      if (page.id === inView) continue;
      await idleMoment();
      if (this.#inTurns !== edition) return;
      this.#pageAlone(edition, page.id);
    }
    await idleMoment();
    if (this.#inTurns !== edition) return;
    this.#layoutOf(edition);
    this.#inTurns = null;
    this.#laidOutId = edition.id;
    this.#turnsDone++;
  }

  #pageAlone(edition: Edition, pageId: string): PageLayout | null {
    let pages = this.#pagesAlone.get(edition);
    if (!pages) this.#pagesAlone.set(edition, (pages = new Map()));
    let laid = pages.get(pageId);
    if (laid === undefined) pages.set(pageId, (laid = relayoutPage(edition, pageId, this.#typesetter, this.#cache)));
    return laid;
  }

  /**
   * Lay out the page in view before it is shown, one story per task (a story's modules on this
   * page, and its parts before them for where their text starts), so that no task holds the
   * typesetting of a whole page; `pageLayout` then finds every story's lines in the cache.
   * Resolves once done, or at once when another edition has come in meanwhile.
   */
  async layOutPageInView(): Promise<void> {
    const edition = this.#committed();
    const page = this.page;
    if (!page || this.draft) return;
    for (const storyId of new Set(page.placements.map((p) => p.storyId))) {
      // The page with this story's modules alone: a story's flow and modules depend on its own
      // parts and the page's grid, never on the other stories placed beside it.
      const alone = { ...page, placements: page.placements.filter((p) => p.storyId === storyId) };
      relayoutPage({ ...edition, pages: edition.pages.map((p) => (p.id === page.id ? alone : p)) }, page.id, this.#typesetter, this.#cache);
      await nextTask();
      if (this.#committed() !== edition) return;
    }
  }

  /** The edition on screen: the draft while a gesture runs, else the committed one. */
  get edition(): Edition {
    return this.draft ?? this.#committed();
  }

  /** Index of the page shown (the first when the shown id is gone). */
  get pageIndex(): number {
    return Math.max(0, this.edition.pages.findIndex((p) => p.id === this.pageId));
  }

  get page(): Page | undefined {
    return this.edition.pages[this.pageIndex];
  }

  /** The shown page laid out: the draft's page again (cached arithmetic) during a gesture; unchanged modules keep their objects. */
  get pageLayout(): PageLayout | null {
    const page = this.page;
    if (!page) return null;
    const laid = this.draft
      ? relayoutPage(this.draft, page.id, this.#typesetter, this.#cache)
      : (this.layoutSoon?.pages[this.pageIndex] ?? this.#pageAlone(this.#committed(), page.id));
    return laid ? this.#stable.page(laid, this.edition) : null;
  }

  /** The selected placement in the committed edition. */
  get selected(): Placement | null {
    return this.selectedId ? (findPlacement(this.#committed(), this.selectedId)?.placement ?? null) : null;
  }

  /** Keep the shown page valid as pages come and go. */
  keepPageShown(): void {
    const ids = this.#committed().pages.map((p) => p.id);
    if (!this.pageId || !ids.includes(this.pageId)) this.pageId = ids[0] ?? null;
  }

  // ——— pointer gestures: a drag computes a draft; its end gives the edition to commit ———

  /** Take hold of a module (its body or a resize handle). False if it is not on the shown page. */
  startDrag(placementId: string, kind: GestureKind): boolean {
    const page = this.page;
    const orig = page?.placements.find((p) => p.id === placementId);
    if (!page || !orig) return false;
    this.selectedId = placementId;
    this.#drag = { kind, id: placementId, orig, last: '' };
    this.freeAreas = freeColumnRuns(page, placementId);
    return true;
  }

  get dragging(): boolean {
    return this.#drag !== null;
  }

  /**
   * The pointer is (dx, dy) pt from where the drag began: snap that to the
   * grid, move or resize the module there, and keep the result as the draft
   * (or, refused, show a ghost where it would have gone). Returns the draft.
   */
  dragBy(dxPt: number, dyPt: number): Edition | null {
    const g = this.#drag;
    const metrics = this.pageLayout?.metrics;
    if (!g || !metrics) return null;
    const d = snapDelta(metrics, dxPt, dyPt);
    const o = g.orig;
    const rect: GridRect =
      g.kind === 'move'
        ? { column: o.column + d.columns, line: o.line + d.lines, span: o.span, lines: o.lines }
        : {
            column: o.column,
            line: o.line,
            span: g.kind === 'bottom' ? o.span : Math.max(1, o.span + d.columns),
            lines: g.kind === 'right' ? o.lines : Math.max(1, o.lines + d.lines),
          };
    const key = `${rect.column}/${rect.line}/${rect.span}/${rect.lines}`;
    if (key === g.last) return this.draft;
    g.last = key;
    const next = g.kind === 'move' ? this.move(g.id, { column: rect.column, line: rect.line }) : this.resize(g.id, { span: rect.span, lines: rect.lines });
    if (next) {
      this.draft = next;
      this.ghost = null;
    } else {
      this.ghost = rect;
    }
    return this.draft;
  }

  /**
   * Let go. A module let go over another page (its thumbnail) goes to that page
   * where there is room; otherwise the draft is the result. Null: nothing to
   * commit (no move, or refused — `refused` tells which).
   */
  endDrag(overPageId?: string | null): { next: Edition | null; refused: boolean } {
    const g = this.#drag;
    const draft = this.draft;
    this.#drag = null;
    this.draft = null;
    this.ghost = null;
    this.freeAreas = [];
    if (!g) return { next: null, refused: false };
    const pages = this.#committed().pages;
    const target = g.kind === 'move' && overPageId ? pages.findIndex((p) => p.id === overPageId) : -1;
    if (target >= 0 && pages[target].id !== this.page?.id) {
      const next = this.moveToPage(g.id, target + 1);
      return { next, refused: !next };
    }
    return { next: draft, refused: false };
  }

  // ——— module gestures: each returns the new edition or null (refused) ———

  move(placementId: string, to: { column: number; line: number }): Edition | null {
    return moveModule(this.#committed(), placementId, to);
  }

  resize(placementId: string, size: { span: number; lines: number }): Edition | null {
    return resizeModule(this.#committed(), placementId, size);
  }

  /** Arrow keys move the module a column or line; with shift they resize it; alt steps five lines. */
  nudge(placementId: string, key: ArrowKey, mods: { shift?: boolean; alt?: boolean } = {}): Edition | null {
    const found = findPlacement(this.#committed(), placementId);
    if (!found) return null;
    const p = found.placement;
    const [dc, dl0] = ARROWS[key];
    const dl = dl0 * (mods.alt ? ALT_STEP_LINES : 1);
    this.selectedId = placementId;
    return mods.shift ? this.resize(placementId, { span: p.span + dc, lines: p.lines + dl }) : this.move(placementId, { column: p.column + dc, line: p.line + dl });
  }

  remove(placementId: string): Edition | null {
    return removeModule(this.#committed(), placementId);
  }

  /** A story from the tray onto the shown page, at a grid cell or wherever it fits best; the new module is selected. */
  drop(storyId: string, at?: { column: number; line: number }): Edition | null {
    const page = this.page;
    if (!page) return null;
    const next = dropStoryFitted(this.#committed(), page.id, storyId, at, this.#typesetter, this.#cache);
    if (next) this.selectedId = next.pages.flatMap((p) => p.placements).find((x) => x.storyId === storyId && x.part === 1)?.id ?? null;
    return next;
  }

  /** 转版: continue the module's story on page `target` (1-based; a new page when past the end). */
  continueOn(placementId: string, target: number): Edition | null {
    return continueStoryFitted(this.#committed(), placementId, target, this.#typesetter, this.#cache);
  }

  /** Move the module to page `target` (1-based), where there is room; that page is then shown. */
  moveToPage(placementId: string, target: number): Edition | null {
    const next = moveToPage(this.#committed(), placementId, target);
    if (next) this.pageId = next.pages[target - 1].id;
    return next;
  }

  setHeadline(placementId: string, pt: number | undefined): Edition | null {
    return updateModule(this.#committed(), placementId, { headlineSizePt: pt });
  }

  /** Pin the module (auto-layout leaves it and its story where they are) or unpin it. */
  setPinned(placementId: string, pinned: boolean): Edition | null {
    return updateModule(this.#committed(), placementId, { pinned: pinned || undefined });
  }

  /** Lay the whole edition out from the stories' priorities (on the 对开 grid if it has no page yet). */
  autoLayout(): Edition {
    const ed = this.#committed();
    const base = ed.pages.length ? ed : addPage(ed, 0, gridPreset(FIRST_PRESET));
    this.selectedId = null;
    return autoLayout(base, this.#typesetter, {}, this.#cache);
  }

  // ——— pages ———

  setGrid(grid: Grid): Edition {
    return withGrid(this.#committed(), grid);
  }

  /** A page after the shown one (the first page on the 对开 grid); the new page is shown. */
  addPage(): Edition {
    const ed = this.#committed();
    const at = ed.pages.length ? this.pageIndex + 1 : 0;
    const next = addPage(ed, at, ed.pages.length ? undefined : gridPreset(FIRST_PRESET));
    this.pageId = next.pages[at].id;
    return next;
  }

  /**
   * What removing the shown page takes with it, for the desk to be asked first (null: an empty
   * page goes without asking). `placed`: stories wholly on this page, back in the tray after;
   * `continued`: stories with parts on other pages too, which keep those parts.
   */
  get pageRemoval(): PageRemoval | null {
    const ed = this.edition;
    const page = ed.pages[this.pageIndex];
    if (!page || !page.placements.length || ed.pages.length <= 1) return null;
    const elsewhere = new Set(ed.pages.filter((p) => p !== page).flatMap((p) => p.placements.map((x) => x.storyId)));
    const placed: string[] = [];
    const continued: string[] = [];
    for (const storyId of new Set(page.placements.map((x) => x.storyId))) {
      const story = ed.stories.find((s) => s.id === storyId);
      const name = story ? headlineOf(story) || story.slug : storyId;
      (elsewhere.has(storyId) ? continued : placed).push(name);
    }
    return { pageNumber: this.pageIndex + 1, modules: page.placements.length, placed, continued };
  }

  /** Remove the shown page (never the last one); the page before it is shown. */
  removePage(): Edition | null {
    const ed = this.#committed();
    const index = this.pageIndex;
    const page = ed.pages[index];
    if (!page || ed.pages.length <= 1) return null;
    const next = removePage(ed, page.id);
    if (next) this.pageId = next.pages[Math.max(0, index - 1)].id;
    return next;
  }

  /** Move a page to position `to` (0-based); refused when a module would end up under the masthead. */
  movePage(pageId: string, to: number): Edition | null {
    return movePage(this.#committed(), pageId, to);
  }
}

const desks = new WeakMap<object, LayoutDesk>();

/** The desk of an app: kept while the user switches views, so the page and guides stay as left. */
export function deskOf(app: { readonly edition: Edition }): LayoutDesk {
  let d = desks.get(app);
  if (!d) desks.set(app, (d = new LayoutDesk(() => app.edition)));
  return d;
}
