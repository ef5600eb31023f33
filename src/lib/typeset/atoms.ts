// Splitting a block into atoms: a Han character, a Western word or number
// (with its sign and unit), a punctuation mark, a hyphenation syllable. Break
// opportunities fall only between atoms; prepare.ts measures them and groups
// them into segments. Also the dictionary word boundaries headlines break at.
import LineBreaker from 'linebreak';
import { hyphenateSync } from './hyphenation';
import type { SourceBlock } from './types';
import { advanceEm, type FontMetrics } from './measure';
import { isCjk, isWestern, WORD_INNER, NUMBER_SUFFIX, NUMBER_PREFIX, UNITS, RIGHT_BLANK, LEFT_BLANK, DASHES } from './clreq';

// Code-point sets of the clreq classes, for the per-character loops below.
const cpSet = (s: string) => new Set([...s].map((c) => c.codePointAt(0)!));
const WORD_INNER_CP = cpSet(WORD_INNER);
const NUMBER_SUFFIX_CP = cpSet(NUMBER_SUFFIX);
const NUMBER_PREFIX_CP = cpSet(NUMBER_PREFIX);
const UNITS_CP = cpSet(UNITS);
const DASHES_CP = cpSet(DASHES);
export const RIGHT_BLANK_CP = cpSet(RIGHT_BLANK);
export const LEFT_BLANK_CP = cpSet(LEFT_BLANK);

export interface Atom {
  from: number;
  to: number;
  marks: number;
  kind: 'cjk' | 'western' | 'other';
  /** No break allowed before this atom, whatever the characters. */
  glued: boolean;
  /** Spaces before the atom (source whitespace), as a width in pt. */
  spaceBefore: number;
  forcedBefore: boolean;
  hyphenBefore: boolean;
  /** Drawn in a run of its own (a dash, whose glyphs the font joins when shaped alone). */
  alone?: boolean;
  /** Inside an over-long Western word: a break before it only when nothing else fits. */
  emergency?: boolean;
}

/** Western words longer than this (URLs, long compounds) may be broken between characters when nothing else fits. */
const LONG_WORD = 12;

/** No-break space: joins its neighbours. */
export const NBSP = 0xa0;

function cpAt(text: string, i: number): number {
  return text.codePointAt(i)!;
}
function cpLen(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** The plain text of a block and the mark set of each UTF-16 position. */
export function flatten(block: SourceBlock): { text: string; markAt: Int32Array; marks: string[][] } {
  const text = block.runs.map((r) => r.text).join('');
  const markAt = new Int32Array(text.length);
  const marks: string[][] = [];
  const ids = new Map<string, number>();
  let pos = 0;
  for (const run of block.runs) {
    const k = [...run.marks].sort().join(',');
    let id = ids.get(k);
    if (id === undefined) {
      id = marks.length;
      ids.set(k, id);
      marks.push([...run.marks].sort());
    }
    markAt.fill(id, pos, pos + run.text.length);
    pos += run.text.length;
  }
  if (marks.length === 0) marks.push([]);
  return { text, markAt, marks };
}

/**
 * Spaces: gaps between atoms, never drawn at a line edge. U+3000 (the
 * ideographic space after a 电头) is one too: at a line start or end it has no
 * width, and only the style's first-line indent indents a paragraph.
 */
export function isSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x09 || cp === 0x0d || cp === 0x3000 || (cp >= 0x2002 && cp <= 0x200a);
}

/**
 * Atoms of Chinese text: one per CJK character; a Western word or number with
 * its sign, decimal point and percent sign whole (clreq §6.1.2, §6.1.4); a
 * number glued to the measure word after it.
 */
