// The incremental lint and house-style plugins must always agree with a full
// re-check of the doc they end up with, whatever edits led there.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState, type Transaction } from 'prosemirror-state';
import type { Node as PMNode } from 'prosemirror-model';
import { storySchema as s } from '../../src/lib/model/schema';
import { lintDoc, lintText, type LintWarning } from '../../src/lib/lint';
import { checkHouseStyle, type HouseStyleHit } from '../../src/lib/lint/house-style';
import { lintPlugin, lintWarnings } from '../../src/lib/editor/lint';
import { houseStyleHits, houseStylePlugin } from '../../src/lib/editor/house-style';

const ENTRIES = [
  { wrong: '其它', preferred: '其他' },
  { wrong: 'covid-19', preferred: 'COVID-19' },
];

// Pieces that make every rule fire and stop firing as they are cut and joined.
const PIECES = ['工匠', '精神', '、', '，', '。', '(', ')', ',', '“', '”', '《', '》', '（', '）', '其', '它', 'the ', 'The', ' ', 'covid-19', '中文', 'a'];
const piece = fc.constantFrom(...PIECES);
const text = fc.array(piece, { minLength: 0, maxLength: 8 }).map((a) => a.join(''));

const para = (t: string) => s.nodes.paragraph.create(null, t ? s.text(t) : null);
const startDoc = fc
  .tuple(
    fc.array(text, { minLength: 1, maxLength: 5 }),
    fc.constantFrom<null | { direction: string; page: number | null }>(null, { direction: 'continuedTo', page: null }, { direction: 'continuedTo', page: 3 }),
  )
  .map(([ps, jump]) => {
    const blocks: PMNode[] = [s.nodes.headline.create(null, s.text('标题(一)')), ...ps.map(para)];
    if (jump) blocks.push(s.nodes.jump_line.create(jump));
    return s.nodes.doc.create(null, blocks);
  });

type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'split'; at: number }
  | { kind: 'replace'; at: number; len: number; text: string };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: text.filter((t) => t.length > 0) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('split' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 6 }), text }),
);

/** Apply an edit at a valid place, or not at all when the doc has no such place (the step throws). */
function applyEdit(tr: Transaction, e: Edit): void {
  const size = tr.doc.content.size;
  const at = 1 + (e.at % Math.max(1, size - 1));
  try {
    if (e.kind === 'insert') tr.insertText(e.text, at);
    else if (e.kind === 'delete') tr.delete(at, Math.min(size - 1, at + e.len));
    else if (e.kind === 'split') {
      if (tr.doc.resolve(at).parent.isTextblock) tr.split(at);
    } else tr.insertText(e.text, at, Math.min(size - 1, at + e.len));
  } catch {
    /* an edit the schema refuses leaves the doc as it was */
  }
}

const key = (w: LintWarning) => JSON.stringify([w.from, w.to, w.kind, w.text, w.message, w.fix]);
const hitKey = (h: HouseStyleHit) => JSON.stringify([h.from, h.to, h.params]);

function fullHits(doc: PMNode): HouseStyleHit[] {
  const out: HouseStyleHit[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    for (const h of checkHouseStyle(node.textBetween(0, node.content.size, undefined, '\n'), ENTRIES)) out.push({ ...h, from: h.from + pos + 1, to: h.to + pos + 1 });
    return false;
  });
  return out;
}

describe('incremental lint equals a full re-lint', () => {
  it('when a split and a join leave a hit spanning a block boundary (found by the property below)', () => {
    // " 工匠，）co" deleted leaves "vid-19" under the covid-19 hit; a split inside it and a
    // deletion from the headline into the first half left the mapped hit across the boundary.
    const doc = s.nodes.doc.create(null, [s.nodes.headline.create(null, s.text('标题(一)')), para(' 工匠，）covid-19'), para('。《，工匠')]);
    let state = EditorState.create({ doc, plugins: [lintPlugin('zh'), houseStylePlugin(ENTRIES)] });
    state = state.apply(state.tr.delete(8, 15).split(10).delete(5, 11));
    expect(state.doc.toString()).toBe('doc(headline("标题(一"), paragraph("d-19"), paragraph("。《，工匠"))');
    expect(houseStyleHits(state)).toEqual([]);
    expect(lintWarnings(state).map(key).sort()).toEqual(lintDoc(state.doc, 'zh').map(key).sort());
  });

  it('after random transactions of one or more edits', () => {
    fc.assert(
      fc.property(startDoc, fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), (doc, transactions) => {
        let state = EditorState.create({ doc, plugins: [lintPlugin('zh'), houseStylePlugin(ENTRIES)] });
        for (const edits of transactions) {
          const tr = state.tr;
          for (const e of edits) applyEdit(tr, e);
          state = state.apply(tr);
          expect(lintWarnings(state).map(key).sort()).toEqual(lintDoc(state.doc, 'zh').map(key).sort());
          expect(houseStyleHits(state).map(hitKey).sort()).toEqual(fullHits(state.doc).map(hitKey).sort());
        }
      }),
      { numRuns: 200 },
    );
  });

  it('in English too (doubled words)', () => {
    fc.assert(
      fc.property(startDoc, fc.array(edit, { minLength: 1, maxLength: 10 }), (doc, edits) => {
        let state = EditorState.create({ doc, plugins: [lintPlugin('en')] });
        for (const e of edits) {
          const tr = state.tr;
          applyEdit(tr, e);
          state = state.apply(tr);
        }
        expect(lintWarnings(state).map(key).sort()).toEqual(lintDoc(state.doc, 'en').map(key).sort());
      }),
      { numRuns: 200 },
    );
  });

  it('re-lints only the paragraph a keystroke lands in: the other warnings keep their objects', () => {
    const doc = s.nodes.doc.create(null, [para('正文(一)。'), para('工匠、工匠。'), para('其它(二)。')]);
    const state = EditorState.create({ doc, plugins: [lintPlugin('zh')] });
    const before = lintWarnings(state);
    expect(before.map((w) => w.kind)).toEqual(['halfwidth-punctuation', 'halfwidth-punctuation', 'repeated-phrase', 'halfwidth-punctuation', 'halfwidth-punctuation']);
    // Typing at the end of the second paragraph: the first paragraph's warnings are the same objects.
    const typed = state.apply(state.tr.insertText('好', doc.child(0).nodeSize + doc.child(1).nodeSize - 1));
    const after = lintWarnings(typed);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
    // The third paragraph's warnings moved by one position, with their fixes.
    expect(after[3]).toMatchObject({ from: before[3].from + 1, fix: { from: before[3].fix!.from + 1 } });
  });

  it('tells each block it re-lints, with the count the list would lint for that text', () => {
    fc.assert(
      fc.property(startDoc, fc.array(edit, { minLength: 1, maxLength: 10 }), (doc, edits) => {
        const told: [string, number][] = [];
        let state = EditorState.create({ doc, plugins: [lintPlugin('zh', undefined, (text, n) => told.push([text, n]))] });
        for (const e of edits) {
          const tr = state.tr;
          applyEdit(tr, e);
          told.length = 0;
          state = state.apply(tr);
          for (const [text, n] of told) expect(n, text).toBe(lintText(text, 'zh').length);
          // Every textblock the edit left changed is among them.
          if (tr.docChanged) {
            const texts = new Set(told.map(([t]) => t));
            const before = new Set<string>();
            tr.before.forEach((b) => void before.add(b.textContent));
            state.doc.forEach((b) => {
              if (b.isTextblock && !before.has(b.textContent)) expect(texts.has(b.textContent), b.textContent).toBe(true);
            });
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
