// Page-wide measures the segmenter compares lines against.
import type { SourceLine } from './lines';
import type { SegmentContext } from './segment';
import type { ImportLanguage } from './types';
import type { PageLayout } from './web';
import { emptyEvidence, type HyphenEvidence } from './hyphens';
import { endsSentence } from '../model/text';

/** The usual gap between paragraphs, and (English) the usual line length. */
export function measureLines(lines: SourceLine[]): { usualGap: number; measure: number } {
  const gaps = new Map<number, number>();
  // A histogram, not a sort: line lengths past 200 all count as long.
  const lengths = new Uint32Array(202);
  let counted = 0;
  const step = Math.max(1, Math.floor(lines.length / 20000));
  for (let i = 1; i < lines.length; i += step) {
    gaps.set(lines[i].gap, (gaps.get(lines[i].gap) ?? 0) + 1);
    if (lines[i].kind === 'text' || lines[i].kind === 'dateline') {
      lengths[Math.min(201, lines[i].text.length)]++;
      counted++;
    }
  }
  let usualGap = 0;
  let best = -1;
  for (const [gap, n] of gaps) if (n > best || (n === best && gap < usualGap)) [usualGap, best] = [gap, n];
  // In hard-wrapped columns most lines follow their neighbour with no blank line, so the
  // commonest gap (none) says nothing about paragraphs. When the dump has two sizes of
  // gap, the smaller and commoner one separates paragraphs, the larger ones separate items.
  if (usualGap === 0) {
    let smallest = Infinity;
    for (const g of gaps.keys()) if (g > 0 && g < smallest) smallest = g;
    let larger = false;
    let commoner = true;
    for (const [g, n] of gaps) {
      if (g > smallest) {
        larger = true;
        if (n >= (gaps.get(smallest) ?? 0)) commoner = false;
      }
    }
    if (larger && commoner) usualGap = smallest;
  }
  let measure = 60;
  for (let len = 0, seen = 0; len < lengths.length && counted; len++) {
    seen += lengths[len];
    if (seen * 2 > counted) {
      measure = len;
      break;
    }
  }
  return { usualGap, measure };
}

const COMPOUND = /[A-Za-z]+-[A-Za-z]+/g;

const isAsciiLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Whether the line ends in a letter and a hyphen: its last word is half a word. */
const endsSplit = (t: string) => t.length > 1 && t.charCodeAt(t.length - 1) === 45 && isAsciiLetter(t.charCodeAt(t.length - 2));

/**
 * How the text prints its words, as evidence for line-end hyphens (hyphens.ts):
 * hyphenated words printed whole inside a line, and whole words. Only the words a
 * decision can ask about are kept: for each split "head-" / "tail", the joined word,
 * the head and the tail. (Keeping every word cost a string per word of the page.)
 * The halves of a word split at a line end are no evidence and are left out.
 */
export function collectEvidence(lines: SourceLine[], into: HyphenEvidence = emptyEvidence(), from = 0, to = lines.length): HyphenEvidence {
  // 1. The words a decision may ask about, and a cheap filter on them: first letter by length.
  const wanted = new Set<string>();
  const letters = new Uint32Array(64);
  const want = (w: string) => {
    if (w.length < 2 || w.length >= 64) return;
    wanted.add(w);
    letters[w.length] |= 1 << (w.charCodeAt(0) - 97);
  };
  for (let i = Math.max(from, 1); i < to; i++) {
    const prev = lines[i - 1].text;
    if (!endsSplit(prev)) continue;
    const t = lines[i].text;
    let k = 0;
    while (k < t.length && isAsciiLetter(t.charCodeAt(k))) k++;
    let h = prev.length - 1;
    while (h > 0 && isAsciiLetter(prev.charCodeAt(h - 1))) h--;
    const head = prev.slice(h, prev.length - 1).toLowerCase();
    const tail = t.slice(0, k).toLowerCase();
    want(head + tail);
    want(head);
    want(tail);
  }
  // A line ending in a word and the next opening with one in lower case: the halves of a word
  // whose hyphen the text lost, perhaps (hyphens.ts, lostHyphen).
  for (let i = Math.max(from, 1); i < to; i++) {
    const prev = lines[i - 1].text;
    const t = lines[i].text;
    if (!isAsciiLetter(prev.charCodeAt(prev.length - 1)) || !(t.charCodeAt(0) >= 97 && t.charCodeAt(0) <= 122)) continue;
    let h = prev.length;
    while (h > 0 && isAsciiLetter(prev.charCodeAt(h - 1))) h--;
    let k = 0;
    while (k < t.length && isAsciiLetter(t.charCodeAt(k))) k++;
    if (!isAsciiLetter(t.charCodeAt(k)) && k < 20 && prev.length - h < 20) {
      const head = prev.slice(h).toLowerCase();
      const tail = t.slice(0, k).toLowerCase();
      want(head + tail);
      want(head);
      want(tail);
    }
  }
  // 2. One pass over the words; a string is made only for a word that may be wanted.
  let prevSplit = from > 0 && endsSplit(lines[from - 1].text);
  for (let i = from; i < to; i++) {
    const t = lines[i].text;
    const split = endsSplit(t);
    let a = 0;
    let b = t.length;
    if (prevSplit) while (a < b && isAsciiLetter(t.charCodeAt(a))) a++;
    if (split) {
      b--;
      while (b > a && isAsciiLetter(t.charCodeAt(b - 1))) b--;
    }
    prevSplit = split;
    if (t.indexOf('-') >= 0) {
      for (const m of t.slice(a, b).matchAll(COMPOUND)) into.compounds.add(m[0].toLowerCase());
    }
    if (!wanted.size) continue;
    let w = -1;
    for (let k = a; k <= b; k++) {
      const letter = k < b && isAsciiLetter(t.charCodeAt(k));
      if (letter) {
        if (w < 0) w = k;
      } else if (w >= 0) {
        const len = k - w;
        if (len > 1 && len < 64 && letters[len] & (1 << ((t.charCodeAt(w) | 32) - 97))) {
          const word = t.slice(w, k).toLowerCase();
          if (wanted.has(word)) {
            into.words.add(word);
            // Inside the line: neither the line's first word nor its last.
            if (w > 0 && /\S/.test(t.slice(0, w)) && /\S/.test(t.slice(k))) (into.innerWords ??= new Set()).add(word);
          }
        }
        w = -1;
      }
    }
  }
  return into;
}

export function segmentContext(lines: SourceLine[], language: ImportLanguage, evidence: HyphenEvidence, layout: PageLayout = 'print'): SegmentContext {
  const measured = measureLines(lines);
  return { language, ...measured, evidence, linePerParagraph: layout !== 'print' || (language === 'zh' && measured.usualGap === 0 && wholeParagraphLines(lines)) };
}

/** Share of a page's long lines that must end a sentence for each line to be a paragraph. */
const WHOLE_SHARE = 0.97;
/** A line this long is text, not a title (see isHeadingZh's 80). */
const LONG_LINE = 80;

/**
 * Chinese text with no blank line between its lines is either a column set line by line (lines
 * cut anywhere) or a web page saved without indents, one line per paragraph: there, nearly every
 * long line ends its sentence, and a short line that does not (a 小标题, a "——…指出" source line)
 * is a paragraph of its own, never the start of the next line's sentence.
 */
function wholeParagraphLines(lines: SourceLine[]): boolean {
  let long = 0;
  let whole = 0;
  for (const L of lines) {
    if (L.text.length < LONG_LINE) continue;
    long++;
    if (endsSentence(L.text)) whole++;
  }
  return long >= 2 && whole >= WHOLE_SHARE * long;
}
