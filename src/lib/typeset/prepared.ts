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
}
