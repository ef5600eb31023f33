// The prepared form of a block (after pretext's prepare/layout split): its
// atoms and segments as typed arrays, measured once, so that line breaking at
// any width is arithmetic over them. Plain immutable data: breaks computed
// from it are kept in a TypesetCache, never in the block.
import type { ClreqLevel, TextStyle } from './types';

export interface PrepareOptions {
  level?: ClreqLevel;
  language?: 'zh' | 'en';
  hyphenate?: boolean;
}

/** Gap kinds between segments: how justification may change them. */
export const GAP_CJK = 0; // inter-character space of CJK text: 0 natural, stretches
export const GAP_SPACE = 1; // a word space: shrinks to SPACE_SHRINK, stretches
export const GAP_NONE = 2; // between syllables of a hyphenated word: never changes

/** Word spaces may shrink to this share of their width to fit a line (Latin justification). */
export const SPACE_SHRINK = 0.8;
/** Beyond this share a word space makes a loose line; allowed rather than letterspacing Latin. */
export const SPACE_STRETCH = 1.5;

/** Break penalties (added to a line's demerits, see breaks.ts). */
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

/**
 * A prepared block's atoms and segments are records in the memory of a slab it
 * shares with other blocks (see arena.ts): `f` reads it as doubles, `i` as 32-bit
 * integers, and a block is two index ranges into them. Records, not an array per
 * field: a typed-array view costs more to make in Chromium than filling it, and
 * one view per slab replaces some thirty per block. Small, for memory a page
 * prepares fresh costs Chromium about 1 ms a megabyte (page faults, zeroing).
 *
 * Atom a's record is the ATOM doubles from `p.atoms + a * ATOM`; its integers are
 * `p.i[2 * (p.atoms + a * ATOM) + A_FROM]` and A_BITS. A full-width mark's blank half
 * (p.half: 行尾 trim, push-in squeeze, or taken by adjacent-punctuation compression)
 * is told by bits, for it is the only blank there is. The atom's length is in its bits
 * too (atomTo): 24 bytes a record, not 32 with an end offset of its own (a page prepares
 * some 15,000 atoms into fresh memory).
 */
export const ATOM = 3;
/** Font advance of the atom's text (what the browser draws), pt. */
export const A_ADVANCE = 0;
/** Space before the atom inside its segment (¼ em between Han and Western), pt. */
export const A_PAD = 1;
/** Integers (index into `i` from twice the record's index): the atom's start offset; AB_* bits | length << AB_LEN_SHIFT | mark set << AB_MARKS_SHIFT. */
export const A_FROM = 4;
export const A_BITS = 5;
/** A_PAD is the ¼ em Han–Western space, which a crowded line may shrink (clreq: "no more than ¼ em"). */
export const AB_QUARTER = 1;
/** One character (may take letter-spacing when merged into a run). */
export const AB_SINGLE = 2;
/** Drawn in a run of its own. */
export const AB_ALONE = 4;
/** A blank half at the end side, which a line end may trim (行尾标点挤压) or a crowded line squeeze. */
export const AB_END_BLANK = 8;
/** A blank half at the start side, which a crowded line may squeeze (先挤进). */
export const AB_START_BLANK = 16;
/** The start blank taken by compression: the glyph is drawn half an em left of its slot (lead), its set width half an em less. */
export const AB_LEAD = 32;
/** The end blank taken by compression: the set width half an em less. */
export const AB_END_TRIMMED = 64;
/** The atom's length in UTF-16 units is (A_BITS >>> AB_LEN_SHIFT) & AB_LEN_MASK; AB_LEN_MASK itself means "see p.ends". */
export const AB_LEN_SHIFT = 7;
export const AB_LEN_MASK = 0xfff;
/** The atom's mark set index is A_BITS >>> AB_MARKS_SHIFT (at most MAX_MARK_SETS - 1). */
export const AB_MARKS_SHIFT = 19;
export const MAX_MARK_SETS = 1 << (32 - AB_MARKS_SHIFT);

