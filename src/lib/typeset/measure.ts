// Measurement from the committed metric tables (see scripts/build-metrics.ts
// for why tables, not canvas): identical numbers in Node and in the browser.
import type { FaceRole, TextStyle } from './types';
import { fontKey } from './faces';
import song400 from './metrics/song-400.json';
import song700 from './metrics/song-700.json';
import hei400 from './metrics/hei-400.json';
import hei700 from './metrics/hei-700.json';
import kai500 from './metrics/kai-500.json';
import latin400 from './metrics/latin-400.json';
import latin700 from './metrics/latin-700.json';

interface MetricTable {
  family: string;
  weight: number;
  han: number;
  chars: string;
  adv: number[];
  zhChars?: string;
  zhAdv?: number[];
  seq?: Record<string, number>;
}

/** Advances of one font in em, by code point; characters not listed take `han`. */
export interface FontMetrics {
  family: string;
  han: number;
  advances: Map<number, number>;
  /** Width of ASCII 0-127 in em, for the common path. */
  ascii: Float64Array;
  /** Punctuation whose glyph changes among Han characters (zh-Hans `locl`: — is 1 em there). */
  zh: Map<number, number>;
  /** Widths of dash runs (——) shaped on their own, in em. */
  seq: Map<string, number>;
  /**
   * The same advances as a table over the BMP, for the engine's per-character
   * loop: `values[index[cp]]` is `advances.get(cp) ?? han`, and `values[zhIndex[cp]]`
   * the advance among Han (`zh` first). Two array reads instead of two Map look-ups.
   */
  values: Float64Array;
  index: Uint16Array;
  zhIndex: Uint16Array;
}

const tables: Record<string, MetricTable> = {
  'song-400': song400,
  'song-700': song700,
  'hei-400': hei400,
  'hei-700': hei700,
  'kai-500': kai500,
  'latin-400': latin400,
  'latin-700': latin700,
};

function load(t: MetricTable): FontMetrics {
  const advances = new Map<number, number>();
  let i = 0;
  for (const ch of t.chars) advances.set(ch.codePointAt(0)!, t.adv[i++] / 1000);
  const han = t.han / 1000;
  const ascii = new Float64Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = advances.get(c) ?? han;
  const zh = new Map<number, number>();
  i = 0;
  for (const ch of t.zhChars ?? '') zh.set(ch.codePointAt(0)!, t.zhAdv![i++] / 1000);
  const seq = new Map<string, number>();
  for (const [k, v] of Object.entries(t.seq ?? {})) seq.set(k, v / 1000);
  // values[0] is the Han advance every unlisted character takes.
  const values = [han];
  const index = new Uint16Array(0x10000);
  for (const [cp, w] of advances) if (cp < 0x10000) index[cp] = values.push(w) - 1;
  const zhIndex = zh.size ? index.slice() : index;
  for (const [cp, w] of zh) if (cp < 0x10000) zhIndex[cp] = values.push(w) - 1;
  return { family: t.family, han, advances, ascii, zh, seq, values: Float64Array.from(values), index, zhIndex };
}

/**
 * Every table's lookup form, built once when the module loads (seven small
 * tables, well under a millisecond): derived constants that are never changed
 * afterwards, so measuring needs no cache passed in and no call history.
 */
const METRICS: Readonly<Record<string, FontMetrics>> = Object.freeze(Object.fromEntries(Object.entries(tables).map(([key, t]) => [key, load(t)])));

/** The metrics a face at a weight is measured with. */
export function fontMetrics(face: FaceRole, weight: number): FontMetrics {
  const key = fontKey(face, weight);
  const m = METRICS[key];
  if (!m) throw new Error(`no metric table ${key}`);
  return m;
}

/** Advance of one code point in em. */
export function advanceEm(m: FontMetrics, cp: number): number {
  return cp < 128 ? m.ascii[cp] : (m.advances.get(cp) ?? m.han);
}

/** Advance in em of a punctuation mark or symbol set among Chinese text. */
export function advanceZhEm(m: FontMetrics, cp: number): number {
  return m.zh.get(cp) ?? advanceEm(m, cp);
}

/** advanceEm by table (prepare.ts's per-character loop). */
export function advanceEmFast(m: FontMetrics, cp: number): number {
  return cp < 0x10000 ? m.values[m.index[cp]] : (m.advances.get(cp) ?? m.han);
}

/** advanceZhEm by table. */
export function advanceZhEmFast(m: FontMetrics, cp: number): number {
  return cp < 0x10000 ? m.values[m.zhIndex[cp]] : (m.zh.get(cp) ?? m.advances.get(cp) ?? m.han);
}

/**
 * Width in em of text as the browser draws it in a Chinese paragraph: letters
 * and digits with their own advances, punctuation as shaped among Han.
 */
export function widthZhEm(m: FontMetrics, text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    w += m.zh.size && !isAlnum(cp) ? advanceZhEm(m, cp) : advanceEm(m, cp);
  }
  return w;
}

/**
 * Width in em the browser gives a PlacedRun's text drawn alone in its span:
 * a dash run as the font shapes it alone, Chinese punctuation as among Han.
 */
export function runWidthEm(m: FontMetrics, text: string, language: 'zh' | 'en'): number {
  const dash = m.seq.get(text);
  if (dash !== undefined && language === 'zh') return dash;
  return language === 'zh' ? widthZhEm(m, text) : widthEm(m, text);
}

function isAlnum(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0xc0 && cp <= 0x24f);
}

/** Width in em of a string as the browser sets it without kerning (sum of advances). */
export function widthEm(m: FontMetrics, text: string): number {
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 128) w += m.ascii[c];
    else {
      const cp = text.codePointAt(i)!;
      if (cp > 0xffff) i++;
      w += m.advances.get(cp) ?? m.han;
    }
  }
  return w;
}

/**
 * Plain sum of advances in pt (no ¼ em spacing, no punctuation compression).
 * index.ts measureText is the width the engine actually sets; use that one.
 */
export function measurePlain(text: string, style: Pick<TextStyle, 'face' | 'weight' | 'sizePt'>): number {
  return widthEm(fontMetrics(style.face, style.weight), text) * style.sizePt;
}
