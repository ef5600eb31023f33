// Measuring a block once (the slow half of typesetting): the atoms' widths
// from the metric tables, adjacent-punctuation compression (clreq §6.3.2), the
// ¼ em between Han and Western text (§6.3.3), break opportunities and their
// penalties, and the segments between them with prefix sums, so that
// breaks.ts finds lines at any width by arithmetic.
import type { ClreqLevel, SourceBlock, TextStyle } from './types';
import { advanceEm, advanceEmFast, advanceZhEmFast, fontMetrics } from './measure';
import {
  isHan, cpClass, CP_BLANK_STOP, CP_LEFT_BLANK, CP_NO_END_BASIC, CP_NO_END_STRICT, CP_NO_START_BASIC, CP_NO_START_STRICT, CP_RIGHT_BLANK,
} from './clreq';
import {
  ALONE, blockText, chineseAtoms, EMERGENCY, FORCED_BEFORE, GLUED, HYPHEN_BEFORE, KIND_CJK, KIND_MASK, KIND_WESTERN, markRuns, NBSP,
  PrepareScratch, unitEnds, westernAtoms,
} from './atoms';
import {
  GAP_CJK, GAP_NONE, GAP_SPACE, PENALTY_DATELINE, PENALTY_EMERGENCY, PENALTY_HYPHEN, PENALTY_QUOTED, PENALTY_SHORT_WORDS, PENALTY_WORD,
  type PrepareOptions, type PreparedBlock,
} from './prepared';

export type { PrepareOptions, PreparedBlock } from './prepared';

/** A mark at least this share of an em wide is full-width: it has a blank half to give (LXGW WenKai's quotes are proportional). */
const FULL_WIDTH_EM = 0.9;
/** The space between Han and Western text, in em (clreq §6.3.3: "no more than ¼ em"). */
const HAN_WESTERN_EM = 1 / 4;
const IDEOGRAPHIC_SPACE = 0x3000;
/** Atom tags (PrepareScratch.tags): a full-width punctuation mark of one character; Han or kana (not ・). */
const FULL_PUNCT = 1;
const HAN_LIKE = 2;
const KATAKANA_MIDDLE_DOT = 0x30fb;

function isKana(cp: number): boolean {
  return cp >= 0x3040 && cp <= 0x30ff;
}

/** The effective options of a block: English body text (justified, not a headline) is hyphenated unless told otherwise. */
export function resolveOptions(style: TextStyle, opts: PrepareOptions = {}): { level: ClreqLevel; language: 'zh' | 'en'; hyphenate: boolean } {
  const language = opts.language ?? (style.face === 'latin' ? 'en' : 'zh');
  const hyphenate = opts.hyphenate ?? (language === 'en' && style.breakAt !== 'word' && style.align === 'justify');
  return { level: opts.level ?? 'basic', language, hyphenate: hyphenate && style.breakAt !== 'word' };
}

/**
 * Prepare a block: atoms, widths, punctuation compression, break opportunities.
 * The result depends only on the block's text and marks, the style and options.
 * `signature` is signatureOf's result when the caller has it already, `scratch` the
 * caller's working arrays (a Typesetter passes both).
 *
 * Written for speed (a first load prepares a whole page, ~16,000 characters, before
 * it can draw): per character a few array reads (the metric and class tables) and
 * comparisons; the per-atom and per-segment arrays are views of one buffer each,
 * for a typed array of its own costs more to allocate than to fill.
 */
