// Distributing a module's body lines to its columns: cut a run of lines into
// columns of a depth (the column-break rules of the engine decide where), or
// balance them when the story ends in the module. Pure arithmetic over lines
// already set; composing their positions is flow.ts's part.
import type { Line, TextStyle } from '../typeset/types';
import { cutFault } from '../typeset/flow';
import type { Cursor, Cut, FlowLine } from './types';

export type { Cut, FlowLine } from './types';


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
export function cutColumns(flow: FlowLine[], span: number, depth: number, reserveTop: boolean, reserveBottom: boolean, limits?: number[], rules = true): Cut {
  const columns: Cut['columns'] = [];
  let i = 0;
  let empty = 0;
  for (let c = 0; c < span; c++) {
    const start = i;
    let at = c === 0 && reserveTop ? 1 : 0;
    const top = at;
    const own = limits ? limits[c] : depth;
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
 * Balanced columns for text that ends in the module: the least even depth
 * that holds it all, the first columns one line deeper than the rest where
 * the lines do not divide evenly (so the last column is at most one line
 * shorter). Column-break rules (orphans, widows, subheads) may need a line
 * more; null when even the full depth does not hold it.
 */
export function balanceColumns(flow: FlowLine[], span: number, depth: number, reserveTop: boolean): Cut | null {
  const total = flow.reduce((n, f) => n + f.slots, 0) + (reserveTop ? 1 : 0);
  const even = Math.ceil(total / span);
  if (even > depth) return null;
  const longer = total - (even - 1) * span;
  const limits = Array.from({ length: span }, (_, c) => (c < longer ? even : even - 1));
  const first = cutColumns(flow, span, depth, reserveTop, false, limits);
  if (first.placed === flow.length) return first;
  // A little deeper keeps the break rules, if no column is left empty by it.
  for (let d = even; d <= depth; d++) {
    const cut = cutColumns(flow, span, depth, reserveTop, false, new Array(span).fill(d));
    if (cut.placed === flow.length && cut.columns.every((c) => c.end > c.start)) return cut;
  }
  // In short columns an empty column is worse than an orphan: balance without the break rules.
  const loose = cutColumns(flow, span, depth, reserveTop, false, limits, false);
  if (loose.placed === flow.length) return loose;
  return null;
}

/** The least column depth (grid lines) in which all the lines fit, jump lines reserved. */
export function columnDepthNeeded(flow: FlowLine[], span: number, reserveTop: boolean, reserveBottom: boolean): number {
  const total = flow.reduce((n, f) => n + f.slots, 0) + (reserveTop ? 1 : 0) + (reserveBottom ? 1 : 0);
  let d = Math.max(1, Math.ceil(total / span));
  while (cutColumns(flow, span, d, reserveTop, reserveBottom).placed < flow.length && d < total + 2) d++;
  return d;
}

