// Auto-layout: one pure command that builds a front page from the stories'
// priorities, the way a desk roughs out page 1 — the lead (头条) across the top
// under the masthead, the other stories side by side in horizontal bands of
// two or three, a photo story across the foot (its photo takes the height the
// text leaves), every module ending flush with the type area — and continues
// on page 2 whatever the front page cannot hold, with jump lines at both ends.
// It replaces all placements of the edition's stories (on every page).
import type { Edition, Page, Placement, Story } from '../model/edition';
import { bodyLines, flowModule, fitLines, headlinePtOf, START, type FlowContext } from './flow';
import { gridMetrics, mastheadLines } from './geometry';
import { addPage, freeCells, hasPhotoBox } from './module';
import { LayoutCache } from './cache';
import { continuationSpan } from './continue';
import { flowContext } from './context';
import type { Cursor, GridRect, Typesetter } from './types';

export interface AutoLayoutOptions {
  /** Share of the area below the masthead the lead may take at most (default 0.4). */
  leadShare?: number;
  /** Smallest module height in grid lines (default 10). */
  minLines?: number;
}

/** A front page holds a row of stories per this many grid lines (4 rows on a broadsheet): more would be squeezed. */
const ROW_ROOM = 20;
/** Body lines (a line of text and a jump line) a module keeps under its headline when it is cut. */
const MIN_BODY = 3;
/** A lead whose columns would be shallower than this at full width shares the top band. */
const SHORT_LEAD_DEPTH = 8;
/** Share of the area below the masthead the lead takes at most, unless the options say otherwise. */
const LEAD_SHARE = 0.4;
/** Smallest module height in grid lines, unless the options say otherwise. */
const MIN_LINES = 10;
/** How far a headline steps down when its module is too shallow for it (pt). */
const HEADLINE_STEP_PT = 2;
/** A story with no priority set comes after all that have one. */
const NO_PRIORITY = 99;
/** Pages a story may run on inside before auto-layout gives up on it. */
const MAX_PAGES = 120;
/** Weights of a band's faults against each other: a hole weighs more than cut text; see bestBand. */
const COST = { slack: 4, cut: 1, tinyJump: 1000, cramped: 1e6, hollowColumn: 5000, narrowLead: 200, leadWidth: 0.5 };

interface Planned {
  story: Story;
  rect: GridRect;
}

function byPriority(stories: Story[]): Story[] {
  return stories
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (a.s.meta?.priority ?? NO_PRIORITY) - (b.s.meta?.priority ?? NO_PRIORITY) || a.i - b.i)
    .map((x) => x.s);
}

/** Whether the story's part 1 has a photo box (the one rule, in module.ts). */
function photoStory(story: Story): boolean {
  return hasPhotoBox(story, { part: 1 });
}

