// Crop marks and the slug line of a printed sheet: plain geometry, so the UI's
// print and `npm run -s pdf` draw the same sheet. Without marks the sheet is the
// trim size (the grid's paper); with marks or a slug a margin is added round it,
// as a press proof has, and the trim corners are marked in that margin.

export interface PrintMarks {
  cropMarks: boolean;
  slug: boolean;
}

export const NO_MARKS: PrintMarks = { cropMarks: false, slug: false };

/**
 * What the print dialog asks: the marks, and whether the comments print after the
 * pages. Kept per edition by the desk that prints it (the app's preferences), so
 * leaving the Proof view, or reloading, does not reset them.
 */
export interface PrintOptions extends PrintMarks {
  comments: boolean;
}

export const DEFAULT_PRINT_OPTIONS: PrintOptions = { ...NO_MARKS, comments: false };

/** Print options from their stored JSON; anything missing or not a boolean is the default (off). */
export function readPrintOptions(stored: string | null): PrintOptions {
  let value: unknown = null;
  try {
    value = stored ? JSON.parse(stored) : null;
  } catch {
    value = null;
  }
  const o = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  return { cropMarks: o.cropMarks === true, slug: o.slug === true, comments: o.comments === true };
}

/** Paper added on each side for the marks and slug line (mm). */
export const MARKS_MARGIN_MM = 12;
/** Crop marks start this far from the trim corner, so they never touch the page (mm). */
export const CROP_MARK_OFFSET_MM = 3;
/** Length of one crop mark (mm). */
export const CROP_MARK_LENGTH_MM = 7;

export function hasMarks(marks: PrintMarks): boolean {
  return marks.cropMarks || marks.slug;
}

/** The sheet's size in mm: the trim size, plus the margin on every side when marks are on. */
export function sheetSizeMm(trim: { widthMm: number; heightMm: number }, marks: PrintMarks): { widthMm: number; heightMm: number; marginMm: number } {
  const marginMm = hasMarks(marks) ? MARKS_MARGIN_MM : 0;
  return { widthMm: trim.widthMm + 2 * marginMm, heightMm: trim.heightMm + 2 * marginMm, marginMm };
}

export interface MarkLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The eight crop-mark strokes (two a corner) in sheet mm, outside the trim box. */
export function cropMarkLines(trim: { widthMm: number; heightMm: number }): MarkLine[] {
  const m = MARKS_MARGIN_MM;
  const o = CROP_MARK_OFFSET_MM;
  const l = CROP_MARK_LENGTH_MM;
  const xs = [m, m + trim.widthMm];
  const ys = [m, m + trim.heightMm];
  const out: MarkLine[] = [];
  for (const [xi, x] of xs.entries()) {
    for (const [yi, y] of ys.entries()) {
      const dx = xi === 0 ? -1 : 1;
      const dy = yi === 0 ? -1 : 1;
      // Horizontal stroke beside the corner, vertical stroke above/below it.
      out.push({ x1: x + dx * o, y1: y, x2: x + dx * (o + l), y2: y });
      out.push({ x1: x, y1: y + dy * o, x2: x, y2: y + dy * (o + l) });
    }
  }
  return out;
}