/** The end offset of atom `a` (record index `ra`, bits `bits`): its start plus the length its bits hold. */
export function atomTo(p: PreparedBlock, a: number, ra: number, bits: number): number {
  const len = (bits >>> AB_LEN_SHIFT) & AB_LEN_MASK;
  return len !== AB_LEN_MASK ? p.i[2 * ra + A_FROM] + len : p.ends![a];
}

/** Set width after adjacent-punctuation compression, pt (the advance less a blank half compression took). */
export function atomWidth(bits: number, advance: number, half: number): number {
  return bits & (AB_LEAD | AB_END_TRIMMED) ? advance - half : advance;
}

/** Blank a crowded line may squeeze from the atom, pt. */
export function atomSqueeze(bits: number, half: number): number {
  return bits & (AB_END_BLANK | AB_START_BLANK) ? half : 0;
}

/**
 * Segment s's record: SEG doubles from `p.segs + s * SEG`. There are segCount + 1
 * records; the last holds only S_START (= atomCount), so that a segment's atoms are
 * [S_START of s, S_START of s + 1). The prefix sums the line search prices lines with
 * are not kept: prefixSums() derives them when a search needs them (memory a page
 * prepares fresh costs Chromium about 1 ms a megabyte, more than computing them).
 */
export const SEG = 2;
export const S_WIDTH = 0;
/**
 * Integers (index into `i` from twice the record's index): the first atom, SB_* bits.
 * The space before the segment when it does not start a line is its first atom's A_PAD
 * (gapOf); the blank a line ending after it trims is half an em when SB_END_TRIM; the
 * punctuation blanks a crowded line may squeeze and the ¼ em spaces inside it are counted
 * in the bits (segSqueeze, segPads).
 */
export const S_START = 2;
export const S_BITS = 3;
/** The gap kind (GAP_*) in the low bits. */
export const SB_GAP_KIND = 3;
/** A line must end after this segment (a hard break). */
export const SB_FORCED = 4;
/** A break before this segment splits an over-long word: only when nothing else fits (PENALTY_EMERGENCY). */
export const SB_EMERGENCY = 8;
/** A line ending after this segment gets a hyphen (of width p.hyphen). */
export const SB_HYPHEN = 16;
/** What a line break before this segment costs besides (see penaltyOf): a hyphen, a dateline, a headline word, a quotation, two one-character words. */
export const SB_PENALTY_HYPHEN = 32;
export const SB_PENALTY_DATELINE = 64;
export const SB_PENALTY_WORD = 128;
export const SB_PENALTY_QUOTED = 256;
export const SB_PENALTY_SHORT_WORDS = 512;
/** The last atom's end blank (half an em) is trimmed when a line ends after this segment. */
export const SB_END_TRIM = 1024;
/** How many of its atoms have a blank half (SB_COUNT_MASK: that many or more, counted from the atoms). */
export const SB_BLANKS_SHIFT = 11;
/** How many of its atoms after the first are set after a ¼ em Han–Western space (likewise). */
export const SB_QUARTERS_SHIFT = 19;
export const SB_COUNT_MASK = 0xff;

/**
 * The punctuation blanks a crowded line may squeeze from segment record `r`, pt: half an em
 * for each, summed one by one as prepare sums its atoms' squeeze, so the double is the same.
 */
export function segSqueeze(p: PreparedBlock, r: number, bits: number): number {
  const k = (bits >>> SB_BLANKS_SHIFT) & SB_COUNT_MASK;
  if (k === 0) return 0;
  if (k === 1) return p.half;
  let sq = 0;
  if (k < SB_COUNT_MASK) for (let j = 0; j < k; j++) sq += p.half;
  else for (let a = p.i[2 * r + S_START], end = p.i[2 * (r + SEG) + S_START]; a < end; a++) sq += atomSqueeze(p.i[2 * (p.atoms + a * ATOM) + A_BITS], p.half);
  return sq;
}

