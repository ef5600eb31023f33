// Splitting a block into atoms: a Han character, a Western word or number
// (with its sign and unit), a punctuation mark, a hyphenation syllable. Break
// opportunities fall only between atoms; prepare.ts measures them and groups
// them into segments. Also the dictionary word boundaries headlines break at.
import { englishBreaker, hyphenateSync } from './hyphenation';
import { Arena } from './arena';
import type { SourceBlock } from './types';
import { advanceEm, type FontMetrics } from './measure';
import { isCjk, isWestern, CLOSING, OPENING, STOPS, CP_CLASS, CP_DASH, CP_DATE_UNIT, CP_NUMBER_PREFIX, CP_NUMBER_SUFFIX, CP_UNIT, CP_WORD_INNER, cpClass } from './clreq';

/** Atom kinds (the low two bits of AtomTable.flags). */
export const KIND_CJK = 0;
export const KIND_WESTERN = 1;
export const KIND_OTHER = 2;
export const KIND_MASK = 3;
/** No break allowed before this atom, whatever the characters. */
export const GLUED = 4;
export const FORCED_BEFORE = 8;
export const HYPHEN_BEFORE = 16;
/** Drawn in a run of its own (a dash, whose glyphs the font joins when shaped alone). */
export const ALONE = 32;
/** Inside an over-long Western word: a break before it only when nothing else fits. */
export const EMERGENCY = 64;
/** One common Han character (U+4E00–U+9FFF) of no clreq class: prepare.ts needs no class or kind look-up for it. */
export const HAN_PLAIN = 128;

/**
 * A block's atoms as parallel arrays: what prepare.ts reads per atom, without
 * an object per character (a page has some 16,000 of them, and preparing it
 * cold is what a first load waits for). Room for one atom per UTF-16 unit, the
 * most a text can have.
 */
export class AtomTable {
  count = 0;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly marks: Int32Array;
  /** KIND_* | GLUED | FORCED_BEFORE | HYPHEN_BEFORE | ALONE | EMERGENCY | HAN_PLAIN. */
  readonly flags: Uint8Array;
  /** Spaces before the atom (source whitespace), as a width in pt. */
  readonly space: Float64Array;

  constructor(readonly capacity: number) {
    // One allocation for all five arrays: a typed array of its own costs more than filling it.
    const buf = new ArrayBuffer(capacity * 21);
    this.space = new Float64Array(buf, 0, capacity);
    this.from = new Int32Array(buf, capacity * 8, capacity);
    this.to = new Int32Array(buf, capacity * 12, capacity);
    this.marks = new Int32Array(buf, capacity * 16, capacity);
    this.flags = new Uint8Array(buf, capacity * 20, capacity);
  }

  push(from: number, to: number, marks: number, flags: number, space: number): void {
    const a = this.count++;
    this.from[a] = from;
    this.to[a] = to;
    this.marks[a] = marks;
    this.flags[a] = flags;
    this.space[a] = space;
  }

  kind(a: number): number {
    return this.flags[a] & KIND_MASK;
  }
}

/**
 * The working arrays of preparing one block (its atoms, each position's mark set),
 * kept and grown by a TypesetCache so that preparing a page allocates them once,
 * not per block; and the arena the results' records are carved from.
 */
export class PrepareScratch {
  /** Where the prepared blocks' records are carved from (a Typesetter's: shared slabs). */
  readonly arena: Arena;
  atoms = new AtomTable(0);
  markAt = new Int32Array(0);

  /**
   * Word starts by language, date cuts and text (see wordStarts): layout sets a headline at
   * several sizes while it tries spans, and the dictionary segmenter is the costliest step
   * of preparing one (~2 µs a character). Read only; the oldest entry goes first.
   */
  private words = new Map<string, Uint8Array>();
  /** The segmenters wordStarts asks (made on the first headline that breaks by word). */
  private readonly segmenters = new WordSegmenters();

  /** `slabDoubles` 0 (one-off preparing): each block's records in a buffer of its own. */
  constructor(slabDoubles = 0) {
    this.arena = new Arena(slabDoubles);
  }

