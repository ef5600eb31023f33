import { describe, expect, it } from 'vitest';
import { EditorState, NodeSelection, TextSelection, type Command } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { storySchema } from '../../src/lib/model/schema';
import {
  activeBlockRole,
  applyLintFix,
  createStoryState,
  insertJumpLine,
  isMarkActive,
  lintWarnings,
  setBlockRole,
  toggleInlineMark,
} from '../../src/lib/editor';
import type { LintWarning } from '../../src/lib/state/pipeline';

// Small doc builders in the style of prosemirror-test-builder (not installed).
const s = storySchema;
const t = (text: string, ...marks: string[]) => s.text(text, marks.map((m) => s.marks[m].create()));
const block = (type: string) => (...content: PMNode[]) => s.nodes[type].create(null, content);
const doc = (...content: PMNode[]) => s.nodes.doc.create(null, content);
const p = block('paragraph');
const h = block('headline');
const kicker = block('kicker');
const jump = (page: number | null, direction = 'continuedTo') => s.nodes.jump_line.create({ direction, page });

function stateOf(d: PMNode, from?: number, to?: number): EditorState {
  const state = EditorState.create({ doc: d });
  if (from === undefined) return state;
  return state.apply(state.tr.setSelection(TextSelection.create(d, from, to ?? from)));
}

function apply(state: EditorState, command: Command): EditorState | null {
  let next: EditorState | null = null;
  const ok = command(state, (tr) => {
    next = state.apply(tr);
  });
  return ok ? next : null;
}

describe('block role commands', () => {
  it('turns the paragraph with the cursor into a headline, keeping its text and marks', () => {
    const state = stateOf(doc(p(t('标题', 'strong')), p(t('正文'))), 2);
    const next = apply(state, setBlockRole('headline'))!;
    expect(next.doc.eq(doc(h(t('标题', 'strong')), p(t('正文'))))).toBe(true);
    expect(activeBlockRole(next)).toBe('headline');
  });

  it('sets every block of a selection, and reports mixed roles', () => {
    const d = doc(p(t('一')), h(t('二')), p(t('三')));
    const state = stateOf(d, 1, d.content.size - 1);
    expect(activeBlockRole(state)).toBe('mixed');
    const next = apply(state, setBlockRole('kicker'))!;
    expect(next.doc.eq(doc(kicker(t('一')), kicker(t('二')), kicker(t('三'))))).toBe(true);
  });
});

describe('mark commands', () => {
  it('toggles a dateline mark over a selection and back', () => {
    const state = stateOf(doc(p(t('本报北京1月7日电 正文'))), 1, 10);
    const marked = apply(state, toggleInlineMark('dateline'))!;
    expect(marked.doc.eq(doc(p(t('本报北京1月7日电', 'dateline'), t(' 正文'))))).toBe(true);
    expect(isMarkActive(marked, s.marks.dateline)).toBe(true);
    const unmarked = apply(marked, toggleInlineMark('dateline'))!;
    expect(unmarked.doc.eq(doc(p(t('本报北京1月7日电 正文'))))).toBe(true);
  });

  it('toggles the in-paragraph byline, em and strong marks', () => {
    const state = stateOf(doc(p(t('（记者郑莉）正文'))), 1, 7);
    const next = apply(apply(state, toggleInlineMark('byline_mark'))!, toggleInlineMark('strong'))!;
    expect(next.doc.eq(doc(p(s.text('（记者郑莉）', [s.marks.byline_mark.create(), s.marks.strong.create()]), t('正文'))))).toBe(true);
  });
});

describe('insertJumpLine', () => {
  it('inserts a jump line after the block holding the cursor', () => {
    const state = stateOf(doc(p(t('一')), p(t('二'))), 2);
    const next = apply(state, insertJumpLine('continuedTo', 2))!;
    expect(next.doc.eq(doc(p(t('一')), jump(2), p(t('二'))))).toBe(true);
  });

  it('inserts after a selected jump line, with the direction and page given', () => {
    const d = doc(p(t('一')), jump(2));
    let state = stateOf(d);
    state = state.apply(state.tr.setSelection(NodeSelection.create(d, 3)));
    const next = apply(state, insertJumpLine('continuedFrom', null))!;
    expect(next.doc.eq(doc(p(t('一')), jump(2), jump(null, 'continuedFrom')))).toBe(true);
  });
});

describe('lint plugin and fixes', () => {
  const fakeLint = (d: PMNode): LintWarning[] => {
    const out: LintWarning[] = [];
    d.descendants((node, pos) => {
      if (!node.isText) return;
      const i = node.text!.indexOf('(');
      if (i >= 0) {
        const from = pos + i;
        out.push({
          kind: 'halfwidth-punctuation',
          from,
          to: from + 1,
          text: '(',
          message: { code: 'lint.halfwidth-punctuation', params: { full: '（', half: '(' } },
          fix: { from, to: from + 1, insert: '（', label: { code: 'fix.full-width', params: { full: '（' } } },
        });
      }
    });
    return out;
  };

  it('computes warnings on creation, recomputes only when the doc changes, and a fix removes the warning', () => {
    let runs = 0;
    const counting = (d: PMNode) => {
      runs++;
      return fakeLint(d);
    };
    const state = createStoryState(doc(p(t('正文(记者)'))).toJSON(), 'zh', counting);
    expect(runs).toBe(1);
    const [w] = lintWarnings(state);
    expect(w).toMatchObject({ kind: 'halfwidth-punctuation', from: 3, to: 4 });

    const moved = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 2)));
    expect(runs).toBe(1);
    expect(lintWarnings(moved)).toBe(lintWarnings(state));

    const fixed = apply(moved, applyLintFix(w.fix!, '('))!;
    expect(runs).toBe(2);
    expect(fixed.doc.textContent).toBe('正文（记者)');
    expect(lintWarnings(fixed)).toEqual([]);
  });

  it('refuses a fix whose text is no longer there or whose range is outside the doc', () => {
    const state = stateOf(doc(p(t('正文'))));
    expect(applyLintFix({ from: 1, to: 2, insert: 'X', label: { code: 'fix.full-width', params: { full: 'X' } } }, '(')(state)).toBe(false);
    expect(applyLintFix({ from: 1, to: 99, insert: 'X', label: { code: 'fix.full-width', params: { full: 'X' } } })(state)).toBe(false);
  });

  it('a lint that throws does not break the editor', () => {
    const state = createStoryState(doc(p(t('正文'))).toJSON(), 'zh', () => {
      throw new Error('lint bug');
    });
    expect(lintWarnings(state)).toEqual([]);
  });
});

describe('createStoryState', () => {
  it('accepts every doc the importer can produce from the sample (real schema, real JSON)', () => {
    const json = doc(kicker(t('引题')), h(t('主题')), p(t('本报讯', 'dateline'), t(' 正文')), jump(2)).toJSON();
    const state = createStoryState(json, 'zh');
    expect(state.doc.toJSON()).toEqual(json);
  });
});
