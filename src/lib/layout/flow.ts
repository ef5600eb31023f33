// Composing one module: the headline group across the module, an optional
// photo box with its caption, then the body on the baseline grid, and the
// positions of all their lines. Lines come from the typesetting engine and are
// memoised (in the LayoutCache passed in) per story, width and start cursor, so
// re-cutting a moved module is arithmetic only. Which line goes to which
// column is columns.ts's part.
import type { DocJSON, Grid, Language, Story } from '../model/edition';
import type { Line, SourceBlock, TextStyle } from '../typeset/types';
import { blockText, headlineText, sliceRuns, splitStory, type StoryParts } from './blocks';
import type { LayoutCache } from './cache';
import { balanceColumns, columnDepthNeeded, cutColumns, type Cut, type FlowLine } from './columns';
import { spanWidth, type GridMetrics } from './geometry';
import { JUMP_HEADLINE_ROLE, styleFunction } from './styles';
import { headlineSize, type HeadlineScale } from '../typeset/styles';
import type { Cursor, ModuleFlow, PositionedLine, Typesetter } from './types';
import { storyLanguage } from './language';

export const START: Cursor = { block: 0, offset: 0 };

/** Share of the em box above the baseline: the bundled CJK fonts' ascent. */
const ASCENT = 0.88;
/** Body roles do not depend on the headline size: any will do for their style function. */
const BODY_HEADLINE_PT = 14;
/** Rounding slack when leading is divided into grid lines (a 2-line subhead is 2, not 3). */
const EPSILON = 1e-6;
/**
 * A photo box is at least a 6:1 strip (a panorama run across the page, 通栏): its depth a sixth of its width…
 * A narrower least (3:1) leaves a hole at the foot of a front page: auto-layout puts the photo story last, under the
 * text, and a full-width strip is then all the room there is (the sample front page: 23 lines over 8 columns).
 */
const PHOTO_MIN_HEIGHT_PER_WIDTH = 1 / 6;
/** …and at most a 4:5 portrait, the tallest a desk crops a news photo: the text around it fills the rest. */
const PHOTO_MAX_HEIGHT_PER_WIDTH = 1.25;
/** Grid lines a photo box has at the least. */
const PHOTO_MIN_LINES = 2;

/** The least and most depth (grid lines) of a photo box of this width: a 6:1 strip and a 4:5 portrait. */
export function photoBounds(widthPt: number, leadingPt: number): { least: number; most: number } {
  const least = Math.max(PHOTO_MIN_LINES, Math.ceil((widthPt * PHOTO_MIN_HEIGHT_PER_WIDTH) / leadingPt - EPSILON));
  return { least, most: Math.max(least, Math.floor((widthPt * PHOTO_MAX_HEIGHT_PER_WIDTH) / leadingPt + EPSILON)) };
}

/**
 * The depth of a photo box in a module with `area` lines under the headline and
 * caption, whose text needs `need` lines a column: what the text leaves, kept
 * within the box's bounds. The least depth holds against the text (text that no
 * longer fits makes the module deeper, or oversets where a person sized it); only
 * a module too shallow for even that gets a box as deep as it has room (short).
 */
export function photoDepth(bounds: { least: number; most: number }, area: number, need: number): number {
  return Math.max(0, Math.min(area, bounds.most, Math.max(bounds.least, area - need)));
}

export interface FlowContext {
  typesetter: Typesetter;
  language: Language;
  grid: Grid;
  metrics: GridMetrics;
  /** Memo keyed by the story doc object: an edited story is a new doc, so stale entries fall out of use. */
  cache: LayoutCache;
  /** The edition's headline scale and punctuation width, and a key of both for the memo. */
  scale: HeadlineScale;
  punctuation: 'compress' | 'full';
  scaleKey: string;
}

export interface ModuleSpec {
  story: Story;
  part: number;
  span: number;
  lines: number;
  hasPrev: boolean;
  hasNext: boolean;
  photo: boolean;
  headlinePt?: number;
}


/**
 * The context a story is set in: the page's, in the story's own language. A file
 * may hold a Chinese page and an English one; the English stories are set by the
 * English rules (word breaks, hyphenation, UAX #14) though the edition is Chinese.
 */
