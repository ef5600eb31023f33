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
  /** Width of ASCII 0-127 in em, for the common path. */
  ascii: Float64Array;
  /** Punctuation whose glyph changes among Han characters (zh-Hans `locl`: — is 1 em there). */
  zh: Map<number, number>;
  /** Widths of dash runs (——) shaped on their own, in em. */
  seq: Map<string, number>;
  /**
   * The advances over the BMP, for the engine's per-character loop: `values[index[cp]]` is the
   * listed advance of cp, or `han` (values[0]) when it is not listed; `values[zhIndex[cp]]` the
   * advance among Han (`zh` first). Two array reads per character, no Map.
   */
  values: Float64Array;
  index: Uint16Array;
  zhIndex: Uint16Array;
  /** Listed advances above the BMP (the tables list none today), by code point. */
  astral: Map<number, number>;
  /**
   * No code point of U+4E00–U+9FFF is listed (in `index` or `zhIndex`): every common Han
   * character takes `han`, so prepare.ts sets them without a table read.
   */
  hanUnlisted: boolean;
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

/**
 * A table's lookup form, written straight into typed arrays with plain loops: this runs when the
 * module loads, before the JIT has seen any of it, and the Maps of every listed character it built
 * before (and the strings' iterators) cost some 30 ms of the first load's main thread. A code point
 * listed twice takes its last advance, as a Map's set would.
 */
function load(t: MetricTable): FontMetrics {
  const han = t.han / 1000;
  const zhChars = t.zhChars ?? '';
  // values[0] is the Han advance every unlisted character takes; then one slot per listed advance.
  const values = new Float64Array(1 + t.adv.length + (t.zhAdv?.length ?? 0));
  values[0] = han;
  const index = new Uint16Array(0x10000);
  const astral = new Map<number, number>();
  let v = 1;
  for (let k = 0, i = 0; k < t.chars.length; k++, i++) {
    const cp = t.chars.codePointAt(k)!;
    if (cp > 0xffff) {
      k++;
      astral.set(cp, t.adv[i] / 1000);
    } else {
      values[v] = t.adv[i] / 1000;
      index[cp] = v++;
    }
  }
  const zh = new Map<number, number>();
  const zhIndex = zhChars.length ? index.slice() : index;
  for (let k = 0, i = 0; k < zhChars.length; k++, i++) {
    const cp = zhChars.codePointAt(k)!;
    if (cp > 0xffff) k++;
    const w = t.zhAdv![i] / 1000;
    zh.set(cp, w);
    if (cp <= 0xffff) {
      values[v] = w;
      zhIndex[cp] = v++;
    }
  }
  const ascii = new Float64Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = values[index[c]];
  const seq = new Map<string, number>();
  for (const k in t.seq) seq.set(k, t.seq[k] / 1000);
  let hanUnlisted = true;
  for (let cp = 0x4e00; cp <= 0x9fff && hanUnlisted; cp++) hanUnlisted = index[cp] === 0 && zhIndex[cp] === 0;
  return { family: t.family, han, ascii, zh, seq, values, index, zhIndex, astral, hanUnlisted };
}

/**
 * Every table's lookup form, built once when the module loads (seven small tables, typed
 * arrays written by plain loops: about a millisecond): derived constants that are never
 * changed afterwards, so measuring needs no cache passed in and no call history.
 */
const METRICS: Readonly<Record<string, FontMetrics>> = Object.freeze({
  'song-400': load(tables['song-400']),
  'song-700': load(tables['song-700']),
  'hei-400': load(tables['hei-400']),
  'hei-700': load(tables['hei-700']),
  'kai-500': load(tables['kai-500']),
  'latin-400': load(tables['latin-400']),
  'latin-700': load(tables['latin-700']),
});

/** The metrics a face at a weight is measured with. */
export function fontMetrics(face: FaceRole, weight: number): FontMetrics {
  const key = fontKey(face, weight);
  const m = METRICS[key];
  if (!m) throw new Error(`no metric table ${key}`);
  return m;
}

/** Advance of one code point in em. */
export function advanceEm(m: FontMetrics, cp: number): number {
  return cp < 0x10000 ? m.values[m.index[cp]] : (m.astral.get(cp) ?? m.han);
}

/** Advance in em of a punctuation mark or symbol set among Chinese text. */
export function advanceZhEm(m: FontMetrics, cp: number): number {
  return m.zh.get(cp) ?? advanceEm(m, cp);
}

/** advanceEm by table (prepare.ts's per-character loop). */
export function advanceEmFast(m: FontMetrics, cp: number): number {
  return cp < 0x10000 ? m.values[m.index[cp]] : (m.astral.get(cp) ?? m.han);
}

/** advanceZhEm by table. */
export function advanceZhEmFast(m: FontMetrics, cp: number): number {
  return cp < 0x10000 ? m.values[m.zhIndex[cp]] : (m.zh.get(cp) ?? m.astral.get(cp) ?? m.han);
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
      w += cp > 0xffff ? (m.astral.get(cp) ?? m.han) : m.values[m.index[cp]];
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
