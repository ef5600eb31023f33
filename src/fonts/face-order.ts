// The face table's order of code points as text (face-table.ts): each bin either its
// characters as they are ('L…', a frequency-ordered bin: no shorter form) or, when its code
// points rise (a bin in code-point order), their differences in base 36 ('D4e00,3,1a…'),
// which gzip to half the characters' UTF-8. Bins are joined by '|'.
import type { FaceTable } from './face-table-types';

/** Bins of code points → the text. */
export function encodeOrder(bins: number[][]): string {
  return bins
    .map((cps) =>
      cps.every((c, i) => i === 0 || c > cps[i - 1]) ? 'D' + cps.map((c, i) => (i ? c - cps[i - 1] : c).toString(36)).join(',') : 'L' + String.fromCodePoint(...cps),
    )
    .join('|');
}

/** The text → the code points, bins one after the other. */
export function decodeOrder(text: string): number[] {
  const out: number[] = [];
  if (!text) return out;
  for (const bin of text.split('|')) {
    if (bin[0] === 'L') {
      for (const ch of bin.slice(1)) out.push(ch.codePointAt(0)!);
      continue;
    }
    let cp = 0;
    for (const d of bin.slice(1).split(',')) out.push((cp += parseInt(d, 36)));
  }
  return out;
}

/**
 * Every piece of one face of the table (face-table-types.ts), by file name, with its code
 * points: the table read the long way, bin by bin (the bench and the tests; the loader
 * finds one character's piece directly). `order` is the whole order, common and rare.
 */
export function piecesOf(table: FaceTable, order: number[], key: string): Map<string, number[]> {
  const face = table.faces.find((f) => f.key === key);
  if (!face) throw new Error(`no face ${key} in the table`);
  const lacks = new Set([...face.lacks].map((c) => c.codePointAt(0)!));
  const out = new Map<string, number[]>();
  table.bins.forEach((start, b) => {
    const end = b + 1 < table.bins.length ? table.bins[b + 1] : table.total;
    const k = face.k[b];
    if (!k) return;
    for (let at = start; at < end; at += k) {
      const cps = order.slice(at, Math.min(at + k, end)).filter((cp) => !lacks.has(cp));
      if (cps.length) out.set(`${face.key}-${at}.woff2`, cps);
    }
  });
  return out;
}
