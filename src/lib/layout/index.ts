// Layout of a whole edition: one pure function for everything downstream
// (renderer, proof, print, checks). Each story's parts are flowed in order,
// part k+1 starting where part k stopped; jump lines are generated from the
// page order. Typeset lines and cut modules are memoised in the LayoutCache
// passed in (the app keeps one; without it each call starts afresh), so laying
// out again after a drag is arithmetic plus cache look-ups.
import type { Edition, Page, Story } from '../model/edition';
import { flowModule, moved, placeColumns, START } from './flow';
import { LayoutCache } from './cache';
import { mastheadOf } from './geometry';
import { flowContext } from './context';
import { folioOf } from './furniture';
import { checkEdition, jumpLine, jumpRef, jumpTargets, storyLanguage } from './jumps';
import { sourceJumpsOf, storyTitle } from './blocks';
import { problem } from './problems';
import { hasPhotoBox, onGrid, overlaps, partsOf, rectOf, rectPt } from './module';
import { photoIdOf } from '../model/photo';
import type { Cursor, EditionLayout, LayoutProblem, ModuleLayout, PageLayout, PositionedLine, Typesetter } from './types';

export * from './types';
export * from './geometry';
export * from './module';
export { storyBlocks, splitStory, headlineText, storyTitle, sourceJumpsOf, comesWithPhoto } from './blocks';
export { problem, type ProblemParams } from './problems';
export { headlineSizeForSpan, roleStyle, styleFunction, JUMP_HEADLINE_ROLE } from './styles';
export { flowModule, fitLines, bodyLines, placeColumns, photoBounds, photoDepth, START } from './flow';
export type { FlowContext, ModuleSpec } from './flow';
export { cutColumns, balanceColumns, type Cut, type FlowLine } from './columns';
export { LayoutCache, BoundedMap, DEFAULT_CACHE_LIMITS, type LayoutCacheLimits } from './cache';
export { checkEdition, jumpTargets, isJumpText, jumpText, storyLanguage, defaultJumpTemplates } from './jumps';
export { autoLayout, type AutoLayoutOptions } from './auto';
export { PageRoom, type Spot } from './room';
export { MAX_EMPTY_LINES } from './jumps';
export { localIsoDate, newEdition, nextDay, nextDayEdition, type NewEditionOptions } from './edition';
export { flowContext } from './context';
export { folioOf, pageLabel, setPageSection, setJumpTemplates, SECTION_NAMES, type Folio } from './furniture';
export { continueStoryFitted, dropStoryFitted, roomForPhoto } from './continue';

function shift(lines: PositionedLine[], dx: number, dy: number): PositionedLine[] {
  return lines.map((l) => moved(l, dx, dy));
}

/** Lay out the parts of one story in order; `only` limits which pages' modules are built (earlier parts still give the cursor). */
function layoutStory(
  edition: Edition,
  story: Story,
  storyIndex: number,
  typesetter: Typesetter,
  cache: LayoutCache,
  targets: ReturnType<typeof jumpTargets>,
  out: Map<string, ModuleLayout>,
  only?: string,
): void {
  const parts = partsOf(edition, story.id);
  let cursor: Cursor = START;
  const language = storyLanguage(story, edition);
  const templates = edition.jumpTemplates ? `${edition.jumpTemplates.continuedTo}/${edition.jumpTemplates.continuedFrom}` : '';
  // Parts after the last one on the page asked for cannot change it: do not flow them.
  const stop = only ? parts.reduce((last, x, k) => (x.page.id === only ? k : last), -1) : parts.length - 1;
  parts.forEach(({ page, placement }, k) => {
    if (k > stop) return;
    const ctx = flowContext(edition, page, typesetter, cache);
    const hasPrev = k > 0;
    const hasNext = k < parts.length - 1;
    const flow = flowModule(
      ctx,
      { story, part: placement.part, span: placement.span, lines: placement.lines, hasPrev, hasNext, photo: hasPhotoBox(story, placement), headlinePt: placement.headlineSizePt },
      cursor,
    );
    const from = cursor;
    cursor = flow.to;
    if (only && page.id !== only) return;
    const m = ctx.metrics;
    const rect = rectPt(m, rectOf(placement));
    const t = targets.get(placement.id) ?? {};
    const photoId = photoIdOf(story, placement);
    // The same cut at the same place with the same jump pages is the same module: reuse the
    // object, so a drag rebuilds only the module that moved (and a view can skip the rest).
    const sig = [placement.id, storyIndex, rect.x, rect.y, photoId ?? '', t.prev ?? '', t.next ?? '', edition.language, language, templates, from.block, from.offset].join('|');
    const seen = cache.placed.get(flow);
    if (seen && seen.sig === sig) {
      out.set(placement.id, seen.module);
      return;
    }
    const pitch = m.columnWidthPt + m.gutterPt;
    const columns = placeColumns(ctx, flow, rect.x, rect.y);
    const jumps = [];
    if (flow.jumpFrom) {
      const ref = jumpRef('continuedFrom', t.prev ?? null, language, edition);
      jumps.push(ref);
      columns[flow.jumpFrom.column].unshift(jumpLine(ctx, ref, rect.x + flow.jumpFrom.column * pitch, placement.line + flow.jumpFrom.slot, `${placement.id}/from`, language));
    }
    if (flow.jumpTo) {
      const ref = jumpRef('continuedTo', t.next ?? null, language, edition);
      jumps.push(ref);
      columns[flow.jumpTo.column].push(jumpLine(ctx, ref, rect.x + flow.jumpTo.column * pitch, placement.line + flow.jumpTo.slot, `${placement.id}/to`, language));
    }
    const photo = flow.photo
      ? {
          rect: { x: rect.x, y: rect.y + flow.headSlots * m.leadingPt, width: rect.width, height: flow.photo.slots * m.leadingPt },
          photoId,
          caption: shift(flow.photo.caption, rect.x, rect.y),
        }
      : undefined;
    const module: ModuleLayout = {
      placementId: placement.id,
      storyId: story.id,
      storyIndex,
      part: placement.part,
      grid: rectOf(placement),
      rect,
      headline: shift(flow.headline, rect.x, rect.y),
      photo,
      columns,
      jumps,
      headClipped: flow.headClipped ? { need: flow.headSlots } : undefined,
      emptyLines: flow.emptyLines,
      overset: hasNext ? { lines: 0, chars: 0 } : { lines: flow.restLines, chars: flow.restChars },
      from,
      to: flow.to,
    };
    cache.placed.set(flow, { sig, module });
    out.set(placement.id, module);
  });
}