export function chineseAtoms(text: string, markAt: Int32Array, m: FontMetrics, size: number): Atom[] {
  const atoms: Atom[] = [];
  let space = 0;
  let forced = false;
  let i = 0;
  let prevNumber = false;
  let unitsTaken = 0;
  const push = (from: number, to: number, kind: Atom['kind'], glued: boolean) => {
    atoms.push({ from, to, marks: markAt[from] ?? 0, kind, glued, spaceBefore: space, forcedBefore: forced, hyphenBefore: false });
    space = 0;
    forced = false;
  };
  while (i < text.length) {
    const cp = cpAt(text, i);
    if (cp === 0x0a) {
      forced = true;
      i++;
      prevNumber = false;
      continue;
    }
    if (isSpace(cp)) {
      space += advanceEm(m, cp) * size;
      i++;
      prevNumber = false;
      continue;
    }
    const startsWord = isWestern(cp) || (NUMBER_PREFIX_CP.has(cp) && i + 1 < text.length && isDigit(text.charCodeAt(i + 1)) && !(atoms.length && space === 0 && atoms[atoms.length - 1].kind === 'western'));
    if (startsWord) {
      let j = i + cpLen(cp);
      while (j < text.length) {
        const c = cpAt(text, j);
        if (isWestern(c)) j += cpLen(c);
        else if (WORD_INNER_CP.has(c) && j + 1 < text.length && isWestern(cpAt(text, j + 1))) j += cpLen(c);
        else if (NUMBER_SUFFIX_CP.has(c) && isDigit(text.charCodeAt(j - 1))) j += cpLen(c);
        else break;
      }
      // Split at mark boundaries (a run change inside a word) but keep the pieces glued.
      // An over-long word is split into characters, with emergency breaks between them.
      let k = i;
      let first = true;
      const long = j - i > LONG_WORD;
      for (let p = i + 1; p <= j; p++) {
        if (p === j || markAt[p] !== markAt[k] || (long && !(text.charCodeAt(p) >= 0xdc00 && text.charCodeAt(p) <= 0xdfff))) {
          push(k, p, 'western', !first);
          if (long && !first) atoms[atoms.length - 1].emergency = true;
          first = false;
          k = p;
        }
      }
      prevNumber = isDigit(text.charCodeAt(j - 1)) || NUMBER_SUFFIX_CP.has(text.charCodeAt(j - 1));
      unitsTaken = 0;
      i = j;
      continue;
    }
    const n = cpLen(cp);
    if (cp === NBSP) {
      // A no-break space joins its neighbours; it sets as a space inside the segment.
      push(i, i + n, 'other', true);
      i += n;
      prevNumber = false;
      continue;
    }
    if (cp === 0x2014) {
      // 破折号: the whole run of dashes is one atom, never split (clreq §6.1.2), drawn alone.
      let j = i + 1;
      while (j < text.length && text.charCodeAt(j) === 0x2014 && markAt[j] === markAt[i]) j++;
      push(i, j, 'cjk', false);
      atoms[atoms.length - 1].alone = true;
      i = j;
      prevNumber = false;
      continue;
    }
    let glued = false;
    const prev = atoms[atoms.length - 1];
    if (prev && space === 0 && !forced) {
      // ——, …… are one mark (clreq §6.1.2); a number keeps its unit (14.8万, 1.3万名).
      if (DASHES_CP.has(cp) && prev.to - prev.from === n && text.codePointAt(prev.from) === cp) glued = true;
      // One unit character only (14.8万, 2022年): 328.13万|人 and 2022年|1月 may break (clreq §6.1.2 keeps no more together).
      if (prevNumber && UNITS_CP.has(cp) && unitsTaken < 1) {
        glued = true;
        unitsTaken++;
      } else {
        prevNumber = false;
      }
      if (NBSP === text.charCodeAt(prev.from)) glued = true;
    } else prevNumber = false;
    push(i, i + n, isCjk(cp) ? 'cjk' : 'other', glued);
    i += n;
  }
  return atoms;
}

/**
 * Where each number with a date unit ends (2022年|, 7日|): dates only, for the
 * dictionary is right about 14|部门 and 328.13|万人.
 */
