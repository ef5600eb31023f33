// The engine's per-character tables (clreq.ts CP_CLASS, measure.ts index/values) must say
// exactly what the character lists and metric files they are built from say, for every
// code point of the BMP: prepare.ts reads only the tables.
import { describe, expect, it } from 'vitest';
import {
  cpClass, noEndCp, noStartCp, RIGHT_BLANK, LEFT_BLANK, WORD_INNER, NUMBER_SUFFIX, NUMBER_PREFIX, UNITS, DASHES,
  CP_NO_START_BASIC, CP_NO_START_STRICT, CP_NO_END_BASIC, CP_NO_END_STRICT, CP_RIGHT_BLANK, CP_LEFT_BLANK, CP_BLANK_STOP,
  CP_WORD_INNER, CP_NUMBER_SUFFIX, CP_NUMBER_PREFIX, CP_UNIT, CP_DASH, CP_DATE_UNIT,
} from '../../src/lib/typeset/clreq';
import { advanceEm, advanceEmFast, advanceZhEm, advanceZhEmFast, fontMetrics } from '../../src/lib/typeset/measure';
import type { FaceRole } from '../../src/lib/typeset/types';
import { preparedColumns, type PreparedBlock } from '../../src/lib/typeset/prepared';

const has = (s: string) => new Set([...s].map((c) => c.codePointAt(0)!));

describe('per-character tables', () => {
  it('class bits agree with the clreq lists and functions for every code point', () => {
    const lists: [number, Set<number>][] = [
      [CP_RIGHT_BLANK, has(RIGHT_BLANK)],
      [CP_LEFT_BLANK, has(LEFT_BLANK)],
      [CP_BLANK_STOP, has('、，。．')],
      [CP_WORD_INNER, has(WORD_INNER)],
      [CP_NUMBER_SUFFIX, has(NUMBER_SUFFIX)],
      [CP_NUMBER_PREFIX, has(NUMBER_PREFIX)],
      [CP_UNIT, has(UNITS)],
      [CP_DASH, has(DASHES)],
      [CP_DATE_UNIT, has('年月日号时')],
    ];
    let mismatches = 0;
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x10000 ? 1 : 0x3ff) {
      const c = cpClass(cp);
      const want =
        (noStartCp(cp, 'basic') ? CP_NO_START_BASIC : 0) |
        (noStartCp(cp, 'strict') ? CP_NO_START_STRICT : 0) |
        (noEndCp(cp, 'basic') ? CP_NO_END_BASIC : 0) |
        (noEndCp(cp, 'strict') ? CP_NO_END_STRICT : 0) |
        lists.reduce((bits, [bit, set]) => bits | (set.has(cp) ? bit : 0), 0);
      if (c !== want) mismatches++;
    }
    expect(mismatches).toBe(0);
    // And the table is not empty: the common marks carry their classes.
    expect(cpClass(0x3002) & CP_NO_START_BASIC).toBeTruthy();
    expect(cpClass(0x201c) & CP_LEFT_BLANK).toBeTruthy();
    expect(cpClass(0x4e07) & CP_UNIT).toBeTruthy();
  });

  it('advance tables give the metric files’ advances for every BMP code point of every face', async () => {
    const { readFileSync } = await import('node:fs');
    const faces: [FaceRole, number, string][] = [['song', 400, 'song-400'], ['song', 700, 'song-700'], ['hei', 400, 'hei-400'], ['hei', 700, 'hei-700'], ['kai', 500, 'kai-500'], ['latin', 400, 'latin-400'], ['latin', 700, 'latin-700']];
    for (const [face, weight, file] of faces) {
      // What the tables are built from, read as Maps here (the committed JSON, as measure.ts imports it).
      const t = JSON.parse(readFileSync(new URL(`../../src/lib/typeset/metrics/${file}.json`, import.meta.url), 'utf8')) as { han: number; chars: string; adv: number[]; zhChars?: string; zhAdv?: number[] };
      const listed = new Map([...t.chars].map((c, i) => [c.codePointAt(0)!, t.adv[i] / 1000]));
      const zhListed = new Map([...(t.zhChars ?? '')].map((c, i) => [c.codePointAt(0)!, t.zhAdv![i] / 1000]));
      const m = fontMetrics(face, weight);
      let bad = 0;
      for (let cp = 0; cp < 0x10000; cp++) {
        const plain = listed.get(cp) ?? t.han / 1000;
        const amongHan = zhListed.get(cp) ?? plain;
        if (advanceEmFast(m, cp) !== plain || advanceEm(m, cp) !== plain || advanceZhEmFast(m, cp) !== amongHan || advanceZhEm(m, cp) !== amongHan) bad++;
      }
      for (const cp of [0x20000, 0x2a6d6, 0x1f600]) if (advanceEmFast(m, cp) !== advanceEm(m, cp) || advanceZhEmFast(m, cp) !== advanceZhEm(m, cp) || advanceEm(m, cp) !== t.han / 1000) bad++;
      expect(bad, `${face} ${weight}`).toBe(0);
      expect(listed.size).toBeGreaterThan(100);
    }
    // A zh-Hans punctuation advance differs from its plain one somewhere (the table is not just the plain one).
    const song = fontMetrics('song', 400);
    expect([...song.zh.keys()].some((cp) => advanceZhEmFast(song, cp) !== advanceEmFast(song, cp))).toBe(true);
  });
});

