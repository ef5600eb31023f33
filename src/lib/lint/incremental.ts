// What an edit touched, for re-checking only that (ProseMirror's lint pattern:
// map the old warnings through the transaction, re-lint the changed blocks).
import type { Node } from 'prosemirror-model';
import type { Mapping } from 'prosemirror-transform';

/**
 * The ranges an edit replaced, in positions of the final doc, as flat [from, to, from, to, …].
 * Each step's replaced range is carried through the steps after it.
 */
export function changedRanges(mapping: Mapping): number[] {
  const out: number[] = [];
  const maps = mapping.maps;
  for (let i = 0; i < maps.length; i++) {
    maps[i].forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      let from = newStart;
      let to = newEnd;
      for (let j = i + 1; j < maps.length; j++) {
        from = maps[j].map(from, -1);
        to = maps[j].map(to, 1);
      }
      out.push(from, Math.max(from, to));
    });
  }
  return out;
}

/**
 * The textblocks (with their positions) that touch any range, each once, in doc order.
 * A range is widened by one position on each side so that an edit at a block's edge
 * (a deletion that leaves an empty range between two blocks) still reaches that block.
 */
export function blocksTouching(doc: Node, ranges: readonly number[]): { node: Node; pos: number }[] {
  const out: { node: Node; pos: number }[] = [];
  const seen = new Set<number>();
  const size = doc.content.size;
  for (let i = 0; i < ranges.length; i += 2) {
    const from = Math.max(0, ranges[i] - 1);
    const to = Math.min(size, ranges[i + 1] + 1);
    doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isTextblock) return true;
      if (!seen.has(pos)) {
        seen.add(pos);
        out.push({ node, pos });
      }
      return false;
    });
  }
  out.sort((a, b) => a.pos - b.pos);
  return out;
}
