import { describe, expect, it } from 'vitest';
import { EditorState, type Command } from 'prosemirror-state';
import { history, undo } from 'prosemirror-history';
import type { Node as PMNode } from 'prosemirror-model';
import { storySchema as s } from '../../src/lib/model/schema';
import { acceptAllChanges, changeCount, changesPlugin, changesState, revertAllChanges, revertChange, showChanges } from '../../src/lib/editor/changes';

const t = (text: string) => s.text(text);
const p = (...c: PMNode[]) => s.nodes.paragraph.create(null, c);
const h = (...c: PMNode[]) => s.nodes.headline.create(null, c);
const doc = (...c: PMNode[]) => s.nodes.doc.create(null, c);

function run(state: EditorState, cmd: Command): EditorState {
  let next = state;
  expect(cmd(state, (tr) => (next = state.apply(tr)))).toBe(true);
  return next;
}

const original = doc(h(t('标题')), p(t('其它地区的工作。')), p(t('第二段。')));

function edited(): EditorState {
  // Opened on a doc already edited since import: the changeset compares with the original.
  const current = doc(h(t('标题')), p(t('其他地区的工作。')), p(t('第二段，新增。')));
  return EditorState.create({ doc: current, plugins: [history(), changesPlugin(original)] });
}

describe('changes against the original', () => {
  it('finds the edits made before the editor opened, and tracks new ones', () => {
    let state = edited();
    expect(changesState(state)!.changes.length).toBe(2);
    state = state.apply(state.tr.insertText('加', 3));
    expect(changesState(state)!.changes.length).toBe(3);
    expect(changeCount(original.toJSON(), state.doc.toJSON())).toBe(3);
    expect(changeCount(original.toJSON(), original.toJSON())).toBe(0);
  });

  it('shows insertions as inline decorations and deletions as struck widgets only when shown', () => {
    let state = edited();
    expect(changesState(state)!.decorations.find().length).toBe(0);
    state = run(state, showChanges(true));
    const decos = changesState(state)!.decorations.find();
    expect(decos.some((d) => (d as unknown as { type: { attrs?: { class?: string } } }).type.attrs?.class === 'change-inserted')).toBe(true);
    expect(decos.length).toBeGreaterThanOrEqual(3);
  });

  it('reverts one change, then all (undoably), and accept makes the doc the new original', () => {
    let state = edited();
    const first = changesState(state)!.changes[0];
    state = run(state, revertChange(0));
    expect(state.doc.child(1).textContent).toBe('其它地区的工作。');
    expect(changesState(state)!.changes.length).toBe(1);
    expect(first.fromA).toBeGreaterThan(0);

    const reverted = run(state, revertAllChanges);
    expect(reverted.doc.eq(original)).toBe(true);
    expect(changesState(reverted)!.changes.length).toBe(0);
    expect(run(reverted, undo).doc.eq(state.doc)).toBe(true);

    const accepted = run(state, acceptAllChanges);
    expect(accepted.doc.eq(state.doc)).toBe(true);
    expect(changesState(accepted)!.changes.length).toBe(0);
    expect(changesState(accepted)!.original.eq(state.doc)).toBe(true);
    expect(acceptAllChanges(accepted)).toBe(false);
  });
});

describe('changes read at the size of the edit', () => {
  const changes = (from: PMNode, to: PMNode) =>
    changesState(EditorState.create({ doc: to, plugins: [changesPlugin(from)] }))!.changes.map((c) => ({
      deleted: from.textBetween(c.fromA, c.toA),
      inserted: to.textBetween(c.fromB, c.toB),
    }));

  it('shows a two-character edit in Chinese as those characters, not the clause around them', () => {
    const before = doc(p(t('在展览现场，俄罗斯视频博主正对艺术品进行直播介绍。')));
    const after = doc(p(t('在展览现场，俄国视频博主正对艺术品进行直播介绍。')));
    expect(changes(before, after)).toEqual([{ deleted: '罗斯', inserted: '国' }]);
    expect(changeCount(before.toJSON(), after.toJSON())).toBe(1);
  });

  it('keeps whole-word changes in Latin text', () => {
    const before = doc(p(t('The minister said on Tuesday.')));
    const after = doc(p(t('The ministry said on Tuesday.')));
    expect(changes(before, after)).toEqual([{ deleted: 'minister', inserted: 'ministry' }]);
  });
});
