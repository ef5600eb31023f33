import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  prepareBlock, layoutBlock, Typesetter, measureText, fitsOnOneLine, checkLines, houseStyle, cutFault,
  countLines, breakLines, noStart, noEnd, setWidth, TypesetCache, BREAK_LISTS_PER_BLOCK, type Line, type SourceBlock, type TextStyle,
} from '../../src/lib/typeset';
import { fontMetrics, advanceEm } from '../../src/lib/typeset/measure';
import { importText } from '../../src/lib/import/index';

// The house style at a 9 pt body on a 13.5 pt grid.
const house = (role: string, language: 'zh' | 'en' = 'zh') => houseStyle(role, { language, bodySizePt: 9, leadingPt: 13.5, headlinePt: 22 });
const body = house('paragraph');
const para = (text: string, key = 'p'): SourceBlock => ({ key, role: 'paragraph', runs: [{ text, marks: [] }] });
const noIndent: TextStyle = { ...body, indentEm: 0 };
const lay = (text: string, em: number, style: TextStyle = noIndent) => layoutBlock(prepareBlock(para(text), style), em * style.sizePt);
const texts = (lines: Line[]) => lines.map((l) => l.text);

const sample = readFileSync(new URL('../fixtures/front-page-zh.txt', import.meta.url), 'utf8');

/** The sample's headlines and body paragraphs as the importer finds them (an importer failure fails these tests). */
function sampleParagraphs(): string[] {
  const out: string[] = [];
  for (const s of importText(sample, { language: 'zh' }).stories) out.push(...s.headline, ...s.body);
  return out;
}

describe('clreq prohibition lists', () => {
  // clreq §6.1.1 basic level: 点号（、，。：；！？）、结束引号、结束括号、结束书名号、连接号、间隔号、分隔号 not at line start;
  // 开始引号、开始括号、开始书名号 not at line end. The layout checker adds the half-width forms.
  it('forbids clreq basic line-start characters and the half-width ones', () => {
    for (const ch of '、，。：；！？”’」』）］｝】〕〗〉》·,.:;!?)]}～–/') expect(noStart(ch), ch).toBe(true);
    for (const ch of '中国A1“（《') expect(noStart(ch), ch).toBe(false);
  });
  it('forbids clreq opening marks at line end', () => {
    for (const ch of '“‘「『（［｛【〔〖〈《([{') expect(noEnd(ch), ch).toBe(true);
    for (const ch of '中，。”）') expect(noEnd(ch), ch).toBe(false);
  });
  it('adds dashes, ellipses, iteration marks and small kana in strict setting', () => {
    for (const ch of '—…々ーっァ') {
      expect(noStart(ch, 'basic'), ch).toBe(false);
      expect(noStart(ch, 'strict'), ch).toBe(true);
    }
    expect(noEnd('/', 'strict')).toBe(true);
    expect(noEnd('/', 'basic')).toBe(false);
  });
});

