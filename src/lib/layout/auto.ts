// Auto-layout: one pure command that lays out an edition's stories the way a
// desk fills its pages. The lead (头条) goes across the top of page 1 under the
// masthead with the biggest headline; every other story follows by priority
// into the page's first free spot (top, then left). Each module is either
// fitted to its text (its columns end together, no more than two empty lines
// at a column's foot) or runs to the foot of its spot and continues on a later
// page, never on the page it starts on. A page that cannot hold all the text
// left is filled to the foot; only the last page ends where the text ends.
// It replaces all placements of the edition's stories (on every page) except
// the stories of modules a person has pinned.
import type { Edition, Page, Placement, Story } from '../model/edition';
import { bodyLines, flowModule, fitLines, headlinePtOf, START, type FlowContext, type ModuleSpec } from './flow';
import { addPage, hasPhotoBox, rectOf, reservedTop } from './module';
import { LayoutCache } from './cache';
import { continuationSpan } from './continue';
import { flowContext } from './context';
import { MAX_EMPTY_LINES } from './jumps';
import { PageRoom, type Spot } from './room';
import type { Cursor, GridRect, ModuleFlow, Typesetter } from './types';

export interface AutoLayoutOptions {
  /** Share of the area below the masthead the lead may take at most when other stories follow (default 0.4). */
  leadShare?: number;
  /** Least room (grid lines) left under a module for the next story (default 10); less is given to the module or avoided. */
  minLines?: number;
}

/** Body lines (a line of text and a jump line) a module keeps under its headline when it is cut. */
const MIN_BODY = 3;
/** A lead whose columns would be shallower than this at full width takes fewer columns. */
const SHORT_LEAD_DEPTH = 8;
/** Share of the area below the masthead the lead takes at most, unless the options say otherwise. */
const LEAD_SHARE = 0.4;
/** Least room left under a module for another story, unless the options say otherwise. */
const MIN_LEFT = 10;
/** A front-page story other than the lead is cut at this depth and continued inside: room for the others on page 1. */
const FRONT_DEPTH = 24;
/** How far a front-page headline stays under the lead's (pt). */
const HEADLINE_STEP_PT = 2;
/** A story with no priority set comes after all that have one. */
const NO_PRIORITY = 99;
/**
 * Pages auto-layout may fill, as a multiple of the pages the text would fill at
 * full coverage (the cells of every story at its own width), plus a few: room
 * for holes and headlines, so the limit follows the source (a 2 MiB English file
 * fills some 130 pages) and only stops a run that has gone wrong.
 */
const PAGE_LIMIT_FACTOR = 2;
const PAGE_LIMIT_SLACK = 8;
/** A story begun inside is set this many body lines a column at least before it takes another column. */
const LINES_PER_NEW_COLUMN = 24;
/** Columns a story begun inside takes at most. */
const MAX_FRESH_SPAN = 4;
/** A cut that leaves fewer body lines than this to continue sends the reader on for almost nothing. */
const MIN_REST = 4;
/** Stories after the next one that may take a spot it does not suit. */
const LOOKAHEAD = 4;
/** The ways a full page is tried, in order: [stories at their spot's width, no front-page depths, the longest story last]. */
const WAYS: [boolean, boolean, boolean][] = [
  [false, false, false],
  [true, false, false],
  [false, true, false],
  [true, true, false],
  [false, false, true],
];
/**
 * What the choices cost against each other: an empty cell (a hole nothing can
 * fill) weighs most, then a jump for a line or two, a column away from the
 * story's own width, a jump, and taking a story out of priority order.
 */
const COST = { holeCell: 40, tinyJump: 400, span: 6, cut: 25, order: 30, overCut: 8, deep: 3 };

/** A story still to be placed: from its start (part 1) or from where its last module stopped. */
interface Piece {
  story: Story;
  cursor: Cursor;
  part: number;
  /** Width of the part it continues, or 0 for a story not begun. */
  span: number;
}

