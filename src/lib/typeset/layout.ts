// The fast half of typesetting: lines at a width by arithmetic over a prepared
// block's segment widths. Break decisions touch only typed arrays; strings and
// runs are built once per line, when a caller asks for Line objects.
import type { Line, PlacedRun } from './types';
import { type PreparedBlock, PENALTY_DATELINE } from './prepare';

// Gap kinds (prepare.ts GAP_*), copied as local constants: the hot loop reads them per segment.
const GAP_CJK = 0;
const GAP_SPACE = 1;
const GAP_NONE = 2;

/** Word spaces may shrink to this share of their width to fit a line (Latin justification). */
export const SPACE_SHRINK = 0.8;
/** Beyond this share a word space makes a loose line; allowed rather than letterspacing Latin. */
export const SPACE_STRETCH = 1.5;
const EPS = 1e-6;

/**
 * The lines of a block at a width, as the segment index each line starts at,
 * then segCount as the end sentinel (do not modify the array: it is cached).
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
export function breakLines(p: PreparedBlock, widthPt: number): number[] {
  let out = p.breakCache.get(widthPt);
  if (!out) p.breakCache.set(widthPt, (out = computeBreaks(p, widthPt, 0)));
  return out;
}

/**
 * Lines of the rest of a block from segment `s0` at a width: how a block begun
 * in one column continues in a column of another width. Cached like breakLines.
 */
export function breakLinesFrom(p: PreparedBlock, widthPt: number, s0: number): number[] {
  if (s0 === 0) return breakLines(p, widthPt);
  const key = `${widthPt}@${s0}`;
  let out = p.continuationCache.get(key);
  if (!out) p.continuationCache.set(key, (out = computeBreaks(p, widthPt, s0)));
  return out;
}

/** Stretch of Chinese text per gap (em) at which a line counts as loose (demerit 1 + 10). */
export const LOOSE_EM_PER_GAP = 0.15;
/** A 孤字 last line: worth a good deal of compression or looseness above to avoid. */
const PENALTY_ORPHAN = 1000;
/** A segment wider than the column, set alone: the only way on. */
const PENALTY_OVERFULL = 1e16;
/** Balanced lines: the number of lines first, then the squared slack (em²). */
const BALANCE_LINE = 1e5;
/** Candidate lines are at most this many em short of the column (longer ones are always tried). */
const WINDOW_EM = 1.5;

// Scratch buffers for the search, grown as needed and reused: no allocation per call (layout runs on every drag step).
let bestCost = new Float64Array(512);
let bestFrom = new Int32Array(512);

function computeBreaks(p: PreparedBlock, widthPt: number, s0: number): number[] {
  const n = p.segCount;
  if (p.totalFit) {
    const out: number[] = [];
    totalFit(p, widthPt, s0, n, out);
    out.push(n);
    return out;
  }
  const starts: number[] = [];
  const bad = firstFit(p, widthPt, s0, starts);
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
    totalFit(p, widthPt, starts[from], starts[to], out);
    li = to;
  }
  for (; li <= lines; li++) out.push(starts[li]);
  return out;
}

/** Lines above and below a bad line of first fit that its repair may change. */
const LOOK_BACK = 2;
const LOOK_AHEAD = 2;

/**
 * First fit, as a desk compositor sets Chinese, in clreq's order: push in first
 * (compress punctuation blanks, shrink word and ¼ em spaces to fit one more
 * segment), then push out. Taken as it is when every line is good: none looser
 * than LOOSE_EM_PER_GAP (Chinese) or SPACE_STRETCH (Latin), no break inside a
 * dateline or a word, no 孤字. Otherwise the index of the first bad line, and the total fit decides from a little above it: most
 * paragraphs need no search (first fit is a few times cheaper, and layout
 * re-breaks on every drag step).
 */
