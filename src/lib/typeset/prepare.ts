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
  ALONE, blockText, chineseAtoms, EMERGENCY, FORCED_BEFORE, GLUED, HAN_PLAIN, HYPHEN_BEFORE, KIND_CJK, KIND_MASK, KIND_WESTERN, markRuns, NBSP,
  PrepareScratch, unitEnds, westernAtoms,
} from './atoms';
import {
  A_ADVANCE, A_BITS, A_FROM, A_PAD, AB_ALONE, AB_END_BLANK, AB_END_TRIMMED, AB_LEAD, AB_LEN_MASK, AB_LEN_SHIFT, AB_MARKS_SHIFT, AB_QUARTER, AB_SINGLE, AB_START_BLANK, ATOM,
  GAP_CJK, GAP_NONE, GAP_SPACE, S_BITS, S_START, S_WIDTH, SB_BLANKS_SHIFT, SB_COUNT_MASK, SB_EMERGENCY, SB_END_TRIM, SB_FORCED, SB_HYPHEN, SB_QUARTERS_SHIFT,
  SB_PENALTY_DATELINE, SB_PENALTY_HYPHEN, SB_PENALTY_QUOTED, SB_PENALTY_SHORT_WORDS, SB_PENALTY_WORD, SEG, MAX_MARK_SETS,
  type PrepareOptions, type PreparedBlock,
} from './prepared';

export type { PrepareOptions, PreparedBlock } from './prepared';

/** A mark at least this share of an em wide is full-width: it has a blank half to give (LXGW WenKai's quotes are proportional). */
const FULL_WIDTH_EM = 0.9;
/** The space between Han and Western text, in em (clreq §6.3.3: "no more than ¼ em"). */
const HAN_WESTERN_EM = 1 / 4;
const IDEOGRAPHIC_SPACE = 0x3000;
/** Atom tags: a full-width punctuation mark of one character; Han or kana (not ・). */
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
 * it can draw): one pass over the atoms, per atom a few table reads (the metric and
 * class tables) and comparisons; what an atom or segment needs of its neighbours is
 * kept in locals until its values are final, then written once into the block's
 * records (prepared.ts) in the arena's slab.
 */
