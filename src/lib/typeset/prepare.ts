// The slow half of typesetting (after pretext's prepare/layout split): split a
// block into atoms (a Han character, a Western word, a punctuation mark) and
// segments (atoms between two break opportunities), and measure them once.
// layout.ts then breaks lines at any width by arithmetic over these arrays.
import LineBreaker from 'linebreak';
import { hyphenateSync } from './hyphenation';
import type { ClreqLevel, SourceBlock, TextStyle } from './types';
import { advanceEm, advanceZhEm, fontMetrics, type FontMetrics } from './measure';
import {
  noStartCp, noEndCp, isHan, isCjk, isWestern, WORD_INNER, NUMBER_SUFFIX, NUMBER_PREFIX, UNITS, RIGHT_BLANK, LEFT_BLANK, DASHES,
} from './clreq';

// Code-point sets of the clreq classes, for the per-character loops below.
const cpSet = (s: string) => new Set([...s].map((c) => c.codePointAt(0)!));
const WORD_INNER_CP = cpSet(WORD_INNER);
const NUMBER_SUFFIX_CP = cpSet(NUMBER_SUFFIX);
const NUMBER_PREFIX_CP = cpSet(NUMBER_PREFIX);
const UNITS_CP = cpSet(UNITS);
const DASHES_CP = cpSet(DASHES);
const RIGHT_BLANK_CP = cpSet(RIGHT_BLANK);
const LEFT_BLANK_CP = cpSet(LEFT_BLANK);

export interface PrepareOptions {
  level?: ClreqLevel;
  language?: 'zh' | 'en';
  hyphenate?: boolean;
}

/** Gap kinds between segments: how justification may change them. */
export const GAP_CJK = 0; // inter-character space of CJK text: 0 natural, stretches
export const GAP_SPACE = 1; // a word space: shrinks to 0.8, stretches
export const GAP_NONE = 2; // between syllables of a hyphenated word: never changes

export interface PreparedBlock {
  key: string;
  role: string;
  text: string;
  style: TextStyle;
  level: ClreqLevel;
  language: 'zh' | 'en';
  /** Identity of the content (text, marks, style, options) for the cache. */
  signature: string;
  /** First-line indent in pt. */
  indent: number;
  /** Natural width of a word space in pt (for the justification limits). */
  space: number;
  marks: string[][];
  atomCount: number;
  atomFrom: Int32Array;
  atomTo: Int32Array;
  /** Set width after adjacent-punctuation compression, pt. */
  atomWidth: Float64Array;
  /** Font advance of the atom's text (what the browser draws), pt. */
  atomAdvance: Float64Array;
  /** Trimmed from the start side: the glyph is drawn this far left of its slot, pt. */
  atomLead: Float64Array;
  /** Blank at the end side that a line end may trim (行尾标点挤压), pt. */
  atomEndBlank: Float64Array;
  /** Blank a crowded line may squeeze (push-in, 先挤进), pt. */
  atomSqueeze: Float64Array;
  /** Space before the atom inside its segment (¼ em between Han and Western), pt. */
  atomPad: Float64Array;
  /** 1 when atomPad is the ¼ em Han–Western space, which a crowded line may shrink (clreq: "no more than ¼ em"). */
  atomQuarter: Uint8Array;
  atomMarks: Int32Array;
  /** 1 when the atom is one character (may take letter-spacing when merged into a run). */
  atomSingle: Uint8Array;
  /** 1 when the atom is drawn in a run of its own. */
  atomAlone: Uint8Array;
  segCount: number;
  segStart: Int32Array;
  segEnd: Int32Array;
  segWidth: Float64Array;
  /** Space before the segment when it does not start a line, pt. */
  segGap: Float64Array;
  segGapKind: Uint8Array;
  segEndTrim: Float64Array;
  segSqueeze: Float64Array;
  /** ¼ em Han–Western spaces inside the segment (shrinkable), pt. */
  segPads: Float64Array;
  /** Width of the hyphen added when a line ends after this segment (0: no hyphen). */
  segHyphen: Float64Array;
  /** 1 when a line must end after this segment (a hard break). */
  segForced: Uint8Array;
  /** 1 when a break before this segment splits an over-long word: only when nothing else fits. */
  segEmergency: Uint8Array;
  /**
   * Cost of a line break before this segment, added to the line's demerits
   * (a hyphen, a break inside a dateline or inside a headline word).
   */
  segPenalty: Float64Array;
  /**
   * Prefix sums over segments [0, s) (length segCount + 1), so that layout
   * gets any line's widths in O(1): gap + width, word-space gaps, shrinkable
   * ¼ em spaces (inside segments and as CJK gaps), punctuation squeeze, and
   * the number of justifiable gaps.
   */
  cumWidth: Float64Array;
  cumSpaces: Float64Array;
  cumPads: Float64Array;
  cumSqueeze: Float64Array;
  cumGaps: Int32Array;
  /** Balance the lines (style.balance): every line's slack counts, the last one's too. */
  balance: boolean;
  /** Always search the best breaks (balanced or word-broken headlines), never take first fit as it is. */
  totalFit: boolean;
  /** Line breaks already computed, by width (pure function of the block and width). */
  breakCache: Map<number, number[]>;
  /** Breaks of the rest of the block from a segment, by `${width}@${segment}`. */
  continuationCache: Map<string, number[]>;
}

