// Text tests shared by the importer and the lint (sentence ends, OCR noise,
// language): a leaf below both, so neither imports the other.
import { isHan, isLatinLetter } from './unicode';

export { isHan, isLatinLetter, isUpper, isDigit } from './unicode';

/** Closing quotes and brackets that may follow the full stop of a sentence. */
const CLOSERS = new Set('”’"\'」』）)》】]〕'.split(''));
/** Marks that end a sentence, in Chinese and in English. */
const TERMINALS = new Set('。！？!?….．'.split(''));
/** OCR debris that is not content: column rules and speckle read as characters. */
export const NOISE = new Set('|¦■▪'.split(''));
/** The same test on a char code, for the per-line hot path (no one-character strings made). */
export function isNoiseCode(c: number): boolean {
  return c === 0x7c || c === 0xa6 || c === 0x25a0 || c === 0x25aa;
}

/** Whether the text ends a sentence: a copy editor's test for "this paragraph is complete". */
export function endsSentence(s: string): boolean {
  let i = s.length - 1;
  while (i >= 0 && (CLOSERS.has(s[i]) || NOISE.has(s[i]) || s[i] === ' ')) i--;
  return i >= 0 && TERMINALS.has(s[i]);
}

/**
 * A last paragraph that is one bracketed note — "（本报莫斯科电）", "（综合本报记者刘维涛、赵婀娜报道）",
 * "（完）": the closing dateline or attribution Chinese papers set at a story's foot. It ends the
 * story though no full stop does; a story cut off inside such a note lacks its closing bracket.
 */
export function isClosingNote(s: string): boolean {
  const t = s.trim();
  const open = t[0];
  const close = open === '（' ? '）' : open === '(' ? ')' : null;
  if (!close || t.length < 3 || t[t.length - 1] !== close) return false;
  const inner = t.slice(1, -1);
  return !/[（()）]/.test(inner) && inner.trim().length > 0;
}

/** Han characters against Latin letters in (a sample of) the text. */
export function detectLanguage(text: string): 'zh' | 'en' {
  let han = 0;
  let latin = 0;
  const n = Math.min(text.length, 200_000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3400 && isHan(c)) han++;
    else if (isLatinLetter(c)) latin++;
  }
  // One Han character carries about a word, a word about five letters.
  return han * 3 >= latin && han > 0 ? 'zh' : 'en';
}

/** FNV-1a, for stable-ish ids. */
export function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
