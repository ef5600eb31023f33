// Lines at a width as the renderer draws them: each line's compression or
// justification, then its atoms merged into placed runs. A line says where it is
// (block, offsets, leading) when it is made; its text, widths and runs are placed
// the first time one of them is read (SetLine).
import type { Line, PlacedRun } from './types';
import { plainLine } from './line';
import {
  A_ADVANCE, A_BITS, A_FROM, A_PAD, AB_ALONE, AB_END_BLANK, AB_LEAD, AB_MARKS_SHIFT, AB_QUARTER, AB_SINGLE, AB_LEN_MASK, AB_LEN_SHIFT, ATOM, atomSqueeze, atomTo, atomWidth,
  GAP_CJK, GAP_NONE, GAP_SPACE, S_BITS, S_START, S_WIDTH, SB_END_TRIM, SB_GAP_KIND, SB_HYPHEN, SEG, segPads, SPACE_SHRINK,
  type PreparedBlock,
} from './prepared';
import { EPS } from './fit-rules';
import { breakLines } from './breaks';
import type { TypesetCache } from './cache';

/** Two x positions closer than this (pt) are one: a run's spacing is even. */
const SAME_X = 1e-9;

/** Lay out a prepared block at a width: every line with its runs placed (pushed onto `out` when given). `blockIndex` goes into Line.block. */
export function layoutBlock(p: PreparedBlock, widthPt: number, blockIndex = 0, cache?: TypesetCache, out: Line[] = []): Line[] {
  const { style } = p;
  if (p.segCount === 0) {
    out.push({ block: blockIndex, from: 0, to: p.text.length, text: '', naturalWidth: 0, stretch: 0, leadingPt: style.leadingPt, sizePt: style.sizePt, firstOfBlock: true, lastOfBlock: true, runs: [] });
    return out;
  }
  return linesAt(p, breakLines(p, widthPt, cache), widthPt, blockIndex, 0, Infinity, out);
}

/**
 * Line objects for lines [first, first + count) of a break list (from breakLines), pushed
 * onto `out` when given (a story's lines go straight into its array, not through one per block).
 */
export function linesAt(p: PreparedBlock, starts: number[], widthPt: number, blockIndex: number, first = 0, count = Infinity, out: Line[] = []): Line[] {
  const total = starts.length - 1;
  const end = Math.min(total, first + count);
  const at: BlockAt = { p, widthPt };
  for (let li = first; li < end; li++) out.push(new SetLine(at, starts[li], starts[li + 1], blockIndex, starts[li] === 0, li === total - 1));
  return out;
}

/** What the lines of a block at a width share: one object per block and width, not a field each. */
interface BlockAt {
  readonly p: PreparedBlock;
  readonly widthPt: number;
}

/**
 * A line of a prepared block, segments [s, e) at a width. What cutting columns reads (block,
 * offsets, first and last of its block; leading and size are its style's) is set when it is
 * made; its text, widths and runs are placed together the first time one of them is read,
 * and kept. A layout cuts more lines than it draws (a module's overflow goes to a later part,
 * set again from its own cursor; auto-layout tries many depths): a page from scratch set
 * ~1,500 lines to draw ~850, and placing runs was a fifth of its time. Small for the lines
 * no one reads: no field holds a double until the line is placed (V8 boxes each double a
 * field holds, ~12 bytes a field a line).
 * Plain data to its readers: the fields are a Line's, and JSON.stringify writes a Line
 * (toJSON). Copy a line by naming its fields (layout/flow.ts positioned): a spread copies
 * only block, from, to, firstOfBlock and lastOfBlock.
 */
class SetLine implements Line {
  block: number;
  from: number;
  to: number;
  firstOfBlock: boolean;
  lastOfBlock: boolean;
  readonly #at: BlockAt;
  readonly #s: number;
  readonly #e: number;
  #text: string | null = null;
  #natural: number | null = null;
  #stretch: number | null = null;
  #runs: PlacedRun[] | null = null;