/** Lay out the edition's stories on page 1 by priority, continuing on page 2 what does not fit. */
export function autoLayout(edition: Edition, typesetter: Typesetter, options: AutoLayoutOptions = {}, cache = new LayoutCache()): Edition {
  // A story with a module a person pinned is theirs: all its modules stay as they are.
  const pinnedStories = new Set(edition.pages.flatMap((p) => p.placements.filter((x) => x.pinned).map((x) => x.storyId)));
  const ids = new Set(edition.stories.map((s) => s.id).filter((id) => !pinnedStories.has(id)));
  let ed: Edition = { ...edition, pages: edition.pages.map((p) => ({ ...p, placements: p.placements.filter((x) => !ids.has(x.storyId)) })) };
  if (!ed.pages.length) throw new Error('autoLayout: the edition has no page');
  const stories = byPriority(edition.stories).filter((s) => ids.has(s.id) && (s.doc.content ?? []).length);
  if (!stories.length) return ed;
  // Pinned modules on the front page: fill around them like the inside pages (the bands assume a free page).
  if (ed.pages[0].placements.length) return fillPages(ed, stories.map((story) => fresh(story)), 0, typesetter, cache);

  const page1 = ed.pages[0];
  const ctx = flowContext(ed, { ...page1, number: 1 }, typesetter, cache);
  const m = gridMetrics(page1.grid, ed.language);
  const top = mastheadLines(m);
  const bottom = m.linesPerColumn;
  const height = bottom - top;
  const C = m.columns;
  const spec = (story: Story, span: number) => ({ story, part: 1, span, hasPrev: false, hasNext: false, photo: photoStory(story) });

  const plan: Planned[] = [];
  const [lead, ...rest] = stories;
  // A story with a photo goes last, across the page: its photo box takes the height the text leaves.
  const absorber = rest.length > 1 ? rest.find(photoStory) : undefined;
  let banded = rest.filter((s) => s !== absorber);
  const perBand = C >= 8 ? 3 : C >= 4 ? 2 : 1;
  // A lead too short for the full width (a few lines a column) shares the top band
  // with the next story instead: no module of three-line columns across the page.
  const leadFull = flowModule(ctx, { ...spec(lead, C), lines: height }, START);
  const leadDepth = Math.ceil(leadFull.lines.reduce((n, f) => n + f.slots, 0) / C);
  const leadInBand = banded.length > 0 && perBand > 1 && leadDepth < SHORT_LEAD_DEPTH;
  // A page holds so many rows; the rest of the stories start inside (page 2 …), not squeezed under their headlines.
  const maxRows = Math.max(1, Math.floor(height / ROW_ROOM));
  const bandSize = (k: number) => (leadInBand && k === 0 ? 2 : perBand);
  const bands: Story[][] = [];
  const queue = leadInBand ? [lead, ...banded] : banded;
  for (let i = 0, k = 0; i < queue.length; k++) {
    bands.push(queue.slice(i, i + bandSize(k)));
    i += bandSize(k);
  }
  // A last band of one story would run across the whole page: give it a partner.
  if (bands.length > 1 && bands[bands.length - 1].length === 1 && perBand > 2 && bands[bands.length - 2].length > 2)
    bands[bands.length - 1].unshift(bands[bands.length - 2].pop()!);
  const later: Story[] = [];
  const fixedRows = (leadInBand ? 0 : 1) + (absorber ? 1 : 0);
  while (bands.length && bands.length + fixedRows > maxRows && !(leadInBand && bands.length === 1)) later.unshift(...bands.pop()!);
  banded = bands.flat();
  const rows = bands.length + (absorber ? 1 : 0) - (leadInBand ? 1 : 0);
  const minLines = Math.max(3, Math.min(options.minLines ?? MIN_LINES, Math.floor(height / (rows + 1))));

  const leadMax = rows ? Math.max(minLines, Math.floor(height * (options.leadShare ?? LEAD_SHARE))) : height;
  // A story alone on the page and too short for its width takes only the columns it can fill, as deep as its text.
  const soloShort = !rows && leadDepth < SHORT_LEAD_DEPTH;
  // (A story of a headline only, its text a photo the paper ran, stands across the page.)
  const leadSpan = soloShort && leadDepth > 0 ? Math.max(1, Math.min(C, Math.ceil((leadDepth * C) / SHORT_LEAD_DEPTH))) : C;
  const leadLines = leadInBand
    ? 0
    : rows
      ? Math.min(leadMax, fitLines(ctx, spec(lead, C), START, height))
      : soloShort
        ? Math.min(height, fitLines(ctx, spec(lead, leadSpan), START, height))
        : height;
  const planned: { stories: Story[]; spans: number[]; height: number }[] = leadInBand ? [] : [{ stories: [lead], spans: [leadSpan], height: leadLines }];

  let used = leadLines;
  bands.forEach((band, k) => {
    const after = bands.length - 1 - k + (absorber ? 1 : 0);
    const maxH = height - used - after * minLines;
    const leadFirst = leadInBand && k === 0;
    let choice = bestBand(ctx, band, C, minLines, maxH, false, leadFirst);
    // The last band runs to the foot; when the page has more room than text and no photo
    // to take it, the room is shared out between all bands below instead (no hole at the foot).
    if (after === 0 && (absorber || choice.height >= maxH)) choice = bestBand(ctx, band, C, minLines, maxH, true, leadFirst);
    planned.push({ stories: band, spans: choice.spans, height: choice.height });
    used += choice.height;
  });
  if (absorber) planned.push({ stories: [absorber], spans: [C], height: height - used });
  else if (used < height && !soloShort) {
    const spare = height - used;
    const total = used;
    let given = 0;
    planned.forEach((row, k) => {
      const extra = k === planned.length - 1 ? spare - given : Math.floor((spare * row.height) / total);
      row.height += extra;
      given += extra;
    });
  }

  let line = top;
  for (const row of planned) {
    let column = 0;
    row.stories.forEach((story, j) => {
      plan.push({ story, rect: { column, span: row.spans[j], line, lines: row.height } });
      column += row.spans[j];
    });
    line += row.height;
  }

  // Place page 1, then continue what is left over.
  const jumped: Piece[] = [];
  const placements: Placement[] = plan.map(({ story, rect }) => {
    // A module too shallow for its headline group with text under it steps its headline down the scale (never below body + 4 pt).
    let headlinePt: number | undefined;
    const floor = ctx.grid.bodySizePt + 4;
    for (;;) {
      const whole = flowModule(ctx, { ...spec(story, rect.span), lines: rect.lines, headlinePt }, START);
      const cut = flowModule(ctx, { ...spec(story, rect.span), lines: rect.lines, headlinePt, hasNext: true }, START);
      const ok = whole.restLines === 0 ? !whole.headClipped : cut.bodySlot + MIN_BODY <= rect.lines;
      const size = headlinePtOf(ctx, { story, span: rect.span, headlinePt });
      if (ok || size - HEADLINE_STEP_PT < floor) {
        if (whole.restLines > 0) jumped.push({ story, cursor: cut.to, part: 2, span: rect.span });
        break;
      }
      headlinePt = size - HEADLINE_STEP_PT;
    }
    return { id: `${story.id}:1`, storyId: story.id, part: 1, ...rect, ...(headlinePt ? { headlineSizePt: headlinePt } : {}) };
  });
  ed = { ...ed, pages: ed.pages.map((p, i) => (i === 0 ? { ...p, number: 1, placements: [...p.placements, ...placements] } : p)) };
  // Continuations first (the reader turns one page), then the stories page 1 has no row for.
  return fillPages(ed, [...jumped, ...later.map((story) => fresh(story))], 1, typesetter, cache);
}

