import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { undo, history, undoDepth } from 'prosemirror-history';
import type { Node as PMNode } from 'prosemirror-model';
import { storySchema as s } from '../../src/lib/model/schema';
import {
  EMPTY_FIND,
  countMatches,
  findInEdition,
  findNext,
  findPrev,
  findQuery,
  foldedPattern,
  replaceAll,
  replaceAllInDoc,
  replaceNext,
  search,
  setSearchState,
  widthVariants,
  type FindOptions,
} from '../../src/lib/editor/find';

const t = (text: string) => s.text(text);
const p = (...c: PMNode[]) => s.nodes.paragraph.create(null, c);
const h = (...c: PMNode[]) => s.nodes.headline.create(null, c);
const doc = (...c: PMNode[]) => s.nodes.doc.create(null, c);
const opts = (o: Partial<FindOptions>): FindOptions => ({ ...EMPTY_FIND, ...o });

function withQuery(d: PMNode, o: Partial<FindOptions>): EditorState {
  const state = EditorState.create({ doc: d, plugins: [history(), search()] });
  return state.apply(setSearchState(state.tr, findQuery(opts(o)).query!));
}
function run(state: EditorState, cmd: (s: EditorState, d?: (tr: import('prosemirror-state').Transaction) => void) => boolean): EditorState {
  let next = state;
  expect(cmd(state, (tr) => (next = state.apply(tr)))).toBe(true);
  return next;
}

describe('findQuery', () => {
  it('gives no query and no error for an empty search, and a coded error for a bad pattern', () => {
    expect(findQuery(EMPTY_FIND)).toEqual({ query: null, error: null });
    const bad = findQuery(opts({ search: 'a(b', regexp: true }));
    expect(bad.query).toBeNull();
    expect(bad.error?.code).toBe('find.badPattern');
    expect(bad.error?.params.detail).toMatch(/\(|group|parenthes/i);
  });

  it('folds full-width and half-width forms into one character class', () => {
    expect(widthVariants(',')).toBe(',，');
    expect(widthVariants('（')).toBe('(（');
    expect(widthVariants('Ａ')).toBe('AＡ');
    expect(widthVariants('中')).toBe('中');
    expect(new RegExp(foldedPattern('(记者)')).test('（记者）')).toBe(true);
  });
});

describe('find in one story (prosemirror-search)', () => {
  const d = doc(h(t('Covid 报道')), p(t('其它地区，其它单位（记者）')), p(t('covid cases, other Covid')));

  it('counts plain, case-sensitive, whole-word and width-folded matches', () => {
    expect(countMatches(d, opts({ search: '其它' }))).toBe(2);
    expect(countMatches(d, opts({ search: 'covid' }))).toBe(3);
    expect(countMatches(d, opts({ search: 'covid', caseSensitive: true }))).toBe(1);
    expect(countMatches(d, opts({ search: 'other', wholeWord: true }))).toBe(1);
    expect(countMatches(d, opts({ search: 'cov', wholeWord: true }))).toBe(0);
    expect(countMatches(d, opts({ search: '(记者)' }))).toBe(0);
    expect(countMatches(d, opts({ search: '(记者)', foldWidth: true }))).toBe(1);
    expect(countMatches(d, opts({ search: '其.', regexp: true }))).toBe(2);
  });

  it('moves to next and previous matches, and replaces one then all in one undo step', () => {
    let state = withQuery(d, { search: '其它', replace: '其他' });
    state = run(state, findNext);
    const first = state.selection.from;
    state = run(state, findNext);
    expect(state.selection.from).toBeGreaterThan(first);
    state = run(state, findPrev);
    expect(state.selection.from).toBe(first);
    state = run(state, replaceNext);
    expect(state.doc.textContent).toContain('其他地区，其它单位');
    const depth = undoDepth(state);
    state = run(state, replaceAll);
    expect(state.doc.textContent).not.toContain('其它');
    expect(undoDepth(state)).toBe(depth + 1);
    state = run(state, undo);
    expect(state.doc.textContent).toContain('其他地区，其它单位');
  });

  it('a width-folded plain search keeps a $ in the replacement literal', () => {
    let state = withQuery(doc(p(t('价格(元)'))), { search: '(元)', replace: '（$）', foldWidth: true });
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 1)));
    state = run(state, replaceAll);
    expect(state.doc.textContent).toBe('价格（$）');
  });
});

describe('find across the edition', () => {
  const stories = [
    { id: 'a', doc: doc(p(t('其它地区'))).toJSON() },
    { id: 'b', doc: doc(p(t('没有'))).toJSON() },
    { id: 'c', doc: doc(h(t('其它')), p(t('唯一、其它'))).toJSON() },
  ];

  it('lists every match with its story, position and context', () => {
    const results = findInEdition(stories, opts({ search: '其它' }));
    expect(results.map((r) => r.storyId)).toEqual(['a', 'c', 'c']);
    expect(results[0]).toMatchObject({ from: 1, to: 3, before: '', match: '其它', after: '地区' });
    expect(results[2]).toMatchObject({ before: '唯一、', match: '其它' });
  });

  it('replaces all in a story doc and counts, or says nothing matched', () => {
    const done = replaceAllInDoc(stories[2].doc, opts({ search: '其它', replace: '其他' }))!;
    expect(done.count).toBe(2);
    expect(s.nodeFromJSON(done.doc).textContent).toBe('其他唯一、其他');
    expect(replaceAllInDoc(stories[1].doc, opts({ search: '其它', replace: '其他' }))).toBeNull();
    expect(findInEdition(stories, opts({ search: '(', regexp: true }))).toEqual([]);
  });
});