/** The ¼ em Han–Western spaces inside segment record `r` (a crowded line may shrink them), pt, summed as segSqueeze sums. */
export function segPads(p: PreparedBlock, r: number, bits: number): number {
  const m = (bits >>> SB_QUARTERS_SHIFT) & SB_COUNT_MASK;
  if (m === 0) return 0;
  const start = p.i[2 * r + S_START];
  const quarter = p.f[p.atoms + (start + 1) * ATOM + A_PAD];
  if (m === 1 && p.i[2 * (p.atoms + (start + 1) * ATOM) + A_BITS] & AB_QUARTER) return quarter;
  let pads = 0;
  for (let a = start + 1, end = p.i[2 * (r + SEG) + S_START]; a < end; a++) {
    const ra = p.atoms + a * ATOM;
    if (p.i[2 * ra + A_BITS] & AB_QUARTER) pads += p.f[ra + A_PAD];
  }
  return pads;
}

/** The space before segment record `r` (an index in p.f) when it does not start a line, pt. */
export function gapOf(p: PreparedBlock, r: number): number {
  return p.f[p.atoms + p.i[2 * r + S_START] * ATOM + A_PAD];
}

/**
 * Cost of a line break before a segment with these bits, added to the line's demerits
 * (the penalties summed in this order, so that the sums are always the same doubles).
 */
export function penaltyOf(bits: number): number {
  let pen = 0;
  if (bits & SB_EMERGENCY) pen += PENALTY_EMERGENCY;
  if (bits & SB_PENALTY_HYPHEN) pen += PENALTY_HYPHEN;
  if (bits & SB_PENALTY_DATELINE) pen += PENALTY_DATELINE;
  if (bits & SB_PENALTY_WORD) pen += PENALTY_WORD;
  if (bits & SB_PENALTY_QUOTED) pen += PENALTY_QUOTED;
  if (bits & SB_PENALTY_SHORT_WORDS) pen += PENALTY_SHORT_WORDS;
  return pen;
}

/**
 * Prefix sums over segments [0, s) for s up to `end` (arrays of at least end + 1):
 * gap + width, word-space gaps, shrinkable ¼ em spaces (inside segments and as CJK
 * gaps), punctuation squeeze, and the number of justifiable gaps, so that total fit
 * prices any line in O(1).
 */
export function prefixSums(p: PreparedBlock, end: number, width: Float64Array, spaces: Float64Array, pads: Float64Array, squeeze: Float64Array, gaps: Int32Array): void {
  const { f, i: iv, segs } = p;
  width[0] = spaces[0] = pads[0] = squeeze[0] = gaps[0] = 0;
  for (let s = 0, r = segs; s < end; s++, r += SEG) {
    const gap = gapOf(p, r);
    const kind = iv[2 * r + S_BITS] & SB_GAP_KIND;
    const bits = iv[2 * r + S_BITS];
    width[s + 1] = width[s] + gap + f[r + S_WIDTH];
    spaces[s + 1] = spaces[s] + (kind === GAP_SPACE ? gap : 0);
    pads[s + 1] = pads[s] + segPads(p, r, bits) + (kind === GAP_CJK ? gap : 0);
    squeeze[s + 1] = squeeze[s] + segSqueeze(p, r, bits);
    gaps[s + 1] = gaps[s] + (s > 0 && kind !== GAP_NONE ? 1 : 0);
  }
}

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
  segCount: number;
  /** The records' memory as doubles (shared with other blocks: read only the ranges below). */
  f: Float64Array;
  /** The same memory as 32-bit integers. */
  i: Int32Array;
  /** End offsets of the atoms too long for their bits' length field (a run of 4,095 dashes), by atom; null when there are none. */
  ends: Int32Array | null;
  /** Index in `f` of atom 0's record. */
  atoms: number;
  /** Index in `f` of segment 0's record. */
  segs: number;
  /** Width of the hyphen a line ending at SB_HYPHEN gets, pt. */
  hyphen: number;
  /** Half an em: a full-width mark's blank half (AB_END_BLANK, AB_START_BLANK), pt. */
  half: number;
  /** Balance the lines (style.balance): every line's slack counts, the last one's too. */
  balance: boolean;
  /** Always search the best breaks (balanced or word-broken headlines), never take first fit as it is. */
  totalFit: boolean;
}

