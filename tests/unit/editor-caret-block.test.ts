// The block that holds the caret is marked (its own compositor layer, app.css): exactly that
// top-level block, whatever edits and selection moves led there.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState, NodeSelection, TextSelection, type Transaction } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { storySchema as s } from '../../src/lib/model/schema';
import { caretBlockAt, caretBlockKey, caretBlockPlugin, CARET_BLOCK_CLASS } from '../../src/lib/editor/caret-block';

const para = (t: string) => s.nodes.paragraph.create(null, t ? s.text(t) : null);
const doc = (...ts: string[]) => s.nodes.doc.create(null, [s.nodes.headline.create(null, s.text('标题')), ...ts.map(para)]);

/** The marked blocks as [from, to, class]. */
function marked(state: EditorState): [number, number, string][] {
  return caretBlockKey
    .getState(state)!
    .set.find()
    .map((d) => [d.from, d.to, (d as unknown as { type: { attrs: { class: string } } }).type.attrs.class]);
}

/** Where each top-level block starts and ends. */
function blocks(d: PMNode): [number, number][] {
  const out: [number, number][] = [];
  d.forEach((node, pos) => out.push([pos, pos + node.nodeSize]));
  return out;
}

function stateAt(d: PMNode, pos: number): EditorState {
  const state = EditorState.create({ doc: d, plugins: [caretBlockPlugin()] });
  return state.apply(state.tr.setSelection(TextSelection.create(d, pos)));
}

describe('the caret block', () => {
  it('marks the top-level block around the caret, and only it', () => {
    const d = doc('第一段。', '第二段。', '第三段。');
    const [, , second] = blocks(d);
    const state = stateAt(d, second[0] + 2);
    expect(marked(state)).toEqual([[second[0], second[1], CARET_BLOCK_CLASS]]);
  });

  it('follows typing in the block, a move to another block, and a split', () => {
    const d = doc('第一段。', '第二段。', '第三段。');
    let state = stateAt(d, blocks(d)[1][1] - 1);
    state = state.apply(state.tr.insertText('abc'));
    expect(marked(state)).toEqual([[...blocks(state.doc)[1], CARET_BLOCK_CLASS]]);
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, blocks(state.doc)[3][0] + 1)));
    expect(marked(state)).toEqual([[...blocks(state.doc)[3], CARET_BLOCK_CLASS]]);
    state = state.apply(state.tr.split(state.selection.from));
    expect(marked(state)).toEqual([[...blocks(state.doc)[4], CARET_BLOCK_CLASS]]);
  });

  it('marks the new block when the caret block is replaced by one of the same size', () => {
    const d = doc('第一段。', '第二段。');
    const [, first] = blocks(d);
    let state = stateAt(d, first[0] + 1);
    const tr = state.tr.replaceWith(first[0], first[1], para('另一段。'));
    state = state.apply(tr.setSelection(TextSelection.create(tr.doc, first[0] + 2)));
    expect(marked(state)).toEqual([[first[0], first[1], CARET_BLOCK_CLASS]]);
  });

  it('marks nothing when a top-level node itself is selected', () => {
    const d = s.nodes.doc.create(null, [para('正文。'), s.nodes.jump_line.create({ direction: 'continuedTo', page: 3 })]);
    let state = stateAt(d, 1);
    state = state.apply(state.tr.setSelection(NodeSelection.create(state.doc, blocks(d)[1][0])));
    expect(caretBlockAt(state)).toEqual({ from: -1, to: -1 });
    expect(marked(state)).toEqual([]);
  });

  it('is always the caret block after random edits and moves', () => {
    type Step = { kind: 'type' | 'delete' | 'split' | 'move' | 'join'; at: number; text: string };
    const step = fc.record({ kind: fc.constantFrom<Step['kind']>('type', 'type', 'delete', 'split', 'move', 'join'), at: fc.nat(), text: fc.constantFrom('a', '中文', '，', 'xy') });
    fc.assert(
      fc.property(fc.array(fc.constantFrom('一', '二二', '', '三三三'), { minLength: 1, maxLength: 5 }), fc.array(step, { minLength: 1, maxLength: 25 }), (ts, steps) => {
        const d = doc(...ts);
        let state = stateAt(d, 1);
        for (const st of steps) {
          const tr: Transaction = state.tr;
          const size = tr.doc.content.size;
          const at = 1 + (st.at % Math.max(1, size - 1));
          try {
            if (st.kind === 'type') tr.insertText(st.text);
            else if (st.kind === 'delete') tr.delete(Math.max(1, tr.selection.from - 1), tr.selection.from);
            else if (st.kind === 'split') tr.split(tr.selection.from);
            else if (st.kind === 'join') tr.join(tr.selection.$from.before(1));
            else tr.setSelection(TextSelection.near(tr.doc.resolve(at)));
          } catch {
            /* a step the schema refuses leaves the doc as it was */
          }
          state = state.apply(tr);
          const { from, to } = caretBlockAt(state);
          expect(marked(state)).toEqual(from < 0 ? [] : [[from, to, CARET_BLOCK_CLASS]]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