export function storyContext(ctx: FlowContext, story: Story): FlowContext {
  const language = storyLanguage(story, ctx, ctx.cache.doc(story.doc));
  return language === ctx.language ? ctx : { ...ctx, language };
}

export function storyParts(ctx: FlowContext, doc: DocJSON): StoryParts {
  const memo = ctx.cache.doc(doc);
  return (memo.parts ??= splitStory(doc));
}

/** The module's headline size: the desk's override, else the scale's size for its width and the story's priority. */
export function headlinePtOf(ctx: FlowContext, spec: Pick<ModuleSpec, 'headlinePt' | 'span' | 'story'>): number {
  return spec.headlinePt ?? headlineSize(ctx.scale, spec.span, spec.story.meta?.priority);
}

function stylesFor(ctx: FlowContext, headlinePt: number): (role: string, continued?: boolean) => TextStyle {
  return styleFunction({ language: ctx.language, grid: ctx.grid, headlinePt, scale: ctx.scale, punctuation: ctx.punctuation });
}

function slotsOf(leadingPt: number, gridLeading: number): number {
  return Math.max(1, Math.round(leadingPt / gridLeading - EPSILON));
}

/**
 * A line at its place. Fields are listed, not spread: V8 builds a spread
 * literal through its slow path (about 20 µs a line here), and a page re-cut
 * on every drag step builds hundreds of these.
 */
export function positioned(l: Line, x: number, y: number, measure: number, role: string, continued: boolean, style: TextStyle, key: string, block = l.block): PositionedLine {
  return {
    block,
    from: l.from,
    to: l.to,
    text: l.text,
    naturalWidth: l.naturalWidth,
    stretch: l.stretch,
    leadingPt: l.leadingPt,
    sizePt: l.sizePt,
    firstOfBlock: l.firstOfBlock,
    lastOfBlock: l.lastOfBlock,
    runs: l.runs,
    x,
    y,
    measure,
    role,
    continued,
    style,
    key,
  };
}

/** A positioned line moved by (dx, dy). */
export function moved(l: PositionedLine, dx: number, dy: number): PositionedLine {
  return positioned(l, l.x + dx, l.y + dy, l.measure, l.role, l.continued, l.style, l.key);
}

/** Baseline of a line whose em box is centred in a box of `height` starting at `top`. */
export function baselineIn(top: number, height: number, sizePt: number): number {
  return top + (height - sizePt) / 2 + ASCENT * sizePt;
}

export function cursorBefore(a: Cursor, b: Cursor): boolean {
  return a.block < b.block || (a.block === b.block && a.offset < b.offset);
}

/** The body lines at a width from a cursor on, memoised per story doc. */
export function bodyLines(edCtx: FlowContext, story: Story, widthPt: number, from: Cursor): FlowLine[] {
  const ctx = storyContext(edCtx, story);
  const memo = ctx.cache.doc(story.doc).lines;
  const memoKey = `${widthPt.toFixed(3)}|${from.block}:${from.offset}|${ctx.language}|${ctx.grid.bodySizePt}/${ctx.grid.leadingPt}|${ctx.punctuation}`;
  const hit = memo.get(memoKey);
  if (hit) return hit;
  const body = storyParts(ctx, story.doc).body;
  const styleOf = stylesFor(ctx, BODY_HEADLINE_PT);
  const opts = { widthPt, language: ctx.language, hyphenate: ctx.language === 'en' };
  // A cursor inside a block continues that paragraph: its rest is set apart, without indent.
  const continued = from.offset > 0 && from.block < body.length;
  const blocks: SourceBlock[] = [];
  for (let i = from.block + (continued ? 1 : 0); i < body.length; i++) blocks.push({ key: `${story.id}/${body[i].key}`, role: body[i].role, runs: body[i].runs });
  const lines: Line[] = [];
  let restLines = 0;
  if (continued) {
    const b = body[from.block];
    const rest: SourceBlock = { key: `${story.id}/${b.key}@${from.offset}`, role: b.role, runs: sliceRuns(b.runs, from.offset) };
    lines.push(...ctx.typesetter.typeset([rest], (role) => styleOf(role, true), opts));
    restLines = lines.length;
  }
  if (blocks.length) for (const l of ctx.typesetter.typeset(blocks, styleOf, opts)) lines.push(l);
  const out: FlowLine[] = [];
  for (let k = 0; k < lines.length; k++) {
    // The typesetter's lines are new objects on every call (see Typesetter): renumbered in place to the
    // story body's blocks and offsets, not copied (a copy reads the text and runs of lines no module
    // draws, which the engine places only when read).
    const line = lines[k];
    const isRest = k < restLines;
    const bodyIndex = isRest ? from.block : from.block + (continued ? 1 : 0) + line.block;
    if (isRest) {
      line.from += from.offset;
      line.to += from.offset;
    }
    line.block = bodyIndex;
    const role = body[bodyIndex].role;
    const style = styleOf(role, isRest);
    const blockLen = blockText(body[bodyIndex]).length;
    const end: Cursor = line.lastOfBlock || line.to >= blockLen ? { block: bodyIndex + 1, offset: 0 } : { block: bodyIndex, offset: line.to };
    out.push({ line, role, continued: isRest, style, key: `${story.id}/${body[bodyIndex].key}`, slots: slotsOf(line.leadingPt || style.leadingPt, ctx.grid.leadingPt), end });
  }
  memo.set(memoKey, out);
  return out;
}