/**
 * Share a band's columns among its stories. The band is as deep as its first
 * (strongest) story needs at its width; the others fill that depth and jump
 * if they are longer. Of all ways to split the columns, the one that leaves
 * the least white space wins, then the one that cuts the least text (a cut is
 * cheaper than a hole: the rest is continued inside, but never for a line or
 * two), then the widest first story.
 * The last band takes all the height left (`fill`).
 */
function bestBand(ctx: FlowContext, band: Story[], columns: number, minLines: number, maxH: number, fill: boolean, leadFirst = false): { spans: number[]; height: number } {
  const fit = (story: Story, span: number) =>
    fitLines(ctx, { story, part: 1, span, hasPrev: false, hasNext: false, photo: photoStory(story) }, START, ctx.metrics.linesPerColumn);
  const min = Math.min(2, Math.floor(columns / band.length));
  let best: { spans: number[]; height: number; cost: number } | null = null;
  for (const spans of compositions(columns, band.length, Math.max(1, min))) {
    // The lead, when it shares a band, should be its widest story (a hole weighs more).
    const narrowLead = leadFirst ? Math.max(0, ...spans.map((x) => x - spans[0])) * COST.narrowLead : 0;
    // The band is as deep as one of its stories needs (the first's depth first).
    const depths = fill
      ? [maxH]
      : [
          ...new Set([
            ...band.map((story, j) => Math.max(minLines, Math.min(maxH, fit(story, spans[j])))),
            // …or as deep as its tallest headline group needs, with some text under it.
            Math.min(maxH, Math.max(minLines, ...band.map((story, j) => headRoomOf(ctx, story, spans[j], maxH) + MIN_BODY))),
          ]),
        ];
    for (const height of depths) {
    // Every module must hold its headline group and, if it is cut, a line of text and its jump line.
    let cramped = 0;
    band.forEach((story, j) => {
      const head = flowModule(ctx, { story, part: 1, span: spans[j], lines: height, hasPrev: false, hasNext: false, photo: photoStory(story) }, START).bodySlot;
      if (head + MIN_BODY > height) cramped++;
    });
    // A column with no line in it is a hole: never more columns than the story has lines.
    let hollow = 0;
    band.forEach((story, j) => {
      hollow += Math.max(0, spans[j] - bodyLines(ctx, story, ctx.metrics.columnWidthPt, START).length);
    });
    let slack = 0;
    let cut = 0;
    let tiny = 0;
    band.forEach((story, j) => {
      const need = fit(story, spans[j]);
      if (need <= height) slack += (height - need) * spans[j];
      else cut += (need - height) * spans[j];
      // Jumping a story for a line or two is worse than any hole: the reader turns the page for nothing.
      if (need > height && need - height <= 3) tiny++;
    });
    const cost = slack * COST.slack + cut * COST.cut + tiny * COST.tinyJump + cramped * COST.cramped + hollow * COST.hollowColumn + narrowLead - spans[0] * COST.leadWidth;
    if (!best || cost < best.cost) best = { spans, height, cost };
    }
  }
  return best ?? { spans: [columns], height: maxH };
}

