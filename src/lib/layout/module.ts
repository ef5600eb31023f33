// Modules: a Placement is a rectangle of columns × grid lines. Pure commands
// over an Edition return a new Edition (the old one is never touched) or null
// when the desk's rules refuse the change (overlap, off the grid).
import type { Edition, Grid, Page, Placement, Story } from '../model/edition';
import { comesWithPhoto } from './blocks';
import { photoIdOf } from '../model/photo';
import { gridMetrics, mastheadLines, type GridMetrics } from './geometry';
import type { GridRect, Rect } from './types';

/** Grid lines the masthead takes at the top of a page (only page 1 has one). */
export function reservedTop(page: Page, metrics?: GridMetrics): number {
  return page.number === 1 ? mastheadLines(metrics ?? gridMetrics(page.grid)) : 0;
}

export function rectOf(p: Placement): GridRect {
  return { column: p.column, span: p.span, line: p.line, lines: p.lines };
}

/** Whether two modules share a grid cell. */
export function overlaps(a: GridRect, b: GridRect): boolean {
  return a.column < b.column + b.span && b.column < a.column + a.span && a.line < b.line + b.lines && b.line < a.line + a.lines;
}

/** Whether a rect lies on the grid, inside the type area and below the masthead. */
export function onGrid(page: Page, rect: GridRect): boolean {
  const m = gridMetrics(page.grid);
  const ints = [rect.column, rect.span, rect.line, rect.lines].every(Number.isInteger);
  return (
    ints &&
    rect.span >= 1 &&
    rect.lines >= 1 &&
    rect.column >= 0 &&
    rect.column + rect.span <= m.columns &&
    rect.line >= reservedTop(page, m) &&
    rect.line + rect.lines <= m.linesPerColumn
  );
}

/** Whether a module may stand at `rect` on the page (the placement `ignoreId` aside, when moving it). */
export function canPlace(page: Page, rect: GridRect, ignoreId?: string): boolean {
  return onGrid(page, rect) && !page.placements.some((p) => p.id !== ignoreId && overlaps(rectOf(p), rect));
}

/** Whether a part has a photo box: a photo to draw (its own or its story's), or it is part 1 of a story that asks for one (a caption). */
export function hasPhotoBox(story: Story, placement: Pick<Placement, 'part' | 'photoId'>): boolean {
  return !!photoIdOf(story, placement) || (placement.part === 1 && comesWithPhoto(story.doc));
}

/** The module under a grid cell, if any. */
export function placementAt(page: Page, cell: { column: number; line: number }): Placement | null {
  return page.placements.find((p) => cell.column >= p.column && cell.column < p.column + p.span && cell.line >= p.line && cell.line < p.line + p.lines) ?? null;
}

/** The grid cell under a point in pt (relative to the type area), or null outside it. */
export function cellAt(metrics: GridMetrics, x: number, y: number): { column: number; line: number } | null {
  if (x < 0 || y < 0 || x > metrics.typeArea.width || y > metrics.typeArea.height) return null;
  const pitch = metrics.columnWidthPt + metrics.gutterPt;
  return { column: Math.min(metrics.columns - 1, Math.floor(x / pitch)), line: Math.floor(y / metrics.leadingPt) };
}

/** A drag of (dx, dy) pt snapped to whole columns and grid lines. */
export function snapDelta(metrics: GridMetrics, dx: number, dy: number): { columns: number; lines: number } {
  const pitch = metrics.columnWidthPt + metrics.gutterPt;
  return { columns: Math.round(dx / pitch), lines: Math.round(dy / metrics.leadingPt) };
}

/** Free cells of the page: free[line][column], masthead counted as taken. */
export function freeCells(page: Page, ignoreId?: string): boolean[][] {
  const m = gridMetrics(page.grid);
  const top = reservedTop(page, m);
  const free = Array.from({ length: m.linesPerColumn }, (_, line) => Array.from({ length: m.columns }, () => line >= top));
  for (const p of page.placements) {
    if (p.id === ignoreId) continue;
    for (let l = Math.max(0, p.line); l < Math.min(m.linesPerColumn, p.line + p.lines); l++)
      for (let c = Math.max(0, p.column); c < Math.min(m.columns, p.column + p.span); c++) free[l][c] = false;
  }
  return free;
}

