// Total fit (Knuth–Plass, as FIT and InDesign's paragraph composer do): the
// breaks of a run of segments with the least demerits, each candidate line
// priced in O(1) from the prepared block's prefix sums. Its scratch buffers
// come from the caller's TypesetCache, so a search allocates nothing.
import type { PreparedBlock } from './prepared';
import {
  gapOf, GAP_CJK, GAP_SPACE, penaltyOf, S_BITS, SB_END_TRIM, SB_FORCED, SB_GAP_KIND, SB_HYPHEN, SEG, SPACE_SHRINK, SPACE_STRETCH,
} from './prepared';
import { EPS, LOOSE_EM_PER_GAP, isOrphanLine } from './fit-rules';
import type { BreakScratch } from './cache';

/** A 孤字 last line: worth a good deal of compression or looseness above to avoid. */
const PENALTY_ORPHAN = 1000;
/** A segment wider than the column, set alone: the only way on. */
const PENALTY_OVERFULL = 1e16;
/** Balanced lines: the number of lines first, then the squared slack (em²). */
const BALANCE_LINE = 1e5;
/** Badness of a loose line is capped here (as TeX caps it): beyond it every line is as bad, and no looseness costs as much as a split word. */
const BADNESS_CAP = 1e5;
/** Candidate lines are at most this many em short of the column (longer ones are always tried). */
const WINDOW_EM = 1.5;

/**
 * Total fit (see breaks.ts breakLines) of the lines from segment s0 to segment
 * sEnd (a break, or segCount): their starts are appended to `out`.
 */
export function totalFit(p: PreparedBlock, widthPt: number, s0: number, sEnd: number, out: number[], scratch: BreakScratch): void {
  const n = p.segCount;
  scratch.reserve(n + 1);
  const cost = scratch.cost;
  const from = scratch.from;
  scratch.sums(p, sEnd);
  const { cumWidth, cumSpaces, cumPads, cumSqueeze, cumGaps } = scratch;
  // Segment s's record is f[segs + s * SEG + S_*], its integers iv[2 * (segs + s * SEG) + S_*];
  // the prefix sums [0, sEnd] in the scratch.
  const { f, i: iv, segs } = p;
  const size = p.style.sizePt;
  const en = p.language === 'en';
  const balance = p.balance;
  const shrink = 1 - SPACE_SHRINK;
  const space = p.space > 0 ? p.space : size / 4;
  // Lines looser than this are not worth trying when a fuller one exists: a
  // window that makes the search a few candidates per line end, not a line's worth.
  const window = balance ? Infinity : WINDOW_EM * size;
  let hi = s0 - 1; // the last start i whose line [i, j) is at least widthPt - window wide
  cost[s0] = 0;
  for (let j = s0 + 1; j <= sEnd; j++) {
    let best = Infinity;
    let bestI = j - 1;
    const last = j === n;
    const rj = segs + j * SEG;
    const rl = rj - SEG; // segment j - 1, the line's last
    const lastBits = iv[2 * rl + S_BITS];
    const endTrim = lastBits & SB_END_TRIM ? p.half : 0;
    const endAdjust = (lastBits & SB_HYPHEN ? p.hyphen : 0) - endTrim;
    const penalty = last ? 0 : penaltyOf(iv[2 * rj + S_BITS]);
    const cumWj = cumWidth[j];
    const target = cumWj - (widthPt - window);
    while (hi + 1 < j && cumWidth[hi + 1] <= target) hi++;
    // The least loose of the skipped starts (hi + 1) stays a candidate, so there is always a way on.
    for (let i = last ? j - 1 : Math.min(j - 1, hi + 1); i >= s0; i--) {
      const ri = segs + i * SEG;
      const bits = iv[2 * ri + S_BITS];
      // A hard break inside the line: no longer line can end at j.
      if (i < j - 1 && bits & SB_FORCED) break;
      const kind = bits & SB_GAP_KIND;
      const lead = i === s0 ? 0 : gapOf(p, ri);
      const natural = cumWj - cumWidth[i] - lead + endAdjust;
      const spaces = cumSpaces[j] - cumSpaces[i] - (kind === GAP_SPACE ? lead : 0);
      const pads = cumPads[j] - cumPads[i] - (kind === GAP_CJK ? lead : 0);
      const squeeze = cumSqueeze[j] - cumSqueeze[i] - endTrim;
      const avail = widthPt - (i === 0 ? p.indent : 0);
      const slack = avail - natural;
      let d: number;
      if (slack < -EPS && -slack > spaces * shrink + pads + squeeze + EPS) {
        // Too wide even pushed in; a longer line only gets wider.
        if (i < j - 1) break;
        d = PENALTY_OVERFULL;
      } else if (balance) {
        const r = slack / size;
        d = BALANCE_LINE + r * r;
      } else if (slack < 0) {
        // Pushed in: cheap (clreq prefers it to pushing out), more so the less it takes.
        const c = -slack / (en ? Math.max(space, spaces * shrink) : size);
        d = 1 + 0.5 * c * c;
        d *= d;
      } else if (last) {
        d = 1;
      } else {
        const gaps = cumGaps[j] - cumGaps[i];
        let r: number;
        if (en) r = slack / (spaces > 0 ? spaces : space) / (SPACE_STRETCH - 1);
        else r = slack / size / (gaps > 0 ? gaps : 1) / LOOSE_EM_PER_GAP;
        d = 1 + Math.min(10 * r * r * r, BADNESS_CAP);
        d *= d;
      }
      if (last && !balance && isOrphanLine(p, i, n)) d += PENALTY_ORPHAN;
      const total = cost[i] + d + penalty;
      if (total < best) {
        best = total;
        bestI = i;
      }
    }
    cost[j] = best;
    from[j] = bestI;
  }
  // A plain array, not a typed one: V8 allocates small arrays in the young
  // generation cheaply, while every typed array costs a backing store (measured: GC dominated).
  const at = out.length;
  for (let j = sEnd; j > s0; j = from[j]) out.push(from[j]);
  // Reverse the appended part in place.
  for (let a = at, b = out.length - 1; a < b; a++, b--) {
    const t = out[a];
    out[a] = out[b];
    out[b] = t;
  }
}
