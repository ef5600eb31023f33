// Galley's typesetting engine: Chinese lines by W3C clreq, Latin lines by
// UAX #14 with optional hyphenation, measured from the bundled fonts' own
// advances. Pure TypeScript, no DOM: the same lines in Node, on screen, in print.
//
//   const p = prepareBlock(block, style);            // slow: segment + measure, once per content
//   const lines = layoutBlock(p, widthPt, i, cache); // fast: arithmetic at a width
//
// Typesetter wraps both with a bounded cache keyed by block key + content +
// style, so re-typesetting a story after one edit re-prepares only the edited
// block. Every cache is an explicit object (Typesetter, TypesetCache): the
// engine keeps no state at module level.
import type { Line, SourceBlock, TextStyle, TypesetOptions } from './types';
import { prepareBlock as prepare, resolveOptions, signatureOf, styleSignature, type PreparedBlock, type PrepareOptions } from './prepare';
import { breakLines } from './breaks';
import { gapOf, S_WIDTH, SEG } from './prepared';
import { layoutBlock } from './layout';
import { TypesetCache } from './cache';

export type { ClreqLevel, Line, PlacedRun, SourceBlock, TextStyle, TypesetOptions, InlineRun, FaceRole } from './types';
export type { PreparedBlock, PrepareOptions } from './prepared';
export { SPACE_SHRINK, SPACE_STRETCH, preparedColumns } from './prepared';
export { breakLines, countLines } from './breaks';
export { layoutBlock, linesAt } from './layout';
export { plainLine } from './line';
export { TypesetCache, BREAK_LISTS_PER_BLOCK } from './cache';
export { cutFault } from './flow';
export { checkLines, setWidth, type Violation, type ViolationKind, type CheckOptions } from './check';
export { houseStyle, HEADLINE_ROLES, HEADLINE_BREAKING, type HouseStyleOptions } from './styles';
export { FACE_FAMILY, FACE_FALLBACK, cssFont, cssWeight } from './faces';
export { noStart, noEnd } from './clreq';

/** Prepare one block: split into atoms and segments and measure them (the slow part). */
export function prepareBlock(block: SourceBlock, style: TextStyle, opts?: PrepareOptions): PreparedBlock {
  return prepare(block, style, opts);
}

/**
 * Natural width in pt of `text` set on one line in `style` (¼ em Han–Western
 * spacing and adjacent-punctuation compression included, no indent): for
 * headlines and anything that must fit a given measure.
 */
export function measureText(text: string, style: TextStyle, opts?: PrepareOptions): number {
  const p = prepare({ key: '', role: 'measure', runs: [{ text, marks: [] }] }, { ...style, indentEm: 0 }, opts);
  let w = 0;
  for (let s = 0, r = p.segs; s < p.segCount; s++, r += SEG) w += p.f[r + S_WIDTH] + (s > 0 ? gapOf(p, r) : 0);
  return w;
}

/** Does `text` fit on one line of `widthPt` in `style` (compression allowed, as the engine would set it)? */
export function fitsOnOneLine(text: string, style: TextStyle, widthPt: number, opts?: PrepareOptions): boolean {
  const p = prepare({ key: '', role: 'measure', runs: [{ text, marks: [] }] }, { ...style, indentEm: 0 }, opts);
  return p.segCount === 0 || breakLines(p, widthPt).length - 1 === 1;
}

/**
 * Prepared blocks a Typesetter keeps by default. A front page holds a few
 * hundred blocks, a whole edition a few thousand (with the headline sizes
 * layout tries and the continuations of cut paragraphs); a prepared block of a
 * 300-character paragraph takes some 50 KB of typed arrays.
 */
export const TYPESETTER_CAPACITY = 4096;

/**
 * Typesets whole stories and keeps prepared blocks: a block whose key, text,
 * marks and style are unchanged is not prepared again, and its line breaks at
 * a width already computed are reused. The cache is bounded: least recently
 * used first out, at most `capacity` blocks (their break lists go with them).
 */
export class Typesetter {
  /** Prepared blocks by key; a Map iterates in insertion order, so re-inserting on use keeps the least recently used first. */
  private blocks = new Map<string, PreparedBlock>();
  /** Line breaks computed for the kept blocks, and the search's scratch. */
  readonly cache = new TypesetCache();
  /** Blocks prepared since construction (what an edit costs, for tests and benchmarks). */
  prepared = 0;
  /**
   * Each style's part of the signature, by the options it was last asked with: the same for every
   * block of a style, and writing its sizes (non-integer doubles) as text cost ~1 µs a block.
   * Styles are never changed in place (houseStyle and layout make new ones), so the style object is the key.
   */
  private styleKeys = new WeakMap<TextStyle, { level: string; language: string; hyphenate: boolean; key: string }>();

  constructor(readonly capacity = TYPESETTER_CAPACITY) {}

  /** Prepared blocks kept now (never more than `capacity`). */
  get size(): number {
    return this.blocks.size;
  }

  /** The prepared form of a block, from the cache when its content and style are unchanged. */
  prepare(block: SourceBlock, style: TextStyle, opts: PrepareOptions = {}): PreparedBlock {
    const { level, language, hyphenate } = resolveOptions(style, opts);
    let styleKey = this.styleKeys.get(style);
    if (!styleKey || styleKey.level !== level || styleKey.language !== language || styleKey.hyphenate !== hyphenate) {
      this.styleKeys.set(style, (styleKey = { level, language, hyphenate, key: styleSignature(style, level, language, hyphenate) }));
    }
    const sig = signatureOf(block, style, level, language, hyphenate, styleKey.key);
    const hit = this.blocks.get(block.key);
    this.blocks.delete(block.key);
    if (hit && hit.signature === sig) {
      this.blocks.set(block.key, hit);
      return hit;
    }
    const p = prepare(block, style, { level, language, hyphenate }, sig, this.cache.prepareScratch);
    this.prepared++;
    this.blocks.set(block.key, p);
    if (this.blocks.size > this.capacity) this.blocks.delete(this.blocks.keys().next().value!);
    return p;
  }

  /** The prepared blocks of a story, in order. */
  prepareAll(blocks: SourceBlock[], styleOf: (role: string) => TextStyle, opts: Omit<TypesetOptions, 'widthPt'> = {}): PreparedBlock[] {
    return blocks.map((b) => this.prepare(b, styleOf(b.role), { level: opts.level, language: opts.language, hyphenate: opts.hyphenate }));
  }

  /** All lines of a story at one column width. */
  typeset(blocks: SourceBlock[], styleOf: (role: string) => TextStyle, opts: TypesetOptions): Line[] {
    const out: Line[] = [];
    const prepared = this.prepareAll(blocks, styleOf, opts);
    for (let i = 0; i < prepared.length; i++) layoutBlock(prepared[i], opts.widthPt, i, this.cache, out);
    return out;
  }
}