/** Grid lines a story's headline group (and photo) take above its text at a width. */
function headRoomOf(ctx: FlowContext, story: Story, span: number, lines: number): number {
  return flowModule(ctx, { story, part: 1, span, lines, hasPrev: false, hasNext: false, photo: photoStory(story) }, START).bodySlot;
}

/** All ways to write `total` as `parts` ordered summands of at least `min`. */
function compositions(total: number, parts: number, min: number): number[][] {
  if (parts === 1) return total >= min ? [[total]] : [];
  const out: number[][] = [];
  for (let first = min; first <= total - min * (parts - 1); first++) for (const rest of compositions(total - first, parts - 1, min)) out.push([first, ...rest]);
  return out;
}

/** A story still to be placed: from its start (part 1) or from where its last module stopped. */
interface Piece {
  story: Story;
  cursor: Cursor;
  part: number;
  /** Width of the part it continues (a continuation is no wider), or 0 for a story not begun. */
  span: number;
}

function fresh(story: Story): Piece {
  return { story, cursor: START, part: 1, span: 0 };
}

/** Below a module, less free room than this (grid lines) is given to the module instead: no strip too shallow for a story. */
const MIN_LEFT = 10;
/** A story begun inside is set this many body lines a column at least before it takes another column. */
const LINES_PER_NEW_COLUMN = 24;
/** Columns a story begun inside takes at most. */
const MAX_FRESH_SPAN = 4;

/** The first free spot of a page, top first then left: the run of columns free from the same line, and how deep all of them are free. */
function firstFreeSpot(free: boolean[][], columns: number): { column: number; width: number; line: number; room: number } | null {
  const lines = free.length;
  const topOf = (c: number) => {
    for (let l = 0; l < lines; l++) if (free[l][c]) return l;
    return lines;
  };
  const tops = Array.from({ length: columns }, (_, c) => topOf(c));
  let column = -1;
  for (let c = 0; c < columns; c++) if (tops[c] < lines && (column < 0 || tops[c] < tops[column])) column = c;
  if (column < 0) return null;
  const line = tops[column];
  let width = 0;
  while (column + width < columns && tops[column + width] === line) width++;
  let room = 0;
  while (line + room < lines && free[line + room].slice(column, column + width).every(Boolean)) room++;
  return { column, width, line, room };
}

/**
 * Fill pages from `firstIndex` on with the pieces, in order, the way a flow
 * fills regions (Typst's flow: distribute to a region, compose, carry the rest
 * to the next region): each piece goes to the page's first free spot (top,
 * then left) in a module as wide as its text fills to a readable depth; a
 * piece longer than the room runs to the foot of the page and its rest jumps
 * to the next page. A module that would leave a strip too shallow for any
 * story under it takes that strip (no hole); the last piece on a page that
 * will not fit takes the whole width; and when the stories run out before the
 * page does, the text that was to jump runs on here instead. So every page the
 * flow leaves is covered to the foot; only the last page ends where the text ends.
 * Hand-written: a skyline over a grid of a few dozen columns by ~150 lines.
 */
