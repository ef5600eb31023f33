// Swapping re-checked decorations into a mapped set, for the lint and house-style plugins.
import type { Node as PMNode } from 'prosemirror-model';
import { DecorationSet, type Decoration } from 'prosemirror-view';

/**
 * `set` without `stale`, plus `fresh`. DecorationSet.remove misses an inline decoration that
 * mapping left spanning a block boundary (a split or a join inside it: it is found through the
 * block after the boundary but kept in the one before); when any stale one is still there,
 * the set is rebuilt without them. That happens only for such edits, so a key stays
 * proportional to the change.
 */
export function swapDecorations(set: DecorationSet, doc: PMNode, stale: readonly Decoration[], fresh: readonly Decoration[]): DecorationSet {
  if (stale.length) {
    const gone = new Set(stale.map((d) => d.spec));
    set = set.remove(stale.slice()); // remove() empties the array it is given
    if (stale.some((d) => set.find(d.from, d.to, (spec) => gone.has(spec)).length)) {
      set = DecorationSet.create(doc, set.find().filter((d) => !gone.has(d.spec)));
    }
  }
  return fresh.length ? set.add(doc, fresh as Decoration[]) : set;
}