export function prepareBlock(block: SourceBlock, style: TextStyle, opts: PrepareOptions = {}, signature?: string, scratch = new PrepareScratch()): PreparedBlock {
  const { level, language, hyphenate } = resolveOptions(style, opts);
  const text = blockText(block);
  // Working arrays (the atoms, each position's mark set): the caller's, reused.
  scratch.reserve(text.length);
  const { atoms, markAt } = scratch;
  const marks = markRuns(block, markAt);
  // (the schema's few marks make a few dozen sets at most)
  if (marks.length > MAX_MARK_SETS) throw new RangeError(`a block with more than ${MAX_MARK_SETS} distinct mark sets`);
  // Every field of the style read here, once: styles come in several shapes (a headline's has
  // breakAt and balance), and a shape first seen after the loop below deoptimises it.
  const m = fontMetrics(style.face, style.weight);
  const size = style.sizePt;
  const indent = style.indentEm * size;
  const balance = !!style.balance;
  const byWord = style.breakAt === 'word';
  const compress = style.punctuation !== 'full';
  if (language === 'en') westernAtoms(text, markAt, m, size, hyphenate, atoms);
  else chineseAtoms(text, markAt, m, size, atoms);
  const { from: aFrom, to: aTo, flags: aFlags, space: aSpace, marks: aMarks } = atoms;
  const words = byWord ? scratch.wordStartsOf(text, language, unitEnds(atoms, text)) : null;
  const datelineMark = marks.findIndex((ms) => ms.includes('dateline'));
  const n = atoms.count;
  // The records: room for n atoms and for as many segments as there could be (one per atom,
  // and the end record); what the segments do not use is given back at the end.
  const arena = scratch.arena;
  const atomBase = arena.take(n * ATOM + (n + 1) * SEG);
  const f = arena.f64;
  const iv = arena.i32;
  const segBase = atomBase + n * ATOM;
  const half = size / 2;
  const fullWidth = FULL_WIDTH_EM * size;
  const quarter = HAN_WESTERN_EM * size;
  const hyphenWidth = advanceEm(m, 0x2d) * size;
  // Punctuation in Chinese text is shaped among Han characters (zh-Hans glyphs).
  const zh = language === 'zh';
  const noStart = level === 'strict' ? CP_NO_START_STRICT : CP_NO_START_BASIC;
  const noEnd = level === 'strict' ? CP_NO_END_STRICT : CP_NO_END_BASIC;
  const { values, index, zhIndex } = m;
  // HAN_PLAIN atoms (chineseAtoms marks them) take the Han advance when the table lists no common Han.
  const hanPlain = m.hanUnlisted;
  const hanAdvance = values[0] * size;
  // The atom before (a - 1): its record, flags, tags (FULL_PUNCT, HAN_LIKE), last code point's clreq class,
  // and the blanks it still has (a full-width mark's blank half, until compression takes it).
  // Its set width and pad are kept here too, for its segment's sums.
  let pRec = 0, pFl = 0, pTag = 0, pLastClass = 0, pRight = 0, pLeft = 0, pWidth = 0, pPad = 0, pQuarter = false;
  // The open segment: its first atom, what its gap and penalty depend on, and its sums so far.
  let sc = 0, s0 = 0, sKind = 0, sFl = 0, sSpace = 0, sFirst = 0, sDepth = 0, sEmergency = false;
  let sW = 0, sBlanks = 0, sQuarters = 0;
  // Headlines: bracket and quote depth (a quoted phrase stays on one line when it can), and
  // whether the segment before the open one is a one-character Han word (蹲|点).
  let depth = 0, pOneHan = false;
  // End offsets of atoms longer than the bits' length field holds (see prepared.ts atomTo).
  let ends: Int32Array | null = null;
  for (let a = 0; a <= n; a++) {
    // Atom a: measured, its record written but for what its neighbours change (a === n: none,
    // the last atom is finished and the last segment closed).
    let rec = 0, fl = 0, tag = 0, first = 0, last = 0, cls = 0, lastClass = 0, right = 0, left = 0, space = 0, depthBefore = 0, width = 0, pad = 0, quarterPad = false;
    if (a < n) {
      rec = atomBase + a * ATOM;
      const at0 = aFrom[a];
      const at1 = aTo[a];
      fl = aFlags[a];
      space = aSpace[a];
      const r2 = 2 * rec;
      iv[r2 + A_FROM] = at0;
      if (fl & HAN_PLAIN && hanPlain) {
        // A common Han character of no clreq class (most of a Chinese page): the font's Han advance,
        // no blank halves, no bracket depth, Han-like; what the general path below finds for it.
        first = last = text.charCodeAt(at0);
        f[rec + A_ADVANCE] = width = hanAdvance;
        iv[r2 + A_BITS] = AB_SINGLE | (1 << AB_LEN_SHIFT) | (aMarks[a] << AB_MARKS_SHIFT);
        tag = HAN_LIKE;
        depthBefore = depth;
      } else {
        const zhShaped = zh && (fl & KIND_MASK) !== KIND_WESTERN;
        let adv = 0;
        let chars = 0;
        const u0 = text.charCodeAt(at0);
        if (at1 - at0 === 1 && (u0 < 0xd800 || u0 > 0xdbff)) {
          // One BMP character (most atoms): advanceEmFast / advanceZhEmFast's table read, inline.
          first = u0;
          last = u0 < 0xdc00 || u0 > 0xdfff ? u0 : lastCodePoint(text, at1);
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
          last = lastCodePoint(text, at1);
        }
        // The clreq classes of its first and last code points, read once.
        cls = cpClass(first);
        lastClass = last === first ? cls : cpClass(last);
        let bits = chars === 1 ? AB_SINGLE : 0;
        if (fl & ALONE) {
          const s = text.slice(at0, at1);
          bits |= AB_ALONE;
          let w = m.seq.get(s);
          if (w === undefined) {
            w = 0;
            for (const ch of s) w += advanceEm(m, ch.codePointAt(0)!);
          }
          adv = w * size;
        }
        f[rec + A_ADVANCE] = adv;
        width = adv;
        let len = at1 - at0;
        if (len >= AB_LEN_MASK) {
          (ends ??= new Int32Array(n))[a] = at1;
          len = AB_LEN_MASK;
        }
        iv[r2 + A_BITS] = bits | (len << AB_LEN_SHIFT) | (aMarks[a] << AB_MARKS_SHIFT);
        if ((fl & KIND_MASK) === KIND_CJK) {
          // A full-width punctuation mark (not Han, kana or U+3000) of one UTF-16 unit.
          // (an atom of one UTF-16 unit has that unit as its first code point)
          const han = isHan(first);
          if (adv >= fullWidth && at1 - at0 === 1 && !han && !isKana(first) && first !== IDEOGRAPHIC_SPACE) tag |= FULL_PUNCT;
          if (han || (isKana(first) && first !== KATAKANA_MIDDLE_DOT)) tag |= HAN_LIKE;
        }
        // Only a full-width mark has a blank half to give (LXGW WenKai's quotes are proportional).
        if (compress && chars === 1 && adv >= fullWidth) {
          if (cls & CP_RIGHT_BLANK) right = half;
          else if (cls & CP_LEFT_BLANK) left = half;
        }
        if (words) {
          depthBefore = depth;
          if (cls & CP_LEFT_BLANK || first === 0x28) depth++;
          else if ((cls & CP_RIGHT_BLANK && !(cls & CP_BLANK_STOP)) || first === 0x29) depth = Math.max(0, depth - 1);
        }
      }
    }
    let bb = 1; // the break before atom a: 0 none, 1 allowed, 2 forced, 3 emergency (the first atom opens a segment)
    if (a > 0) {
      if (a < n) {
        // A space beside a full-width mark in Chinese text (OCR and web copy carry them: 好！ （今日谈）)
        // is no space: the mark's own blank is the gap. The break opportunity stays.
        if (zh && space > 0 && (pTag & FULL_PUNCT || tag & FULL_PUNCT)) aSpace[a] = space = 0;
        // Adjacent punctuation: two marks side by side set in 1.5 em (clreq §6.3.2).
        if (!(space > 0) && (pRight > 0 || pLeft > 0 || pTag & FULL_PUNCT) && (right > 0 || left > 0 || tag & FULL_PUNCT)) {
          if (pRight > 0) {
            pWidth -= pRight;
            iv[2 * pRec + A_BITS] |= AB_END_TRIMMED;
            pRight = 0;
          } else if (left > 0) {
            width -= left;
            iv[2 * rec + A_BITS] |= AB_LEAD;
            left = 0;
          }
        }
      }
      // Atom a - 1 is final now: its blanks, and its share of its segment's sums.
      if (pRight > 0) iv[2 * pRec + A_BITS] |= AB_END_BLANK;
      else if (pLeft > 0) iv[2 * pRec + A_BITS] |= AB_START_BLANK;
      const pSq = pRight + pLeft;
      if (a - 1 === s0) {
        // (the sums start from the first atom's values: 0 + x is x, so the result is as summing from 0)
        sW = pWidth;
        sBlanks = pSq > 0 ? 1 : 0;
        sQuarters = 0;
      } else {
        sW += pWidth + pPad;
        if (pQuarter) sQuarters++;
        if (pSq > 0) sBlanks++;
      }
      if (a < n) {
        // Break opportunities and the ¼ em between Han and Western (clreq §6.3.3).
        if (fl & FORCED_BEFORE) bb = 2;
        else if (fl & EMERGENCY) bb = 3;
        else if (!zh) bb = fl & GLUED ? 0 : 1;
        else bb = fl & GLUED || cls & noStart || pLastClass & noEnd ? 0 : 1;
        // A headline breaks at spaces and word boundaries; inside a word only when the word is wider than the column.
        if (words && bb === 1 && space === 0 && !words[aFrom[a]]) bb = 3;
        if (space > 0) f[rec + A_PAD] = pad = space;
        else if (zh && ((pTag & HAN_LIKE && (fl & KIND_MASK) === KIND_WESTERN) || ((pFl & KIND_MASK) === KIND_WESTERN && tag & HAN_LIKE))) {
          f[rec + A_PAD] = pad = quarter;
          quarterPad = true;
          iv[2 * rec + A_BITS] |= AB_QUARTER;
        }
      } else bb = 0;
      if (bb || a === n) {
        // Close the open segment [s0, a).
        const seg = segBase + sc * SEG;
        f[seg + S_WIDTH] = sW;
        // (its gap is atom s0's pad, see gapOf; pRight is half an em or 0)
        let bits = (Math.min(sBlanks, SB_COUNT_MASK) << SB_BLANKS_SHIFT) | (Math.min(sQuarters, SB_COUNT_MASK) << SB_QUARTERS_SHIFT) | (pRight > 0 ? SB_END_TRIM : 0) | sKind | (sEmergency ? SB_EMERGENCY : 0) | (bb === 2 ? SB_FORCED : 0) | (a < n && fl & HYPHEN_BEFORE ? SB_HYPHEN : 0);
        // Both neighbours one-character words (蹲|点): likely one word the dictionary does not know.
        const oneHan = !!words && a - s0 === 1 && isHan(sFirst) && words[aFrom[s0]] === 1 && (a === n || space > 0 || words[aFrom[a]] === 1);
        if (sc > 0) {
          // What a break before it costs (penaltyOf).
          if (sFl & HYPHEN_BEFORE) bits |= SB_PENALTY_HYPHEN;
          if (datelineMark >= 0 && aMarks[s0] === datelineMark && aMarks[s0 - 1] === datelineMark) bits |= SB_PENALTY_DATELINE;
          if (words && sSpace === 0 && !(sFl & FORCED_BEFORE)) {
            bits |= SB_PENALTY_WORD;
            // Inside 『好工人』 or a quotation: the quoted words belong together.
            if (sDepth > 0) bits |= SB_PENALTY_QUOTED;
            if (pOneHan && oneHan) bits |= SB_PENALTY_SHORT_WORDS;
          }
        }
        iv[2 * seg + S_START] = s0;
        iv[2 * seg + S_BITS] = bits;
        pOneHan = oneHan;
        sc++;
      }
    }
    if (a === n) break;
    if (bb) {
      // Open a segment at atom a.
      s0 = a;
      // English justifies at word spaces only: a break with no space (after a hard hyphen as in
      // "well-|known", beside a dash as in "13.—|The") never stretches into a gap.
      sKind = space > 0 ? GAP_SPACE : !zh || fl & (HYPHEN_BEFORE | EMERGENCY) ? GAP_NONE : GAP_CJK;
      sFl = fl;
      sSpace = space;
      sFirst = first;
      sDepth = depthBefore;
      sEmergency = bb === 3;
    }
    pRec = rec;
    pFl = fl;
    pTag = tag;
    pLastClass = lastClass;
    pRight = right;
    pLeft = left;
    pWidth = width;
    pPad = pad;
    pQuarter = quarterPad;
  }
  // The end record (the last segment's end), and the room no segment took given back.
  const end = segBase + sc * SEG;
  iv[2 * end + S_START] = n;
  arena.release(end + SEG);
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
    segCount: sc,
    f,
    i: iv,
    ends,
    atoms: atomBase,
    segs: segBase,
    hyphen: hyphenWidth,
    half,
    balance,
    totalFit: balance || byWord,
  };
}

/** The code point that ends just before UTF-16 offset `to`. */
function lastCodePoint(text: string, to: number): number {
  const c = text.charCodeAt(to - 1);
  return c >= 0xdc00 && c <= 0xdfff && to >= 2 ? text.codePointAt(to - 2)! : c;
}

/** The cache identity of a block's content under a style and options. `styleKey` is styleSignature's result when the caller has it. */
export function signatureOf(block: SourceBlock, style: TextStyle, level: ClreqLevel, language: string, hyphenate: boolean, styleKey = styleSignature(style, level, language, hyphenate)): string {
  let s = `${block.role}|${styleKey}`;
  for (const r of block.runs) s += `\u0001${r.marks.join(',')}\u0002${r.text}`;
  return s;
}

/** The part of a signature that a style and the options give (the same for every block set in them). */
export function styleSignature(style: TextStyle, level: ClreqLevel, language: string, hyphenate: boolean): string {
  return `${style.face}|${style.weight}|${style.sizePt}|${style.leadingPt}|${style.indentEm}|${style.align}|${style.breakAt ?? 'char'}|${style.balance ? 1 : 0}|${style.punctuation ?? 'compress'}|${level}|${language}|${hyphenate ? 1 : 0}`;
}