export function prepareBlock(block: SourceBlock, style: TextStyle, opts: PrepareOptions = {}, signature?: string, scratch = new PrepareScratch()): PreparedBlock {
  const { level, language, hyphenate } = resolveOptions(style, opts);
  const text = blockText(block);
  const len = text.length;
  // Working arrays (the atoms, each position's mark set, per-atom temporaries): the caller's, reused.
  scratch.reserve(len);
  const { atoms, rightBlank, leftBlank, markAt, depthBefore, breakBefore } = scratch;
  breakBefore[0] = 0; // never written by the loop below (it starts at 1), read as the first segment's kind
  const marks = markRuns(block, markAt);
  // Every field of the style read here, once: styles come in several shapes (a headline's has
  // breakAt and balance), and a shape first seen after the loops below deoptimises them.
  const m = fontMetrics(style.face, style.weight);
  const size = style.sizePt;
  const indent = style.indentEm * size;
  const balance = !!style.balance;
  const byWord = style.breakAt === 'word';
  const compress = style.punctuation !== 'full';
  if (language === 'en') westernAtoms(text, markAt, m, size, hyphenate, atoms);
  else chineseAtoms(text, markAt, m, size, atoms);
  const { from: aFrom, to: aTo, flags: aFlags, space: aSpace } = atoms;
  let words: Uint8Array | null = null;
  if (byWord) {
    words = scratch.wordStartsOf(text, language, unitEnds(atoms, text));
  }
  const datelineMark = marks.findIndex((ms) => ms.includes('dateline'));
  const n = atoms.count;
  // The result's per-atom arrays: views of one range of the scratch's arena (see arena.ts).
  const arena = scratch.arena;
  let off = arena.take(63 * n);
  let buf = arena.buffer;
  const atomWidth = new Float64Array(buf, off, n);
  const atomAdvance = new Float64Array(buf, (off += 8 * n), n);
  const atomLead = new Float64Array(buf, (off += 8 * n), n);
  const atomEndBlank = new Float64Array(buf, (off += 8 * n), n);
  const atomSqueeze = new Float64Array(buf, (off += 8 * n), n);
  const atomPad = new Float64Array(buf, (off += 8 * n), n);
  const atomFrom = new Int32Array(buf, (off += 8 * n), n);
  const atomTo = new Int32Array(buf, (off += 4 * n), n);
  const atomMarks = new Int32Array(buf, (off += 4 * n), n);
  const atomQuarter = new Uint8Array(buf, (off += 4 * n), n);
  const atomSingle = new Uint8Array(buf, (off += n), n);
  const atomAlone = new Uint8Array(buf, off + n, n);
  atomFrom.set(aFrom.subarray(0, n));
  atomTo.set(aTo.subarray(0, n));
  atomMarks.set(atoms.marks.subarray(0, n));
  const half = size / 2;
  const fullWidth = FULL_WIDTH_EM * size;
  // Punctuation in Chinese text is shaped among Han characters (zh-Hans glyphs).
  const zh = language === 'zh';
  // What the passes below ask of each atom's characters, found once here: its first code point,
  // and whether it is a full-width mark or Han-like (see FULL_PUNCT, HAN_LIKE).
  const { firstCp, tags, segAt } = scratch;
  const { values, index, zhIndex } = m;
  for (let a = 0; a < n; a++) {
    const at0 = aFrom[a];
    const at1 = aTo[a];
    const fl = aFlags[a];
    const zhShaped = zh && (fl & KIND_MASK) !== KIND_WESTERN;
    let adv = 0;
    let chars = 0;
    let first = 0;
    const u0 = text.charCodeAt(at0);
    if (at1 - at0 === 1 && (u0 < 0xd800 || u0 > 0xdbff)) {
      // One BMP character (most atoms): advanceEmFast / advanceZhEmFast's table read, inline.
      first = u0;
      adv = values[(zhShaped ? zhIndex : index)[u0]] * size;
      chars = 1;
    } else {
      for (let k = at0; k < at1; ) {
        const c16 = text.charCodeAt(k);
        const cp = c16 >= 0xd800 && c16 <= 0xdbff ? text.codePointAt(k)! : c16;
        if (chars === 0) first = cp;
        adv += (zhShaped ? advanceZhEmFast(m, cp) : advanceEmFast(m, cp)) * size;
        chars++;
        k += cp > 0xffff ? 2 : 1;
      }
    }
    if (fl & ALONE) {
      const s = text.slice(at0, at1);
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
    firstCp[a] = first;
    let tag = 0;
    if ((fl & KIND_MASK) === KIND_CJK) {
      // A full-width punctuation mark (not Han, kana or U+3000) of one UTF-16 unit.
      if (adv >= fullWidth && at1 - at0 === 1 && !isHan(u0) && !isKana(u0) && u0 !== IDEOGRAPHIC_SPACE) tag |= FULL_PUNCT;
      if (isHan(first) || (isKana(first) && first !== KATAKANA_MIDDLE_DOT)) tag |= HAN_LIKE;
    }
    tags[a] = tag;
    // Only a full-width mark has a blank half to give (LXGW WenKai's quotes are proportional).
    if (compress && chars === 1 && adv >= fullWidth) {
      const cls = cpClass(first);
      if (cls & CP_RIGHT_BLANK) rightBlank[a] = half;
      else if (cls & CP_LEFT_BLANK) leftBlank[a] = half;
    }
  }
  // One pass over the atoms' pairs (a - 1, a), in this order: spaces beside full-width marks,
  // adjacent punctuation, then (a - 1's blanks now final) its end blank and squeeze, then the
  // break before a and its space.
  const quarter = HAN_WESTERN_EM * size;
  const noStart = level === 'strict' ? CP_NO_START_STRICT : CP_NO_START_BASIC;
  const noEnd = level === 'strict' ? CP_NO_END_STRICT : CP_NO_END_BASIC;
  let sc = 0;
  if (n > 0) segAt[sc++] = 0;
  for (let a = 1; a < n; a++) {
    const fl = aFlags[a];
    // A space beside a full-width mark in Chinese text (OCR and web copy carry them: 好！ （今日谈）)
    // is no space: the mark's own blank is the gap. The break opportunity stays.
    if (zh && aSpace[a] > 0 && (tags[a - 1] & FULL_PUNCT || tags[a] & FULL_PUNCT)) aSpace[a] = 0;
    // Adjacent punctuation: two marks side by side set in 1.5 em (clreq §6.3.2).
    if (!(aSpace[a] > 0) && (rightBlank[a - 1] > 0 || leftBlank[a - 1] > 0 || tags[a - 1] & FULL_PUNCT) && (rightBlank[a] > 0 || leftBlank[a] > 0 || tags[a] & FULL_PUNCT)) {
      if (rightBlank[a - 1] > 0) {
        atomWidth[a - 1] -= rightBlank[a - 1];
        rightBlank[a - 1] = 0;
      } else if (leftBlank[a] > 0) {
        atomWidth[a] -= leftBlank[a];
        atomLead[a] = leftBlank[a];
        leftBlank[a] = 0;
      }
    }
    atomEndBlank[a - 1] = rightBlank[a - 1];
    atomSqueeze[a - 1] = rightBlank[a - 1] + leftBlank[a - 1];
    // Break opportunities and the ¼ em between Han and Western (clreq §6.3.3).
    let bb: number;
    if (fl & FORCED_BEFORE) bb = 2;
    else if (fl & EMERGENCY) bb = 3;
    else if (!zh) bb = fl & GLUED ? 0 : 1;
    else bb = fl & GLUED || cpClass(firstCp[a]) & noStart || cpClass(lastCodePoint(text, aTo[a - 1])) & noEnd ? 0 : 1;
    // A headline breaks at spaces and word boundaries; inside a word only when the word is wider than the column.
    if (words && bb === 1 && aSpace[a] === 0 && !words[aFrom[a]]) bb = 3;
    breakBefore[a] = bb;
    if (bb) segAt[sc++] = a;
    if (aSpace[a] > 0) atomPad[a] = aSpace[a];
    else if (zh && ((tags[a - 1] & HAN_LIKE && (fl & KIND_MASK) === KIND_WESTERN) || ((aFlags[a - 1] & KIND_MASK) === KIND_WESTERN && tags[a] & HAN_LIKE))) {
      atomPad[a] = quarter;
      atomQuarter[a] = 1;
    }
  }
  if (n > 0) {
    atomEndBlank[n - 1] = rightBlank[n - 1];
    atomSqueeze[n - 1] = rightBlank[n - 1] + leftBlank[n - 1];
  }
  // Segments: atoms between break opportunities.
  // The per-segment arrays and prefix sums: a second range of the arena.
  off = arena.take(11 * 8 * sc + 4 * 8 + 3 * 4 * sc + 4 + 3 * sc);
  buf = arena.buffer;
  const segWidth = new Float64Array(buf, off, sc);
  const segGap = new Float64Array(buf, (off += 8 * sc), sc);
  const segEndTrim = new Float64Array(buf, (off += 8 * sc), sc);
  const segSqueeze = new Float64Array(buf, (off += 8 * sc), sc);
  const segPads = new Float64Array(buf, (off += 8 * sc), sc);
  const segHyphen = new Float64Array(buf, (off += 8 * sc), sc);
  const segPenalty = new Float64Array(buf, (off += 8 * sc), sc);
  const cumWidth = new Float64Array(buf, (off += 8 * sc), sc + 1);
  const cumSpaces = new Float64Array(buf, (off += 8 * (sc + 1)), sc + 1);
  const cumPads = new Float64Array(buf, (off += 8 * (sc + 1)), sc + 1);
  const cumSqueeze = new Float64Array(buf, (off += 8 * (sc + 1)), sc + 1);
  const segStart = new Int32Array(buf, (off += 8 * (sc + 1)), sc);
  const segEnd = new Int32Array(buf, (off += 4 * sc), sc);
  const cumGaps = new Int32Array(buf, (off += 4 * sc), sc + 1);
  const segGapKind = new Uint8Array(buf, (off += 4 * (sc + 1)), sc);
  const segForced = new Uint8Array(buf, (off += sc), sc);
  const segEmergency = new Uint8Array(buf, off + sc, sc);
  segStart.set(segAt.subarray(0, sc));
  if (sc > 0) {
    segEnd.set(segAt.subarray(1, sc));
    segEnd[sc - 1] = n;
  }
  // Bracket and quote depth before each atom (for headlines, which keep a quoted phrase on one line when they can).
  if (words) {
    let depth = 0;
    for (let a = 0; a < n; a++) {
      depthBefore[a] = depth;
      const cp = firstCp[a];
      const cls = cpClass(cp);
      if (cls & CP_LEFT_BLANK || cp === 0x28) depth++;
      else if ((cls & CP_RIGHT_BLANK && !(cls & CP_BLANK_STOP)) || cp === 0x29) depth = Math.max(0, depth - 1);
    }
  }
  const oneHanWord = (t: number): boolean => {
    const b0 = segStart[t];
    const b1 = segEnd[t];
    if (b1 - b0 !== 1 || !isHan(firstCp[b0]) || !words![aFrom[b0]]) return false;
    return b1 === n || aSpace[b1] > 0 || words![aFrom[b1]] === 1;
  };
  const hyphenWidth = advanceEm(m, 0x2d) * size;
  for (let s = 0; s < sc; s++) {
    const a0 = segStart[s];
    const a1 = segEnd[s];
    // (the sums start from the first atom's values: 0 + x is x, so the result is as summing from 0)
    let w = atomWidth[a0];
    let sq = atomSqueeze[a0];
    let pads = 0;
    for (let a = a0 + 1; a < a1; a++) {
      w += atomWidth[a] + atomPad[a];
      if (atomQuarter[a]) pads += atomPad[a];
      sq += atomSqueeze[a];
    }
    segWidth[s] = w;
    segPads[s] = pads;
    const gap = s === 0 ? 0 : atomPad[a0];
    segGap[s] = gap;
    const fl = aFlags[a0];
    const kind = aSpace[a0] > 0 ? GAP_SPACE : fl & (HYPHEN_BEFORE | EMERGENCY) ? GAP_NONE : GAP_CJK;
    segGapKind[s] = kind;
    // The prefix sums (see PreparedBlock.cumWidth).
    cumWidth[s + 1] = cumWidth[s] + gap + w;
    cumSpaces[s + 1] = cumSpaces[s] + (kind === GAP_SPACE ? gap : 0);
    cumPads[s + 1] = cumPads[s] + pads + (kind === GAP_CJK ? gap : 0);
    cumSqueeze[s + 1] = cumSqueeze[s] + sq;
    cumGaps[s + 1] = cumGaps[s] + (s > 0 && kind !== GAP_NONE ? 1 : 0);
    if (breakBefore[a0] === 3) segEmergency[s] = 1;
    segEndTrim[s] = atomEndBlank[a1 - 1];
    // The end blank is counted once: as squeeze mid-line, or as end trim when the line ends here.
    segSqueeze[s] = sq;
    if (s + 1 < sc && aFlags[a1] & HYPHEN_BEFORE) segHyphen[s] = hyphenWidth;
    if (s + 1 < sc && breakBefore[a1] === 2) segForced[s] = 1;
    if (s > 0) {
      let pen = 0;
      if (segEmergency[s]) pen += PENALTY_EMERGENCY;
      if (fl & HYPHEN_BEFORE) pen += PENALTY_HYPHEN;
      if (datelineMark >= 0 && atomMarks[a0] === datelineMark && atomMarks[a0 - 1] === datelineMark) pen += PENALTY_DATELINE;
      if (words && aSpace[a0] === 0 && !(fl & FORCED_BEFORE)) {
        pen += PENALTY_WORD;
        // Inside 『好工人』 or a quotation: the quoted words belong together.
        if (depthBefore[a0] > 0) pen += PENALTY_QUOTED;
        // Both neighbours one-character words (蹲|点): likely one word the dictionary does not know.
        if (oneHanWord(s - 1) && oneHanWord(s)) pen += PENALTY_SHORT_WORDS;
      }
      segPenalty[s] = pen;
    }
  }
  return {
    key: block.key,
    role: block.role,
    text,
    style,
    level,
    language,
    signature: signature ?? signatureOf(block, style, level, language, hyphenate),
    indent,
    space: advanceEm(m, 0x20) * size,
    marks,
    atomCount: n,
    atomFrom, atomTo, atomWidth, atomAdvance, atomLead, atomEndBlank, atomSqueeze, atomPad, atomQuarter, atomMarks, atomSingle, atomAlone,
    segCount: sc,
    segStart, segEnd, segWidth, segGap, segGapKind, segEndTrim, segSqueeze, segPads, segHyphen, segForced, segEmergency, segPenalty,
    cumWidth, cumSpaces, cumPads, cumSqueeze, cumGaps,
    balance,
    totalFit: balance || byWord,
  };
}

/** The code point that ends just before UTF-16 offset `to`. */
function lastCodePoint(text: string, to: number): number {
  const c = text.charCodeAt(to - 1);
  return c >= 0xdc00 && c <= 0xdfff && to >= 2 ? text.codePointAt(to - 2)! : c;
}

/** The cache identity of a block's content under a style and options. */
export function signatureOf(block: SourceBlock, style: TextStyle, level: ClreqLevel, language: string, hyphenate: boolean): string {
  let s = `${block.role}|${style.face}|${style.weight}|${style.sizePt}|${style.leadingPt}|${style.indentEm}|${style.align}|${style.breakAt ?? 'char'}|${style.balance ? 1 : 0}|${style.punctuation ?? 'compress'}|${level}|${language}|${hyphenate ? 1 : 0}`;
  for (const r of block.runs) s += `\u0001${r.marks.join(',')}\u0002${r.text}`;
  return s;
}
