// The top-level block that holds the caret carries the class `caret-block`, which app.css makes
// its own compositor layer (`will-change: opacity`). A key then repaints that block's layer alone:
// with the whole story in one layer, every key's frame walked the display items of everything in
// the scroller's cull rect (≈ 8,750 px of text), and its compositing inputs with them (issue 13,
// session 10: paint ≈ −5 ms a key at 4× CPU throttle in traces). One block, not every block: a
// layer per block cost more in the frame's commit as the story grows (layers scale with the story,
// the paint walk only with the cull rect).
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

export const CARET_BLOCK_CLASS = 'caret-block';

interface CaretBlock {
  /** Where the block starts and ends (before and after its node), or −1 when the caret is in none. */
  from: number;
  to: number;
  set: DecorationSet;
}

export const caretBlockKey = new PluginKey<CaretBlock>('galley-caret-block');

const attrs = { class: CARET_BLOCK_CLASS };

/** The top-level block around the selection's head. */
export function caretBlockAt(state: EditorState): { from: number; to: number } {
  const $head = state.selection.$head;
  return $head.depth >= 1 ? { from: $head.before(1), to: $head.after(1) } : { from: -1, to: -1 };
}

function build(state: EditorState): CaretBlock {
  const { from, to } = caretBlockAt(state);
  return { from, to, set: from < 0 ? DecorationSet.empty : DecorationSet.create(state.doc, [Decoration.node(from, to, attrs)]) };
}

export function caretBlockPlugin(): Plugin<CaretBlock> {
  return new Plugin<CaretBlock>({
    key: caretBlockKey,
    state: {
      init: (_, state) => build(state),
      apply(tr, prev, _old, state) {
        const { from, to } = caretBlockAt(state);
        if (!tr.docChanged) return from === prev.from && to === prev.to ? prev : build(state);
        // Typing inside the block: map the one decoration (DecorationSet.create walks every top-level block).
        if (prev.from >= 0 && tr.mapping.map(prev.from, 1) === from && tr.mapping.map(prev.to, -1) === to) {
          const set = prev.set.map(tr.mapping, tr.doc);
          // Mapping drops a node decoration whose node was replaced: then build it again.
          if (set.find(from, to, () => true).some((d) => d.from === from && d.to === to)) return { from, to, set };
        }
        return build(state);
      },
    },
    props: {
      decorations: (state) => caretBlockKey.getState(state)?.set,
    },
  });
}
