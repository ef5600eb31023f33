// The free room of a page as auto-layout fills it: for each column, its runs of
// free grid lines, updated as modules are placed. Finding the next spot reads
// the first run of each column (a skyline), so placing a story costs the
// columns it covers, not a scan of the page's lines × columns grid.
// Hand-written: a sorted list of runs per column over a grid of a few dozen
// columns; a general maximal-rectangles library would be more than this needs.
import type { GridRect } from './types';

/** Where the next module goes: the run of columns free from the same topmost line, and how deep all of them are free. */
export interface Spot {
  column: number;
  width: number;
  line: number;
  room: number;
}

export class PageRoom {
  /** runs[c]: free line runs of column c as [start, end) pairs, sorted and disjoint. */
  readonly #runs: [number, number][][];
  #free: number;

  /** A page of `columns` × `lines` grid cells, free from line `top` down, with `taken` rectangles (pinned modules) out of it. */
  constructor(
    readonly columns: number,
    readonly lines: number,
    top: number,
    taken: readonly GridRect[] = [],
  ) {
    this.#runs = Array.from({ length: columns }, () => (top < lines ? [[Math.max(0, top), lines]] : []));
    this.#free = columns * Math.max(0, lines - Math.max(0, top));
    for (const r of taken) this.take(r);
  }

  /** Free cells left on the page. */
  get free(): number {
    return this.#free;
  }

  /** Mark a rectangle as taken (parts of it already taken or off the page are ignored). */
  take(rect: GridRect): void {
    const from = Math.max(0, rect.line);
    const to = Math.min(this.lines, rect.line + rect.lines);
    if (to <= from) return;
    for (let c = Math.max(0, rect.column); c < Math.min(this.columns, rect.column + rect.span); c++) {
      const out: [number, number][] = [];
      for (const [s, e] of this.#runs[c]) {
        if (e <= from || s >= to) {
          out.push([s, e]);
          continue;
        }
        this.#free -= Math.min(e, to) - Math.max(s, from);
        if (s < from) out.push([s, from]);
        if (e > to) out.push([to, e]);
      }
      this.#runs[c] = out;
    }
  }

  /** The first free spot, top first then left; null when the page is full. */
  firstSpot(): Spot | null {
    let column = -1;
    let line = this.lines;
    for (let c = 0; c < this.columns; c++) {
      const run = this.#runs[c][0];
      if (run && run[0] < line) {
        line = run[0];
        column = c;
      }
    }
    if (column < 0) return null;
    let width = 0;
    let room = this.lines;
    for (let c = column; c < this.columns; c++) {
      const run = this.#runs[c][0];
      if (!run || run[0] !== line) break;
      width++;
      room = Math.min(room, run[1] - line);
    }
    return { column, width, line, room };
  }

  /**
   * The spot widened over the columns beside it whose free room starts at most
   * `gap` lines lower (its top is the lowest of theirs): a module across it
   * leaves a strip of up to `gap` lines above it, but no deep hole beside it.
   * Null when no column beside it qualifies.
   */
  widened(spot: Spot, gap: number): { spot: Spot; strip: GridRect[] } | null {
    const top = (c: number) => this.#runs[c][0];
    const near = (c: number) => {
      const run = top(c);
      return !!run && run[0] >= spot.line && run[0] - spot.line <= gap;
    };
    let from = spot.column;
    while (from > 0 && near(from - 1)) from--;
    let to = spot.column + spot.width;
    while (to < this.columns && near(to)) to++;
    if (from === spot.column && to === spot.column + spot.width) return null;
    let line = 0;
    let end = this.lines;
    for (let c = from; c < to; c++) {
      line = Math.max(line, top(c)[0]);
      end = Math.min(end, top(c)[1]);
    }
    if (end <= line) return null;
    const strip: GridRect[] = [];
    for (let c = from; c < to; c++) if (top(c)[0] < line) strip.push({ column: c, span: 1, line: top(c)[0], lines: line - top(c)[0] });
    return { spot: { column: from, width: to - from, line, room: end - line }, strip };
  }

  /** The free runs of one column, one column wide each (top first). */
  runsOf(column: number): GridRect[] {
    return (this.#runs[column] ?? []).map(([s, e]) => ({ column, span: 1, line: s, lines: e - s }));
  }
}
