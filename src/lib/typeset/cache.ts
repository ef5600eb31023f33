// The mutable half of typesetting, kept in explicit objects: line breaks
// already computed for prepared blocks, and the total-fit search's scratch
// buffers. The pure functions take one of these as an argument; a Typesetter
// owns one for its lifetime. Nothing here lives at module level.
import { prefixSums, type PreparedBlock } from './prepared';
import { PrepareScratch } from './atoms';
import { SLAB_DOUBLES } from './arena';

/**
 * Break lists kept per prepared block: the widths a block is set at are few
 * (its column, a module's width while a headline is tried at sizes), so the
 * oldest list is dropped when a block has been set at more widths than this.
 */
export const BREAK_LISTS_PER_BLOCK = 16;

/** Grown as needed and reused: a search allocates nothing (layout re-breaks on every drag step). */
export class BreakScratch {
  cost = new Float64Array(512);
  from = new Int32Array(512);
  /** The prefix sums of `sumsOf`'s segments [0, sumsEnd] (prepared.ts prefixSums). */
  cumWidth = new Float64Array(512);
  cumSpaces = new Float64Array(512);
  cumPads = new Float64Array(512);
  cumSqueeze = new Float64Array(512);
  cumGaps = new Int32Array(512);
  sumsOf: PreparedBlock | null = null;
  sumsEnd = -1;

  /** Make room for `n` entries. */
  reserve(n: number): void {
    if (n <= this.cost.length) return;
    this.cost = new Float64Array(2 * n);
    this.from = new Int32Array(2 * n);
    this.cumWidth = new Float64Array(2 * n);
    this.cumSpaces = new Float64Array(2 * n);
    this.cumPads = new Float64Array(2 * n);
    this.cumSqueeze = new Float64Array(2 * n);
    this.cumGaps = new Int32Array(2 * n);
    this.sumsOf = null;
  }

  /** The prefix sums of `p` up to segment `end` in the cum arrays (after reserve(end + 1)); kept while the same block is searched. */
  sums(p: PreparedBlock, end: number): void {
    if (this.sumsOf === p && this.sumsEnd >= end) return;
    prefixSums(p, end, this.cumWidth, this.cumSpaces, this.cumPads, this.cumSqueeze, this.cumGaps);
    this.sumsOf = p;
    this.sumsEnd = end;
  }
}

/**
 * Computed line breaks by block and width, and the scratch of the search. The
 * lists are held weakly by block: a block no one holds any more (a Typesetter
 * dropped it) takes its lists with it.
 */
export class TypesetCache {
  readonly scratch = new BreakScratch();
  /** The working arrays of preparing a block (prepare.ts). */
  readonly prepareScratch = new PrepareScratch(SLAB_DOUBLES);
  private lists = new WeakMap<PreparedBlock, Map<number, number[]>>();

  /** The break list of `p` at `widthPt`, if computed. */
  breaks(p: PreparedBlock, widthPt: number): number[] | undefined {
    return this.lists.get(p)?.get(widthPt);
  }

  /** Keep a computed break list (bounded per block, see BREAK_LISTS_PER_BLOCK). */
  keep(p: PreparedBlock, widthPt: number, starts: number[]): void {
    let perBlock = this.lists.get(p);
    if (!perBlock) this.lists.set(p, (perBlock = new Map()));
    // A Map iterates in insertion order: its first key is the oldest width.
    if (perBlock.size >= BREAK_LISTS_PER_BLOCK) perBlock.delete(perBlock.keys().next().value!);
    perBlock.set(widthPt, starts);
  }

  /** How many break lists are kept for `p` (for tests of the bound). */
  listCount(p: PreparedBlock): number {
    return this.lists.get(p)?.size ?? 0;
  }

  /** Forget the break lists of `p` (what a benchmark does to time breaking cold). */
  forget(p: PreparedBlock): void {
    this.lists.delete(p);
  }
}