function firstFit(p: PreparedBlock, widthPt: number, s0: number, starts: number[]): number[] | null {
  const n = p.segCount;
  const { segWidth, segGap, segGapKind, segEndTrim, segSqueeze, segPads, segHyphen, segForced, segEmergency, segPenalty, cumGaps } = p;
  const shrink = 1 - SPACE_SHRINK;
  const size = p.style.sizePt;
  const en = p.language === 'en';
  let bad: number[] | null = null;
  let s = s0;
  while (s < n) {
    starts.push(s);
    const avail = widthPt - (s === 0 ? p.indent : 0);
    let x = segWidth[s];
    let sq = segSqueeze[s];
    let spaces = 0;
    let pads = segPads[s];
    let e = s + 1;
    if (!segForced[s]) {
      for (; e < n; e++) {
        const gap = segGap[e];
        const kind = segGapKind[e];
        const nx = x + gap + segWidth[e];
        const natural = nx - segEndTrim[e] + segHyphen[e];
        const nsq = sq + segSqueeze[e];
        const nspaces = spaces + (kind === GAP_SPACE ? gap : 0);
        const npads = pads + segPads[e] + (kind === GAP_CJK ? gap : 0);
        if (natural <= avail + EPS) {
          x = nx;
          sq = nsq;
          spaces = nspaces;
          pads = npads;
          if (segForced[e]) {
            e++;
            break;
          }
          continue;
        }
        if (segEmergency[e]) {
          (bad ??= []).push(starts.length - 1);
          break;
        }
        // Push in: do word spaces, ¼ em Han–Western spaces and punctuation blanks make room?
        const room = nsq - segEndTrim[e] + nspaces * shrink + npads;
        if (natural - room <= avail + EPS) {
          e++;
          x = Infinity; // pushed in: not loose
        }
        break;
      }
    }
    if (e < n) {
      let poor = segPenalty[e] >= PENALTY_DATELINE;
      if (!poor && !segForced[e - 1]) {
        const slack = avail - (x - segEndTrim[e - 1] + segHyphen[e - 1]);
        if (slack > EPS) {
          if (en) poor = slack > (spaces > 0 ? spaces : p.space) * (SPACE_STRETCH - 1);
          else poor = slack > LOOSE_EM_PER_GAP * size * Math.max(1, cumGaps[e] - cumGaps[s]);
        }
      }
      if (poor && (bad === null || bad[bad.length - 1] !== starts.length - 1)) (bad ??= []).push(starts.length - 1);
    }
    s = e;
  }
  if (starts.length >= 2 && isOrphanLine(p, starts[starts.length - 1], n)) (bad ??= []).push(starts.length - 1);
  starts.push(n);
  return bad;
}

