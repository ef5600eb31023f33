// Distributing a module's body lines to its columns: cut a run of lines into
// columns of a depth (the column-break rules of the engine decide where), or
// balance them when the story ends in the module. Pure arithmetic over lines
// already set; composing their positions is flow.ts's part.
import type { Line, TextStyle } from '../typeset/types';
import { cutFault } from '../typeset/flow';
import type { Cursor, Cut, FlowLine } from './types';

export type { Cut, FlowLine } from './types';

/** A module's column may end this many grid lines above its foot at most (a desk fills modules; more is a hole). */
export const MAX_EMPTY_LINES = 2;


/** The engine's verdict on breaking a column after flow line k (it reads that line and the next only). */
function faultAfter(flow: FlowLine[], k: number): 'orphan' | 'widow' | null {
  return k >= 0 && k + 1 < flow.length ? cutFault([flow[k].line, flow[k + 1].line], 0) : null;
}

/**
 * Cut a run of lines into `span` columns of `depth` grid lines. The first slot
 * of the first column and the last slot of the last column are kept for jump
 * lines when the story comes from or goes on to another part. At each column
 * break the engine's cutFault decides: a paragraph's first line alone at the
 * foot (orphan) goes over to the next column, and so does the line before a
 * paragraph's last line when that line would stand alone at the head (widow);
 * a subhead never ends a column. A column never gives up more than it keeps,
 * and the end of a story's last part is not moved (that would make overset).
 */
export function cutColumns(
  flow: FlowLine[],
  span: number,
  depth: number,
  reserveTop: boolean,
  reserveBottom: boolean,
  limits?: number[] | ((column: number, placed: number) => number),
  rules = true,
): Cut {
  const columns: Cut['columns'] = [];
  let i = 0;
  let empty = 0;
  for (let c = 0; c < span; c++) {
    const start = i;
    let at = c === 0 && reserveTop ? 1 : 0;
    const top = at;
    const own = typeof limits === 'function' ? limits(c, start) : limits ? limits[c] : depth;
    const limit = c === span - 1 && reserveBottom ? own - 1 : own;
    const breakable = c < span - 1 || reserveBottom;
    let end = start;
    while (end < flow.length && at + flow[end].slots <= limit) at += flow[end++].slots;
    if (rules && breakable && end < flow.length && end - start >= 2) {
      const fault = faultAfter(flow, end - 1);
      if (fault === 'orphan') end--;
      else if (fault === 'widow' && end - start >= 3 && faultAfter(flow, end - 2) !== 'orphan') end--;
      while (end - start >= 2 && flow[end - 1].role === 'subhead') end--;
    }
    const col: Cut['columns'][number] = { start, end, at: [] };
    at = top;
    for (let k = start; k < end; k++) {
      col.at.push(at);
      at += flow[k].slots;
    }
    i = end;
    empty += Math.max(0, (c === span - 1 && reserveBottom ? depth - 1 : depth) - at);
    columns.push(col);
  }
  return { columns, placed: i, emptySlots: empty };
}

/**
 * Balanced columns for text that ends in the module: each column takes an even
 * share of the lines still to place (so the last is at most a line shorter),
 * a line the column-break rules (orphans, widows, subheads) move on is shared
 * out over the columns after it, and where the rules cannot be kept so, the
 * columns may take a line or more over their share. Null when even the full
 * depth does not hold the text.
 */
export function balanceColumns(flow: FlowLine[], span: number, depth: number, reserveTop: boolean): Cut | null {
  const rest: number[] = new Array(flow.length + 1).fill(0);
  for (let k = flow.length - 1; k >= 0; k--) rest[k] = rest[k + 1] + flow[k].slots;
  const total = rest[0] + (reserveTop ? 1 : 0);
  if (Math.ceil(total / span) > depth) return null;
  const share = (over: number) => (c: number, placed: number) => Math.min(depth, Math.ceil((rest[placed] + (c === 0 && reserveTop ? 1 : 0)) / (span - c)) + over);
  // The first share that keeps the empty-lines rule; else the first that places the text (the desk sees the hole).
  let first: Cut | null = null;
  for (let over = 0; over <= depth; over++) {
    const cut = cutColumns(flow, span, depth, reserveTop, false, share(over));
    if (cut.placed === flow.length && cut.columns.every((c) => c.end > c.start)) {
      if (footWhite(flow, cut, depth) <= MAX_EMPTY_LINES) return cut;
      first ??= cut;
    }
    if (Math.ceil(total / span) + over >= depth) break;
  }
  if (first) return first;
  // In short columns an empty column is worse than an orphan: balance without the break rules.
  const loose = cutColumns(flow, span, depth, reserveTop, false, share(0), false);
  if (loose.placed === flow.length) return loose;
  return null;
}

/** The most grid lines any column of a cut ends above the foot (a story's last part: no jump line to count). */
function footWhite(flow: FlowLine[], cut: Cut, depth: number): number {
  return Math.max(0, ...cut.columns.map((col) => depth - (col.end > col.start ? col.at[col.end - col.start - 1] + flow[col.end - 1].slots : 0)));
}

/** The least column depth (grid lines) in which all the lines fit, jump lines reserved. */
export function columnDepthNeeded(flow: FlowLine[], span: number, reserveTop: boolean, reserveBottom: boolean): number {
  const total = flow.reduce((n, f) => n + f.slots, 0) + (reserveTop ? 1 : 0) + (reserveBottom ? 1 : 0);
  let d = Math.max(1, Math.ceil(total / span));
  while (cutColumns(flow, span, d, reserveTop, reserveBottom).placed < flow.length && d < total + 2) d++;
  return d;
}

