// The fast half of typesetting: lines at a width by arithmetic over a prepared
// block's segment widths. Break decisions touch only typed arrays; strings and
// runs are built once per line, when a caller asks for Line objects.
import type { Line, PlacedRun } from './types';
import { type PreparedBlock } from './prepare';

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
 * then segCount as the end sentinel (do not modify the array: it is cached). Greedy first-fit, as a desk compositor
 * sets Chinese, in clreq's order: push in first (compress punctuation blanks,
 * shrink word spaces to fit one more segment), then push out (the segment goes
 * down whole, and with it the characters it may not be parted from). Then 孤字:
 * a paragraph's last line of one character takes one segment from the line above.
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

function computeBreaks(p: PreparedBlock, widthPt: number, s0: number): number[] {
  const n = p.segCount;
  const { segWidth, segGap, segGapKind, segEndTrim, segSqueeze, segPads, segHyphen, segForced, segEmergency } = p;
  const starts: number[] = [];
  const shrink = 1 - SPACE_SHRINK;
  let s = s0;
  while (s < n) {
    starts.push(s);
    const avail = widthPt - (s === 0 ? p.indent : 0);
    let x = segWidth[s];
    let sq = segSqueeze[s];
    let spaces = 0;
    let pads = segPads[s];
    let lastOk = s; // the last legal (non-emergency) break seen on this line
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
          if (!segEmergency[e]) lastOk = e;
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
          // Inside an over-long word: break at the last legal place, or in the word when there is none.
          if (lastOk > s) e = lastOk;
          break;
        }
        // Push in: do word spaces, ¼ em Han–Western spaces and punctuation blanks make room?
        const room = nsq - segEndTrim[e] + nspaces * shrink + npads;
        if (natural - room <= avail + EPS && !(e + 1 < n && segEmergency[e + 1])) e++;
        break;
      }
    }
    s = e;
  }
  // 孤字 (clreq §7.1.2 Chinese, a one-word last line in English): pull one segment down.
  const k = starts.length;
  if (k >= 2 && isOrphanLine(p, starts[k - 1], n)) {
    const prev = starts[k - 2];
    const moved = starts[k - 1] - 1;
    if (moved > prev && !segForced[moved] && !segEmergency[moved] && !segEmergency[moved + 1]) {
      let w = segWidth[moved];
      for (let t = moved + 1; t < n; t++) w += segGap[t] + segWidth[t];
      w -= segEndTrim[n - 1];
      if (w <= widthPt + EPS) starts[k - 1] = moved;
    }
  }
  // A plain array, not an number[]: V8 allocates small arrays in the young
  // generation cheaply, while every typed array costs a backing store (measured: GC dominated).
  starts.push(n);
  return starts;
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
  const justify = style.align === 'justify' && !last && gaps > 0 && shrunk < avail;
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
