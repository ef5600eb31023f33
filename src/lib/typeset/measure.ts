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
}

/** Advances of one font in em, by code point; characters not listed take `han`. */
export interface FontMetrics {
  family: string;
  han: number;
  advances: Map<number, number>;
  /** Width of ASCII 0-127 in em, for the common path. */
  ascii: Float64Array;
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

const loaded = new Map<string, FontMetrics>();

function load(key: string): FontMetrics {
  const t = tables[key];
  if (!t) throw new Error(`no metric table ${key}`);
  const advances = new Map<number, number>();
  let i = 0;
  for (const ch of t.chars) advances.set(ch.codePointAt(0)!, t.adv[i++] / 1000);
  const han = t.han / 1000;
  const ascii = new Float64Array(128);
  for (let c = 0; c < 128; c++) ascii[c] = advances.get(c) ?? han;
  return { family: t.family, han, advances, ascii };
}

/** The metrics a face at a weight is measured with. */
export function fontMetrics(face: FaceRole, weight: number): FontMetrics {
  const key = fontKey(face, weight);
  let m = loaded.get(key);
  if (!m) loaded.set(key, (m = load(key)));
  return m;
}

/** Advance of one code point in em. */
export function advanceEm(m: FontMetrics, cp: number): number {
  return cp < 128 ? m.ascii[cp] : (m.advances.get(cp) ?? m.han);
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

/** Natural width of `text` in pt, on one line, in `style` (e.g. for headlines). */
export function measureText(text: string, style: Pick<TextStyle, 'face' | 'weight' | 'sizePt'>): number {
  return widthEm(fontMetrics(style.face, style.weight), text) * style.sizePt;
}