/** Characters (whitespace aside) of the story body from a cursor on. */
export function charsFrom(ctx: FlowContext, story: Story, from: Cursor): number {
  const perDoc = ctx.cache.doc(story.doc).chars;
  const key = `${from.block}:${from.offset}`;
  let n = perDoc.get(key);
  if (n === undefined) perDoc.set(key, (n = countFrom(ctx, story, from)));
  return n;
}

function countFrom(ctx: FlowContext, story: Story, from: Cursor): number {
  const body = storyParts(ctx, story.doc).body;
  const memo = ctx.cache.doc(story.doc);
  // Whole blocks are counted once per doc; only the block the cursor is in is counted from the cursor.
  const per = (memo.blockChars ??= body.map((b) => countChars(blockText(b))));
  let n = from.block < body.length ? countChars(blockText(body[from.block]).slice(from.offset)) : 0;
  for (let i = from.block + 1; i < body.length; i++) n += per[i];
  return n;
}

/** Characters of a text, whitespace aside (code points, so a character outside the BMP counts once). */
export function countChars(t: string): number {
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    // Low surrogates are the second half of a character already counted.
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0xfeff) continue;
    n++;
  }
  return n;
}

/** Lines of a block group stacked by their own leading, centred in whole grid lines. */
function stackGroup(
  ctx: FlowContext,
  blocks: SourceBlock[],
  styleOf: (role: string) => TextStyle,
  widthPt: number,
  keyPrefix: string,
  topSlot: number,
  gapBelowPt: number,
  gapAbovePt = 0,
): { lines: PositionedLine[]; slots: number } {
  if (!blocks.length) return { lines: [], slots: 0 };
  // The size is in the key: the engine keeps one prepared form per key, and a headline is tried at several sizes.
  const keyed = blocks.map((b) => ({ ...b, key: `${keyPrefix}/${b.key}@${styleOf(b.role).sizePt}` }));
  const lines = ctx.typesetter.typeset(keyed, styleOf, { widthPt, language: ctx.language });
  const L = ctx.grid.leadingPt;
  const total = lines.reduce((h, l) => h + (l.leadingPt || styleOf(keyed[l.block].role).leadingPt), 0);
  const slots = Math.ceil((total + gapBelowPt + gapAbovePt) / L - EPSILON);
  let top = topSlot * L + gapAbovePt + (slots * L - gapBelowPt - gapAbovePt - total) / 2;
  const out: PositionedLine[] = [];
  for (const l of lines) {
    const role = keyed[l.block].role;
    const style = styleOf(role);
    const h = l.leadingPt || style.leadingPt;
    out.push(positioned(l, 0, baselineIn(top, h, l.sizePt || style.sizePt), widthPt, role, false, style, keyed[l.block].key));
    top += h;
  }
  return { lines: out, slots };
}

