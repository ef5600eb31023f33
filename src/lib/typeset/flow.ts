// Flowing a story's lines through columns: the layout takes lines a column at
// a time and may change width between columns (and pages), so a story's
// position is a cursor, not an index into one fixed-width list of lines.
import type { Line } from './types';
import type { PreparedBlock } from './prepare';
import { breakLinesFrom, linesAt } from './layout';

/**
 * Where a story continues: block `block`, whose lines before `line` are set;
 * its next line starts at segment `seg` (the text position, valid at any
 * width). A jump is a saved cursor.
 */
export interface LineCursor {
  block: number;
  line: number;
  seg: number;
}

export const STORY_START: LineCursor = { block: 0, line: 0, seg: 0 };

export interface ColumnFill {
  /** The lines set (empty when `lines: false`). */
  lines: Line[];
  /** Where the next column (or the jump) continues; null when the story is all set. */
  next: LineCursor | null;
  /** Lines taken. */
  count: number;
  /** Height used in pt: the sum of the lines' leading. */
  heightPt: number;
  /** Characters (UTF-16) of the story set in this column, for overset counts. */
  chars: number;
}

/**
 * Take as many lines of a story as fit `heightPt` at `widthPt`, starting at
 * `from`. Each line costs its style's leading, so a column of height H holds
 * floor(H / leading) body lines. With `lines: false` only the cursor is
 * computed (arithmetic, no strings): what the layout calls on every drag step.
 * `widowControl` keeps a paragraph's first line from standing alone at the foot
 * of the column and its last line from standing alone at the head of the next.
 */
export function fillColumn(blocks: PreparedBlock[], from: LineCursor, widthPt: number, heightPt: number, opts: { lines?: boolean; widowControl?: boolean } = {}): ColumnFill {
  const want = opts.lines !== false;
  const out: Line[] = [];
  let used = 0;
  let count = 0;
  let chars = 0;
  let b = from.block;
  let l = from.line;
  let seg = from.seg;
  while (b < blocks.length) {
    const p = blocks[b];
    const lead = p.style.leadingPt;
    if (p.segCount === 0) {
      // An empty block still takes its line (a blank paragraph).
      if (used + lead > heightPt + 1e-6) return { lines: out, next: { block: b, line: 0, seg: 0 }, count, heightPt: used, chars };
      if (want) out.push({ block: b, from: 0, to: 0, text: '', naturalWidth: 0, stretch: 0, leadingPt: lead, sizePt: p.style.sizePt, firstOfBlock: true, lastOfBlock: true, runs: [] });
      used += lead;
      count++;
      b++;
      l = 0;
      seg = 0;
      continue;
    }
    const starts = breakLinesFrom(p, widthPt, seg);
    const total = starts.length - 1;
    let take = Math.max(0, Math.min(total, Math.floor((heightPt - used + 1e-6) / lead)));
    if (opts.widowControl && take > 0 && take < total) {
      // Only when something else is already in the column: an empty column takes what fits, or the flow would stall.
      if (seg === 0 && take === 1 && total > 1 && used > 0) take = 0;
      else if (total - take === 1 && take >= 2) take -= 1;
    }
    if (take > 0) {
      if (want) for (const line of linesAt(p, starts, widthPt, b, 0, take)) out.push(line);
      used += take * lead;
      count += take;
      chars += (take < total ? p.atomFrom[p.segStart[starts[take]]] : p.text.length) - (seg === 0 ? 0 : p.atomFrom[p.segStart[seg]]);
    }
    if (take < total) return { lines: out, next: { block: b, line: l + take, seg: starts[take] }, count, heightPt: used, chars };
    b++;
    l = 0;
    seg = 0;
  }
  return { lines: out, next: null, count, heightPt: used, chars };
}

/**
 * Is cutting a story's lines after index `k` (lines[0..k] in one column,
 * lines[k+1..] in the next) a typographic fault? 'orphan': a paragraph's first
 * line alone at the foot; 'widow': its last line alone at the head.
 */
export function cutFault(lines: Line[], k: number): 'orphan' | 'widow' | null {
  if (k < 0 || k >= lines.length - 1) return null;
  const here = lines[k];
  const next = lines[k + 1];
  if (here.block !== next.block) return null;
  if (here.firstOfBlock && !here.lastOfBlock) return 'orphan';
  if (next.lastOfBlock && !next.firstOfBlock) return 'widow';
  return null;
}