  /** wordStarts' result for a text (1 where a word starts), from the kept ones when it was asked before. */
  wordStartsOf(text: string, language: 'zh' | 'en', cuts: number[]): Uint8Array {
    const key = `${language}\u0001${cuts.join(',')}\u0001${text}`;
    let out = this.words.get(key);
    if (!out) {
      out = new Uint8Array(text.length + 1);
      wordStarts(text, language, cuts, out, this.segmenters);
      if (this.words.size >= WORD_STARTS_KEPT) this.words.delete(this.words.keys().next().value!);
      this.words.set(key, out);
    }
    return out;
  }

  /** How many texts' word starts are kept (for tests of the bound). */
  get wordStartsKept(): number {
    return this.words.size;
  }

  /** Room for a text of `len` UTF-16 units (at most one atom each), zeroed where prepare.ts expects zeros. */
  reserve(len: number): void {
    if (len > this.atoms.capacity) {
      const cap = Math.max(256, 2 * len);
      this.atoms = new AtomTable(cap);
      this.markAt = new Int32Array(cap);
    } else {
      this.markAt.fill(0, 0, len);
    }
    this.atoms.count = 0;
  }
}

/** Headline texts whose word starts a PrepareScratch keeps. */
export const WORD_STARTS_KEPT = 512;

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

/** The plain text of a block (its runs' texts joined). */
export function blockText(block: SourceBlock): string {
  return block.runs.length === 1 ? block.runs[0].text : block.runs.map((r) => r.text).join('');
}