describe('common Han set without a table read (HAN_PLAIN)', () => {
  it('a face says it lists no common Han only when none is listed, and a listed one keeps its own advance', async () => {
    const { prepareBlock } = await import('../../src/lib/typeset/prepare');
    const { houseStyle } = await import('../../src/lib/typeset');
    const faces: [FaceRole, number][] = [['song', 400], ['song', 700], ['hei', 400], ['hei', 700], ['kai', 500], ['latin', 400], ['latin', 700]];
    for (const [face, weight] of faces) {
      const m = fontMetrics(face, weight);
      let listed = false;
      for (let cp = 0x4e00; cp <= 0x9fff; cp++) if (advanceZhEmFast(m, cp) !== m.han || advanceEmFast(m, cp) !== m.han) listed = true;
      expect(m.hanUnlisted, `${face} ${weight}`).toBe(!listed);
    }
    // The kai table lists 巟 (U+5DDF) narrower than an em: it is not set at the Han advance.
    expect(fontMetrics('kai', 500).hanUnlisted).toBe(false);
    const text = '巟中文霝，“巟”。';
    for (const face of ['kai', 'song'] as const) {
      const style = { ...houseStyle('paragraph', { language: 'zh', bodySizePt: 9, leadingPt: 13.5, headlinePt: 26 }), face, weight: face === 'kai' ? (500 as 400) : (400 as const) };
      const m = fontMetrics(style.face, style.weight);
      const cols = preparedColumns(prepareBlock({ key: 'k', role: 'paragraph', runs: [{ text, marks: [] }] }, style)) as { atomFrom: number[]; atomAdvance: number[] };
      const want = cols.atomFrom.map((from) => advanceZhEm(m, text.codePointAt(from)!) * style.sizePt);
      expect(cols.atomAdvance, face).toEqual(want);
    }
    expect(advanceZhEm(fontMetrics('kai', 500), 0x5ddf)).not.toBe(fontMetrics('kai', 500).han);
  });
});