/** A module chosen for a piece in a spot, with the text it sends on (a cut) and what it costs. */
interface Choice {
  rect: GridRect;
  headlinePt?: number;
  rest: Piece | null;
  cost: number;
}

/** The edition-wide facts every page's choices read. */
interface Rules {
  leadId: string;
  leadSpan: number;
  leadPt: number;
  leadShare: number;
  minLeft: number;
  /** 'last': the text left fits this page, so nothing is cut; 'full': the page is filled to the foot. */
  mode: 'last' | 'full';
  /** Stories take the whole width of their spot rather than their own (one of the ways a page is tried). */
  wide: boolean;
  /** No front-page depth for stories and no share for the lead (another way tried). */
  uncapped: boolean;
  /** A front page with a photo story to take the room the text leaves: filled to the foot, front-page depths kept. */
  absorbing: boolean;
  /** The empty-lines rule is waived: only when a piece goes on no page otherwise (never in practice; no endless run). */
  relaxed: boolean;
  pageIndex: number;
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

function fresh(story: Story): Piece {
  return { story, cursor: START, part: 1, span: 0 };
}

/** Lay out the edition's stories: the lead on top of page 1, the rest by priority, pages added as needed. */
export function autoLayout(edition: Edition, typesetter: Typesetter, options: AutoLayoutOptions = {}, cache = new LayoutCache()): Edition {
  // A story with a module a person pinned is theirs: all its modules stay as they are.
  const pinnedStories = new Set(edition.pages.flatMap((p) => p.placements.filter((x) => x.pinned).map((x) => x.storyId)));
  const ids = new Set(edition.stories.map((s) => s.id).filter((id) => !pinnedStories.has(id)));
  const ed: Edition = { ...edition, pages: edition.pages.map((p) => ({ ...p, placements: p.placements.filter((x) => !ids.has(x.storyId)) })) };
  if (!ed.pages.length) throw new Error('autoLayout: the edition has no page');
  const stories = byPriority(edition.stories).filter((s) => ids.has(s.id) && (s.doc.content ?? []).length);
  if (!stories.length) return ed;

  const lead = stories[0];
  const ctx = flowContext(ed, { ...ed.pages[0], number: 1 }, typesetter, cache);
  const C = ctx.metrics.columns;
  // A lead too short for the full width (a few lines a column) takes the columns it fills to a readable depth;
  // a story of a headline only (its text a photo the paper ran) stands across the page.
  const leadFull = flowModule(ctx, { story: lead, part: 1, span: C, lines: ctx.metrics.linesPerColumn, hasPrev: false, hasNext: false, photo: photoStory(lead) }, START);
  const leadSlots = leadFull.lines.reduce((n, f) => n + f.slots, 0);
  let leadSpan = leadSlots > 0 && leadSlots < SHORT_LEAD_DEPTH * C ? Math.max(2, Math.floor(leadSlots / SHORT_LEAD_DEPTH)) : C;
  // …never leaving one column beside it.
  if (C - leadSpan === 1) leadSpan = Math.max(1, C - 2);
  const rules: Omit<Rules, 'mode' | 'pageIndex' | 'wide' | 'uncapped' | 'relaxed' | 'absorbing'> = {
    leadId: lead.id,
    leadSpan,
    leadPt: headlinePtOf(ctx, { story: lead, span: leadSpan }),
    leadShare: options.leadShare ?? LEAD_SHARE,
    minLeft: options.minLines ?? MIN_LEFT,
  };
  return fillPages(ed, stories.map(fresh), typesetter, cache, rules);
}

/**
 * Fill the pages in order with the pieces, the way a flow fills regions
 * (distribute to a region, compose, carry the rest to the next region). A page
 * whose free room holds all the text left is the last: its modules are fitted
 * and nothing is cut. Otherwise the page is filled to the foot, the modules at
 * the foot cut and their rest carried to the next page, first in its queue.
 */
function fillPages(edition: Edition, pieces: Piece[], typesetter: Typesetter, cache: LayoutCache, base: Omit<Rules, 'mode' | 'pageIndex' | 'wide' | 'uncapped' | 'relaxed' | 'absorbing'>): Edition {
  let ed = edition;
  let queue = pieces;
  const first = flowContext(ed, { ...ed.pages[0], number: 1 }, typesetter, cache);
  const cells = pieces.reduce((n, p) => n + areaOf(first, p, first.metrics.columns), 0);
  const limit = Math.ceil((PAGE_LIMIT_FACTOR * cells) / (first.metrics.columns * first.metrics.linesPerColumn)) + PAGE_LIMIT_SLACK;
  for (let index = 0; queue.length && index < limit; index++) {
    if (ed.pages.length <= index) ed = addPage(ed, index);
    const page: Page = { ...ed.pages[index], number: index + 1 };
    const ctx = flowContext(ed, page, typesetter, cache);
    const m = ctx.metrics;
    const roomOf = () => new PageRoom(m.columns, m.linesPerColumn, reservedTop(page, m), page.placements.map(rectOf));
    // A front page is not left white at the foot when a photo story can take the room its text leaves.
    const absorbing = index === 0 && queue.some((p) => p.part === 1 && p.story.id !== base.leadId && photoStory(p.story));
    const rules = (mode: Rules['mode'], wide = false, uncapped = false, relaxed = false): Rules => ({ ...base, mode, wide, uncapped, relaxed, absorbing, pageIndex: index });
    const free = roomOf().free;
    let need = 0;
    for (let k = 0; k < queue.length && need <= free; k++) need += areaOf(ctx, queue[k], m.columns);
    // The last page if all the text left goes on it uncut; else the page filled to the foot, the way
    // (stories at their own width or at their spot's, front-page depths or not) that leaves the fewest empty cells.
    let fill: PageFill | null = need <= free && !absorbing ? fillPage(ctx, roomOf(), queue, rules('last')) : null;
    if (fill && fill.left.length) fill = null;
    if (!fill) {
      for (const [wide, uncapped, longLast] of WAYS) {
        // The longest story last: it runs on under the others, to the foot, where the short ones would leave holes.
        const order = longLast ? longestLast(ctx, queue, base.leadId) : queue;
        if (!order) continue;
        const tried = fillPage(ctx, roomOf(), order, rules('full', wide, uncapped));
        if (!fill || tried.holes < fill.holes || (tried.holes === fill.holes && tried.carried.length < fill.carried.length)) fill = tried;
        if (!fill.holes) break;
      }
      fill = fill!;
      // The stories ran out before the page did, with text still to jump: if it all fits here uncut, this is the last page.
      if (fill.holes && !fill.left.length && fill.carried.length) {
        const last = fillPage(ctx, roomOf(), queue, rules('last'));
        if (!last.left.length && !last.carried.length) fill = last;
      }
    }
    // A page that takes nothing would be followed by another like it: waive the empty-lines rule here.
    if (!fill.added.length && !page.placements.length) fill = fillPage(ctx, roomOf(), queue, rules('full', true, true, true));
    // Still nothing: the first piece goes on no page (a headline group deeper than a page even at body size).
    // It is left unplaced (the layout lists it) rather than stop every story after it, page after empty page.
    if (!fill.added.length && !page.placements.length) {
      queue = queue.slice(1);
      index--;
      continue;
    }
    const added = fill.added;
    ed = { ...ed, pages: ed.pages.map((p, i) => (i === index ? { ...p, placements: [...p.placements, ...added] } : p)) };
    // What jumps from this page comes first on the next, then what did not get here.
    queue = [...fill.carried, ...fill.left];
  }
  return ed;
}

/**
 * The headline size at which a piece's headline group fits the room, stepped
 * down from its own by HEADLINE_STEP_PT as far as the body size; its own (or
 * `pt`) when that fits or nothing does. Only where no module fits otherwise:
 * a headline group of many lines (a page of text taken for headlines) stands
 * smaller rather than stop the edition.
 */
function headlineThatFits(ctx: FlowContext, piece: Piece, span: number, room: number, pt: number | undefined): number | undefined {
  const own = headlinePtOf(ctx, { story: piece.story, span, headlinePt: pt });
  const clipped = (size: number) => flowModule(ctx, { ...specOf(piece, span, size), lines: room }, piece.cursor).headClipped;
  if (!clipped(own)) return pt;
  for (let size = own - HEADLINE_STEP_PT; size >= ctx.grid.bodySizePt; size -= HEADLINE_STEP_PT) if (!clipped(size)) return size;
  return pt;
}

/** The queue with its longest piece (among the first few, the lead aside) moved to the end; null when that changes nothing. */
function longestLast(ctx: FlowContext, queue: Piece[], leadId: string): Piece[] | null {
  let k = -1;
  let most = 0;
  queue.slice(0, LOOKAHEAD + 1).forEach((p, i) => {
    const area = areaOf(ctx, p, ctx.metrics.columns);
    if (!(p.part === 1 && p.story.id === leadId) && area > most) [k, most] = [i, area];
  });
  if (k < 0 || k === queue.length - 1) return null;
  return [...queue.slice(0, k), ...queue.slice(k + 1), queue[k]];
}

/** Cells a piece takes at its own width: a rough measure of the text left, to tell a last page from a full one. */
function areaOf(ctx: FlowContext, piece: Piece, columns: number): number {
  const lines = bodyLines(ctx, piece.story, ctx.metrics.columnWidthPt, piece.cursor).length;
  const span = Math.min(columns, wantSpan(piece, lines, columns));
  const head = flowModule(ctx, { ...specOf(piece, span), lines: ctx.metrics.linesPerColumn }, piece.cursor).bodySlot;
  return span * head + lines;
}

function wantSpan(piece: Piece, restLines: number, columns: number): number {
  return piece.part > 1 ? continuationSpan(restLines, piece.span, columns) : Math.max(2, Math.min(MAX_FRESH_SPAN, Math.ceil(restLines / LINES_PER_NEW_COLUMN)));
}

function specOf(piece: Piece, span: number, headlinePt?: number): Omit<ModuleSpec, 'lines'> {
  const { story, part } = piece;
  return { story, part, span, hasPrev: part > 1, hasNext: false, photo: part === 1 && photoStory(story), headlinePt };
}

interface PageFill {
  added: Placement[];
  carried: Piece[];
  /** Pieces this page did not take, in their order. */
  left: Piece[];
  /** Cells left empty: spots no piece suited, and the room left when the pieces ran out. */
  holes: number;
}

/** Fill one page's free room with pieces, spot by spot; a spot no piece suits is left empty. */
function fillPage(ctx: FlowContext, room: PageRoom, queue: Piece[], rules: Rules): PageFill {
  // On a full front page the photo story goes last: its box grows into the room the text leaves.
  const photoLast = (p: Piece) => rules.mode === 'full' && rules.pageIndex === 0 && p.part === 1 && photoStory(p.story) && p.story.id !== rules.leadId;
  const pending = [...queue.filter((p) => !photoLast(p)), ...queue.filter(photoLast)];
  const added: Placement[] = [];
  const carried: Piece[] = [];
  let holes = 0;
  // The text left, as cells, summed only as far as twice the page's room: past that the surplus is plenty.
  const areas: number[] = [];
  let text = 0;
  const measure = () => {
    while (areas.length < pending.length && text <= 2 * room.free) text += areas[areas.push(areaOf(ctx, pending[areas.length], ctx.metrics.columns)) - 1];
  };
  const surplus = () => (areas.length < pending.length ? Infinity : text - room.free);
  for (let spot = room.firstSpot(); spot && pending.length; spot = room.firstSpot()) {
    measure();
    let best: { k: number; choice: Choice; strip: GridRect[] } | null = null;
    // The lead is placed first, wherever the first spot is.
    const ahead = pending[0].part === 1 && pending[0].story.id === rules.leadId ? 0 : LOOKAHEAD;
    // The spot itself, and widened over columns free a few lines lower (the strip above them is lost, but not a column beside).
    // The last piece of a full page: whatever room it leaves anywhere stays empty, so it may also be widened over any column beside.
    const lastPiece = rules.mode === 'full' && pending.length === 1;
    const spots = [{ spot, strip: [] as GridRect[] }, room.widened(spot, rules.minLeft - 1), lastPiece ? room.widened(spot, room.lines) : null].filter((x) => !!x);
    for (const { spot: at, strip } of spots) {
      const stripCells = strip.reduce((n, r) => n + r.lines, 0);
      for (let k = 0; k < Math.min(pending.length, ahead + 1); k++) {
        const choice = choose(ctx, pending[k], at, rules, pending.length > 1, surplus());
        if (!choice) continue;
        const left = lastPiece ? room.free - stripCells - choice.rect.span * choice.rect.lines : 0;
        const cost = choice.cost + (stripCells + left) * COST.holeCell;
        if (!best || cost + k * COST.order < best.choice.cost + best.k * COST.order) best = { k, choice: { ...choice, cost }, strip };
        // A piece that fills its room without a hole is not passed over.
        if (best && best.choice.cost < COST.order) break;
      }
      if (best && best.choice.cost < COST.order && !lastPiece) break;
    }
    if (!best) {
      holes += spot.width * spot.room;
      room.take({ column: spot.column, span: spot.width, line: spot.line, lines: spot.room });
      continue;
    }
    for (const r of best.strip) {
      holes += r.lines;
      room.take(r);
    }
    const [piece] = pending.splice(best.k, 1);
    if (best.k < areas.length) text -= areas.splice(best.k, 1)[0];
    const { rect, headlinePt, rest } = best.choice;
    room.take(rect);
    added.push({ id: `${piece.story.id}:${piece.part}`, storyId: piece.story.id, part: piece.part, ...rect, ...(headlinePt ? { headlineSizePt: headlinePt } : {}) });
    if (rest) carried.push(rest);
  }
  return { added, carried, left: pending, holes: holes + room.free };
}

/**
 * The best module for a piece in a spot, or null when the spot cannot take it.
 * Tried at each width the spot allows (never leaving one column beside it):
 * the module fitted to the text, and, on a full page, the module cut at the
 * foot of the spot, at the depth that leaves a story's room under it, or at
 * the front-page depth. A fitted module takes up to two lines more, and a photo
 * story's box grows, rather than leave a strip too shallow for another story.
 */
function choose(ctx: FlowContext, piece: Piece, spot: Spot, rules: Rules, more: boolean, surplus: number): Choice | null {
  const { story, cursor, part } = piece;
  const C = ctx.metrics.columns;
  const front = rules.pageIndex === 0 && part === 1;
  const isLead = front && story.id === rules.leadId;
  const restLines = bodyLines(ctx, story, ctx.metrics.columnWidthPt, cursor).length;
  const want = isLead ? rules.leadSpan : rules.wide ? spot.width : wantSpan(piece, restLines, C);
  const height = ctx.metrics.linesPerColumn - reservedTop({ number: rules.pageIndex + 1 } as Page, ctx.metrics);
  const cap = !more || rules.mode === 'last' || rules.uncapped ? Infinity : isLead ? Math.max(rules.minLeft, Math.floor(height * rules.leadShare)) : front ? FRONT_DEPTH : Infinity;
  // Widths near the story's own and the whole spot first (others cost more than they can win), then the rest.
  const fits = (s: number) => s >= 1 && s <= spot.width && (s === spot.width || spot.width - s >= 2);
  const near = isLead ? [Math.min(want, spot.width)] : [...new Set([want - 1, want, want + 1, spot.width])].filter(fits).sort((a, b) => a - b);
  // The lead tries other widths only when its own holds no module (columns the break rules leave short at every depth):
  // else it stands nowhere, and nothing after it on page 1 either.
  const others = Array.from({ length: spot.width }, (_, i) => i + 1)
    .filter((s) => fits(s) && !near.includes(s))
    .sort((a, b) => (isLead ? Math.abs(a - want) - Math.abs(b - want) || b - a : a - b));
  // Room left under a module is a hole when no story can stand in it, or on a full page when no story is left for it.
  const hole = (r: number, s: number) => (r > 0 && (r < rules.minLeft || (!more && rules.mode === 'full')) ? r * s * COST.holeCell : 0);
  let best: Choice | null = null;
  const offer = (c: Choice) => {
    if (!best || c.cost < best.cost) best = c;
  };
  for (const s of [...near, ...others]) {
    if (best && !near.includes(s)) break;
    // On page 1 no headline outranks the lead's.
    const scalePt = headlinePtOf(ctx, { story, span: s });
    let headlinePt = front && !isLead && scalePt > rules.leadPt - HEADLINE_STEP_PT ? rules.leadPt - HEADLINE_STEP_PT : undefined;
    if (rules.relaxed) headlinePt = headlineThatFits(ctx, piece, s, spot.room, headlinePt);
    const spec = specOf(piece, s, headlinePt);
    const spanCost = Math.abs(s - want) * COST.span;
    const at = { column: spot.column, span: s, line: spot.line };
    const need = fitLines(ctx, spec, cursor, spot.room);
    // Deeper than the front-page depth costs a little (the others want room on page 1); a cut costs more.
    if (need <= spot.room && (need <= cap || !rules.absorbing || spec.photo)) {
      const f = flowModule(ctx, { ...spec, lines: need }, cursor);
      const empty = Math.max(0, ...f.emptyLines);
      if (empty <= MAX_EMPTY_LINES || rules.relaxed) {
        const r = spot.room - need;
        // Two lines more or a bigger photo rather than a strip too shallow for a story.
        let lines = r > 0 && (empty + r <= MAX_EMPTY_LINES || (spec.photo && (r < rules.minLeft || !more))) ? spot.room : need;
        // The deeper module is balanced (and its photo sized) anew: a subhead kept off a column's foot can leave a column short there.
        if (lines !== need && !rules.relaxed && Math.max(0, ...flowModule(ctx, { ...spec, lines }, cursor).emptyLines) > MAX_EMPTY_LINES) lines = need;
        offer({ rect: { ...at, lines }, headlinePt, rest: null, cost: spanCost + hole(spot.room - lines, s) + Math.max(0, lines - cap) * COST.deep });
      }
    }
    if (rules.mode !== 'full') continue;
    // A cut at the foot of the spot, leaving a story's room under it, or at the front-page depth;
    // a line or two higher where the column-break rules leave a column short there.
    const tried = new Set<number>();
    for (const depth of [spot.room, spot.room - rules.minLeft, Math.min(cap, spot.room)]) {
      let f: ModuleFlow | null = null;
      let lines = depth;
      for (; lines > depth - 3 && !f; lines--) {
        if (tried.has(lines) || lines <= 0 || lines >= need || lines > cap) continue;
        tried.add(lines);
        const g = flowModule(ctx, { ...spec, lines, hasNext: true }, cursor);
        if (g.headClipped || g.photo?.short || g.bodySlot + MIN_BODY > lines || g.restLines === 0 || (Math.max(0, ...g.emptyLines) > MAX_EMPTY_LINES && !rules.relaxed)) continue;
        if (g.to.block === cursor.block && g.to.offset === cursor.offset) continue;
        f = g;
      }
      if (!f) continue;
      lines++;
      const tiny = f.restLines < MIN_REST ? COST.tinyJump : 0;
      // Text sent on beyond what the page cannot hold leaves this page short of text: a hole at its foot.
      const over = rules.absorbing ? 0 : Math.max(0, f.restLines - Math.max(0, surplus)) * COST.overCut;
      offer({ rect: { ...at, lines }, headlinePt, rest: { story, cursor: f.to, part: part + 1, span: s }, cost: COST.cut + tiny + over + spanCost + hole(spot.room - lines, s) });
    }
  }
  return best;
}