function pageLayout(edition: Edition, page: Page, index: number, modules: Map<string, ModuleLayout>, cache: LayoutCache): PageLayout {
  const m = cache.metrics(page.grid, edition.language);
  return {
    number: index + 1,
    pageId: page.id,
    metrics: m,
    masthead: index === 0 ? mastheadOf(edition, m) : undefined,
    folio: folioOf(edition, index),
    modules: page.placements.map((p) => modules.get(p.id)).filter((x): x is ModuleLayout => !!x),
  };
}

function gridProblems(edition: Edition): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  edition.pages.forEach((page, i) => {
    const ps = page.placements;
    ps.forEach((p, a) => {
      const at = { storyId: p.storyId, placementId: p.id, page: i + 1 };
      // Page 1 carries the masthead whatever its stored number says.
      if (!onGrid({ ...page, number: i + 1 }, rectOf(p))) problems.push(problem('off-grid', { page: i + 1, a: p.id }, at));
      for (const q of ps.slice(a + 1)) {
        if (overlaps(rectOf(p), rectOf(q))) problems.push(problem('overlap', { page: i + 1, a: p.id, b: q.id }, at));
      }
    });
  });
  return problems;
}

/** Lay out every page of the edition and list what is wrong with it. */
export function layoutEdition(edition: Edition, typesetter: Typesetter, cache = new LayoutCache()): EditionLayout {
  const targets = jumpTargets(edition);
  const modules = new Map<string, ModuleLayout>();
  const placed = new Set(edition.pages.flatMap((p) => p.placements.map((x) => x.storyId)));
  edition.stories.forEach((story, i) => {
    if (placed.has(story.id)) layoutStory(edition, story, i, typesetter, cache, targets, modules);
  });
  const pages = edition.pages.map((page, i) => pageLayout(edition, page, i, modules, cache));
  const sourceJumps = edition.stories
    .filter((s) => placed.has(s.id))
    .flatMap((s) => sourceJumpsOf(s.doc).map((j) => ({ storyId: s.id, title: storyTitle(s.doc), ...j })));
  const layout: EditionLayout = { pages, problems: [], unplaced: edition.stories.filter((s) => !placed.has(s.id)).map((s) => s.id), sourceJumps };
  layout.problems = [...gridProblems(edition), ...checkEdition(layout)];
  return layout;
}

/**
 * Lay out one page again (after a module on it moved or was resized). Earlier
 * parts of its stories are flowed only to find where their text stops, from
 * the memo; with lines cached this is cutting arithmetic, no typesetting.
 */
export function relayoutPage(edition: Edition, pageId: string, typesetter: Typesetter, cache = new LayoutCache()): PageLayout | null {
  const index = edition.pages.findIndex((p) => p.id === pageId);
  if (index < 0) return null;
  const page = edition.pages[index];
  const targets = jumpTargets(edition);
  const modules = new Map<string, ModuleLayout>();
  const storyIds = new Set(page.placements.map((p) => p.storyId));
  edition.stories.forEach((story, i) => {
    if (storyIds.has(story.id)) layoutStory(edition, story, i, typesetter, cache, targets, modules, pageId);
  });
  return pageLayout(edition, page, index, modules, cache);
}