/**
 * The maximal free rectangles of a page (none contained in another), largest
 * first, so the UI can show where a module of a given size may go.
 * Hand-written: the grid is at most a few dozen columns by ~150 lines, so trying
 * every column range and scanning lines is cheap and needs no library.
 */
export function freeRects(page: Page, minSpan = 1, minLines = 1, ignoreId?: string): GridRect[] {
  const free = freeCells(page, ignoreId);
  const lines = free.length;
  const cols = lines ? free[0].length : 0;
  const found: GridRect[] = [];
  for (let c0 = 0; c0 < cols; c0++) {
    for (let c1 = c0; c1 < cols; c1++) {
      let start = -1;
      for (let l = 0; l <= lines; l++) {
        const ok = l < lines && free[l].slice(c0, c1 + 1).every(Boolean);
        if (ok && start < 0) start = l;
        if (!ok && start >= 0) {
          found.push({ column: c0, span: c1 - c0 + 1, line: start, lines: l - start });
          start = -1;
        }
      }
    }
  }
  const inside = (a: GridRect, b: GridRect) =>
    a !== b && a.column >= b.column && a.column + a.span <= b.column + b.span && a.line >= b.line && a.line + a.lines <= b.line + b.lines;
  return found
    .filter((r) => r.span >= minSpan && r.lines >= minLines && !found.some((o) => inside(r, o)))
    .sort((a, b) => b.span * b.lines - a.span * a.lines || a.line - b.line || a.column - b.column);
}

/** Free runs of grid lines column by column (one column wide each), as shown while a module is dragged. */
export function freeColumnRuns(page: Page, ignoreId?: string): GridRect[] {
  const free = freeCells(page, ignoreId);
  const out: GridRect[] = [];
  const cols = free[0]?.length ?? 0;
  for (let c = 0; c < cols; c++) {
    let start = -1;
    for (let l = 0; l <= free.length; l++) {
      const ok = l < free.length && free[l][c];
      if (ok && start < 0) start = l;
      if (!ok && start >= 0) {
        out.push({ column: c, span: 1, line: start, lines: l - start });
        start = -1;
      }
    }
  }
  return out;
}

/** Snap a rectangle in pt (relative to the type area) to the nearest columns and grid lines. */
export function snapRect(grid: Grid, rect: Rect): GridRect {
  const m = gridMetrics(grid);
  const pitch = m.columnWidthPt + m.gutterPt;
  const column = Math.min(m.columns - 1, Math.max(0, Math.round(rect.x / pitch)));
  const span = Math.min(m.columns - column, Math.max(1, Math.round((rect.width + m.gutterPt) / pitch)));
  const line = Math.min(m.linesPerColumn - 1, Math.max(0, Math.round(rect.y / m.leadingPt)));
  const lines = Math.min(m.linesPerColumn - line, Math.max(1, Math.round(rect.height / m.leadingPt)));
  return { column, span, line, lines };
}

/** The pt rectangle of a grid rect, relative to the type area. */
export function rectPt(metrics: GridMetrics, r: GridRect): Rect {
  return {
    x: metrics.columnX[r.column] ?? r.column * (metrics.columnWidthPt + metrics.gutterPt),
    y: r.line * metrics.leadingPt,
    width: r.span * metrics.columnWidthPt + Math.max(0, r.span - 1) * metrics.gutterPt,
    height: r.lines * metrics.leadingPt,
  };
}

// ——— finding things ———

export function findPlacement(edition: Edition, placementId: string): { page: Page; placement: Placement } | null {
  for (const page of edition.pages) {
    const placement = page.placements.find((p) => p.id === placementId);
    if (placement) return { page, placement };
  }
  return null;
}