describe('prepare working arrays reused across blocks', () => {
  it('a block prepared after others in the same scratch equals it prepared fresh', async () => {
    const { readFileSync } = await import('node:fs');
    const { prepareBlock } = await import('../../src/lib/typeset/prepare');
    const { PrepareScratch } = await import('../../src/lib/typeset/atoms');
    const { houseStyle } = await import('../../src/lib/typeset');
    const read = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8');
    const paras = [...read('front-page-zh.txt').split('\n'), ...read('en-ocr-1913.txt').split('\n'), '“好！”（今日谈）', '2022年1月7日电——', 'COVID-19 疫情', '']
      .map((s) => s.trim());
    const scratch = new PrepareScratch();
    const plain = (p: PreparedBlock) => JSON.stringify(preparedColumns(p), (k, v) => (k === 'style' ? undefined : ArrayBuffer.isView(v) ? Array.from(v as unknown as number[]) : v));
    let compared = 0;
    // Long and short blocks alternate (the scratch holds a longer block's leftovers), some with marks.
    for (const [i, text] of paras.entries()) {
      for (const role of ['paragraph', 'headline', 'byline']) {
        for (const language of ['zh', 'en'] as const) {
          const style = houseStyle(role, { language, bodySizePt: 9, leadingPt: 13.5, headlinePt: 26 });
          const runs = i % 3 === 0 && text.length > 12 ? [{ text: text.slice(0, 6), marks: ['dateline'] }, { text: text.slice(6), marks: [] }] : [{ text, marks: [] }];
          const block = { key: `b${i}`, role, runs };
          expect(plain(prepareBlock(block, style, {}, undefined, scratch))).toBe(plain(prepareBlock(block, style)));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe('prepared blocks carved from shared slabs (arena.ts)', () => {
  it('hands out non-overlapping ranges of doubles; a big request that does not fit gets a buffer of its own and the slab stays in use', async () => {
    const { Arena } = await import('../../src/lib/typeset/arena');
    const arena = new Arena(128);
    const a = arena.take(10);
    const slab = arena.f64;
    const b = arena.take(3);
    expect([a, b]).toEqual([0, 10]);
    expect(arena.f64).toBe(slab);
    expect(arena.i32.buffer).toBe(slab.buffer); // the same memory as integers
    expect(arena.take(120)).toBe(0); // does not fit and is more than a quarter slab: its own buffer
    expect(arena.f64).not.toBe(slab);
    expect(arena.f64.length).toBe(120);
    expect(arena.take(8)).toBe(13); // back in the slab, after b
    expect(arena.f64).toBe(slab);
    // The end of the last range given back: the next range starts there.
    expect(arena.take(20)).toBe(21);
    arena.release(25);
    expect(arena.take(4)).toBe(25);
    for (let k = 0; k < 3; k++) arena.take(30); // 29 + 90 = 119 of 128
    expect(arena.f64).toBe(slab);
    expect(arena.take(30)).toBe(0);
    expect(arena.f64).not.toBe(slab); // the slab was full: a new one
    expect(arena.f64.length).toBe(128);
    expect(new Arena(0).take(5)).toBe(0);
  });

  it('every block a Typesetter prepared is still what a fresh prepare gives after a page more was carved after it', async () => {
    const { readFileSync } = await import('node:fs');
    const { prepareBlock } = await import('../../src/lib/typeset/prepare');
    const { Typesetter, houseStyle } = await import('../../src/lib/typeset');
    const text = readFileSync(new URL('../fixtures/front-page-zh.txt', import.meta.url), 'utf8');
    const paras = text.split('\n').map((s) => s.trim()).filter((s) => s.length);
    const plain = (p: PreparedBlock) => JSON.stringify(preparedColumns(p), (k, v) => (k === 'style' ? undefined : ArrayBuffer.isView(v) ? Array.from(v as unknown as number[]) : v));
    const ts = new Typesetter();
    const kept = paras.flatMap((para, i) =>
      (['paragraph', 'headline'] as const).map((role) => {
        const style = houseStyle(role, { language: 'zh', bodySizePt: 9, leadingPt: 13.5, headlinePt: 26 });
        const block = { key: `${role}${i}`, role, runs: [{ text: para, marks: [] }] };
        return { block, style, p: ts.prepare(block, style) };
      }),
    );
    // Several blocks share a slab, and more than one slab was used.
    const buffers = new Set(kept.map(({ p }) => p.f.buffer));
    expect(buffers.size).toBeGreaterThan(1);
    expect(buffers.size).toBeLessThan(kept.length / 2);
    for (const { block, style, p } of kept) expect(plain(p)).toBe(plain(prepareBlock(block, style)));
  });
});

describe('word starts kept per Typesetter', () => {
  it('a headline set at several sizes segments once and prepares as fresh; the kept texts are bounded', async () => {
    const { prepareBlock } = await import('../../src/lib/typeset/prepare');
    const { PrepareScratch, WORD_STARTS_KEPT, wordStarts } = await import('../../src/lib/typeset/atoms');
    const { houseStyle } = await import('../../src/lib/typeset');
    const plain = (p: PreparedBlock) => JSON.stringify(preparedColumns(p), (k, v) => (k === 'style' ? undefined : ArrayBuffer.isView(v) ? Array.from(v as unknown as number[]) : v));
    const scratch = new PrepareScratch(4096);
    const block = { key: 'h', role: 'headline', runs: [{ text: '2022年春运首日全国铁路发送旅客超过一千万人次', marks: [] }] };
    for (const headlinePt of [18, 22, 26, 30]) {
      const style = houseStyle('headline', { language: 'zh', bodySizePt: 9, leadingPt: 13.5, headlinePt });
      expect(plain(prepareBlock(block, style, {}, undefined, scratch))).toBe(plain(prepareBlock(block, style)));
    }
    expect(scratch.wordStartsKept).toBe(1);
    const fresh = new Uint8Array(block.runs[0].text.length + 1);
    wordStarts(block.runs[0].text, 'zh', [5], fresh);
    expect(Array.from(scratch.wordStartsOf(block.runs[0].text, 'zh', [5]))).toEqual(Array.from(fresh));
    for (let i = 0; i < WORD_STARTS_KEPT + 10; i++) scratch.wordStartsOf(`标题${i}`, 'zh', []);
    expect(scratch.wordStartsKept).toBe(WORD_STARTS_KEPT);
  });
});

describe('word starts walked with containing() (atoms.ts wordStarts)', () => {
  it('are the boundaries of Intl.Segmenter’s iterator over each piece, for every line of the zh and en fixtures', async () => {
    const { readFileSync } = await import('node:fs');
    const { wordStarts } = await import('../../src/lib/typeset/atoms');
    // What wordStarts did before: the iterator over each piece cut after a date unit.
    const iterated = (text: string, language: 'zh' | 'en', cuts: number[]): number[] => {
      const out = new Array<number>(text.length + 1).fill(0);
      const seg = new Intl.Segmenter(language, { granularity: 'word' });
      let from = 0;
      for (const to of [...cuts, text.length]) {
        if (to <= from) continue;
        for (const w of seg.segment(text.slice(from, to))) out[from + w.index] = 1;
        from = to;
      }
      return out;
    };
    let checked = 0;
    for (const [file, language] of [['front-page-zh.txt', 'zh'], ['zh-web-dump.txt', 'zh'], ['en-ocr-1913.txt', 'en']] as const) {
      const lines = readFileSync(new URL(`../fixtures/${file}`, import.meta.url), 'utf8').split('\n').map((s) => s.trim()).filter((s) => s.length);
      for (const text of lines) {
        // Cuts after every 年/月/日 (as unitEnds gives for dates), and none.
        const cuts = [...text.matchAll(/[年月日]/g)].map((m) => m.index! + 1);
        for (const c of [cuts, []]) {
          const out = new Uint8Array(text.length + 1);
          wordStarts(text, language, c, out);
          expect(Array.from(out)).toEqual(iterated(text, language, c));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('a Typesetter writes a style\'s part of the signature once per style and options', () => {
  it('gives the signature signatureOf gives, and a change of options on the same style object still prepares again', async () => {
    const { Typesetter, houseStyle } = await import('../../src/lib/typeset');
    const { signatureOf } = await import('../../src/lib/typeset/prepare');
    const t = new Typesetter();
    const block = { key: 'k', role: 'paragraph', runs: [{ text: '中文 text，', marks: ['em'] }, { text: '再见', marks: [] }] };
    const style = houseStyle('paragraph', { language: 'zh', bodySizePt: 9.5, leadingPt: 14.25, headlinePt: 24.7 });
    const basic = t.prepare(block, style);
    expect(basic.signature).toBe(signatureOf(block, style, 'basic', 'zh', false));
    expect(t.prepare(block, style)).toBe(basic);
    expect(t.prepared).toBe(1);
    const strict = t.prepare(block, style, { level: 'strict' });
    expect(strict.signature).toBe(signatureOf(block, style, 'strict', 'zh', false));
    expect(t.prepared).toBe(2);
    // An equal style in a new object: the same signature, a cache hit.
    expect(t.prepare(block, { ...style }, { level: 'strict' })).toBe(strict);
    expect(t.prepared).toBe(2);
  });
});

describe('segment records count their blanks and ¼ em spaces (prepared.ts segSqueeze, segPads)', () => {
  it('give the same doubles as summing the segment’s atoms one by one, as the engine did before the records', async () => {
    const { readFileSync } = await import('node:fs');
    const { prepareBlock } = await import('../../src/lib/typeset/prepare');
    const { houseStyle } = await import('../../src/lib/typeset');
    const text = readFileSync(new URL('../fixtures/front-page-zh.txt', import.meta.url), 'utf8');
    // 《好》: two blanks in one segment; 3.2万 and 5G网络: a ¼ em inside a segment.
    const paras = [...text.split('\n').map((s) => s.trim()).filter((s) => s.length), '他读《好》书，“新”的（旧）。', '增长3.2万人，5G网络覆盖。'];
    let multi = 0;
    let quarters = 0;
    for (const para of paras) {
      for (const size of [9, 9.6, 26]) {
        const style = houseStyle('paragraph', { language: 'zh', bodySizePt: size, leadingPt: size * 1.5, headlinePt: size * 2.6 });
        const c = preparedColumns(prepareBlock({ key: 'k', role: 'paragraph', runs: [{ text: para, marks: [] }] }, style)) as Record<string, number[]>;
        for (let s = 0; s < c.segStart.length; s++) {
          let sq = c.atomSqueeze[c.segStart[s]];
          let pads = 0;
          for (let a = c.segStart[s] + 1; a < c.segEnd[s]; a++) {
            sq += c.atomSqueeze[a];
            if (c.atomQuarter[a]) pads += c.atomPad[a];
          }
          expect(c.segSqueeze[s]).toBe(sq);
          expect(c.segPads[s]).toBe(pads);
          if (sq > c.atomSqueeze[c.segStart[s]]) multi++;
          if (pads > 0) quarters++;
        }
      }
    }
    // The cases the counts are for occurred.
    expect(multi).toBeGreaterThan(0);
    expect(quarters).toBeGreaterThan(0);
  });
});