  constructor(at: BlockAt, s: number, e: number, block: number, first: boolean, last: boolean) {
    const p = at.p;
    const { i: iv, atoms, segs } = p;
    this.block = block;
    this.from = iv[2 * (atoms + iv[2 * (segs + s * SEG) + S_START] * ATOM) + A_FROM];
    const lastAtom = iv[2 * (segs + e * SEG) + S_START] - 1;
    const rLast = atoms + lastAtom * ATOM;
    this.to = atomTo(p, lastAtom, rLast, iv[2 * rLast + A_BITS]);
    this.firstOfBlock = first;
    this.lastOfBlock = last;
    this.#at = at;
    this.#s = s;
    this.#e = e;
  }

  get leadingPt(): number {
    return this.#at.p.style.leadingPt;
  }

  get sizePt(): number {
    return this.#at.p.style.sizePt;
  }

  get text(): string {
    if (this.#text === null) this.#place();
    return this.#text!;
  }

  get naturalWidth(): number {
    if (this.#text === null) this.#place();
    return this.#natural!;
  }

  get stretch(): number {
    if (this.#text === null) this.#place();
    return this.#stretch!;
  }

  get runs(): PlacedRun[] {
    if (this.#text === null) this.#place();
    return this.#runs!;
  }

  /** What JSON.stringify writes: the line as plain data. */
  toJSON(): Line {
    return plainLine(this);
  }

  /** Compression or justification, then runs (from the line's own segments: a caller may renumber its fields). */
  #place(): void {
    // Records: segment t at f[segs + t * SEG + S_*], atom a at f[atoms + a * ATOM + A_*] (integers in iv at twice the index).
    // (first and last from the segments, not the fields a caller may have changed)
    const p = this.#at.p, s = this.#s, e = this.#e, first = s === 0, last = e === p.segCount;
    const { f, i: iv, atoms, segs, style } = p;
    const indent = first ? p.indent : 0;
    const avail = this.#at.widthPt - indent;
    let natural = 0;
    let spaces = 0;
    let pads = 0;
    let gaps = 0;
    for (let t = s, rt = segs + s * SEG; t < e; t++, rt += SEG) {
      if (t > s) {
        const gap = f[atoms + iv[2 * rt + S_START] * ATOM + A_PAD]; // gapOf
        const kind = iv[2 * rt + S_BITS] & SB_GAP_KIND;
        natural += gap;
        if (kind === GAP_SPACE) spaces += gap;
        else if (kind === GAP_CJK) pads += gap;
        if (kind !== GAP_NONE) gaps++;
      }
      natural += f[rt + S_WIDTH];
      pads += segPads(p, rt, iv[2 * rt + S_BITS]);
    }
    const rl = segs + (e - 1) * SEG; // the line's last segment
    const endTrim = iv[2 * rl + S_BITS] & SB_END_TRIM ? p.half : 0;
    const hyphen = iv[2 * rl + S_BITS] & SB_HYPHEN ? p.hyphen : 0;
    natural += hyphen - endTrim;
    const firstAtom = iv[2 * (segs + s * SEG) + S_START];
    const lastAtom = iv[2 * (rl + SEG) + S_START] - 1;
    // Pushed-in line: word spaces give first, then ¼ em Han–Western spaces, then punctuation blanks.
    let spaceFactor = 1;
    let padFactor = 1;
    let squeezeFactor = 0;
    let sqRoom = 0;
    let over = natural - avail;
    if (over > EPS) {
      const fromSpaces = Math.min(over, spaces * (1 - SPACE_SHRINK));
      if (spaces > 0) spaceFactor = 1 - fromSpaces / spaces;
      over -= fromSpaces;
      const fromPads = Math.min(Math.max(0, over), pads);
      if (pads > 0) padFactor = 1 - fromPads / pads;
      over -= fromPads;
      if (over > EPS) {
        // The punctuation blanks, summed only for a line that needs them (most lines do not).
        sqRoom = -endTrim;
        for (let a = firstAtom; a <= lastAtom; a++) sqRoom += atomSqueeze(iv[2 * (atoms + a * ATOM) + A_BITS], p.half);
        if (sqRoom > EPS) squeezeFactor = Math.min(1, over / sqRoom);
      }
    }
    const shrunk = natural - spaces * (1 - spaceFactor) - pads * (1 - padFactor) - squeezeFactor * sqRoom;
    // A Chinese line that ends at a word space (a 电头 before its text that does not fit) is left short
    // rather than letter-spaced: 新 华 社 北 京 1 月 7 日 电 reads worse than a ragged line.
    const raggedAtSpace = p.language === 'zh' && e < p.segCount && (iv[2 * (rl + SEG) + S_BITS] & SB_GAP_KIND) === GAP_SPACE;
    const justify = style.align === 'justify' && !last && gaps > 0 && shrunk < avail && !raggedAtSpace;
    const perGap = justify ? (avail - shrunk) / gaps : 0;
    const stretch = shrunk - natural + perGap * gaps;
    let x0 = indent;
    if (style.align === 'center') x0 = indent + Math.max(0, avail - shrunk) / 2;
    else if (style.align === 'end') x0 = indent + Math.max(0, avail - shrunk);
    const from = iv[2 * (atoms + firstAtom * ATOM) + A_FROM];
    const rLast = atoms + lastAtom * ATOM;
    const to = atomTo(p, lastAtom, rLast, iv[2 * rLast + A_BITS]);
    const slice = p.text.slice(from, to);
    const runs = placeRuns(p, s, e, x0, spaceFactor, padFactor, squeezeFactor, perGap, endTrim, slice);
    this.#natural = natural;
    this.#stretch = stretch;
    this.#runs = runs;
    this.#text = hyphen > 0 ? slice + '-' : slice;
  }
}

/**
 * A run; letterSpacing only when it has one (the CLI's JSON and the renderer read its absence).
 * Two literals, not a property added after: most runs of justified Chinese have one, and adding
 * it to a made object costs a shape change and a second allocation for the fifth property.
 */
function placedRun(text: string, x: number, width: number, marks: string[], count: number, gap: number): PlacedRun {
  return count > 1 && gap !== 0 ? { text, x, width, marks, letterSpacing: gap } : { text, x, width, marks };
}

/**
 * Atom positions merged into runs a renderer draws as one span each: text-
 * contiguous atoms with the same marks and one common spacing (the run's
 * letterSpacing; only single characters take it, so Latin words are never
 * letterspaced). A run's x is the pen position to draw its text at; a mark
 * whose start blank is trimmed is drawn left of its slot, so it opens a run.
 */
function placeRuns(p: PreparedBlock, s: number, e: number, x0: number, spaceFactor: number, padFactor: number, squeezeFactor: number, perGap: number, endTrim: number, lineText: string): PlacedRun[] {
  // The records in locals and the run flushed inline, not by a closure: this runs per atom of every line set.
  const { text, marks, f, i: iv, atoms, segs, half } = p;
  // Most lines have one or two runs: the array is made when the line ends (or the second run is flushed) at
  // its size, not grown from [] (V8 gives a pushed-to empty array room for 16: a third of a page's garbage was
  // run arrays' unused room and the lines around them).
  let run0: PlacedRun | null = null;
  let runs: PlacedRun[] | null = null;
  const lastAtom = iv[2 * (segs + e * SEG) + S_START] - 1;
  let x = x0;
  let rFrom = -1, rTo = 0, rX = 0, rSlotEnd = 0, rPenEnd = 0, rMarks = 0, rCount = 0, rGap = 0, rSingles = true, rOpen = false;
  for (let t = s; t < e; t++) {
    const rt = segs + t * SEG;
    const a0 = iv[2 * rt + S_START];
    const a1 = iv[2 * (rt + SEG) + S_START];
    for (let a = a0; a < a1; a++) {
      const ra = atoms + a * ATOM;
      const bits = iv[2 * ra + A_BITS];
      if (a === a0) {
        if (t > s) {
          const kind = iv[2 * rt + S_BITS] & SB_GAP_KIND;
          const gap = f[ra + A_PAD]; // gapOf: the segment's first atom's pad
          x += kind === GAP_SPACE ? gap * spaceFactor + perGap : kind === GAP_NONE ? 0 : gap * padFactor + perGap;
        }
      } else x += bits & AB_QUARTER ? f[ra + A_PAD] * padFactor : f[ra + A_PAD];
      const sq = atomSqueeze(bits, half);
      let cutRight = 0;
      let cutLeft = 0;
      if (a === lastAtom) cutRight = endTrim + (sq - endTrim) * squeezeFactor;
      else if (sq > 0) {
        if (bits & AB_END_BLANK) cutRight = sq * squeezeFactor;
        else cutLeft = sq * squeezeFactor;
      }
      const advance = f[ra + A_ADVANCE];
      const lead = (bits & AB_LEAD ? half : 0) + cutLeft;
      const setWidth = atomWidth(bits, advance, half) - cutRight - cutLeft;
      const drawX = x - lead;
      const single = (bits & AB_SINGLE) !== 0;
      const alone = (bits & AB_ALONE) !== 0;
      const aFrom = iv[2 * ra + A_FROM];
      const aMarks = bits >>> AB_MARKS_SHIFT;
      const len = (bits >>> AB_LEN_SHIFT) & AB_LEN_MASK;
      const aTo = len !== AB_LEN_MASK ? aFrom + len : p.ends![a]; // atomTo, inline
      let join = rFrom >= 0 && rOpen && !alone && lead === 0 && aFrom === rTo && aMarks === rMarks;
      if (join) {
        const g = drawX - rPenEnd;
        if (rCount === 1) {
          if (Math.abs(g) < SAME_X) rGap = 0;
          else if (single && rSingles) rGap = g;
          else join = false;
        } else if (Math.abs(g - rGap) >= SAME_X || (rGap !== 0 && !single)) join = false;
      }
      if (join) {
        rTo = aTo;
        rCount++;
        rSingles &&= single;
      } else {
        if (rFrom >= 0) {
          const r = placedRun(text.slice(rFrom, rTo), rX, rSlotEnd - rX, marks[rMarks], rCount, rGap);
          if (run0 === null) run0 = r;
          else if (runs === null) runs = [run0, r];
          else runs.push(r);
        }
        rFrom = aFrom;
        rTo = aTo;
        rX = drawX;
        rMarks = aMarks;
        rCount = 1;
        rGap = 0;
        rSingles = single;
      }
      rPenEnd = drawX + advance;
      rSlotEnd = x + setWidth;
      // A glyph whose end blank was trimmed ends its run: the pen no longer matches its slot.
      rOpen = !alone && cutRight === 0 && Math.abs(setWidth + lead - advance) < SAME_X;
      x += setWidth;
    }
  }
  let out: PlacedRun[];
  if (rFrom < 0) out = [];
  else {
    // A line of one run (most lines of Chinese body text) draws its text: one string for both.
    const r = placedRun(run0 === null && rTo - rFrom === lineText.length ? lineText : text.slice(rFrom, rTo), rX, rSlotEnd - rX, marks[rMarks], rCount, rGap);
    if (run0 === null) out = [r];
    else if (runs === null) out = [run0, r];
    else (out = runs).push(r);
  }
  return withHyphen(p, e, out);
}

/** The hyphen of a line that ends inside a word, added to its last run. */
function withHyphen(p: PreparedBlock, e: number, out: PlacedRun[]): PlacedRun[] {
  const hyphen = p.i[2 * (p.segs + (e - 1) * SEG) + S_BITS] & SB_HYPHEN ? p.hyphen : 0;
  if (hyphen > 0 && out.length) {
    const r = out[out.length - 1];
    r.text += '-';
    r.width += hyphen;
  }
  return out;
}
