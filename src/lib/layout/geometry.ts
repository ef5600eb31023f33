// Page geometry: the presets a Chinese or Western layout desk works with, and
// the derived metrics (in pt) that flow and rendering need. Pure arithmetic.
import type { Edition, Grid, Language } from '../model/edition';

/** Rounding slack when a measure is divided into whole characters or grid lines. */
const EPSILON = 1e-6;
export const PT_PER_MM = 72 / 25.4;

export function mmToPt(mm: number): number {
  return mm * PT_PER_MM;
}

export function ptToMm(pt: number): number {
  return pt / PT_PER_MM;
}

/**
 * Presets. Sheet sizes are the trade sizes (对开 ≈ 390×540 mm, 四开 half of it);
 * type areas and gutters are typical values, not a particular paper's spec.
 * Body 9 pt is 新五号 (小五号 in the old point system); the line pitch of 13.5 pt
 * (1.5 body) is a common daily's setting and gives a whole number of lines.
 */
export const GRID_PRESETS: Record<string, Grid> = {
  // 对开 broadsheet: 350×500 mm type area, 8 columns.
  duikai: {
    preset: 'duikai',
    widthMm: 390,
    heightMm: 545,
    margins: { top: 20, right: 20, bottom: 25, left: 20 },
    columns: 8,
    gutterMm: 2.5,
    bodySizePt: 9,
    leadingPt: 13.5,
  },
  // Berliner (315×470 mm sheet), 6 columns.
  berliner: {
    preset: 'berliner',
    widthMm: 315,
    heightMm: 470,
    margins: { top: 15, right: 15, bottom: 18, left: 15 },
    columns: 6,
    gutterMm: 3,
    bodySizePt: 9,
    leadingPt: 13.5,
  },
  // 四开 tabloid (270×390 mm sheet), 5 columns.
  sikai: {
    preset: 'sikai',
    widthMm: 270,
    heightMm: 390,
    margins: { top: 15, right: 15, bottom: 18, left: 15 },
    columns: 5,
    gutterMm: 2.5,
    bodySizePt: 9,
    leadingPt: 13.5,
  },
  // A3 (297×420 mm), 6 columns: what an office printer can proof at full size.
  a3: {
    preset: 'a3',
    widthMm: 297,
    heightMm: 420,
    margins: { top: 15, right: 15, bottom: 15, left: 15 },
    columns: 6,
    gutterMm: 3,
    bodySizePt: 9,
    leadingPt: 13.5,
  },
};

export type PresetName = keyof typeof GRID_PRESETS;

/** A fresh copy of a preset, so editing it never touches the table. */
export function gridPreset(name: string): Grid {
  const g = GRID_PRESETS[name];
  if (!g) throw new Error(`unknown page preset: ${name}`);
  return { ...g, margins: { ...g.margins } };
}

/** A custom grid: a preset with some values replaced. */
export function customGrid(base: Grid, changes: Partial<Grid>): Grid {
  return { ...base, ...changes, preset: 'custom', margins: { ...base.margins, ...(changes.margins ?? {}) } };
}

export interface GridMetrics {
  pageWidthPt: number;
  pageHeightPt: number;
  /** The type area relative to the page's top-left corner. */
  typeArea: { x: number; y: number; width: number; height: number };
  columns: number;
  columnWidthPt: number;
  /** Actual gutter after snapping the columns (may exceed the nominal gutter). */
  gutterPt: number;
  /** Left edge of each column relative to the type area. */
  columnX: number[];
  /** Characters of body type per column line (whole em when snapped). */
  columnEm: number;
  bodySizePt: number;
  leadingPt: number;
  /** Baseline-grid lines per column. */
  linesPerColumn: number;
}

/**
 * Derived metrics. For Chinese text the column width is snapped down to a whole
 * number of body em: every Han character is one em wide, so a whole-em column
 * sets full lines without any stretch and the characters of all lines stand in
 * an exact grid (the look of a Chinese page). What the snapping takes off goes
 * into the gutters, so the type area's outer edges stay where the desk put them.
 * The type area height is cut to a whole number of grid lines for the same reason.
 */