interface Atom {
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

const NBSP = 0xa0;

function cpAt(text: string, i: number): number {
  return text.codePointAt(i)!;
}
function cpLen(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** The plain text of a block and the mark set of each UTF-16 position. */
function flatten(block: SourceBlock): { text: string; markAt: Int32Array; marks: string[][] } {
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
function isSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x09 || cp === 0x0d || cp === 0x3000 || (cp >= 0x2002 && cp <= 0x200a);
}

/**
 * Atoms of Chinese text: one per CJK character; a Western word or number with
 * its sign, decimal point and percent sign whole (clreq §6.1.2, §6.1.4); a
 * number glued to the measure word after it.
 */
function chineseAtoms(text: string, markAt: Int32Array, m: FontMetrics, size: number): Atom[] {
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
function unitEnds(atoms: Atom[], text: string): number[] {
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
function westernAtoms(text: string, markAt: Int32Array, m: FontMetrics, size: number, hyphenate: boolean): Atom[] {
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

/**
 * Word boundaries (UTF-16 offsets) for styles that break only between words,
 * from the platform's dictionary segmenter (ICU in Node and Chromium alike).
 * The text is segmented in pieces cut after each date (2022年, 7日): the
 * dictionary knows 年春 as a word and would give 2022|年春|运 for 2022年春运.
 */
const segmenters = new Map<string, Intl.Segmenter>();
function wordStarts(text: string, language: 'zh' | 'en', cuts: number[]): Set<number> {
  let seg = segmenters.get(language);
  if (!seg) segmenters.set(language, (seg = new Intl.Segmenter(language, { granularity: 'word' })));
  const out = new Set<number>();
  let from = 0;
  for (const to of [...cuts, text.length]) {
    if (to <= from) continue;
    for (const w of seg.segment(text.slice(from, to))) out.add(from + w.index);
    from = to;
  }
  return out;
}

/** Break penalties (added to a line's demerits, see layout.ts). */
export const PENALTY_HYPHEN = 10;
/** Inside a 电头 (新华社北京1月7日电): split only when nothing else sets well. */
export const PENALTY_DATELINE = 50;
/** At a word boundary of a headline that is not a space (the source's phrases are separated by spaces). */
export const PENALTY_WORD = 10;
/** At a headline word boundary inside brackets or quotes. */
export const PENALTY_QUOTED = 30;
/** Between two one-character words (蹲|点): likely one word the dictionary does not know. */
export const PENALTY_SHORT_WORDS = 8;
/** Inside a word: only when the word is wider than the column. */
export const PENALTY_EMERGENCY = 1e12;

/** The effective options of a block: English body text (justified, not a headline) is hyphenated unless told otherwise. */
export function resolveOptions(style: TextStyle, opts: PrepareOptions = {}): { level: ClreqLevel; language: 'zh' | 'en'; hyphenate: boolean } {
  const language = opts.language ?? (style.face === 'latin' ? 'en' : 'zh');
  const hyphenate = opts.hyphenate ?? (language === 'en' && style.breakAt !== 'word' && style.align === 'justify');
  return { level: opts.level ?? 'basic', language, hyphenate: hyphenate && style.breakAt !== 'word' };
}

/**
 * Prepare a block: atoms, widths, punctuation compression, break opportunities.
 * The result depends only on the block's text and marks, the style and options.
 */
export function prepareBlock(block: SourceBlock, style: TextStyle, opts: PrepareOptions = {}): PreparedBlock {
  const { level, language, hyphenate } = resolveOptions(style, opts);
  const { text, markAt, marks } = flatten(block);
  const m = fontMetrics(style.face, style.weight);
  const size = style.sizePt;
  const atoms = language === 'en' ? westernAtoms(text, markAt, m, size, hyphenate) : chineseAtoms(text, markAt, m, size);
  const byWord = style.breakAt === 'word';
  const words = byWord ? wordStarts(text, language, unitEnds(atoms, text)) : null;
  const datelineMark = marks.findIndex((ms) => ms.includes('dateline'));
  const n = atoms.length;
  const atomFrom = new Int32Array(n);
  const atomTo = new Int32Array(n);
  const atomWidth = new Float64Array(n);
  const atomAdvance = new Float64Array(n);
  const atomLead = new Float64Array(n);
  const atomEndBlank = new Float64Array(n);
  const atomSqueeze = new Float64Array(n);
  const atomPad = new Float64Array(n);
  const atomQuarter = new Uint8Array(n);
  const atomMarks = new Int32Array(n);
  const atomSingle = new Uint8Array(n);
  const atomAlone = new Uint8Array(n);
  const rightBlank = new Float64Array(n);
  const leftBlank = new Float64Array(n);
  const half = size / 2;
  for (let a = 0; a < n; a++) {
    const at = atoms[a];
    atomFrom[a] = at.from;
    atomTo[a] = at.to;
    atomMarks[a] = at.marks;
    let adv = 0;
    let chars = 0;
    let first = 0;
    // Punctuation in Chinese text is shaped among Han characters (zh-Hans glyphs).
    const zhShaped = language === 'zh' && at.kind !== 'western';
    for (let k = at.from; k < at.to; ) {
      const cp = text.codePointAt(k)!;
      if (chars === 0) first = cp;
      adv += (zhShaped ? advanceZhEm(m, cp) : advanceEm(m, cp)) * size;
      chars++;
      k += cp > 0xffff ? 2 : 1;
    }
    if (at.alone) {
      const s = text.slice(at.from, at.to);
      atomAlone[a] = 1;
      let w = m.seq.get(s);
      if (w === undefined) {
        w = 0;
        for (const ch of s) w += advanceEm(m, ch.codePointAt(0)!);
      }
      adv = w * size;
    }
    atomAdvance[a] = adv;
    atomWidth[a] = adv;
    atomSingle[a] = chars === 1 ? 1 : 0;
    // Only a full-width mark has a blank half to give (LXGW WenKai's quotes are proportional).
    if (chars === 1 && adv >= 0.9 * size) {
      if (RIGHT_BLANK_CP.has(first)) rightBlank[a] = half;
      else if (LEFT_BLANK_CP.has(first)) leftBlank[a] = half;
    }
  }
  // Adjacent punctuation: two marks side by side set in 1.5 em (clreq §6.3.2).
  for (let a = 1; a < n; a++) {
    if (atoms[a].spaceBefore > 0) continue;
    const prevPunct = rightBlank[a - 1] > 0 || leftBlank[a - 1] > 0 || isFullPunct(text, atoms[a - 1], atomAdvance[a - 1], size);
    const thisPunct = rightBlank[a] > 0 || leftBlank[a] > 0 || isFullPunct(text, atoms[a], atomAdvance[a], size);
    if (!prevPunct || !thisPunct) continue;
    if (rightBlank[a - 1] > 0) {
      atomWidth[a - 1] -= rightBlank[a - 1];
      rightBlank[a - 1] = 0;
    } else if (leftBlank[a] > 0) {
      atomWidth[a] -= leftBlank[a];
      atomLead[a] = leftBlank[a];
      leftBlank[a] = 0;
    }
  }
  for (let a = 0; a < n; a++) {
    atomEndBlank[a] = rightBlank[a];
    atomSqueeze[a] = rightBlank[a] + leftBlank[a];
  }
  // Break opportunities and the ¼ em between Han and Western (clreq §6.3.3).
  const quarter = size / 4;
  const breakBefore = new Uint8Array(n);
  for (let a = 0; a < n; a++) {
    const at = atoms[a];
    if (a === 0) continue;
    const prev = atoms[a - 1];
    if (at.forcedBefore) breakBefore[a] = 2;
    else if (at.emergency) breakBefore[a] = 3;
    else if (language === 'en') breakBefore[a] = at.glued ? 0 : 1;
    else {
      const blocked = at.glued || noStartCp(text.codePointAt(at.from)!, level) || noEndCp(lastCodePoint(text, prev.to), level);
      breakBefore[a] = blocked ? 0 : 1;
    }
    // A headline breaks at spaces and word boundaries; inside a word only when the word is wider than the column.
    if (words && breakBefore[a] === 1 && at.spaceBefore === 0 && !words.has(at.from)) breakBefore[a] = 3;
    if (at.spaceBefore > 0) atomPad[a] = at.spaceBefore;
    else if (language === 'zh' && ((isHanLike(prev, text) && at.kind === 'western') || (prev.kind === 'western' && isHanLike(at, text)))) {
      atomPad[a] = quarter;
      atomQuarter[a] = 1;
    }
    else if (text.charCodeAt(prev.from) === NBSP || text.charCodeAt(at.from) === NBSP) atomPad[a] = 0;
  }
  // Segments: atoms between break opportunities.
  const segStarts: number[] = [];
  for (let a = 0; a < n; a++) if (a === 0 || breakBefore[a]) segStarts.push(a);
  const sc = segStarts.length;
  const segStart = new Int32Array(sc);
  const segEnd = new Int32Array(sc);
  const segWidth = new Float64Array(sc);
  const segGap = new Float64Array(sc);
  const segGapKind = new Uint8Array(sc);
  const segEndTrim = new Float64Array(sc);
  const segSqueeze = new Float64Array(sc);
  const segPads = new Float64Array(sc);
  const segHyphen = new Float64Array(sc);
  const segForced = new Uint8Array(sc);
  const segEmergency = new Uint8Array(sc);
  const segPenalty = new Float64Array(sc);
  // Bracket and quote depth before each atom (for headlines, which keep a quoted phrase on one line when they can).
  const depthBefore = new Int32Array(n);
  if (words) {
    let depth = 0;
    for (let a = 0; a < n; a++) {
      depthBefore[a] = depth;
      const cp = text.codePointAt(atoms[a].from)!;
      if (LEFT_BLANK_CP.has(cp) || cp === 0x28) depth++;
      else if ((RIGHT_BLANK_CP.has(cp) && cp !== 0x3001 && cp !== 0xff0c && cp !== 0x3002 && cp !== 0xff0e) || cp === 0x29) depth = Math.max(0, depth - 1);
    }
  }
  const oneHanWord = (t: number): boolean => {
    const b0 = segStarts[t];
    const b1 = t + 1 < sc ? segStarts[t + 1] : n;
    if (b1 - b0 !== 1 || !isHan(text.codePointAt(atoms[b0].from)!) || !words!.has(atoms[b0].from)) return false;
    return b1 === n || atoms[b1].spaceBefore > 0 || words!.has(atoms[b1].from);
  };
  const hyphenWidth = advanceEm(m, 0x2d) * size;
  for (let s = 0; s < sc; s++) {
    const a0 = segStarts[s];
    const a1 = s + 1 < sc ? segStarts[s + 1] : n;
    segStart[s] = a0;
    segEnd[s] = a1;
    let w = 0;
    let sq = 0;
    let pads = 0;
    for (let a = a0; a < a1; a++) {
      w += atomWidth[a] + (a > a0 ? atomPad[a] : 0);
      if (a > a0 && atomQuarter[a]) pads += atomPad[a];
      sq += atomSqueeze[a];
    }
    segWidth[s] = w;
    segPads[s] = pads;
    segGap[s] = s === 0 ? 0 : atomPad[a0];
    segGapKind[s] = atoms[a0].spaceBefore > 0 ? GAP_SPACE : atoms[a0].hyphenBefore || atoms[a0].emergency ? GAP_NONE : GAP_CJK;
    if (breakBefore[a0] === 3) segEmergency[s] = 1;
    segEndTrim[s] = atomEndBlank[a1 - 1];
    // The end blank is counted once: as squeeze mid-line, or as end trim when the line ends here.
    segSqueeze[s] = sq;
    if (s + 1 < sc && atoms[segStarts[s + 1]].hyphenBefore) segHyphen[s] = hyphenWidth;
    if (s + 1 < sc && breakBefore[segStarts[s + 1]] === 2) segForced[s] = 1;
    if (s > 0) {
      const at = atoms[a0];
      const prev = atoms[a0 - 1];
      let pen = 0;
      if (segEmergency[s]) pen += PENALTY_EMERGENCY;
      if (at.hyphenBefore) pen += PENALTY_HYPHEN;
      if (datelineMark >= 0 && at.marks === datelineMark && prev.marks === datelineMark) pen += PENALTY_DATELINE;
      if (words && at.spaceBefore === 0 && !at.forcedBefore) {
        pen += PENALTY_WORD;
        // Inside 『好工人』 or a quotation: the quoted words belong together.
        if (depthBefore[a0] > 0) pen += PENALTY_QUOTED;
        // Both neighbours one-character words (蹲|点): likely one word the dictionary does not know.
        if (oneHanWord(s - 1) && oneHanWord(s)) pen += PENALTY_SHORT_WORDS;
      }
      segPenalty[s] = pen;
    }
  }
  const cumWidth = new Float64Array(sc + 1);
  const cumSpaces = new Float64Array(sc + 1);
  const cumPads = new Float64Array(sc + 1);
  const cumSqueeze = new Float64Array(sc + 1);
  const cumGaps = new Int32Array(sc + 1);
  for (let s = 0; s < sc; s++) {
    const gap = s === 0 ? 0 : segGap[s];
    const kind = segGapKind[s];
    cumWidth[s + 1] = cumWidth[s] + gap + segWidth[s];
    cumSpaces[s + 1] = cumSpaces[s] + (kind === GAP_SPACE ? gap : 0);
    cumPads[s + 1] = cumPads[s] + segPads[s] + (kind === GAP_CJK ? gap : 0);
    cumSqueeze[s + 1] = cumSqueeze[s] + segSqueeze[s];
    cumGaps[s + 1] = cumGaps[s] + (s > 0 && kind !== GAP_NONE ? 1 : 0);
  }
  const indent = style.indentEm * size;
  return {
    key: block.key,
    role: block.role,
    text,
    style,
    level,
    language,
    signature: signatureOf(block, style, level, language, hyphenate),
    indent,
    space: advanceEm(m, 0x20) * size,
    marks,
    atomCount: n,
    atomFrom, atomTo, atomWidth, atomAdvance, atomLead, atomEndBlank, atomSqueeze, atomPad, atomQuarter, atomMarks, atomSingle, atomAlone,
    segCount: sc,
    segStart, segEnd, segWidth, segGap, segGapKind, segEndTrim, segSqueeze, segPads, segHyphen, segForced, segEmergency, segPenalty,
    cumWidth, cumSpaces, cumPads, cumSqueeze, cumGaps,
    balance: !!style.balance,
    totalFit: !!style.balance || byWord,
    breakCache: new Map(),
    continuationCache: new Map(),
  };
}

function isFullPunct(text: string, at: Atom, adv: number, size: number): boolean {
  if (at.kind !== 'cjk' || adv < 0.9 * size || at.to - at.from !== 1) return false;
  const cp = text.charCodeAt(at.from);
  return !isHan(cp) && !(cp >= 0x3040 && cp <= 0x30ff) && cp !== 0x3000;
}

function isHanLike(at: Atom, text: string): boolean {
  if (at.kind !== 'cjk') return false;
  const cp = text.codePointAt(at.from)!;
  return isHan(cp) || (cp >= 0x3040 && cp <= 0x30ff && cp !== 0x30fb);
}

/** The code point that ends just before UTF-16 offset `to`. */
function lastCodePoint(text: string, to: number): number {
  const c = text.charCodeAt(to - 1);
  return c >= 0xdc00 && c <= 0xdfff && to >= 2 ? text.codePointAt(to - 2)! : c;
}

/** The cache identity of a block's content under a style and options. */
export function signatureOf(block: SourceBlock, style: TextStyle, level: ClreqLevel, language: string, hyphenate: boolean): string {
  let s = `${block.role}|${style.face}|${style.weight}|${style.sizePt}|${style.leadingPt}|${style.indentEm}|${style.align}|${style.breakAt ?? 'char'}|${style.balance ? 1 : 0}|${level}|${language}|${hyphenate ? 1 : 0}`;
  for (const r of block.runs) s += `\u0001${r.marks.join(',')}\u0002${r.text}`;
  return s;
}