function fillPages(edition: Edition, pieces: Piece[], firstIndex: number, typesetter: Typesetter, cache: LayoutCache): Edition {
  let ed = edition;
  let queue = pieces;
  for (let index = firstIndex; queue.length && index < firstIndex + MAX_PAGES; index++) {
    if (ed.pages.length <= index) ed = addPage(ed, index);
    const page: Page = { ...ed.pages[index], number: index + 1 };
    const ctx = flowContext(ed, page, typesetter, cache);
    const m = ctx.metrics;
    const free = freeCells(page);
    const added: Placement[] = [];
    const carried: Piece[] = [];
    const skipped: Piece[] = [];
    for (;;) {
      const spot = firstFreeSpot(free, m.columns);
      if (!spot) break;
      // Out of stories with room left and text still to jump: the text runs on here rather than leave a hole.
      if (!queue.length) queue = carried.splice(0);
      if (!queue.length) break;
      const piece = queue.shift()!;
      const placed = composeInSpot(ctx, piece, spot, m.columns, !queue.length);
      if (!placed) {
        // Too shallow for this piece's headline: it waits for the next page; the spot is closed.
        skipped.push(piece);
        for (let l = spot.line; l < spot.line + spot.room; l++) for (let c = spot.column; c < spot.column + spot.width; c++) free[l][c] = false;
        continue;
      }
      const { rect, rest } = placed;
      for (let l = rect.line; l < rect.line + rect.lines; l++) for (let c = rect.column; c < rect.column + rect.span; c++) free[l][c] = false;
      added.push({ id: `${piece.story.id}:${piece.part}`, storyId: piece.story.id, part: piece.part, ...rect });
      if (rest) carried.push(rest);
    }
    ed = { ...ed, pages: ed.pages.map((p, i) => (i === index ? { ...p, placements: [...p.placements, ...added] } : p)) };
    // What jumps from this page comes first on the next, then what did not get here.
    queue = [...carried, ...skipped, ...queue];
  }
  return ed;
}

/** A piece's module in a free spot: its rect, and the rest of its text when it does not all fit. Null when the spot cannot hold its headline and some text. */
function composeInSpot(
  ctx: FlowContext,
  piece: Piece,
  spot: { column: number; width: number; line: number; room: number },
  columns: number,
  last: boolean,
): { rect: GridRect; rest: Piece | null } | null {
  const { story, cursor, part } = piece;
  const photo = part === 1 && photoStory(story);
  const restLines = bodyLines(ctx, story, ctx.metrics.columnWidthPt, cursor).length;
  const want =
    part > 1
      ? continuationSpan(restLines, piece.span, columns)
      : Math.max(2, Math.min(MAX_FRESH_SPAN, Math.ceil(restLines / LINES_PER_NEW_COLUMN)));
  // Never leave a strip of one column beside the module: it takes it.
  let span = Math.min(want, spot.width);
  if (spot.width - span < 2) span = spot.width;
  const spec = (s: number) => ({ story, part, span: s, hasPrev: part > 1, hasNext: false, photo });
  // Room for the headline group (and photo) of a cut module, with some text and its jump line under it.
  const roomy = (s: number) => flowModule(ctx, { ...spec(s), lines: spot.room, hasNext: true }, cursor).bodySlot + MIN_BODY <= spot.room;
  let need = fitLines(ctx, spec(span), cursor, spot.room);
  // A piece that will not fit takes the whole width when it is the last (nothing else is left
  // to fill beside it) or when its headline group needs the width.
  if (need > spot.room && span < spot.width && (last || !roomy(span))) {
    span = spot.width;
    need = fitLines(ctx, spec(span), cursor, spot.room);
  }
  if (need > spot.room && !roomy(span)) return null;
  const at = { column: spot.column, span, line: spot.line };
  if (need <= spot.room) {
    const lines = spot.room - need < MIN_LEFT ? spot.room : need;
    return { rect: { ...at, lines }, rest: null };
  }
  const cut = flowModule(ctx, { ...spec(span), lines: spot.room, hasNext: true }, cursor);
  return { rect: { ...at, lines: spot.room }, rest: { story, cursor: cut.to, part: part + 1, span } };
}