/** stackGroup at the module top, memoised per story doc: headlines do not change when a module is only moved or made taller. */
function groupAt(
  ctx: FlowContext,
  doc: DocJSON,
  name: string,
  blocks: SourceBlock[],
  styleOf: (role: string) => TextStyle,
  widthPt: number,
  keyPrefix: string,
  topSlot: number,
): { lines: PositionedLine[]; slots: number } {
  const perDoc = ctx.cache.doc(doc).groups;
  const memoKey = `${name}|${widthPt.toFixed(3)}|${blocks.length ? styleOf(blocks[0].role).sizePt : 0}|${ctx.language}|${ctx.grid.bodySizePt}/${ctx.grid.leadingPt}|${ctx.scaleKey}`;
  let g = perDoc.get(memoKey);
  // Half a line of air above the group as well as below: a module stacked under another
  // starts with white under the rule between them, and the group still takes whole grid lines.
  if (!g) perDoc.set(memoKey, (g = stackGroup(ctx, blocks, styleOf, widthPt, keyPrefix, 0, ctx.grid.leadingPt / 2, name === 'caption' ? 0 : ctx.grid.leadingPt / 2)));
  if (!topSlot) return g;
  const dy = topSlot * ctx.grid.leadingPt;
  return { lines: g.lines.map((l) => moved(l, 0, dy)), slots: g.slots };
}

function moduleKey(ctx: FlowContext, spec: ModuleSpec, from: Cursor): string {
  // The resolved headline size (priority lives outside the doc) and the scale's key: a changed priority or scale is a new module.
  return [spec.part, spec.span, spec.lines, spec.hasPrev ? 1 : 0, spec.hasNext ? 1 : 0, spec.photo ? 1 : 0, headlinePtOf(ctx, spec), ctx.scaleKey, from.block, from.offset].join('|');
}

/** Lay out one module from a cursor: pure, memoised, positions relative to the module. */
export function flowModule(edCtx: FlowContext, spec: ModuleSpec, from: Cursor): ModuleFlow {
  const ctx = storyContext(edCtx, spec.story);
  const perDoc = ctx.cache.doc(spec.story.doc).modules;
  const memoKey = `${moduleKey(ctx, spec, from)}|${ctx.language}|${ctx.metrics.columnWidthPt.toFixed(3)}/${ctx.metrics.gutterPt.toFixed(3)}|${ctx.grid.bodySizePt}/${ctx.grid.leadingPt}`;
  const hit = perDoc.get(memoKey);
  if (hit) return hit;
  const flow = computeModule(ctx, spec, from);
  perDoc.set(memoKey, flow);
  return flow;
}

function computeModule(ctx: FlowContext, spec: ModuleSpec, from: Cursor): ModuleFlow {
  const { story, span } = spec;
  const m = ctx.metrics;
  const L = ctx.grid.leadingPt;
  const W = spanWidth(m, span);
  const parts = storyParts(ctx, story.doc);
  const styleOf = stylesFor(ctx, headlinePtOf(ctx, spec));

  // Headline group: the story's own on part 1, a jump headline on a continuation.
  let headBlocks: SourceBlock[] = parts.head;
  if (spec.part > 1) {
    const text = headlineText(story.doc);
    headBlocks = text ? [{ key: 'jump-headline', role: JUMP_HEADLINE_ROLE, runs: [{ text, marks: [] }] }] : [];
  }
  const head = groupAt(ctx, story.doc, `${spec.part > 1 ? 'jump-head' : 'head'}@${headlinePtOf(ctx, spec)}`, headBlocks, styleOf, W, story.id, 0);
  let slot = head.slots;

  const colWidth = m.columnWidthPt;
  const flow = bodyLines(ctx, story, colWidth, from);

  // Photo box and caption (part 1 only): the box takes what the text leaves, between a 6:1 strip and a 4:5 portrait.
  let photo: ModuleFlow['photo'];
  if (spec.photo && spec.part === 1) {
    const captionProbe = groupAt(ctx, story.doc, 'caption', parts.photo, styleOf, W, story.id, 0);
    const area = spec.lines - slot - captionProbe.slots;
    const bounds = photoBounds(W, L);
    const photoSlots = photoDepth(bounds, area, columnDepthNeeded(flow, span, spec.hasPrev, spec.hasNext));
    const caption = groupAt(ctx, story.doc, 'caption', parts.photo, styleOf, W, story.id, slot + photoSlots);
    photo = { slots: photoSlots, caption: caption.lines, captionSlots: caption.slots, short: photoSlots < bounds.least };
    slot += photoSlots + caption.slots;
  }

  const depth = Math.max(0, spec.lines - slot);
  let cut = cutColumns(flow, span, depth, spec.hasPrev, spec.hasNext);
  // A story that ends in this module is balanced, as newspaper systems do: its lines
  // spread evenly over the columns instead of filling the first and leaving the last empty.
  if (!spec.hasNext && cut.placed === flow.length && span > 1) cut = balanceColumns(flow, span, depth, spec.hasPrev) ?? cut;
  const to = cut.placed > 0 ? flow[cut.placed - 1].end : from;
  // White at the foot of each column, the jump line's slot counted as filled: what the empty-lines rule reads.
  const emptyLines = cut.columns.map((col, c) => {
    const used = col.end > col.start ? col.at[col.end - col.start - 1] + flow[col.end - 1].slots : c === 0 && spec.hasPrev ? 1 : 0;
    return Math.max(0, depth - (c === span - 1 && spec.hasNext ? 1 : 0) - used);
  });
  return {
    headline: head.lines,
    headSlots: head.slots,
    photo,
    lines: flow,
    cut,
    bodySlot: slot,
    headClipped: head.slots > spec.lines,
    jumpFrom: spec.hasPrev && depth > 0 ? { column: 0, slot: slot } : undefined,
    jumpTo: spec.hasNext && depth > 0 ? { column: span - 1, slot: slot + depth - 1 } : undefined,
    from,
    to,
    restLines: flow.length - cut.placed,
    restChars: cut.placed < flow.length ? charsFrom(ctx, story, to) : 0,
    emptySlots: cut.emptySlots,
    emptyLines,
  };
}