/**
 * A prepared block as one array per field (the form before the records, field
 * for field and in the same order): what the digest of the engine's output and
 * the tests compare. Not for hot paths.
 */
export function preparedColumns(p: PreparedBlock): Record<string, unknown> {
  const { f, i, atoms, segs, atomCount: n, segCount: sc } = p;
  const rec = (a: number) => atoms + a * ATOM;
  const bits = Array.from({ length: n }, (_, a) => i[2 * rec(a) + A_BITS]);
  const adv = Array.from({ length: n }, (_, a) => f[rec(a) + A_ADVANCE]);
  const ai = (k: number) => Array.from({ length: n }, (_, a) => i[2 * rec(a) + k]);
  const to = Array.from({ length: n }, (_, a) => atomTo(p, a, rec(a), bits[a]));
  const ab = (bit: number) => bits.map((b) => (b & bit ? 1 : 0));
  const half = (bit: number) => bits.map((b) => (b & bit ? p.half : 0));
  const sf = (k: number) => Array.from({ length: sc }, (_, s) => f[segs + s * SEG + k]);
  const sb = (bits: number, shift = 0) => Array.from({ length: sc }, (_, s) => (i[2 * (segs + s * SEG) + S_BITS] & bits) >> shift);
  const start = Array.from({ length: sc + 1 }, (_, s) => i[2 * (segs + s * SEG) + S_START]);
  const cum = [0, 0, 0, 0].map(() => new Float64Array(sc + 1));
  const cumGaps = new Int32Array(sc + 1);
  prefixSums(p, sc, cum[0], cum[1], cum[2], cum[3], cumGaps);
  return {
    key: p.key, role: p.role, text: p.text, style: p.style, level: p.level, language: p.language, signature: p.signature,
    indent: p.indent, space: p.space, marks: p.marks,
    atomCount: n,
    atomFrom: ai(A_FROM), atomTo: to, atomWidth: bits.map((b, a) => atomWidth(b, adv[a], p.half)), atomAdvance: adv,
    atomLead: half(AB_LEAD), atomEndBlank: half(AB_END_BLANK), atomSqueeze: bits.map((b) => atomSqueeze(b, p.half)),
    atomPad: Array.from({ length: n }, (_, a) => f[rec(a) + A_PAD]), atomQuarter: ab(AB_QUARTER), atomMarks: bits.map((b) => b >>> AB_MARKS_SHIFT),
    atomSingle: ab(AB_SINGLE), atomAlone: ab(AB_ALONE),
    segCount: sc,
    segStart: start.slice(0, sc), segEnd: start.slice(1), segWidth: sf(S_WIDTH),
    segGap: Array.from({ length: sc }, (_, s) => (s > 0 ? gapOf(p, segs + s * SEG) : 0)), segGapKind: sb(SB_GAP_KIND),
    segEndTrim: sb(SB_END_TRIM).map((t) => (t ? p.half : 0)), segSqueeze: Array.from({ length: sc }, (_, s) => segSqueeze(p, segs + s * SEG, i[2 * (segs + s * SEG) + S_BITS])),
    segPads: Array.from({ length: sc }, (_, s) => segPads(p, segs + s * SEG, i[2 * (segs + s * SEG) + S_BITS])), segHyphen: sb(SB_HYPHEN).map((h) => (h ? p.hyphen : 0)),
    segForced: sb(SB_FORCED, 2), segEmergency: sb(SB_EMERGENCY, 3),
    segPenalty: Array.from({ length: sc }, (_, s) => (s > 0 ? penaltyOf(i[2 * (segs + s * SEG) + S_BITS]) : 0)),
    cumWidth: cum[0], cumSpaces: cum[1], cumPads: cum[2], cumSqueeze: cum[3], cumGaps,
    balance: p.balance, totalFit: p.totalFit,
  };
}
