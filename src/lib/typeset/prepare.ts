// Measuring a block once (the slow half of typesetting): the atoms' widths
// from the metric tables, adjacent-punctuation compression (clreq §6.3.2), the
// ¼ em between Han and Western text (§6.3.3), break opportunities and their
// penalties, and the segments between them with prefix sums, so that
// breaks.ts finds lines at any width by arithmetic.
import type { ClreqLevel, SourceBlock, TextStyle } from './types';
import { advanceEm, advanceZhEm, fontMetrics } from './measure';
import { noStartCp, noEndCp, isHan } from './clreq';
import { chineseAtoms, flatten, LEFT_BLANK_CP, NBSP, RIGHT_BLANK_CP, unitEnds, westernAtoms, wordStarts, type Atom } from './atoms';
import {
  GAP_CJK, GAP_NONE, GAP_SPACE, PENALTY_DATELINE, PENALTY_EMERGENCY, PENALTY_HYPHEN, PENALTY_QUOTED, PENALTY_SHORT_WORDS, PENALTY_WORD,
  type PrepareOptions, type PreparedBlock,
} from './prepared';

export type { PrepareOptions, PreparedBlock } from './prepared';

/** A mark at least this share of an em wide is full-width: it has a blank half to give (LXGW WenKai's quotes are proportional). */
const FULL_WIDTH_EM = 0.9;
/** The space between Han and Western text, in em (clreq §6.3.3: "no more than ¼ em"). */
const HAN_WESTERN_EM = 1 / 4;
/** Stops that carry a blank half but close no bracket or quote: 、，。． */
const STOPS_CP = new Set([0x3001, 0xff0c, 0x3002, 0xff0e]);
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
  const compress = style.punctuation !== 'full';
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
    if (compress && chars === 1 && adv >= FULL_WIDTH_EM * size) {
      if (RIGHT_BLANK_CP.has(first)) rightBlank[a] = half;
      else if (LEFT_BLANK_CP.has(first)) leftBlank[a] = half;
    }
  }
  // A space beside a full-width mark in Chinese text (OCR and web copy carry them: 好！ （今日谈）)
  // is no space: the mark's own blank is the gap. The break opportunity stays.
  if (language === 'zh') {
    const fullMark = (a: number) => isFullPunct(text, atoms[a], atomAdvance[a], size);
    for (let a = 1; a < n; a++) if (atoms[a].spaceBefore > 0 && (fullMark(a - 1) || fullMark(a))) atoms[a] = { ...atoms[a], spaceBefore: 0 };
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
  const quarter = HAN_WESTERN_EM * size;
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
      else if ((RIGHT_BLANK_CP.has(cp) && !STOPS_CP.has(cp)) || cp === 0x29) depth = Math.max(0, depth - 1);
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
  };
}

function isFullPunct(text: string, at: Atom, adv: number, size: number): boolean {
  if (at.kind !== 'cjk' || adv < FULL_WIDTH_EM * size || at.to - at.from !== 1) return false;
  const cp = text.charCodeAt(at.from);
  return !isHan(cp) && !isKana(cp) && cp !== IDEOGRAPHIC_SPACE;
}

function isHanLike(at: Atom, text: string): boolean {
  if (at.kind !== 'cjk') return false;
  const cp = text.codePointAt(at.from)!;
  return isHan(cp) || (isKana(cp) && cp !== KATAKANA_MIDDLE_DOT);
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