export function gridMetrics(grid: Grid, language: Language = 'zh'): GridMetrics {
  const pageWidthPt = mmToPt(grid.widthMm);
  const pageHeightPt = mmToPt(grid.heightMm);
  const areaW = mmToPt(grid.widthMm - grid.margins.left - grid.margins.right);
  const areaH = mmToPt(grid.heightMm - grid.margins.top - grid.margins.bottom);
  const cols = Math.max(1, Math.floor(grid.columns));
  const nominalGutter = mmToPt(grid.gutterMm);
  const em = grid.bodySizePt;
  let columnWidthPt = (areaW - nominalGutter * (cols - 1)) / cols;
  let gutterPt = nominalGutter;
  if (language === 'zh' && em > 0) {
    let chars = Math.floor(columnWidthPt / em + EPSILON);
    // A gutter narrower than half an em reads as one column; give up a character.
    while (chars > 1 && cols > 1 && (areaW - chars * em * cols) / (cols - 1) < em / 2) chars--;
    columnWidthPt = chars * em;
    gutterPt = cols > 1 ? (areaW - columnWidthPt * cols) / (cols - 1) : 0;
  }
  const columnX = Array.from({ length: cols }, (_, i) => i * (columnWidthPt + gutterPt));
  const linesPerColumn = Math.max(1, Math.floor(areaH / grid.leadingPt + EPSILON));
  return {
    pageWidthPt,
    pageHeightPt,
    typeArea: { x: mmToPt(grid.margins.left), y: mmToPt(grid.margins.top), width: areaW, height: linesPerColumn * grid.leadingPt },
    columns: cols,
    columnWidthPt,
    gutterPt,
    columnX,
    columnEm: columnWidthPt / em,
    bodySizePt: em,
    leadingPt: grid.leadingPt,
    linesPerColumn,
  };
}

/** Width in pt of a module spanning `span` columns (gutters between them included). */
export function spanWidth(m: GridMetrics, span: number): number {
  return span * m.columnWidthPt + Math.max(0, span - 1) * m.gutterPt;
}

/** Share of the type area's depth the masthead (报头) takes: about a ninth. */
const MASTHEAD_SHARE = 0.11;
/** The masthead takes at least this many grid lines, however small the page. */
const MASTHEAD_MIN_LINES = 4;

/** Grid lines reserved for the masthead (报头) at the top of page 1: about a ninth of the page. */
export function mastheadLines(m: GridMetrics): number {
  return Math.max(MASTHEAD_MIN_LINES, Math.round((m.linesPerColumn * m.leadingPt * MASTHEAD_SHARE) / m.leadingPt));
}

export interface Masthead {
  title: string;
  /** ISO date as stored. */
  date: string;
  /** The date as a reader sees it: 2022年1月8日 / January 8, 2022. */
  dateText: string;
  weekday: string;
  issueNumber: number;
  /** Text of the issue line: 第12345期 / No. 12345. */
  issueText: string;
  /** Height of the band in grid lines, from the top of the type area. */
  lines: number;
  /** The paper's language: the nameplate is set in its faces. */
  language: Language;
}

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parseIsoDate(iso: string): { y: number; m: number; d: number } | null {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(iso);
  if (!match) return null;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

/** Weekday of an ISO date, computed in UTC so the time zone never shifts it. */
export function weekdayOf(iso: string, language: Language): string {
  const p = parseIsoDate(iso);
  if (!p) return '';
  const day = new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay();
  return language === 'en' ? WEEKDAYS_EN[day] : WEEKDAYS_ZH[day];
}

/** The date as a reader sees it: 2022年1月8日 / January 8, 2022 (with the weekday: 2022年1月8日 星期六 / Saturday, January 8, 2022). */
export function dateTextOf(iso: string, language: Language, withWeekday = false): string {
  const p = parseIsoDate(iso);
  if (!p) return iso;
  const zh = language !== 'en';
  const date = zh ? `${p.y}年${p.m}月${p.d}日` : `${MONTHS_EN[p.m - 1]} ${p.d}, ${p.y}`;
  if (!withWeekday) return date;
  const weekday = weekdayOf(iso, language);
  return zh ? `${date} ${weekday}` : `${weekday}, ${date}`;
}

export function mastheadOf(edition: Edition, m: GridMetrics): Masthead {
  const zh = edition.language !== 'en';
  const dateText = dateTextOf(edition.date, edition.language);
  return {
    language: edition.language,
    title: edition.title,
    date: edition.date,
    dateText,
    weekday: weekdayOf(edition.date, edition.language),
    issueNumber: edition.issueNumber,
    issueText: zh ? `第${edition.issueNumber}期` : `No. ${edition.issueNumber}`,
    lines: mastheadLines(m),
  };
}