describe('metric tables', () => {
  it('match the bundled font files they were built from (npm run metrics regenerates them)', async () => {
    const fontkit = await import('fontkit');
    const { FONT_FILES } = await import('../../src/lib/typeset/faces');
    for (const [key, face, weight] of [['song-400', 'song', 400], ['latin-700', 'latin', 700]] as const) {
      type Font = { unitsPerEm: number; characterSet: number[]; glyphForCodePoint(cp: number): { advanceWidth: number } };
      // A face comes in unicode-range slices: the last-declared file that has a character draws it.
      const opened = new Map<string, Font>();
      const open = (f: string) => opened.get(f) ?? opened.set(f, fontkit.create(readFileSync(new URL(`../../node_modules/${f}`, import.meta.url))) as Font).get(f)!;
      const fontFor = (cp: number) => {
        const f = [...FONT_FILES[key].files].reverse().find((x) => open(x).characterSet.includes(cp));
        return open(f ?? FONT_FILES[key].files[0]);
      };
      const m = fontMetrics(face, weight);
      for (const ch of 'AZaz09.,;:!?()-—…“”‘’%&@ 中国，。、《》（）') {
        const cp = ch.codePointAt(0)!;
        const font = fontFor(cp);
        const want = font.glyphForCodePoint(cp).advanceWidth / font.unitsPerEm;
        if (face === 'latin' && cp > 0x2fff) continue; // not in the Latin subset
        expect(advanceEm(m, cp), `${key} ${ch}`).toBeCloseTo(want, 3);
      }
    }
  });

  it('put Han and full-width punctuation on the em grid and read Latin advances from the font', () => {
    const song = fontMetrics('song', 400);
    expect(advanceEm(song, '中'.codePointAt(0)!)).toBe(1);
    expect(advanceEm(song, '，'.codePointAt(0)!)).toBe(1);
    expect(advanceEm(song, '“'.codePointAt(0)!)).toBe(1);
    // Noto Serif SC's own Latin: 'A' is 718/1000 em (read by fontkit from the woff2).
    expect(advanceEm(song, 65)).toBeCloseTo(0.718, 3);
    // LXGW WenKai sets curly quotes proportionally; the table knows it.
    expect(advanceEm(fontMetrics('kai', 400), 0x201c)).toBeLessThan(0.5);
    expect(measureText('Galley', { ...body, face: 'latin' })).toBeGreaterThan(measureText('Gall', { ...body, face: 'latin' }));
  });
  it('measures a line as the engine sets it: ¼ em between Han and Western, adjacent marks in 1.5 em', () => {
    expect(measureText('中文', body)).toBeCloseTo(18, 6);
    const digits = measureText('2022', body);
    expect(measureText('中2022文', body)).toBeCloseTo(18 + digits + 2 * 2.25, 6);
    expect(measureText('。”', body)).toBeCloseTo(13.5, 6);
    expect(measureText('，“', body)).toBeCloseTo(13.5, 6);
    expect(fitsOnOneLine('中文中文', body, 36)).toBe(true);
    expect(fitsOnOneLine('中文中文中', body, 36)).toBe(false);
  });
});