const DATE_UNITS_CP = cpSet('年月日号时');
export function unitEnds(atoms: Atom[], text: string): number[] {
  const out: number[] = [];
  for (let a = 1; a < atoms.length; a++) {
    const at = atoms[a];
    if (at.glued && at.kind === 'cjk' && atoms[a - 1].kind === 'western' && DATE_UNITS_CP.has(text.charCodeAt(at.from))) out.push(at.to);
  }
  return out;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Atoms of Western text: words between UAX #14 break opportunities (the `linebreak` package), optionally hyphenated. */
export function westernAtoms(text: string, markAt: Int32Array, m: FontMetrics, size: number, hyphenate: boolean): Atom[] {
  const atoms: Atom[] = [];
  const breaker = new LineBreaker(text);
  let last = 0;
  let space = 0;
  let forced = false;
  let bk;
  while ((bk = breaker.nextBreak())) {
    const piece = text.slice(last, bk.position);
    let end = piece.length;
    let trailing = 0;
    while (end > 0 && (isSpace(piece.charCodeAt(end - 1)) || piece.charCodeAt(end - 1) === 0x0a)) {
      end--;
      if (piece.charCodeAt(end) !== 0x0a) trailing += advanceEm(m, piece.charCodeAt(end)) * size;
    }
    // Leading spaces of the first piece belong to no line: drop them.
    let start = 0;
    while (start < end && isSpace(piece.charCodeAt(start))) start++;
    const word = piece.slice(start, end);
    if (word) {
      const from = last + start;
      const syllables = hyphenate ? syllablesOf(word) : [word];
      // An over-long unhyphenated word (a URL) gets emergency breaks between its characters.
      if (syllables.length === 1 && word.length > LONG_WORD) {
        for (let k = 0; k < word.length; ) {
          const len = word.codePointAt(k)! > 0xffff ? 2 : 1;
          atoms.push({ from: from + k, to: from + k + len, marks: markAt[from + k] ?? 0, kind: 'western', glued: false, spaceBefore: k === 0 ? space : 0, forcedBefore: k === 0 && forced, hyphenBefore: false, emergency: k > 0 });
          k += len;
        }
        space = 0;
        forced = false;
        space += trailing;
        if (bk.required && text.slice(last, bk.position).includes('\n')) forced = true;
        last = bk.position;
        continue;
      }
      let pos = from;
      syllables.forEach((syl, si) => {
        // Run (mark) boundaries inside a syllable split it into glued atoms.
        let k = pos;
        for (let p = pos + 1; p <= pos + syl.length; p++) {
          if (p === pos + syl.length || markAt[p] !== markAt[k]) {
            const firstOfWord = k === from;
            atoms.push({ from: k, to: p, marks: markAt[k] ?? 0, kind: 'western', glued: !firstOfWord && !(k === pos && si > 0), spaceBefore: firstOfWord ? space : 0, forcedBefore: firstOfWord && forced, hyphenBefore: k === pos && si > 0 });
            k = p;
          }
        }
        pos += syl.length;
      });
      space = 0;
      forced = false;
    }
    space += trailing;
    if (bk.required && text.slice(last, bk.position).includes('\n')) forced = true;
    last = bk.position;
  }
  return atoms;
}

// A word with the punctuation around it ("great,", "(railroad)"): only the letters are hyphenated.
const HYPHENATABLE = /^([^A-Za-z\u00c0-\u024f]*)([A-Za-z\u00c0-\u024f]{6,})([^A-Za-z\u00c0-\u024f]*)$/;

function syllablesOf(word: string): string[] {
  const m = HYPHENATABLE.exec(word);
  if (!m) return [word];
  const parts = hyphenateSync(m[2], { hyphenChar: '\u00ad', minWordLength: 6 }).split('\u00ad');
  parts[0] = m[1] + parts[0];
  parts[parts.length - 1] += m[3];
  return parts;
}

// Immutable and stateless (segment() returns a fresh iterator): constants, not a cache.
const WORD_SEGMENTERS = { zh: new Intl.Segmenter('zh', { granularity: 'word' }), en: new Intl.Segmenter('en', { granularity: 'word' }) } as const;

/**
 * Word boundaries (UTF-16 offsets) for styles that break only between words,
 * from the platform's dictionary segmenter (ICU in Node and Chromium alike).
 * The text is segmented in pieces cut after each date (2022年, 7日): the
 * dictionary knows 年春 as a word and would give 2022|年春|运 for 2022年春运.
 */
export function wordStarts(text: string, language: 'zh' | 'en', cuts: number[]): Set<number> {
  const seg = WORD_SEGMENTERS[language];
  const out = new Set<number>();
  let from = 0;
  for (const to of [...cuts, text.length]) {
    if (to <= from) continue;
    for (const w of seg.segment(text.slice(from, to))) out.add(from + w.index);
    from = to;
  }
  return out;
}
