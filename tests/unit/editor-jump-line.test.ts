import { describe, expect, it } from 'vitest';
import { EditorState, NodeSelection, type Command } from 'prosemirror-state';
import { gapCursor, GapCursor } from 'prosemirror-gapcursor';
import type { Node as PMNode } from 'prosemirror-model';
import { storySchema as s } from '../../src/lib/model/schema';
import { jumpPagesPlugin, layoutPageOf, setJumpLine, setLayoutJumps, jumpPagesKey } from '../../src/lib/editor/jump-line';
import { lintDoc } from '../../src/lib/lint';

const t = (text: string) => s.text(text);
const p = (...c: PMNode[]) => s.nodes.paragraph.create(null, c);
const kicker = (...c: PMNode[]) => s.nodes.kicker.create(null, c);
const doc = (...c: PMNode[]) => s.nodes.doc.create(null, c);
const jump = (page: number | null, direction = 'continuedTo') => s.nodes.jump_line.create({ direction, page });

function run(state: EditorState, cmd: Command): EditorState {
  let next = state;
  expect(cmd(state, (tr) => (next = state.apply(tr)))).toBe(true);
  return next;
}

describe('jump line commands', () => {
  const d = doc(kicker(t('引题')), p(t('正文')), jump(null));
  const pos = d.child(0).nodeSize + d.child(1).nodeSize;

  it('sets page and direction, and the jump-without-page warning goes', () => {
    let state = EditorState.create({ doc: d });
    expect(lintDoc(state.doc, 'zh').some((w) => w.kind === 'jump-without-page')).toBe(true);
    state = run(state, setJumpLine(pos, { page: 3 }));
    expect(state.doc.child(2).attrs).toEqual({ direction: 'continuedTo', page: 3 });
    expect(lintDoc(state.doc, 'zh').some((w) => w.kind === 'jump-without-page')).toBe(false);
    state = run(state, setJumpLine(pos, { direction: 'continuedFrom' }));
    expect(state.doc.child(2).attrs).toEqual({ direction: 'continuedFrom', page: 3 });
    expect(setJumpLine(pos, { page: 0 })(state)).toBe(false);
    expect(setJumpLine(1, { page: 2 })(state)).toBe(false);
  });

  it('offers the page layout computed, for the jump line direction', () => {
    let state = EditorState.create({ doc: d, plugins: [jumpPagesPlugin()] });
    expect(layoutPageOf(state, pos)).toBeNull();
    state = run(state, setLayoutJumps({ continuedTo: 4, continuedFrom: null }));
    expect(jumpPagesKey.getState(state)).toEqual({ continuedTo: 4, continuedFrom: null });
    expect(layoutPageOf(state, pos)).toBe(4);
    const plugin = jumpPagesKey.get(state)!;
    const decos = plugin.props.decorations!.call(plugin, state) as import('prosemirror-view').DecorationSet;
    expect(decos.find().map((x) => x.spec.layoutPage)).toEqual([4]);
  });

  it('typing over a selected jump line makes body text, never a kicker', () => {
    let state = EditorState.create({ doc: d });
    state = state.apply(state.tr.setSelection(NodeSelection.create(state.doc, pos)));
    state = state.apply(state.tr.insertText('新'));
    expect(state.doc.child(0).type.name).toBe('kicker');
    expect(state.doc.lastChild!.type.name).toBe('paragraph');
    expect(state.doc.lastChild!.textContent).toBe('新');
  });

  it('typing at a gap cursor beside a jump line makes body text', () => {
    const d2 = doc(jump(2), p(t('正文')));
    let state = EditorState.create({ doc: d2, plugins: [gapCursor()] });
    state = state.apply(state.tr.setSelection(new GapCursor(state.doc.resolve(0))));
    state = state.apply(state.tr.insertText('前'));
    expect(state.doc.child(0).type.name).toBe('paragraph');
    expect(state.doc.child(1).type.name).toBe('jump_line');
  });

  it('body text is the default block, and a p with a data-role still parses as its role (the bare p rule comes last)', () => {
    expect(s.topNodeType.contentMatch.defaultType).toBe(s.nodes.paragraph);
    const tags = s.spec.nodes.get('kicker')!.parseDOM!.map((r) => r.tag);
    expect(tags).toEqual(['p[data-role=kicker]']);
    expect(s.nodes.paragraph.spec.parseDOM!.every((r) => (r.priority ?? 50) < 50)).toBe(true);
  });
});
