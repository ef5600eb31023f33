// Galley's typesetting engine: Chinese lines by W3C clreq, Latin lines by
// UAX #14 with optional hyphenation, measured from the bundled fonts' own
// advances. Pure TypeScript, no DOM: the same lines in Node, on screen, in print.
//
//   const p = prepareBlock(block, style);      // slow: segment + measure, once per content
//   const lines = layoutBlock(p, widthPt, i);  // fast: arithmetic at a width
//
// Typesetter wraps both with a cache keyed by block key + content + style, so
// re-typesetting a story after one edit re-prepares only the edited block.
import type { ClreqLevel, Line, SourceBlock, TextStyle, TypesetOptions } from './types';
import { prepareBlock as prepare, resolveOptions, signatureOf, type PreparedBlock, type PrepareOptions } from './prepare';
import { layoutBlock, breakLines } from './layout';

export type { ClreqLevel, Line, PlacedRun, SourceBlock, TextStyle, TypesetOptions, InlineRun, FaceRole } from './types';
export type { PreparedBlock, PrepareOptions } from './prepare';
export { layoutBlock, breakLines, breakLinesFrom, countLines, linesAt, SPACE_SHRINK, SPACE_STRETCH } from './layout';
export { fillColumn, cutFault, STORY_START, type LineCursor, type ColumnFill } from './flow';
export { checkLines, setWidth, type Violation, type ViolationKind, type CheckOptions } from './check';
export { defaultStyles, HEADLINE_ROLES, HEADLINE_BREAKING } from './styles';
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
  for (let s = 0; s < p.segCount; s++) w += p.segWidth[s] + (s > 0 ? p.segGap[s] : 0);
  return w;
}

/** Does `text` fit on one line of `widthPt` in `style` (compression allowed, as the engine would set it)? */
export function fitsOnOneLine(text: string, style: TextStyle, widthPt: number, opts?: PrepareOptions): boolean {
  const p = prepare({ key: '', role: 'measure', runs: [{ text, marks: [] }] }, { ...style, indentEm: 0 }, opts);
  return p.segCount === 0 || breakLines(p, widthPt).length - 1 === 1;
}

/**
 * Typesets whole stories and keeps every prepared block: a block whose key,
 * text, marks and style are unchanged is not prepared again, and its line
 * breaks at a width already computed are reused.
 */
export class Typesetter {
  private cache = new Map<string, PreparedBlock>();
  /** Blocks prepared since construction (what an edit costs, for tests and benchmarks). */
  prepared = 0;

  /** The prepared form of a block, from the cache when its content and style are unchanged. */
  prepare(block: SourceBlock, style: TextStyle, opts: PrepareOptions = {}): PreparedBlock {
    const { level, language, hyphenate } = resolveOptions(style, opts);
    const sig = signatureOf(block, style, level, language, hyphenate);
    const hit = this.cache.get(block.key);
    if (hit && hit.signature === sig) return hit;
    const p = prepare(block, style, { level, language, hyphenate });
    this.prepared++;
    this.cache.set(block.key, p);
    return p;
  }

  /** The prepared blocks of a story, in order (for fillColumn and countLines). */
  prepareAll(blocks: SourceBlock[], styleOf: (role: string) => TextStyle, opts: Omit<TypesetOptions, 'widthPt'> = {}): PreparedBlock[] {
    return blocks.map((b) => this.prepare(b, styleOf(b.role), { level: opts.level, language: opts.language, hyphenate: opts.hyphenate }));
  }

  /** All lines of a story at one column width. */
  typeset(blocks: SourceBlock[], styleOf: (role: string) => TextStyle, opts: TypesetOptions): Line[] {
    const out: Line[] = [];
    this.prepareAll(blocks, styleOf, opts).forEach((p, i) => {
      for (const line of layoutBlock(p, opts.widthPt, i)) out.push(line);
    });
    return out;
  }

  /** Forget blocks whose keys are not in `keep` (a story was deleted or re-imported). */
  retain(keep: Iterable<string>): void {
    const k = new Set(keep);
    for (const key of this.cache.keys()) if (!k.has(key)) this.cache.delete(key);
  }
}
