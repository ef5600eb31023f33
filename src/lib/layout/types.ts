// The plain-data result of layout: everything a renderer needs to draw each
// line at its absolute position, and everything a checker needs to judge it.
import type { JumpDirection } from '../model/schema';
import type { Line, SourceBlock, TextStyle, TypesetOptions } from '../typeset/types';
import type { GridMetrics, Masthead } from './geometry';
import type { Folio } from './furniture';

/** What layout needs of the typesetting engine (its Typesetter class fits). */
export interface Typesetter {
  /** New Line objects on every call, the caller's to renumber (flow.ts bodyLines does). */
  typeset(blocks: SourceBlock[], styleOf: (role: string) => TextStyle, opts: TypesetOptions): Line[];
}

/** A position in a story's body: block index (body blocks only) and UTF-16 offset in it. */
export interface Cursor {
  block: number;
  offset: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A module's rectangle on the grid: columns from 0, lines from the top of the type area. */
export interface GridRect {
  column: number;
  span: number;
  line: number;
  lines: number;
}

/**
 * A typeset line at its place. x is the left edge of its measure and y its
 * baseline, both in pt from the top-left of the page's type area; the runs'
 * x are relative to that left edge (as the engine set them).
 */
export interface PositionedLine extends Line {
  x: number;
  y: number;
  /** The measure the line was set to (column or module width). */
  measure: number;
  role: string;
  /** The rest of a paragraph begun before this part (set without its indent). */
  continued: boolean;
  style: TextStyle;
  /** Key of the source block (`<storyId>/b<index in doc>`), to map back to the doc. */
  key: string;
}

export interface JumpRef {
  direction: JumpDirection;
  /** Page the other part is on, derived from page order; null if it is missing. */
  page: number | null;
  text: string;
}

export interface ModuleLayout {
  placementId: string;
  storyId: string;
  /** Index of the story in edition.stories. */
  storyIndex: number;
  part: number;
  grid: GridRect;
  /** The module in pt, relative to the type area. */
  rect: Rect;
  /** Kicker, headline and subtitle lines (or the jump headline of a continuation). */
  headline: PositionedLine[];
  photo?: { rect: Rect; photoId?: string; caption: PositionedLine[] };
  /** Body lines column by column, generated jump lines included. */
  columns: PositionedLine[][];
  jumps: JumpRef[];
  /** The headline group is taller than the module: drawn clipped to it, and reported. */
  headClipped?: { need: number };
  /** Empty grid lines at the foot of each body column (the empty-lines rule reads them). */
  emptyLines?: number[];
  /** Text of the story left over after this module when no later part takes it. */
  overset: { lines: number; chars: number };
  /** Where this part's text starts and stops in the story body. */
  from: Cursor;
  to: Cursor;
}

export interface PageLayout {
  number: number;
  pageId: string;
  metrics: GridMetrics;
  masthead?: Masthead;
  /** The folio line (paper, date, page, section), from the edition and the page's position. */
  folio: Folio;
  modules: ModuleLayout[];
}

import type { LayoutProblem } from './problems';
export type { LayoutProblem, LayoutProblemKind } from './problems';

export interface EditionLayout {
  pages: PageLayout[];
  problems: LayoutProblem[];
  /** Stories on no page at all (allowed: they wait for another day). */
  unplaced: string[];
  /**
   * Jump lines the source carried (imported jump_line nodes), of placed
   * stories. They are never flowed; the checker notes them when the layout
   * does not continue the story itself.
   */
  sourceJumps?: SourceJump[];
}

export interface SourceJump {
  storyId: string;
  title: string;
  direction: JumpDirection;
  /** The page the source named (null if it named none). */
  page: number | null;
}

/** A module's lines relative to the module's top-left corner. */
export interface ModuleFlow {
  headline: PositionedLine[];
  headSlots: number;
  /** `short`: the box is shallower than the least its width allows (the module is too shallow for it). */
  photo?: { slots: number; caption: PositionedLine[]; captionSlots: number; short: boolean };
  /** The body lines this module may draw from, and how they are cut into columns. */
  lines: FlowLine[];
  cut: Cut;
  /** Grid slot (from the module top) where the body columns begin. */
  bodySlot: number;
  /** Where generated jump lines go: column index and grid slot (from the module top). */
  jumpFrom?: { column: number; slot: number };
  jumpTo?: { column: number; slot: number };
  from: Cursor;
  to: Cursor;
  /** Body lines and characters not placed here. */
  restLines: number;
  restChars: number;
  /** Empty grid lines left at the foot of the columns. */
  emptySlots: number;
  /** Empty grid lines at the foot of each column (a jump line's slot counts as filled). */
  emptyLines: number[];
  /** The headline group is taller than the module (drawn clipped, reported). */
  headClipped: boolean;
}

/** A body line with its place in the story body and the grid lines it takes. */
export interface FlowLine {
  line: Line;
  role: string;
  /** The rest of a paragraph cut before this part: set without its indent. */
  continued: boolean;
  style: TextStyle;
  key: string;
  /** Grid lines the line occupies (1 for body text, 2 for a subhead). */
  slots: number;
  /** Body cursor right after this line. */
  end: Cursor;
}

export interface Cut {
  /** For each column, the flow lines it holds: indices [start, end) and the slot of each (from the column top). */
  columns: { start: number; end: number; at: number[] }[];
  placed: number;
  emptySlots: number;
}