/**
 * The body lines of a module at their places: x from the module's left edge
 * plus `dx`, baselines from its top plus `dy` (pt). Built when a page is laid
 * out, not memoised: it is one small object per line, and the memo keeps only the cut.
 */
export function placeColumns(ctx: FlowContext, flow: ModuleFlow, dx: number, dy: number): PositionedLine[][] {
  const m = ctx.metrics;
  const L = ctx.grid.leadingPt;
  const colWidth = m.columnWidthPt;
  return flow.cut.columns.map((col, c) => {
    const out: PositionedLine[] = [];
    for (let i = col.start; i < col.end; i++) {
      const f = flow.lines[i];
      const top = (flow.bodySlot + col.at[i - col.start]) * L;
      out.push(positioned(f.line, dx + c * (colWidth + m.gutterPt), dy + baselineIn(top, f.slots * L, f.line.sizePt || f.style.sizePt), colWidth, f.role, f.continued, f.style, f.key));
    }
    return out;
  });
}

/** The smallest module height (grid lines) that holds the rest of a story from a cursor; `maxLines + 1` when none up to maxLines does. */
export function fitLines(edCtx: FlowContext, spec: Omit<ModuleSpec, 'lines'>, from: Cursor, maxLines: number): number {
  const ctx = storyContext(edCtx, spec.story);
  // Memoised at the page's depth (the answer for a smaller maxLines follows from it): auto-layout asks again for every spot.
  const top = Math.max(maxLines, ctx.metrics.linesPerColumn);
  const perDoc = ctx.cache.doc(spec.story.doc).fits;
  const key = `${moduleKey(ctx, { ...spec, lines: top }, from)}|${ctx.language}|${ctx.metrics.columnWidthPt.toFixed(3)}/${ctx.metrics.gutterPt.toFixed(3)}|${ctx.grid.bodySizePt}/${ctx.grid.leadingPt}`;
  let fit = perDoc.get(key);
  if (fit === undefined) perDoc.set(key, (fit = searchFit(ctx, spec, from, top)));
  return fit > maxLines ? maxLines + 1 : fit;
}

function searchFit(ctx: FlowContext, spec: Omit<ModuleSpec, 'lines'>, from: Cursor, maxLines: number): number {
  let lo = 1;
  let hi = maxLines;
  // A module holds the story when its text is placed and its headline group and photo box are whole (a story of a headline only is as deep as that).
  const fits = (lines: number) => {
    const f = flowModule(ctx, { ...spec, lines }, from);
    return f.restLines === 0 && !f.headClipped && !f.photo?.short;
  };
  if (!fits(hi)) return hi + 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
