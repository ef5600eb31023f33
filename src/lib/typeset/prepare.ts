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
  PrepareScratch, unitEnds, westernAtoms, wordStarts,
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
  const m = fontMetrics(style.face, style.weight);
  const size = style.sizePt;
  if (language === 'en') westernAtoms(text, markAt, m, size, hyphenate, atoms);
  else chineseAtoms(text, markAt, m, size, atoms);
  const { from: aFrom, to: aTo, flags: aFlags, space: aSpace } = atoms;
  const byWord = style.breakAt === 'word';
  let words: Uint8Array | null = null;
  if (byWord) {
    words = new Uint8Array(len + 1);
    wordStarts(text, language, unitEnds(atoms, text), words);
  }
  const datelineMark = marks.findIndex((ms) => ms.includes('dateline'));
  const n = atoms.count;
  // The result: per-atom arrays, then per-segment ones (never more segments than atoms).
  const F = 6 * n + 7 * n + 4 * (n + 1);
  const I = 3 * n + 2 * n + (n + 1);
  const U = 3 * n + 3 * n;
  const buf = new ArrayBuffer(F * 8 + I * 4 + U);
  let f = 0;
  let i32 = F * 8;
  let u8 = F * 8 + I * 4;
  const f64 = (k: number) => {
    const v = new Float64Array(buf, f, k);
    f += k * 8;
    return v;
  };
  const i32a = (k: number) => {
    const v = new Int32Array(buf, i32, k);
    i32 += k * 4;
    return v;
  };
  const u8a = (k: number) => {
    const v = new Uint8Array(buf, u8, k);
    u8 += k;
    return v;
  };
  const atomFrom = i32a(n);
  const atomTo = i32a(n);
  const atomMarks = i32a(n);
  atomFrom.set(aFrom.subarray(0, n));
  atomTo.set(aTo.subarray(0, n));
  atomMarks.set(atoms.marks.subarray(0, n));
  const atomWidth = f64(n);
  const atomAdvance = f64(n);
  const atomLead = f64(n);
  const atomEndBlank = f64(n);
  const atomSqueeze = f64(n);
  const atomPad = f64(n);
  const atomQuarter = u8a(n);
  const atomSingle = u8a(n);
  const atomAlone = u8a(n);
  const half = size / 2;
  const fullWidth = FULL_WIDTH_EM * size;
  const compress = style.punctuation !== 'full';
  // Punctuation in Chinese text is shaped among Han characters (zh-Hans glyphs).
  const zh = language === 'zh';
  for (let a = 0; a < n; a++) {
    const at0 = aFrom[a];
    const at1 = aTo[a];
    const zhShaped = zh && (aFlags[a] & KIND_MASK) !== KIND_WESTERN;
    let adv = 0;
    let chars = 0;
    let first = 0;
    for (let k = at0; k < at1; ) {
      const c16 = text.charCodeAt(k);
      const cp = c16 >= 0xd800 && c16 <= 0xdbff ? text.codePointAt(k)! : c16;
      if (chars === 0) first = cp;
      adv += (zhShaped ? advanceZhEmFast(m, cp) : advanceEmFast(m, cp)) * size;
      chars++;
      k += cp > 0xffff ? 2 : 1;
    }
    if (aFlags[a] & ALONE) {
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
    // Only a full-width mark has a blank half to give (LXGW WenKai's quotes are proportional).
    if (compress && chars === 1 && adv >= fullWidth) {
      const cls = cpClass(first);
      if (cls & CP_RIGHT_BLANK) rightBlank[a] = half;
      else if (cls & CP_LEFT_BLANK) leftBlank[a] = half;
    }
  }
  // A full-width punctuation mark (not Han, kana or U+3000) of one character.
  const fullPunct = (a: number): boolean => {
    if ((aFlags[a] & KIND_MASK) !== KIND_CJK || atomAdvance[a] < fullWidth || aTo[a] - aFrom[a] !== 1) return false;
    const cp = text.charCodeAt(aFrom[a]);
    return !isHan(cp) && !isKana(cp) && cp !== IDEOGRAPHIC_SPACE;
  };
  // A space beside a full-width mark in Chinese text (OCR and web copy carry them: 好！ （今日谈）)
  // is no space: the mark's own blank is the gap. The break opportunity stays.
  if (zh) for (let a = 1; a < n; a++) if (aSpace[a] > 0 && (fullPunct(a - 1) || fullPunct(a))) aSpace[a] = 0;
  // Adjacent punctuation: two marks side by side set in 1.5 em (clreq §6.3.2).
  for (let a = 1; a < n; a++) {
    if (aSpace[a] > 0) continue;
    const prevPunct = rightBlank[a - 1] > 0 || leftBlank[a - 1] > 0 || fullPunct(a - 1);
    if (!prevPunct) continue;
    const thisPunct = rightBlank[a] > 0 || leftBlank[a] > 0 || fullPunct(a);
    if (!thisPunct) continue;
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
  const quarter = HAN_WESTERN_EM * size;
  const noStart = level === 'strict' ? CP_NO_START_STRICT : CP_NO_START_BASIC;
  const noEnd = level === 'strict' ? CP_NO_END_STRICT : CP_NO_END_BASIC;
  const hanLike = (a: number): boolean => {
    if ((aFlags[a] & KIND_MASK) !== KIND_CJK) return false;
    const cp = text.codePointAt(aFrom[a])!;
    return isHan(cp) || (isKana(cp) && cp !== KATAKANA_MIDDLE_DOT);
  };
  let sc = n > 0 ? 1 : 0;
  for (let a = 1; a < n; a++) {
    const fl = aFlags[a];
    let bb: number;
    if (fl & FORCED_BEFORE) bb = 2;
    else if (fl & EMERGENCY) bb = 3;
    else if (!zh) bb = fl & GLUED ? 0 : 1;
    else bb = fl & GLUED || cpClass(text.codePointAt(aFrom[a])!) & noStart || cpClass(lastCodePoint(text, aTo[a - 1])) & noEnd ? 0 : 1;
    // A headline breaks at spaces and word boundaries; inside a word only when the word is wider than the column.
    if (words && bb === 1 && aSpace[a] === 0 && !words[aFrom[a]]) bb = 3;
    breakBefore[a] = bb;
    if (bb) sc++;
    if (aSpace[a] > 0) atomPad[a] = aSpace[a];
    else if (zh && ((hanLike(a - 1) && (fl & KIND_MASK) === KIND_WESTERN) || ((aFlags[a - 1] & KIND_MASK) === KIND_WESTERN && hanLike(a)))) {
      atomPad[a] = quarter;
      atomQuarter[a] = 1;
    }
  }
  // Segments: atoms between break opportunities.
  const segStart = i32a(sc);
  const segEnd = i32a(sc);
  const segWidth = f64(sc);
  const segGap = f64(sc);
  const segGapKind = u8a(sc);
  const segEndTrim = f64(sc);
  const segSqueeze = f64(sc);
  const segPads = f64(sc);
  const segHyphen = f64(sc);
  const segForced = u8a(sc);
  const segEmergency = u8a(sc);
  const segPenalty = f64(sc);
  for (let a = 0, s = 0; a < n; a++) if (a === 0 || breakBefore[a]) segStart[s++] = a;
  for (let s = 0; s < sc; s++) segEnd[s] = s + 1 < sc ? segStart[s + 1] : n;
  // Bracket and quote depth before each atom (for headlines, which keep a quoted phrase on one line when they can).
  if (words) {
    let depth = 0;
    for (let a = 0; a < n; a++) {
      depthBefore[a] = depth;
      const cp = text.codePointAt(aFrom[a])!;
      const cls = cpClass(cp);
      if (cls & CP_LEFT_BLANK || cp === 0x28) depth++;
      else if ((cls & CP_RIGHT_BLANK && !(cls & CP_BLANK_STOP)) || cp === 0x29) depth = Math.max(0, depth - 1);
    }
  }
  const oneHanWord = (t: number): boolean => {
    const b0 = segStart[t];
    const b1 = segEnd[t];
    if (b1 - b0 !== 1 || !isHan(text.codePointAt(aFrom[b0])!) || !words![aFrom[b0]]) return false;
    return b1 === n || aSpace[b1] > 0 || words![aFrom[b1]] === 1;
  };
  const hyphenWidth = advanceEm(m, 0x2d) * size;
  for (let s = 0; s < sc; s++) {
    const a0 = segStart[s];
    const a1 = segEnd[s];
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
    const fl = aFlags[a0];
    segGapKind[s] = aSpace[a0] > 0 ? GAP_SPACE : fl & (HYPHEN_BEFORE | EMERGENCY) ? GAP_NONE : GAP_CJK;
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
  const cumWidth = f64(sc + 1);
  const cumSpaces = f64(sc + 1);
  const cumPads = f64(sc + 1);
  const cumSqueeze = f64(sc + 1);
  const cumGaps = i32a(sc + 1);
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
    signature: signature ?? signatureOf(block, style, level, language, hyphenate),
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