describe('Chinese line breaking', () => {
  it('sets a 2-em first-line indent and justifies every line but the last to the column', () => {
    const lines = layoutBlock(prepareBlock(para('中'.repeat(40)), body), 10 * 9);
    expect(lines[0].runs[0].x).toBe(18);
    expect(lines[0].text.length).toBe(8);
    expect(lines[1].text.length).toBe(10);
    for (const l of lines.slice(0, -1)) expect(setWidth(l)).toBeCloseTo(90, 6);
    expect(lines.at(-1)!.stretch).toBe(0);
  });

  it('pushes in first: a comma that would start a line is squeezed onto the line above', () => {
    // 一二，三四，五六七， fills the 10-em line; 八， fits only if the three commas
    // inside the line give up their blank halves and the last one is set half width.
    const lines = lay('一二，三四，五六七，八，九十', 10);
    expect(lines[0].text).toBe('一二，三四，五六七，八，');
    expect(setWidth(lines[0])).toBeCloseTo(90, 6);
    expect(lines[0].stretch).toBeLessThan(0);
    expect(lines[0].runs.at(-1)!.text.endsWith('，')).toBe(true);
    expect(checkLines(lines, { widthPt: 90 })).toEqual([]);
  });

  it('sets a full-width mark at a line end in half width (行尾标点挤压)', () => {
    const lines = lay('一二三四五六七八九，十一二三', 10);
    expect(lines[0].text).toBe('一二三四五六七八九，');
    // Justified to the column with the comma's blank half trimmed.
    expect(lines[0].naturalWidth).toBeCloseTo(85.5, 6);
    expect(setWidth(lines[0])).toBeCloseTo(90, 6);
  });

  it('pushes out when compression cannot make room: a character goes down with the mark', () => {
    // Two marks after a full line need more room than compression gives: push out.
    const lines = lay('一二三四五六七八九十。”十一二三', 10);
    expect(lines[1].text.startsWith('十。”')).toBe(true);
    expect(noStart(lines[1].text[0])).toBe(false);
    expect(checkLines(lines, { widthPt: 90 })).toEqual([]);
  });

  it('never ends a line with an opening mark', () => {
    const lines = lay('一二三四五六七八九“十一”二三四五六七八九', 10);
    for (const l of lines.slice(0, -1)) expect(noEnd(l.text.at(-1)!)).toBe(false);
    expect(lines[1].text.startsWith('“')).toBe(true);
  });

  it('keeps —— and …… whole, and numbers with their units', () => {
    for (let pad = 0; pad < 12; pad++) {
      const lines = lay('中'.repeat(pad) + '他说——我们到了……共有14.8万人，2022年增长24%，约1.3万名职工。', 10);
      expect(checkLines(lines, { widthPt: 90 }), texts(lines).join('|')).toEqual([]);
      // Each unit stands whole on one line: a line break inside it would fail this.
      for (const whole of ['——', '……', '14.8万', '2022年', '24%', '1.3万']) {
        expect(lines.some((l) => l.text.includes(whole)), `${whole} split in ${texts(lines).join('|')}`).toBe(true);
      }
    }
  });

  it('draws a justified line of plain Han characters as one run, evenly letter-spaced, and splits it where the marks change', () => {
    // 9 characters (81 pt) on an 85.5 pt line: 4.5 pt over 8 gaps.
    const lines = lay('中'.repeat(40), 9.5);
    for (const l of lines.slice(0, -1)) {
      expect(l.runs).toHaveLength(1);
      expect(l.runs[0].text).toBe(l.text);
      expect(l.runs[0].x).toBe(0);
      expect(l.runs[0].letterSpacing).toBeCloseTo(0.5625, 9);
      expect(l.runs[0].width).toBeCloseTo(85.5, 9);
    }
    const marked = layoutBlock(prepareBlock({ key: 'm', role: 'paragraph', runs: [{ text: '中'.repeat(4), marks: [] }, { text: '国'.repeat(36), marks: ['em'] }] }, noIndent), 9.5 * 9);
    expect(marked[0].runs.map((r) => [r.text, r.marks])).toEqual([['中中中中', []], ['国国国国国', ['em']]]);
    expect(marked[0].runs[1].x).toBeCloseTo(4 * (9 + 0.5625), 9);
  });

  it('keeps an atom longer than the length field of its record whole, with its end offset (a run of 5,000 dashes)', () => {
    // An atom's length is packed into its record's bits; a longer one keeps its end beside the records.
    const dashes = '—'.repeat(5000);
    const text = `他说${dashes}我们到了`;
    const lines = lay(text, 10);
    const dashLine = lines.find((l) => l.text.includes('—'))!;
    expect(dashLine.text).toBe(dashes);
    expect([dashLine.from, dashLine.to]).toEqual([2, 5002]);
    expect(dashLine.runs.map((r) => r.text)).toEqual([dashes]);
    expect(texts(lines).join('')).toBe(text);
    // Each line starts where the one before it ended: no atom's end is lost.
    for (let i = 1; i < lines.length; i++) expect(lines[i].from).toBe(lines[i - 1].to);
  });

  it('never splits a Latin word inside Chinese text', () => {
    for (let pad = 0; pad < 12; pad++) {
      const lines = lay('中'.repeat(pad) + '世界卫生组织WHO与Microsoft公司合作', 10);
      const joined = texts(lines).join('|');
      expect(joined).toContain('WHO');
      expect(joined).toContain('Microsoft');
    }
  });

  it('puts ¼ em between Han and Western text but none at a line edge', () => {
    const lines = lay('中文ABC中文', 20);
    const runs = lines[0].runs;
    const abc = runs.find((r) => r.text.startsWith('ABC') || r.text.includes('ABC'))!;
    expect(abc).toBeDefined();
    // ABC follows 中文 (18 pt) by 2.25 pt.
    expect(abc.x).toBeCloseTo(18 + 2.25, 6);
    // A line starting with Latin starts at 0.
    for (let w = 4; w < 12; w++) {
      for (const l of lay('中文中文中文ABC中文中文中文', w)) expect(l.runs[0].x).toBeCloseTo(0, 9);
    }
  });

  it('shrinks the ¼ em Han–Western space before pushing a number with its unit down', () => {
    // 层、职工资金 + 2.23亿元。 is 10.65 em natural in a 10-em column: the 、 blank and the ¼ em spaces make room.
    const lines = lay('层、职工资金2.23亿元。各级工会蹲点', 10);
    expect(lines[0].text).toBe('层、职工资金2.23亿元。');
    expect(setWidth(lines[0])).toBeCloseTo(90, 6);
    expect(lines[0].stretch).toBeLessThan(0);
    // Without the shrinkable ¼ em, 2.23亿元。 would have gone down whole, leaving a loose line of six characters.
    expect(lines[0].naturalWidth).toBeGreaterThan(90);
  });

  it('breaks an over-long Western word (a URL) only when nothing else fits, never overfilling the column', () => {
    const text = '详情请访问https://www.example.com/news/2022/0107/article-12345.html了解更多内容。';
    for (const em of [6, 8, 10]) {
      const lines = lay(text, em);
      for (const l of lines) expect(setWidth(l)).toBeLessThanOrEqual(em * 9 + 1e-6);
      expect(checkLines(lines, { widthPt: em * 9 }).filter((v) => v.kind === 'overfull' || v.kind === 'line-start' || v.kind === 'line-end')).toEqual([]);
      expect(texts(lines).join('')).toBe(text);
    }
    // Short words are never split, even in a narrow column.
    const lines = lay('中文Microsoft中文', 6);
    expect(texts(lines).join('|')).toContain('Microsoft');
  });

  it('avoids a lone character on the last line of a paragraph (孤字)', () => {
    // 21 characters at 10 em would leave one alone; the line above gives it a companion.
    const lines = lay('一二三四五六七八九十一二三四五六七八九十字', 10);
    expect(lines.at(-1)!.text.length).toBeGreaterThan(1);
    expect(checkLines(lines, { widthPt: 90 })).toEqual([]);
  });

  it('keeps every character: lines concatenate to the paragraph text, spaces aside', () => {
    for (const text of sampleParagraphs().slice(0, 20)) {
      const lines = lay(text, 11, body);
      expect(lines.map((l) => l.text).join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
    }
  });

  it('places runs that reproduce the line text in order, within the column', () => {
    for (const text of sampleParagraphs().slice(0, 20)) {
      for (const l of lay(text, 12, body)) {
        expect(l.runs.map((r) => r.text).join('')).toBe(l.text.replace(/ /g, ''));
        for (let i = 1; i < l.runs.length; i++) expect(l.runs[i].x).toBeGreaterThan(l.runs[i - 1].x);
        expect(setWidth(l)).toBeLessThanOrEqual(108 + 1e-6);
      }
    }
  });
});

describe('the real sample', () => {
  it('has zero rule violations at 9 pt in columns of 10 to 14 em', () => {
    const paragraphs = sampleParagraphs();
    expect(paragraphs.length).toBeGreaterThan(20);
    for (const em of [10, 11, 12, 13, 14]) {
      const lines = paragraphs.flatMap((t, i) => layoutBlock(prepareBlock(para(t, `p${i}`), body), em * 9, i));
      expect(lines.length).toBeGreaterThan(300);
      expect(checkLines(lines, { widthPt: em * 9 }), `${em} em`).toEqual([]);
      expect(checkLines(lines, { widthPt: em * 9, level: 'strict' }).filter((v) => v.kind !== 'line-start')).toEqual([]);
    }
  });

  it('obeys the strict level when asked', () => {
    const paragraphs = sampleParagraphs();
    for (const em of [10, 13]) {
      const lines = paragraphs.flatMap((t, i) => layoutBlock(prepareBlock(para(t, `p${i}`), body, { level: 'strict' }), em * 9, i));
      expect(checkLines(lines, { widthPt: em * 9, level: 'strict' })).toEqual([]);
    }
  });
});

describe('the rule checker', () => {
  const mk = (text: string, block = 0, extra: Partial<Line> = {}): Line => ({ block, from: 0, to: text.length, text, naturalWidth: 0, stretch: 0, leadingPt: 13.5, sizePt: 9, firstOfBlock: false, lastOfBlock: false, runs: [{ text, x: 0, width: text.length * 9, marks: [] }], ...extra });
  it('reports every kind of violation', () => {
    const kinds = (lines: Line[], w?: number) => checkLines(lines, { widthPt: w }).map((v) => v.kind);
    expect(kinds([mk('一二三'), mk('，四五')])).toContain('line-start');
    expect(kinds([mk('一二三“'), mk('四五')])).toContain('line-end');
    expect(kinds([mk('一二三,'), mk(')四五')])).toContain('line-start');
    expect(kinds([mk('共有14.'), mk('8万人')])).toContain('split-number');
    expect(kinds([mk('共有2022'), mk('年')])).toContain('split-number');
    expect(kinds([mk('Micro', 0, { to: 5 }), mk('soft', 0, { from: 5 })])).toContain('split-word');
    expect(kinds([mk('他说—'), mk('—我们')])).toContain('split-word');
    expect(kinds([mk('一二三四五')], 36)).toContain('overfull');
    expect(kinds([mk('一二三四'), mk('字', 0, { lastOfBlock: true })])).toContain('orphan-char');
    expect(kinds([mk('一二三四'), mk('字。', 0, { lastOfBlock: true })])).toContain('orphan-char');
    expect(kinds([mk('一二三四'), mk('二字', 0, { lastOfBlock: true })])).toEqual([]);
  });
});

describe('Latin line breaking', () => {
  const en = house('paragraph', 'en');
  const text = 'The quick brown fox jumps over the lazy dog while the typesetter measures every word of this extraordinarily comprehensive sentence, breaking lines only where Unicode allows.';
  it('breaks only at UAX #14 opportunities and justifies by word spacing', () => {
    const lines = layoutBlock(prepareBlock(para(text), en, { hyphenate: false }), 120);
    expect(lines.length).toBeGreaterThan(3);
    const words = new Set(text.split(/\s+/));
    for (const l of lines) for (const w of l.text.split(' ')) expect(words.has(w), w).toBe(true);
    // Every line with a word space is justified to the column (a lone long word cannot be, without letterspacing).
    for (const l of lines.slice(0, -1)) if (l.text.includes(' ')) expect(setWidth(l)).toBeCloseTo(120, 6);
    // No letterspacing in Latin: runs carry no letterSpacing.
    for (const l of lines) for (const r of l.runs) expect(r.letterSpacing ?? 0).toBe(0);
  });
  it('shrinks word spaces to no less than 0.8 of their width', () => {
    const p = prepareBlock(para(text), en);
    for (let w = 80; w < 200; w += 7) {
      for (const l of layoutBlock(p, w)) {
        const gaps = l.runs.slice(1).map((r, i) => r.x - (l.runs[i].x + l.runs[i].width));
        for (const g of gaps) expect(g).toBeGreaterThanOrEqual(p.space * 0.8 - 1e-6);
      }
    }
  });
  it('breaks an over-long word (a URL) only when it cannot fit a line alone', () => {
    const url = 'Read more at https://www.example.com/news/2022/0107/article-12345.html today, the editors said.';
    for (const w of [60, 80, 120]) {
      const lines = layoutBlock(prepareBlock(para(url), en, { hyphenate: false }), w);
      for (const l of lines) expect(setWidth(l)).toBeLessThanOrEqual(w + 1e-6);
      expect(lines.map((l) => l.text).join(' ').replace(/\s+/g, '')).toBe(url.replace(/\s+/g, ''));
    }
    // An ordinary long word that fits is not broken.
    const lines = layoutBlock(prepareBlock(para('The responsibilities of the newsroom are clear.'), en), 120);
    expect(lines.map((l) => l.text).join(' ')).toContain('responsibilities');
  });

  it('justifies at word spaces only: never inside a hyphenated compound or beside a dash', () => {
    // "a well- known" and "13. — The" in a justified column: the break opportunity after a hard
    // hyphen or a dash is not a word space, and must not open into one.
    const compounds = 'WASHINGTON, Jan. 13.—The house committee heard that a well-known banker of New York, a self-governing man of twenty-five years, will be offered the treasury—or so the long-awaited word went.';
    let seen = 0;
    for (let w = 90; w < 200; w += 5) {
      for (const l of layoutBlock(prepareBlock(para(compounds), en, { hyphenate: false }), w)) {
        const gaps = l.runs.slice(1).filter((r, i) => r.x - (l.runs[i].x + l.runs[i].width) > 0.01).length;
        const spaces = (l.text.trim().match(/ +/g) ?? []).length;
        expect(gaps, `${w} pt: ${l.text}`).toBe(spaces);
        if (/\w-\w|\w—\w|\.—\w/.test(l.text)) seen++;
      }
    }
    expect(seen).toBeGreaterThan(10);
  });

  it('hyphenates with the en-us patterns when asked', () => {
    const p = prepareBlock(para(text), en, { hyphenate: true });
    const lines = layoutBlock(p, 100);
    expect(lines.some((l) => l.text.endsWith('-'))).toBe(true);
    const rejoined = lines.map((l) => (l.text.endsWith('-') ? l.text.slice(0, -1) : l.text + ' ')).join('').trim();
    expect(rejoined).toBe(text);
    expect(checkLines(lines, { widthPt: 100 }).filter((v) => v.kind === 'overfull')).toEqual([]);
  });
});

describe('Typesetter cache', () => {
  const story = (edited = ''): SourceBlock[] => [
    { key: 'h', role: 'headline', runs: [{ text: '第九次全国职工队伍状况调查正式启动', marks: [] }] },
    { key: 'a', role: 'paragraph', runs: [{ text: '本报北京1月7日电 ', marks: ['dateline'] }, { text: '全国总工会今天召开第九次全国职工队伍状况调查动员部署会，正式启动这项涉及亿万职工的重大调查工作。', marks: [] }] },
    { key: 'b', role: 'paragraph', runs: [{ text: '会议强调，要坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的十九届六中全会精神。' + edited, marks: [] }] },
    { key: 'c', role: 'paragraph', runs: [{ text: '日前，全总已成立第九次全国职工队伍状况调查领导小组，并印发调查方案。本次调查设置12个分课题、1个网络调查课题。', marks: [] }] },
  ];
  const styleOf = (role: string) => house(role);
  it('re-prepares only the edited block', () => {
    const ts = new Typesetter();
    const first = ts.typeset(story(), styleOf, { widthPt: 99 });
    expect(ts.prepared).toBe(4);
    ts.typeset(story(), styleOf, { widthPt: 120 });
    expect(ts.prepared).toBe(4);
    const edited = ts.typeset(story('新增一句。'), styleOf, { widthPt: 99 });
    expect(ts.prepared).toBe(5);
    expect(edited.length).toBeGreaterThanOrEqual(first.length);
    // Marks survive into the runs.
    expect(first.find((l) => l.block === 1)!.runs[0].marks).toEqual(['dateline']);
  });
  it('ends a line at a hard break', () => {
    expect(texts(lay('第一行\n第二行文字', 20))).toEqual(['第一行', '第二行文字']);
  });

  it('forgets the least recently used blocks beyond its capacity', () => {
    const ts = new Typesetter(3);
    ts.typeset(story(), styleOf, { widthPt: 99 });
    // Four blocks, room for three: h (used least recently) was dropped, a, b and c were kept.
    expect(ts.size).toBe(3);
    ts.typeset(story().slice(1), styleOf, { widthPt: 99 });
    expect(ts.prepared).toBe(4);
    ts.typeset(story().slice(0, 1), styleOf, { widthPt: 99 });
    expect(ts.prepared).toBe(5);
    expect(ts.size).toBe(3);
  });

  it('stays bounded over 10,000 re-typesettings of changing text', () => {
    const ts = new Typesetter(64);
    const probe = prepareBlock(para('中'.repeat(40)), body);
    let lines = 0;
    for (let i = 0; i < 10_000; i++) {
      // An edit (new text under a key) and a continuation (a new key each time), at a changing width.
      const blocks = [para(`第${i}次修改的段落，文字每次不同。`, `p${i % 10}`), para(`续${i}`.repeat(3), `p/@${i}`)];
      lines += ts.typeset(blocks, styleOf, { widthPt: 90 + (i % 50) }).length;
      breakLines(probe, 60 + i, ts.cache);
      expect(ts.size).toBeLessThanOrEqual(64);
    }
    expect(lines).toBeGreaterThan(20_000);
    expect(ts.prepared).toBe(20_000);
    expect(ts.size).toBe(64);
    expect(ts.cache.listCount(probe)).toBe(BREAK_LISTS_PER_BLOCK);
  });

  it('reuses computed breaks from the cache it is given, and computes the same without one', () => {
    const p = prepareBlock(para('中'.repeat(45)), body);
    const cache = new TypesetCache();
    const first = breakLines(p, 90, cache);
    expect(breakLines(p, 90, cache)).toBe(first);
    expect(breakLines(p, 90)).toEqual(first);
    expect(breakLines(p, 90)).not.toBe(first);
  });

  it('counts lines without building them and names widow and orphan cuts', () => {
    const p = prepareBlock(para('中'.repeat(45)), body);
    expect(countLines(p, 90)).toBe(breakLines(p, 90).length - 1);
    const lines = layoutBlock(p, 90);
    expect(cutFault(lines, 0)).toBe('orphan');
    expect(cutFault(lines, lines.length - 2)).toBe('widow');
    expect(cutFault(lines, 1)).toBeNull();
  });
});
