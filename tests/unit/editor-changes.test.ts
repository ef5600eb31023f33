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

describe('one story, one count: the editor and the story list agree', () => {
  /** Replace every `from` with `to`, one transaction each, as a copy editor steps through the find bar. */
  function replaceEach(state: EditorState, from: string, to: string): EditorState {
    for (;;) {
      let found = -1;
      state.doc.descendants((n, pos) => {
        if (found < 0 && n.isText && n.text!.includes(from)) found = pos + n.text!.indexOf(from);
      });
      if (found < 0) return state;
      state = state.apply(state.tr.insertText(to, found, found + from.length));
    }
  }

  it('ten replacements a few characters apart are ten changes in the panel and in the list', () => {
    // Long enough that one diff of the whole story joins edits less than 15 characters apart.
    const body = '任何势力破坏哈萨克斯坦稳定，哈萨克斯坦人民不会答应。'.repeat(5) + '另外一些文字，把首尾的修改隔开。'.repeat(20);
    const before = doc(h(t('标题')), p(t(body)));
    const state = replaceEach(EditorState.create({ doc: before, plugins: [changesPlugin(before)] }), '萨克斯坦', '国');
    expect(changesState(state)!.changes.length).toBe(10);
    expect(changeCount(before.toJSON(), state.doc.toJSON())).toBe(10);
  });

  it('edits at the two ends of a long story stay two, whichever way they were made', () => {
    // More than 2,500 characters between them: one whole-story diff gives up and calls it all one change.
    const middle = Array.from({ length: 40 }, (_, i) => p(t(`第${i}段，这里是一段足够长的正文，用来把首尾的修改隔开很远很远。`.repeat(3))));
    const before = doc(h(t('标题')), p(t('其它地区的工作。')), ...middle, p(t('第二段。')));
    let state = EditorState.create({ doc: before, plugins: [changesPlugin(before)] });
    state = replaceEach(state, '其它', '其他');
    state = replaceEach(state, '第二段。', '第二段，新增。');
    expect(state.doc.content.size).toBeGreaterThan(3000);
    expect(changesState(state)!.changes.length).toBe(2);
    expect(changeCount(before.toJSON(), state.doc.toJSON())).toBe(2);
  });

  it('a paragraph split and a paragraph added are counted alike by both', () => {
    const before = doc(h(t('标题')), p(t('第一句。第二句。')), p(t('末段。')));
    let state = EditorState.create({ doc: before, plugins: [changesPlugin(before)] });
    state = state.apply(state.tr.split(1 + 2 + 1 + 4));
    state = state.apply(state.tr.insert(state.doc.content.size, p(t('新加的一段。'))));
    const n = changesState(state)!.changes.length;
    expect(n).toBe(changeCount(before.toJSON(), state.doc.toJSON()));
    expect(n).toBe(2);
  });
});
