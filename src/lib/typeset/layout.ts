// Lines at a width as the renderer draws them: each line's compression or
// justification, then its atoms merged into placed runs. Strings and runs are
// built here only, once per line a caller asks for.
import type { Line, PlacedRun } from './types';
import { GAP_CJK, GAP_NONE, GAP_SPACE, SPACE_SHRINK, type PreparedBlock } from './prepared';
import { EPS } from './fit-rules';
import { breakLines } from './breaks';
import type { TypesetCache } from './cache';

/** Two x positions closer than this (pt) are one: a run's spacing is even. */
const SAME_X = 1e-9;

/** Lay out a prepared block at a width: every line with its runs placed. `blockIndex` goes into Line.block. */
export function layoutBlock(p: PreparedBlock, widthPt: number, blockIndex = 0, cache?: TypesetCache): Line[] {
  const { style } = p;
  if (p.segCount === 0) {
    return [{ block: blockIndex, from: 0, to: p.text.length, text: '', naturalWidth: 0, stretch: 0, leadingPt: style.leadingPt, sizePt: style.sizePt, firstOfBlock: true, lastOfBlock: true, runs: [] }];
  }
  return linesAt(p, breakLines(p, widthPt, cache), widthPt, blockIndex, 0, Infinity);
}

/** Line objects for lines [first, first + count) of a break list (from breakLines). */
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
  const { segWidth, segGap, segGapKind, segEndTrim, segHyphen, segPads, atomSqueeze, style } = p;
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
    pads += segPads[t];
  }
  const endTrim = segEndTrim[e - 1];
  natural += segHyphen[e - 1] - endTrim;
  const lastAtom = p.segEnd[e - 1] - 1;
  let sqRoom = -endTrim;
  for (let a = p.segStart[s]; a <= lastAtom; a++) sqRoom += atomSqueeze[a];
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

/** A run; letterSpacing only when it has one (the CLI's JSON and the renderer read its absence). */
function placedRun(text: string, x: number, width: number, marks: string[], count: number, gap: number): PlacedRun {
  const run: PlacedRun = { text, x, width, marks };
  if (count > 1 && gap !== 0) run.letterSpacing = gap;
  return run;
}

/**
 * Atom positions merged into runs a renderer draws as one span each: text-
 * contiguous atoms with the same marks and one common spacing (the run's
 * letterSpacing; only single characters take it, so Latin words are never
 * letterspaced). A run's x is the pen position to draw its text at; a mark
 * whose start blank is trimmed is drawn left of its slot, so it opens a run.
 */
function placeRuns(p: PreparedBlock, s: number, e: number, x0: number, spaceFactor: number, padFactor: number, squeezeFactor: number, perGap: number, endTrim: number): PlacedRun[] {
  // The arrays in locals and the run flushed inline, not by a closure: this runs per atom of every line set.
  const { text, marks, segStart, segEnd, segGap, segGapKind, atomQuarter, atomPad, atomSqueeze, atomEndBlank, atomLead, atomWidth, atomSingle, atomAlone, atomFrom, atomTo, atomMarks, atomAdvance } = p;
  const runs: PlacedRun[] = [];
  const lastAtom = segEnd[e - 1] - 1;
  let x = x0;
  let rFrom = -1, rTo = 0, rX = 0, rSlotEnd = 0, rPenEnd = 0, rMarks = 0, rCount = 0, rGap = 0, rSingles = true, rOpen = false;
  for (let t = s; t < e; t++) {
    const a0 = segStart[t];
    const a1 = segEnd[t];
    for (let a = a0; a < a1; a++) {
      if (a === a0) {
        if (t > s) x += segGapKind[t] === GAP_SPACE ? segGap[t] * spaceFactor + perGap : segGapKind[t] === GAP_NONE ? 0 : segGap[t] * padFactor + perGap;
      } else x += atomQuarter[a] ? atomPad[a] * padFactor : atomPad[a];
      const sq = atomSqueeze[a];
      let cutRight = 0;
      let cutLeft = 0;
      if (a === lastAtom) cutRight = endTrim + (sq - endTrim) * squeezeFactor;
      else if (sq > 0) {
        if (atomEndBlank[a] > 0) cutRight = sq * squeezeFactor;
        else cutLeft = sq * squeezeFactor;
      }
      const lead = atomLead[a] + cutLeft;
      const setWidth = atomWidth[a] - cutRight - cutLeft;
      const drawX = x - lead;
      const single = atomSingle[a] === 1;
      const alone = atomAlone[a] === 1;
      let join = rFrom >= 0 && rOpen && !alone && lead === 0 && atomFrom[a] === rTo && atomMarks[a] === rMarks;
      if (join) {
        const g = drawX - rPenEnd;
        if (rCount === 1) {
          if (Math.abs(g) < SAME_X) rGap = 0;
          else if (single && rSingles) rGap = g;
          else join = false;
        } else if (Math.abs(g - rGap) >= SAME_X || (rGap !== 0 && !single)) join = false;
      }
      if (join) {
        rTo = atomTo[a];
        rCount++;
        rSingles &&= single;
      } else {
        if (rFrom >= 0) runs.push(placedRun(text.slice(rFrom, rTo), rX, rSlotEnd - rX, marks[rMarks], rCount, rGap));
        rFrom = atomFrom[a];
        rTo = atomTo[a];
        rX = drawX;
        rMarks = atomMarks[a];
        rCount = 1;
        rGap = 0;
        rSingles = single;
      }
      rPenEnd = drawX + atomAdvance[a];
      rSlotEnd = x + setWidth;
      // A glyph whose end blank was trimmed ends its run: the pen no longer matches its slot.
      rOpen = !alone && cutRight === 0 && Math.abs(setWidth + lead - atomAdvance[a]) < SAME_X;
      x += setWidth;
    }
  }
  if (rFrom >= 0) runs.push(placedRun(text.slice(rFrom, rTo), rX, rSlotEnd - rX, marks[rMarks], rCount, rGap));
  if (p.segHyphen[e - 1] > 0 && runs.length) {
    const r = runs[runs.length - 1];
    r.text += '-';
    r.width += p.segHyphen[e - 1];
  }
  return runs;
}
