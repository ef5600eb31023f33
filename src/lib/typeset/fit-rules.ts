// What makes a line good or bad, shared by first fit, total fit and the rule
// checker: tolerances, looseness, and the 孤字 (a lone character on a
// paragraph's last line).
import { A_BITS, A_FROM, AB_SINGLE, ATOM, S_START, SEG, type PreparedBlock } from './prepared';

/** Width tolerance in pt: float sums of widths are compared with this slack. */
export const EPS = 1e-6;
/** Stretch of Chinese text per gap (em) at which a line counts as loose (demerit 1 + 10). */
export const LOOSE_EM_PER_GAP = 0.15;

/** Does the line of segments [s, n) hold a single character, punctuation aside? */
export function isOrphanLine(p: PreparedBlock, s: number, n: number): boolean {
  if (p.language === 'en') return false;
  let chars = 0;
  const { i: iv, atoms, segs } = p;
  const end = iv[2 * (segs + n * SEG) + S_START]; // segment n - 1's end
  for (let a = iv[2 * (segs + s * SEG) + S_START]; a < end; a++) {
    const r2 = 2 * (atoms + a * ATOM);
    if (!(iv[r2 + A_BITS] & AB_SINGLE)) return false;
    if (!isPunctuation(p.text.charCodeAt(iv[r2 + A_FROM]))) chars++;
    if (chars > 1) return false;
  }
  return chars === 1;
}

/** Punctuation and symbols, which do not count as the lone character of a 孤字 line. */
export function isPunctuation(c: number): boolean {
  return (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) || (c >= 0x2010 && c <= 0x2027) || c === 0xb7 || (c < 0x80 && !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)));
}