/** All parts of a story in part order, with their pages. */
export function partsOf(edition: Edition, storyId: string): { page: Page; placement: Placement }[] {
  const out: { page: Page; placement: Placement }[] = [];
  for (const page of edition.pages) for (const placement of page.placements) if (placement.storyId === storyId) out.push({ page, placement });
  return out.sort((a, b) => a.placement.part - b.placement.part);
}

function uniqueId(edition: Edition, base: string): string {
  const taken = new Set(edition.pages.flatMap((p) => p.placements.map((x) => x.id)));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

function withPages(edition: Edition, pages: Page[]): Edition {
  return { ...edition, pages: pages.map((p, i) => (p.number === i + 1 ? p : { ...p, number: i + 1 })) };
}

function mapPage(edition: Edition, pageId: string, f: (page: Page) => Page): Edition {
  return withPages(edition, edition.pages.map((p) => (p.id === pageId ? f(p) : p)));
}

/** Renumber a story's parts 1, 2, 3… in their current order (after a part is removed or inserted). */
function renumberParts(edition: Edition, storyId: string, order?: string[]): Edition {
  const ids = order ?? partsOf(edition, storyId).map((x) => x.placement.id);
  const partOf = new Map(ids.map((id, i) => [id, i + 1]));
  return withPages(
    edition,
    edition.pages.map((page) =>
      page.placements.some((p) => p.storyId === storyId && partOf.get(p.id) !== p.part)
        ? { ...page, placements: page.placements.map((p) => (partOf.has(p.id) && partOf.get(p.id) !== p.part ? { ...p, part: partOf.get(p.id)! } : p)) }
        : page,
    ),
  );
}

// ——— commands ———

/** Place a story that is on no page yet, as its part 1. */
export function placeStory(edition: Edition, pageId: string, storyId: string, rect: GridRect, extra: Partial<Pick<Placement, 'headlineSizePt' | 'photoId'>> = {}): Edition | null {
  const page = edition.pages.find((p) => p.id === pageId);
  if (!page || !edition.stories.some((s) => s.id === storyId) || partsOf(edition, storyId).length) return null;
  if (!canPlace(page, rect)) return null;
  const placement: Placement = { id: uniqueId(edition, `${storyId}:1`), storyId, part: 1, ...rect, ...extra };
  return mapPage(edition, pageId, (p) => ({ ...p, placements: [...p.placements, placement] }));
}

/** Move a module to the first spot on page `targetPageNumber` (1-based) that holds it, keeping its size. */
export function moveToPage(edition: Edition, placementId: string, targetPageNumber: number): Edition | null {
  const found = findPlacement(edition, placementId);
  const to = edition.pages[targetPageNumber - 1];
  if (!found || !to) return null;
  const spot = freeRects(to, found.placement.span, found.placement.lines)[0];
  return spot ? moveModule(edition, placementId, { pageId: to.id, column: spot.column, line: spot.line }) : null;
}

/** Move a module to another spot (and optionally page), keeping its size. */
export function moveModule(edition: Edition, placementId: string, to: { column: number; line: number; pageId?: string }): Edition | null {
  const found = findPlacement(edition, placementId);
  if (!found) return null;
  const { page, placement } = found;
  const target = to.pageId ? edition.pages.find((p) => p.id === to.pageId) : page;
  if (!target) return null;
  const rect = { column: to.column, line: to.line, span: placement.span, lines: placement.lines };
  if (!canPlace(target, rect, placementId)) return null;
  const moved: Placement = { ...placement, column: to.column, line: to.line };
  if (target.id === page.id) {
    return mapPage(edition, page.id, (p) => ({ ...p, placements: p.placements.map((x) => (x.id === placementId ? moved : x)) }));
  }
  return withPages(
    edition,
    edition.pages.map((p) =>
      p.id === page.id ? { ...p, placements: p.placements.filter((x) => x.id !== placementId) } : p.id === target.id ? { ...p, placements: [...p.placements, moved] } : p,
    ),
  );
}

/** Resize a module (any edge: pass a new column/line to move the top-left corner too). */
export function resizeModule(edition: Edition, placementId: string, size: { span: number; lines: number; column?: number; line?: number }): Edition | null {
  const found = findPlacement(edition, placementId);
  if (!found) return null;
  const { page, placement } = found;
  const rect = { column: size.column ?? placement.column, line: size.line ?? placement.line, span: size.span, lines: size.lines };
  if (!canPlace(page, rect, placementId)) return null;
  return mapPage(edition, page.id, (p) => ({ ...p, placements: p.placements.map((x) => (x.id === placementId ? { ...x, ...rect } : x)) }));
}

/** Set or clear a module's headline size override, photo or pin. */
export function updateModule(edition: Edition, placementId: string, changes: Partial<Pick<Placement, 'headlineSizePt' | 'photoId' | 'pinned'>>): Edition | null {
  const found = findPlacement(edition, placementId);
  if (!found) return null;
  return mapPage(edition, found.page.id, (p) => ({ ...p, placements: p.placements.map((x) => (x.id === placementId ? { ...x, ...changes } : x)) }));
}

/** Take a module off its page; the story's later parts are renumbered so parts stay 1, 2, 3… */
export function removeModule(edition: Edition, placementId: string): Edition | null {
  const found = findPlacement(edition, placementId);
  if (!found) return null;
  const removed = mapPage(edition, found.page.id, (p) => ({ ...p, placements: p.placements.filter((x) => x.id !== placementId) }));
  return renumberParts(removed, found.placement.storyId);
}

/** Add a page (a copy of the grid of the page before it, or of `grid`) at a position (default: the end). */
export function addPage(edition: Edition, at = edition.pages.length, grid?: Grid, id?: string): Edition {
  const index = Math.max(0, Math.min(edition.pages.length, at));
  const model = grid ?? edition.pages[Math.max(0, index - 1)]?.grid ?? edition.pages[0]?.grid;
  if (!model) throw new Error('addPage: no grid to copy; pass one');
  const taken = new Set(edition.pages.map((p) => p.id));
  // The id follows from the edition alone (the next free page-N), never from how often this ran.
  let n = edition.pages.length + 1;
  while (taken.has(`page-${n}`)) n++;
  const pageId = id && !taken.has(id) ? id : `page-${n}`;
  const page: Page = { id: pageId, number: index + 1, grid: { ...model, margins: { ...model.margins } }, placements: [] };
  const pages = [...edition.pages];
  pages.splice(index, 0, page);
  return withPages(edition, pages);
}

/** Every page on one grid (an edition's pages share it); modules left off the grid are reported by the checker, not refused. */
export function withGrid(edition: Edition, grid: Grid): Edition {
  return { ...edition, pages: edition.pages.map((p) => ({ ...p, grid: { ...grid, margins: { ...grid.margins } } })) };
}

/** Remove a page and the modules on it (the stories' other parts are renumbered). */
export function removePage(edition: Edition, pageId: string): Edition | null {
  const page = edition.pages.find((p) => p.id === pageId);
  if (!page) return null;
  let out = withPages(edition, edition.pages.filter((p) => p.id !== pageId));
  for (const storyId of new Set(page.placements.map((p) => p.storyId))) out = renumberParts(out, storyId);
  return out;
}

/** Move a page to a new position; page numbers (and so every jump line) follow. */
export function movePage(edition: Edition, pageId: string, toIndex: number): Edition | null {
  const from = edition.pages.findIndex((p) => p.id === pageId);
  if (from < 0) return null;
  const pages = [...edition.pages];
  const [page] = pages.splice(from, 1);
  pages.splice(Math.max(0, Math.min(pages.length, toIndex)), 0, page);
  // A page moved to or from the front gains or loses the masthead; refuse if a module would sit under it.
  const out = withPages(edition, pages);
  const clash = out.pages.some((p) => p.placements.some((x) => !onGrid(p, rectOf(x))));
  return clash ? null : out;
}

/**
 * Continue a story: create the part after `placementId` on page `targetPageNumber`
 * (pages are added up to it if needed), in the largest free area there, at
 * most as wide as the part it continues. Later parts are renumbered.
 */
export function continueStory(edition: Edition, placementId: string, targetPageNumber: number, size?: { span: number; lines: number }): Edition | null {
  const found = findPlacement(edition, placementId);
  if (!found || targetPageNumber < 1) return null;
  let ed = edition;
  while (ed.pages.length < targetPageNumber) ed = addPage(ed);
  const target = ed.pages[targetPageNumber - 1];
  const rects = freeRects(target);
  let rect: GridRect | undefined;
  if (size) {
    rect = rects.find((r) => r.span >= size.span && r.lines >= size.lines);
    if (rect) rect = { column: rect.column, line: rect.line, span: size.span, lines: size.lines };
  } else {
    const r = rects[0];
    if (r) rect = { ...r, span: Math.min(r.span, Math.max(found.placement.span, 1)) };
  }
  if (!rect || !canPlace(target, rect)) return null;
  const storyId = found.placement.storyId;
  const order = partsOf(ed, storyId).map((x) => x.placement.id);
  const id = uniqueId(ed, `${storyId}:${found.placement.part + 1}`);
  order.splice(order.indexOf(placementId) + 1, 0, id);
  const placement: Placement = { id, storyId, part: found.placement.part + 1, ...rect };
  ed = mapPage(ed, target.id, (p) => ({ ...p, placements: [...p.placements, placement] }));
  return renumberParts(ed, storyId, order);
}

/** A dropped story's module is at least this many grid lines deep. */
const DROP_MIN_LINES = 4;
/** …and this many columns wide where the area allows. */
const DROP_MIN_SPAN = 2;
/** How far a column away weighs against lines away when finding the area nearest a drop: a column is a long way. */
const LINES_PER_COLUMN_STEP = 20;

/**
 * Where a story dropped at a grid cell goes: the largest free area holding the
 * cell (or the free area nearest to it), and in it the module that holds the
 * whole text in the least room — `need(span, room)` says how many lines the
 * text takes at a width (more than `room` if it does not fit) — or, when no
 * width holds it all, the whole area. The module contains the drop cell where
 * it can, as far up and left as it can. Null when the page has no room.
 */
export function dropRect(page: Page, at: { column: number; line: number } | undefined, need: (span: number, room: number) => number, minLines = DROP_MIN_LINES): GridRect | null {
  const areas = freeRects(page, 1, minLines);
  if (!areas.length) return null;
  const dist = (r: GridRect) =>
    at ? Math.max(0, r.column - at.column, at.column - (r.column + r.span - 1)) * LINES_PER_COLUMN_STEP + Math.max(0, r.line - at.line, at.line - (r.line + r.lines - 1)) : 0;
  // Areas come largest first: the first holding the cell, else the nearest.
  const area = [...areas].sort((a, b) => dist(a) - dist(b))[0];
  let best: { span: number; lines: number } | null = null;
  // One column is a last resort: a story is set in two or more where there is room.
  for (let span = Math.min(DROP_MIN_SPAN, area.span); span <= area.span; span++) {
    const lines = Math.max(minLines, need(span, area.lines));
    if (lines > area.lines) continue;
    if (!best || span * lines < best.span * best.lines) best = { span, lines };
  }
  best ??= { span: area.span, lines: area.lines };
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  const column = at ? clamp(at.column - best.span + 1, area.column, area.column + area.span - best.span) : area.column;
  const line = at ? clamp(at.line - best.lines + 1, area.line, area.line + area.lines - best.lines) : area.line;
  return { column, span: best.span, line, lines: best.lines };
}
