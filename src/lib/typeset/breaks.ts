// Line breaking: where each line of a prepared block starts at a width. First
// fit where it sets well, total fit around the lines where it does not.
import type { PreparedBlock } from './prepared';
import { BreakScratch, TypesetCache } from './cache';
import { firstFit } from './first-fit';
import { totalFit } from './total-fit';

/**
 * The lines of a block at a width, as the segment index each line starts at,
 * then segCount as the end sentinel (do not modify the array: `cache` keeps it).
 *
 * First fit, repaired by total fit where it fails (Knuth–Plass, as FIT and
 * InDesign's paragraph composer do): a first-fit line that cannot take the next
 * number or word is left loose (letter-spaced Chinese); around such a line the
 * breaks are searched so that the lines with the least demerits win: the
 * paragraph may push in (compress punctuation, shrink ¼ em and word spaces:
 * clreq's 先挤进) or pull a character down from the line above (后推出),
 * whichever gives the tighter lines. 孤字 and breaks inside a dateline or a
 * headline word cost extra; balanced headlines search every line. Arithmetic
 * only: the segment widths are prefix sums, so a candidate line costs O(1),
 * and candidates per line end are the few that fill a line.
 */
export function breakLines(p: PreparedBlock, widthPt: number, cache?: TypesetCache): number[] {
  if (!cache) return computeBreaks(p, widthPt, new BreakScratch());
  let out = cache.breaks(p, widthPt);
  if (!out) cache.keep(p, widthPt, (out = computeBreaks(p, widthPt, cache.scratch)));
  return out;
}

/** How many lines a block takes at a width (no Line objects built). */
export function countLines(p: PreparedBlock, widthPt: number, cache?: TypesetCache): number {
  return p.segCount === 0 ? 1 : breakLines(p, widthPt, cache).length - 1;
}

function computeBreaks(p: PreparedBlock, widthPt: number, scratch: BreakScratch): number[] {
  const n = p.segCount;
  if (p.totalFit) {
    const out: number[] = [];
    totalFit(p, widthPt, 0, n, out, scratch);
    out.push(n);
    return out;
  }
  const starts: number[] = [];
  const bad = firstFit(p, widthPt, 0, starts);
  if (!bad) return starts;
  // Each bad line is repaired by a search over a window of lines around it, from LOOK_BACK lines
  // above to LOOK_AHEAD below, ending at first fit's own break there: the lines outside stay as
  // first fit set them, and a repair costs a few lines' search, not the paragraph's.
  // Latin words are too long to be absorbed by a few lines: English repairs run to the paragraph's end.
  const out: number[] = [];
  const lines = starts.length - 1;
  const ahead = p.language === 'en' ? lines : LOOK_AHEAD + 1;
  let li = 0;
  for (let b = 0; b < bad.length; ) {
    const from = Math.max(li, bad[b] - LOOK_BACK);
    let to = Math.min(lines, bad[b] + ahead);
    // Overlapping windows are one window.
    while (++b < bad.length && bad[b] - LOOK_BACK <= to) to = Math.min(lines, bad[b] + ahead);
    for (; li < from; li++) out.push(starts[li]);
    totalFit(p, widthPt, starts[from], starts[to], out, scratch);
    li = to;
  }
  for (; li <= lines; li++) out.push(starts[li]);
  return out;
}

/** Lines above and below a bad line of first fit that its repair may change. */
const LOOK_BACK = 2;
const LOOK_AHEAD = 2;
