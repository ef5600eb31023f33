// The desk's two commands that size a module to its text: 转版 (continue a
// module's story on another page in a module sized to the rest of the text,
// so the continuation has neither a hole below its text nor empty columns;
// the bare continueStory takes the largest free area) and dropping a story
// from the tray (a module holding the whole text in the least room); and making
// room for a story's new photo (its module grows into the free lines below it).
import type { Edition } from '../model/edition';
import { bodyLines, fitLines, flowModule, START } from './flow';
import { LayoutCache } from './cache';
import { flowContext } from './context';
import { canPlace, continueStory, dropRect, findPlacement, freeRects, hasPhotoBox, partsOf, placeStory, resizeModule } from './module';
import type { Cursor, Typesetter } from './types';

/** Columns of a continuation: the part's own width, but no more than its text fills to six lines a column. */
export const LINES_PER_COLUMN_AT_LEAST = 6;
/** A continuation is set in at least this many columns where its text fills them. */
export const CONTINUATION_MIN_SPAN = 2;

/** Columns for the rest of a story: as many as it fills to a readable depth, `span` at most (but two where it can). */
export function continuationSpan(restLines: number, span: number, columns: number): number {
  return Math.max(1, Math.min(columns, Math.max(CONTINUATION_MIN_SPAN, span), Math.ceil(restLines / LINES_PER_COLUMN_AT_LEAST)));
}

export function continueStoryFitted(edition: Edition, placementId: string, targetPageNumber: number, typesetter: Typesetter, cache = new LayoutCache()): Edition | null {
  const found = findPlacement(edition, placementId);
  if (!found) return null;
  const parts = partsOf(edition, found.placement.storyId);
  const k = parts.findIndex((x) => x.placement.id === placementId);
  const story = edition.stories.find((s) => s.id === found.placement.storyId);
  if (!story) return continueStory(edition, placementId, targetPageNumber);
  // A part that already continues has nothing of its own to send on: its rest
  // flows into the next part (enlarge that one). Inserting a part there gave a
  // continuation with no text and jumps that point at their own page.
  if (k !== parts.length - 1) return null;
  // Where this part will stop once it ends in a jump line.
  let cursor: Cursor = START;
  parts.forEach(({ page, placement }, i) => {
    const ctx = flowContext(edition, page, typesetter, cache);
    const spec = { story, part: placement.part, span: placement.span, lines: placement.lines, hasPrev: i > 0, hasNext: true, photo: hasPhotoBox(story, placement), headlinePt: placement.headlineSizePt };
    cursor = flowModule(ctx, spec, cursor).to;
  });
  const targetPage = edition.pages[targetPageNumber - 1] ?? edition.pages[edition.pages.length - 1];
  const ctx = flowContext(edition, targetPage, typesetter, cache);
  const m = ctx.metrics;
  const rest = bodyLines(ctx, story, m.columnWidthPt, cursor).length;
  const span = continuationSpan(rest, found.placement.span, m.columns);
  const need = fitLines(ctx, { story, part: found.placement.part + 1, span, hasPrev: true, hasNext: false, photo: false }, cursor, m.linesPerColumn);
  const target = edition.pages[targetPageNumber - 1];
  const fits = !target || freeRects(target, span, need).length > 0;
  return continueStory(edition, placementId, targetPageNumber, fits && need <= m.linesPerColumn ? { span, lines: need } : undefined);
}

/**
 * Place a story from the tray on a page: in the largest free area holding the
 * drop cell (or nearest it), sized to the story's text (see dropRect). Null
 * when the page has no room or the story is placed already.
 */
export function dropStoryFitted(
  edition: Edition,
  pageId: string,
  storyId: string,
  at: { column: number; line: number } | undefined,
  typesetter: Typesetter,
  cache = new LayoutCache(),
): Edition | null {
  const page = edition.pages.find((p) => p.id === pageId);
  const story = edition.stories.find((s) => s.id === storyId);
  if (!page || !story) return null;
  const ctx = flowContext(edition, page, typesetter, cache);
  const photo = hasPhotoBox(story, { part: 1 });
  const rect = dropRect(page, at, (span, room) => fitLines(ctx, { story, part: 1, span, hasPrev: false, hasNext: false, photo }, START, room));
  if (!rect || !canPlace(page, rect)) return null;
  return placeStory(edition, page.id, storyId, rect);
}

/**
 * After a story is given a photo: its photo box takes lines from the text, so
 * its first module grows down into the free grid lines below it, as far as the
 * text with the photo needs and the page has room (never over another module or
 * off the page). A module that still holds its text, a story that continues on
 * another page (its rest flows on), or one with no room below stays as it is,
 * and its overset shows as before. Unchanged: the same edition object.
 */
export function roomForPhoto(edition: Edition, storyId: string, typesetter: Typesetter, cache = new LayoutCache()): Edition {
  const parts = partsOf(edition, storyId);
  const story = edition.stories.find((s) => s.id === storyId);
  const first = parts[0];
  if (!story || !first || parts.length > 1 || first.placement.part !== 1) return edition;
  const { page, placement } = first;
  const ctx = flowContext(edition, page, typesetter, cache);
  const rect = { column: placement.column, span: placement.span, line: placement.line, lines: placement.lines };
  let room = placement.lines;
  while (canPlace(page, { ...rect, lines: room + 1 }, placement.id)) room++;
  if (room === placement.lines) return edition;
  const spec = { story, part: 1, span: placement.span, hasPrev: false, hasNext: false, photo: hasPhotoBox(story, placement), headlinePt: placement.headlineSizePt };
  const need = fitLines(ctx, spec, START, room);
  if (need <= placement.lines) return edition;
  return resizeModule(edition, placement.id, { span: placement.span, lines: Math.min(need, room) }) ?? edition;
}