/** The distinct mark sets of a block's runs, and into `markAt` the set's index at each UTF-16 position of its text. */
export function markRuns(block: SourceBlock, markAt: Int32Array): string[][] {
  const { runs } = block;
  // One run (most blocks): its set is set 0, which markAt holds already, so no key and no look-up
  // (a Map, a copy, a sort and a join per block were some 5 % of a page from scratch).
  if (runs.length <= 1) return [runs.length === 1 && runs[0].marks.length > 0 ? [...runs[0].marks].sort() : []];
  const marks: string[][] = [];
  const ids = new Map<string, number>();
  let pos = 0;
  for (const run of runs) {
    const sorted = [...run.marks].sort();
    const k = sorted.join(',');
    let id = ids.get(k);
    if (id === undefined) {
      id = marks.length;
      ids.set(k, id);
      marks.push(sorted);
    }
    if (id !== 0) markAt.fill(id, pos, pos + run.text.length);
    pos += run.text.length;
  }
  if (marks.length === 0) marks.push([]);
  return marks;
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
 * number glued to the measure word after it. `markAt` must be zero-filled where
 * the block has no marks (markRuns writes only the others).
 */
export function chineseAtoms(text: string, markAt: Int32Array, m: FontMetrics, size: number, out: AtomTable): void {
  let space = 0;
  let forced = false;
  let i = 0;
  let prevNumber = false;
  let unitsTaken = 0;
  const len = text.length;
  while (i < len) {
    const c16 = text.charCodeAt(i);
    const cp = c16 >= 0xd800 && c16 <= 0xdbff ? cpAt(text, i) : c16;
    // Most characters are common Han of no clreq class: an atom of their own, glued only after a no-break space.
    if (cp >= 0x4e00 && cp <= 0x9fff && CP_CLASS[cp] === 0) {
      const glued = out.count > 0 && space === 0 && !forced && text.charCodeAt(out.from[out.count - 1]) === NBSP;
      out.push(i, i + 1, markAt[i], KIND_CJK | HAN_PLAIN | (glued ? GLUED : 0) | (forced ? FORCED_BEFORE : 0), space);
      space = 0;
      forced = false;
      prevNumber = false;
      i++;
      continue;
    }
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
    const cls = cpClass(cp);
    const last = out.count - 1;
    const startsWord = isWestern(cp) || ((cls & CP_NUMBER_PREFIX) !== 0 && i + 1 < len && isDigit(text.charCodeAt(i + 1)) && !(out.count && space === 0 && out.kind(last) === KIND_WESTERN));
    if (startsWord) {
      let j = i + cpLen(cp);
      while (j < len) {
        const c = cpAt(text, j);
        const k = cpClass(c);
        if (isWestern(c)) j += cpLen(c);
        else if ((k & CP_WORD_INNER) !== 0 && j + 1 < len && isWestern(cpAt(text, j + 1))) j += cpLen(c);
        else if ((k & CP_NUMBER_SUFFIX) !== 0 && isDigit(text.charCodeAt(j - 1))) j += cpLen(c);
        else break;
      }
      // Split at mark boundaries (a run change inside a word) but keep the pieces glued.
      // An over-long word is split into characters, with emergency breaks between them.
      let k = i;
      let first = true;
      const long = j - i > LONG_WORD;
      for (let p = i + 1; p <= j; p++) {
        if (p === j || markAt[p] !== markAt[k] || (long && !(text.charCodeAt(p) >= 0xdc00 && text.charCodeAt(p) <= 0xdfff))) {
          out.push(k, p, markAt[k], KIND_WESTERN | (first ? 0 : GLUED) | (forced ? FORCED_BEFORE : 0) | (long && !first ? EMERGENCY : 0), space);
          space = 0;
          forced = false;
          first = false;
          k = p;
        }
      }
      const end = text.charCodeAt(j - 1);
      prevNumber = isDigit(end) || (cpClass(end) & CP_NUMBER_SUFFIX) !== 0;
      unitsTaken = 0;
      i = j;
      continue;
    }
    const n = cpLen(cp);
    if (cp === NBSP) {
      // A no-break space joins its neighbours; it sets as a space inside the segment.
      out.push(i, i + n, markAt[i], KIND_OTHER | GLUED | (forced ? FORCED_BEFORE : 0), space);
      space = 0;
      forced = false;
      i += n;
      prevNumber = false;
      continue;
    }
    if (cp === 0x2014) {
      // 破折号: the whole run of dashes is one atom, never split (clreq §6.1.2), drawn alone.
      let j = i + 1;
      while (j < len && text.charCodeAt(j) === 0x2014 && markAt[j] === markAt[i]) j++;
      out.push(i, j, markAt[i], KIND_CJK | ALONE | (forced ? FORCED_BEFORE : 0), space);
      space = 0;
      forced = false;
      i = j;
      prevNumber = false;
      continue;
    }
    let glued = false;
    if (out.count && space === 0 && !forced) {
      const prevFrom = out.from[last];
      // ——, …… are one mark (clreq §6.1.2); a number keeps its unit (14.8万, 1.3万名).
      if ((cls & CP_DASH) !== 0 && out.to[last] - prevFrom === n && text.codePointAt(prevFrom) === cp) glued = true;
      // One unit character only (14.8万, 2022年): 328.13万|人 and 2022年|1月 may break (clreq §6.1.2 keeps no more together).
      if (prevNumber && (cls & CP_UNIT) !== 0 && unitsTaken < 1) {
        glued = true;
        unitsTaken++;
      } else {
        prevNumber = false;
      }
      if (NBSP === text.charCodeAt(prevFrom)) glued = true;
    } else prevNumber = false;
    out.push(i, i + n, markAt[i], (isCjk(cp) ? KIND_CJK : KIND_OTHER) | (glued ? GLUED : 0) | (forced ? FORCED_BEFORE : 0), space);
    space = 0;
    forced = false;
    i += n;
  }
}

/**
 * Where each number with a date unit ends (2022年|, 7日|): dates only, for the
 * dictionary is right about 14|部门 and 328.13|万人.
 */
export function unitEnds(atoms: AtomTable, text: string): number[] {
  const out: number[] = [];
  for (let a = 1; a < atoms.count; a++) {
    const f = atoms.flags[a];
    if ((f & GLUED) !== 0 && (f & KIND_MASK) === KIND_CJK && atoms.kind(a - 1) === KIND_WESTERN && (CP_CLASS[text.charCodeAt(atoms.from[a])] & CP_DATE_UNIT) !== 0) out.push(atoms.to[a]);
  }
  return out;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Marks a Latin line neither starts with (closing quotes and brackets, stops) nor ends with (opening ones). */
const LATIN_NO_START = new Set([...CLOSING, ...STOPS].map((c) => c.codePointAt(0)!));
const LATIN_NO_END = new Set([...OPENING].map((c) => c.codePointAt(0)!));

/** Atoms of Western text: words between UAX #14 break opportunities (the `linebreak` package), optionally hyphenated. */
export function westernAtoms(text: string, markAt: Int32Array, m: FontMetrics, size: number, hyphenate: boolean, atoms: AtomTable): void {
  const Breaker = englishBreaker();
  const breaker = Breaker ? new Breaker(text) : new SpaceBreaker(text);
  let last = 0;
  let space = 0;
  let forced = false;
  // The word before ended with an opening quote or bracket: the next word keeps to it.
  let opened = false;
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
      // UAX #14 breaks after any space (LB18), so OCR's spaced quotes (“ word ”, word ’) would begin or end a
      // line with the mark; clreq keeps a closing mark or a stop off a line start and an opening one off a
      // line end (LB15a/b say the same of quotes): the word holds to its neighbour across the space.
      const keep = opened || LATIN_NO_START.has(word.codePointAt(0)!);
      opened = LATIN_NO_END.has(word.codePointAt(word.length - 1)!);
      const syllables = hyphenate ? syllablesOf(word) : [word];
      // An over-long unhyphenated word (a URL) gets emergency breaks between its characters.
      if (syllables.length === 1 && word.length > LONG_WORD) {
        for (let k = 0; k < word.length; ) {
          const len = word.codePointAt(k)! > 0xffff ? 2 : 1;
          atoms.push(from + k, from + k + len, markAt[from + k], KIND_WESTERN | (k === 0 && forced ? FORCED_BEFORE : 0) | (k === 0 && keep && !forced ? GLUED : 0) | (k > 0 ? EMERGENCY : 0), k === 0 ? space : 0);
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
            const glued = (!firstOfWord && !(k === pos && si > 0)) || (firstOfWord && keep && !forced);
            atoms.push(k, p, markAt[k], KIND_WESTERN | (glued ? GLUED : 0) | (firstOfWord && forced ? FORCED_BEFORE : 0) | (k === pos && si > 0 ? HYPHEN_BEFORE : 0), firstOfWord ? space : 0);
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
}

/**
 * Break opportunities after each run of spaces and at each newline: what English text gets when
 * the browser could not fetch the UAX #14 breaker (hyphenation.ts englishBreaker), so that an
 * edition still sets, more loosely, as words are left whole when the patterns are missing.
 */
class SpaceBreaker {
  private at = 0;
  constructor(private readonly text: string) {}

  nextBreak(): { position: number; required: boolean } | null {
    const { text } = this;
    if (this.at >= text.length) return null;
    let i = this.at;
    while (i < text.length && !isSpace(text.charCodeAt(i)) && text.charCodeAt(i) !== 0x0a) i++;
    let required = false;
    while (i < text.length && (isSpace(text.charCodeAt(i)) || text.charCodeAt(i) === 0x0a)) {
      if (text.charCodeAt(i++) === 0x0a) {
        required = true;
        break;
      }
    }
    this.at = i;
    return { position: i, required };
  }
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

/**
 * The platform's word segmenters, each made when first asked for, kept by whoever owns this
 * object (a Typesetter, through its PrepareScratch). Not made when the module loads: the first
 * word segmenter a page makes loads ICU's word-break data, 30–180 ms of main thread in Chromium,
 * which an edition without headlines to break by word never needs. Once ICU has that data,
 * making another costs about 30 µs.
 */
export class WordSegmenters {
  private zh: Intl.Segmenter | null = null;
  private en: Intl.Segmenter | null = null;

  of(language: 'zh' | 'en'): Intl.Segmenter {
    return language === 'zh' ? (this.zh ??= new Intl.Segmenter('zh', { granularity: 'word' })) : (this.en ??= new Intl.Segmenter('en', { granularity: 'word' }));
  }
}

/**
 * Word boundaries for styles that break only between words, from the
 * platform's dictionary segmenter (ICU in Node and Chromium alike): 1 in `out`
 * at each UTF-16 offset where a word starts. The text is segmented in pieces
 * cut after each date (2022年, 7日): the dictionary knows 年春 as a word and
 * would give 2022|年春|运 for 2022年春运.
 */
export function wordStarts(text: string, language: 'zh' | 'en', cuts: number[], out: Uint8Array, segmenters = new WordSegmenters()): void {
  const seg = segmenters.of(language);
  let from = 0;
  for (let c = 0; c <= cuts.length; c++) {
    const to = c < cuts.length ? cuts[c] : text.length;
    if (to <= from) continue;
    const piece = from === 0 && to === text.length ? text : text.slice(from, to);
    // Word by word with containing() from each word's end, not the segments' iterator: the same
    // boundaries (ICU gives the same ones in any order of asking), and in V8 about a third
    // cheaper per headline than the iterator's next().
    const words = seg.segment(piece);
    for (let i = 0; i < piece.length; ) {
      const w = words.containing(i)!;
      out[from + w.index] = 1;
      i = w.index + w.segment.length;
    }
    from = to;
  }
}
