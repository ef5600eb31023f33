import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection, type Command } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { storySchema as s } from '../../src/lib/model/schema';
import { checkHouseStyle, parseHouseStyle, STARTER_HOUSE_STYLE, starterHouseStyle } from '../../src/lib/lint/house-style';
import { applyHouseStyle, applyHouseStyleAtCursor, houseStyleHits, houseStylePlugin, setHouseStyle } from '../../src/lib/editor/house-style';

const t = (text: string) => s.text(text);
const p = (...c: PMNode[]) => s.nodes.paragraph.create(null, c);
const doc = (...c: PMNode[]) => s.nodes.doc.create(null, c);

function run(state: EditorState, cmd: Command): EditorState {
  let next = state;
  expect(cmd(state, (tr) => (next = state.apply(tr)))).toBe(true);
  return next;
}

describe('checkHouseStyle (pure)', () => {
  it('finds Chinese forms anywhere and Latin forms as whole words, any case, never the preferred form', () => {
    const hits = checkHouseStyle('其它单位惟一的办法；covid-19 and COVID-19, Covid-19s', STARTER_HOUSE_STYLE);
    expect(hits.map((h) => [h.params.wrong, h.params.preferred])).toEqual([
      ['其它', '其他'],
      ['惟一', '唯一'],
      ['covid-19', 'COVID-19'],
    ]);
    expect(hits[0]).toMatchObject({ code: 'house-style', from: 0, to: 2 });
  });

  it('starts an English edition on English forms only and a Chinese edition on its whole list', () => {
    const en = starterHouseStyle('en');
    expect(en.length).toBeGreaterThan(0);
    expect(en.filter((e) => /[\u3000-\u9fff]/.test(e.wrong + e.preferred))).toEqual([]);
    expect(starterHouseStyle('zh')).toEqual(STARTER_HOUSE_STYLE);
    expect(starterHouseStyle('zh').some((e) => e.wrong === '其它')).toBe(true);
    expect(checkHouseStyle('web site, 其它', en).map((h) => h.params.wrong)).toEqual(['web site']);
  });

  it('reads back an exported list and refuses anything else', () => {
    expect(parseHouseStyle(JSON.stringify([{ wrong: 'a', preferred: 'b' }]))).toEqual([{ wrong: 'a', preferred: 'b' }]);
    expect(parseHouseStyle('{"wrong":1}')).toBeNull();
    expect(parseHouseStyle('not json')).toBeNull();
  });
});

describe('house-style plugin', () => {
  const d = doc(p(t('其它地区')), p(t('惟一')));

  it('checks as you type, rechecks when the list changes, and fixes one hit', () => {
    let state = EditorState.create({ doc: d, plugins: [houseStylePlugin([{ wrong: '其它', preferred: '其他' }])] });
    expect(houseStyleHits(state).map((h) => [h.from, h.to])).toEqual([[1, 3]]);
    state = state.apply(state.tr.insertText('其它', 1));
    expect(houseStyleHits(state)).toHaveLength(2);
    state = run(state, setHouseStyle([...STARTER_HOUSE_STYLE]));
    expect(houseStyleHits(state)).toHaveLength(3);
    state = run(state, applyHouseStyle(houseStyleHits(state)[0]));
    expect(state.doc.child(0).textContent).toBe('其他其它地区');
  });

  it('fixes the hit under the cursor with one key, and does nothing elsewhere', () => {
    let state = EditorState.create({ doc: d, plugins: [houseStylePlugin(STARTER_HOUSE_STYLE)] });
    const inHit = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 2)));
    expect(run(inHit, applyHouseStyleAtCursor).doc.child(0).textContent).toBe('其他地区');
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 4)));
    expect(applyHouseStyleAtCursor(state)).toBe(false);
  });
});