/** Total fit (see breakLines) of the lines from segment s0 to segment sEnd (a break, or segCount): their starts are appended to `out`. */
function totalFit(p: PreparedBlock, widthPt: number, s0: number, sEnd: number, out: number[]): void {
  const n = p.segCount;
  if (n + 1 > bestCost.length) {
    bestCost = new Float64Array(2 * (n + 1));
    bestFrom = new Int32Array(2 * (n + 1));
  }
  const cost = bestCost;
  const from = bestFrom;
  const { segGap, segGapKind, segEndTrim, segHyphen, segForced, segPenalty, cumWidth, cumSpaces, cumPads, cumSqueeze, cumGaps } = p;
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
    const endAdjust = segHyphen[j - 1] - segEndTrim[j - 1];
    const penalty = last ? 0 : segPenalty[j];
    const target = cumWidth[j] - (widthPt - window);
    while (hi + 1 < j && cumWidth[hi + 1] <= target) hi++;
    // The least loose of the skipped starts (hi + 1) stays a candidate, so there is always a way on.
    for (let i = last ? j - 1 : Math.min(j - 1, hi + 1); i >= s0; i--) {
      // A hard break inside the line: no longer line can end at j.
      if (i < j - 1 && segForced[i]) break;
      const kind = segGapKind[i];
      const lead = i === s0 ? 0 : segGap[i];
      const natural = cumWidth[j] - cumWidth[i] - lead + endAdjust;
      const spaces = cumSpaces[j] - cumSpaces[i] - (kind === GAP_SPACE ? lead : 0);
      const pads = cumPads[j] - cumPads[i] - (kind === GAP_CJK ? lead : 0);
      const squeeze = cumSqueeze[j] - cumSqueeze[i] - segEndTrim[j - 1];
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
        // Capped (as TeX caps badness): beyond it every line is as bad, and no looseness costs as much as a split word.
        d = 1 + Math.min(10 * r * r * r, 1e5);
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

/** Does the line of segments [s, n) hold a single character, punctuation aside? */
export function isOrphanLine(p: PreparedBlock, s: number, n: number): boolean {
  if (p.language === 'en') return false;
  let chars = 0;
  for (let a = p.segStart[s]; a < p.segEnd[n - 1]; a++) {
    if (p.atomSingle[a] === 0) return false;
    if (!isPunctuation(p.text.charCodeAt(p.atomFrom[a]))) chars++;
    if (chars > 1) return false;
  }
  return chars === 1;
}

/** Punctuation and symbols, which do not count as the lone character of a 孤字 line. */
export function isPunctuation(c: number): boolean {
  return (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) || (c >= 0x2010 && c <= 0x2027) || c === 0xb7 || (c < 0x80 && !((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)));
}

/** How many lines a block takes at a width (no Line objects built). */
export function countLines(p: PreparedBlock, widthPt: number): number {
  return p.segCount === 0 ? 1 : breakLines(p, widthPt).length - 1;
}

/** Lay out a prepared block at a width: every line with its runs placed. `blockIndex` goes into Line.block. */
export function layoutBlock(p: PreparedBlock, widthPt: number, blockIndex = 0): Line[] {
  const { style } = p;
  if (p.segCount === 0) {
    return [{ block: blockIndex, from: 0, to: p.text.length, text: '', naturalWidth: 0, stretch: 0, leadingPt: style.leadingPt, sizePt: style.sizePt, firstOfBlock: true, lastOfBlock: true, runs: [] }];
  }
  return linesAt(p, breakLines(p, widthPt), widthPt, blockIndex, 0, Infinity);
}

/** Line objects for lines [first, first + count) of a break list (from breakLines or breakLinesFrom). */
export function linesAt(p: PreparedBlock, starts: number[], widthPt: number, blockIndex: number, first = 0, count = Infinity): Line[] {
  const total = starts.length - 1;
  const end = Math.min(total, first + count);
  const lines: Line[] = [];
  for (let li = first; li < end; li++) lines.push(placeLine(p, starts[li], starts[li + 1], starts[li] === 0, li === total - 1, widthPt, blockIndex));
  return lines;
}

/** One line: compression or justification, then runs. */
function placeLine(p: PreparedBlock, s: number, e: number, first: boolean, last: boolean, widthPt: number, blockIndex: number): Line {
  // A lone empty block still takes its line; handled by layoutBlock.
  const { segWidth, segGap, segGapKind, segEndTrim, segHyphen, style } = p;
  const indent = first ? p.indent : 0;
  const avail = widthPt - indent;
  let natural = 0;
  let spaces = 0;
  let pads = 0;
  let gaps = 0;
  for (let t = s; t < e; t++) {
    if (t > s) {
      natural += segGap[t];
      if (segGapKind[t] === GAP_SPACE) spaces += segGap[t];
      else if (segGapKind[t] === GAP_CJK) pads += segGap[t];
      if (segGapKind[t] !== GAP_NONE) gaps++;
    }
    natural += segWidth[t];
    pads += p.segPads[t];
  }
  const endTrim = segEndTrim[e - 1];
  natural += segHyphen[e - 1] - endTrim;
  const lastAtom = p.segEnd[e - 1] - 1;
  let sqRoom = -endTrim;
  for (let a = p.segStart[s]; a <= lastAtom; a++) sqRoom += p.atomSqueeze[a];
  // Pushed-in line: word spaces give first, then ¼ em Han–Western spaces, then punctuation blanks.
  let spaceFactor = 1;
  let padFactor = 1;
  let squeezeFactor = 0;
  let over = natural - avail;
  if (over > EPS) {
    const fromSpaces = Math.min(over, spaces * (1 - SPACE_SHRINK));
    if (spaces > 0) spaceFactor = 1 - fromSpaces / spaces;
    over -= fromSpaces;
    const fromPads = Math.min(Math.max(0, over), pads);
    if (pads > 0) padFactor = 1 - fromPads / pads;
    over -= fromPads;
    if (over > EPS && sqRoom > EPS) squeezeFactor = Math.min(1, over / sqRoom);
  }
  const shrunk = natural - spaces * (1 - spaceFactor) - pads * (1 - padFactor) - squeezeFactor * sqRoom;
  // A Chinese line that ends at a word space (a 电头 before its text that does not fit) is left short
  // rather than letter-spaced: 新 华 社 北 京 1 月 7 日 电 reads worse than a ragged line.
  const raggedAtSpace = p.language === 'zh' && e < p.segCount && segGapKind[e] === GAP_SPACE;
  const justify = style.align === 'justify' && !last && gaps > 0 && shrunk < avail && !raggedAtSpace;
  const perGap = justify ? (avail - shrunk) / gaps : 0;
  const stretch = shrunk - natural + perGap * gaps;
  let x0 = indent;
  if (style.align === 'center') x0 = indent + Math.max(0, avail - shrunk) / 2;
  else if (style.align === 'end') x0 = indent + Math.max(0, avail - shrunk);
  const runs = placeRuns(p, s, e, x0, spaceFactor, padFactor, squeezeFactor, perGap, endTrim);
  const from = p.atomFrom[p.segStart[s]];
  const to = p.atomTo[lastAtom];
  let text = p.text.slice(from, to);
  if (segHyphen[e - 1] > 0) text += '-';
  return { block: blockIndex, from, to, text, naturalWidth: natural, stretch, leadingPt: style.leadingPt, sizePt: style.sizePt, firstOfBlock: first, lastOfBlock: last, runs };
}

/**
 * Atom positions merged into runs a renderer draws as one span each: text-
 * contiguous atoms with the same marks and one common spacing (the run's
 * letterSpacing; only single characters take it, so Latin words are never
 * letterspaced). A run's x is the pen position to draw its text at; a mark
 * whose start blank is trimmed is drawn left of its slot, so it opens a run.
 */
function placeRuns(p: PreparedBlock, s: number, e: number, x0: number, spaceFactor: number, padFactor: number, squeezeFactor: number, perGap: number, endTrim: number): PlacedRun[] {
  const runs: PlacedRun[] = [];
  const lastAtom = p.segEnd[e - 1] - 1;
  let x = x0;
  let rFrom = -1, rTo = 0, rX = 0, rSlotEnd = 0, rPenEnd = 0, rMarks = 0, rCount = 0, rGap = 0, rSingles = true, rOpen = false;
  const flush = () => {
    if (rFrom < 0) return;
    const run: PlacedRun = { text: p.text.slice(rFrom, rTo), x: rX, width: rSlotEnd - rX, marks: p.marks[rMarks] };
    if (rCount > 1 && rGap !== 0) run.letterSpacing = rGap;
    runs.push(run);
    rFrom = -1;
  };
  for (let t = s; t < e; t++) {
    for (let a = p.segStart[t]; a < p.segEnd[t]; a++) {
      if (a === p.segStart[t]) {
        if (t > s) x += p.segGapKind[t] === GAP_SPACE ? p.segGap[t] * spaceFactor + perGap : p.segGapKind[t] === GAP_NONE ? 0 : p.segGap[t] * padFactor + perGap;
      } else x += p.atomQuarter[a] ? p.atomPad[a] * padFactor : p.atomPad[a];
      const sq = p.atomSqueeze[a];
      let cutRight = 0;
      let cutLeft = 0;
      if (a === lastAtom) cutRight = endTrim + (sq - endTrim) * squeezeFactor;
      else if (sq > 0) {
        if (p.atomEndBlank[a] > 0) cutRight = sq * squeezeFactor;
        else cutLeft = sq * squeezeFactor;
      }
      const lead = p.atomLead[a] + cutLeft;
      const setWidth = p.atomWidth[a] - cutRight - cutLeft;
      const drawX = x - lead;
      const single = p.atomSingle[a] === 1;
      const alone = p.atomAlone[a] === 1;
      let join = rFrom >= 0 && rOpen && !alone && lead === 0 && p.atomFrom[a] === rTo && p.atomMarks[a] === rMarks;
      if (join) {
        const g = drawX - rPenEnd;
        if (rCount === 1) {
          if (Math.abs(g) < 1e-9) rGap = 0;
          else if (single && rSingles) rGap = g;
          else join = false;
        } else if (Math.abs(g - rGap) >= 1e-9 || (rGap !== 0 && !single)) join = false;
      }
      if (join) {
        rTo = p.atomTo[a];
        rCount++;
        rSingles &&= single;
      } else {
        flush();
        rFrom = p.atomFrom[a];
        rTo = p.atomTo[a];
        rX = drawX;
        rMarks = p.atomMarks[a];
        rCount = 1;
        rGap = 0;
        rSingles = single;
      }
      rPenEnd = drawX + p.atomAdvance[a];
      rSlotEnd = x + setWidth;
      // A glyph whose end blank was trimmed ends its run: the pen no longer matches its slot.
      rOpen = !alone && cutRight === 0 && Math.abs(setWidth + lead - p.atomAdvance[a]) < 1e-9;
      x += setWidth;
    }
  }
  flush();
  if (p.segHyphen[e - 1] > 0 && runs.length) {
    const r = runs[runs.length - 1];
    r.text += '-';
    r.width += p.segHyphen[e - 1];
  }
  return runs;
}
