// The contract between the typesetting engine and its users (layout, proof,
// editor line counts). Plain data only: lines are computed in Node and in the
// browser alike and rendered by absolute position, so no browser re-breaks them.

/** Typeface roles of a Chinese newsroom; each maps to one bundled font. */
export type FaceRole = 'song' | 'hei' | 'kai' | 'latin';

export interface TextStyle {
  face: FaceRole;
  weight: 400 | 700;
  /** Type size in pt. */
  sizePt: number;
  /** Baseline-to-baseline distance in pt. */
  leadingPt: number;
  /** First-line indent in em of this style (2 for Chinese body paragraphs). */
  indentEm: number;
  align: 'justify' | 'start' | 'center' | 'end';
  /**
   * Where lines may break: 'char' (default) between any two characters clreq
   * allows; 'word' only at spaces and word boundaries (Intl.Segmenter), for
   * headlines, which a desk never breaks inside a word.
   */
  breakAt?: 'char' | 'word';
  /** Equalise the lines' lengths (a headline of two lines is two similar halves). */
  balance?: boolean;
  /**
   * Punctuation width (W3C clreq §3.1.6): 'compress' (default) sets adjacent
   * full-width marks in 1.5 em, trims a mark's blank half at the line end and
   * lets a pushed-in line squeeze them; 'full' keeps every mark a full em.
   */
  punctuation?: 'compress' | 'full';
}

/** One inline run of a block: text with the names of its marks. */
export interface InlineRun {
  text: string;
  marks: string[];
}

/**
 * A block to typeset. `key` identifies the block across edits: a block whose
 * key, text and style are unchanged is not measured again (incremental typesetting).
 */
export interface SourceBlock {
  key: string;
  role: string;
  runs: InlineRun[];
}

/** A piece of a line at its final position (after justification and punctuation adjustment). */
export interface PlacedRun {
  text: string;
  /** Left edge in pt from the start of the column. */
  x: number;
  /** Set width in pt (after any punctuation compression). */
  width: number;
  marks: string[];
}

/**
 * A line. The engine's lines place their text, widths and runs when one of them is first read
 * and take leading and size from their style (typeset/layout.ts SetLine), so those six are
 * read-only and not own properties: copy a line with plainLine (typeset/line.ts), not a spread;
 * JSON.stringify writes them all.
 */
export interface Line {
  /** Index of the block in the input. */
  block: number;
  /** UTF-16 offsets into the block's plain text (runs concatenated). */
  from: number;
  to: number;
  readonly text: string;
  /** Natural width in pt, before justification. */
  readonly naturalWidth: number;
  /**
   * Extra space distributed to justify, in pt (0 for the last line or unjustified).
   * Negative when the line was pushed in (punctuation compressed, word spaces shrunk).
   */
  readonly stretch: number;
  /** Distance from the previous baseline, in pt. */
  readonly leadingPt: number;
  readonly sizePt: number;
  firstOfBlock: boolean;
  lastOfBlock: boolean;
  readonly runs: PlacedRun[];
}

export type ClreqLevel = 'basic' | 'strict';

export interface TypesetOptions {
  /** Column width in pt. */
  widthPt: number;
  level?: ClreqLevel;
  hyphenate?: boolean;
  language?: 'zh' | 'en';
}

// Additive to PlacedRun (kept in an interface merge so the original shape stays as it was):
// a run of single characters spaced evenly by justification carries that spacing here,
// to be drawn with CSS letter-spacing (in pt). Absent means 0.
export interface PlacedRun {
  letterSpacing?: number;
}
