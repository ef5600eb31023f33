// 转版 from the desk: continue a module's story on another page in a module
// sized to the rest of the text, so the continuation has neither a hole below
// its text nor empty columns (the bare continueStory takes the largest free area).
import type { Edition } from '../model/edition';
import { bodyLines, fitLines, flowModule, START } from './flow';
import { flowContext } from './context';
import { continueStory, findPlacement, freeRects, partsOf } from './module';
import type { Cursor, Typesetter } from './types';

/** Columns of a continuation: the part's own width, but no more than its text fills to six lines a column. */
const LINES_PER_COLUMN_AT_LEAST = 6;

export function continueStoryFitted(edition: Edition, placementId: string, targetPageNumber: number, typesetter: Typesetter): Edition | null {
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
    const ctx = flowContext(edition, page, typesetter);
    const spec = { story, part: placement.part, span: placement.span, lines: placement.lines, hasPrev: i > 0, hasNext: true, photo: !!placement.photoId || (placement.part === 1 && (story.doc.content ?? []).some((n) => n.type === 'caption')), headlinePt: placement.headlineSizePt };
    cursor = flowModule(ctx, spec, cursor).to;
  });
  const targetPage = edition.pages[targetPageNumber - 1] ?? edition.pages[edition.pages.length - 1];
  const ctx = flowContext(edition, targetPage, typesetter);
  const m = ctx.metrics;
  const rest = bodyLines(ctx, story, m.columnWidthPt, cursor).length;
  const span = Math.max(1, Math.min(m.columns, Math.max(2, found.placement.span), Math.ceil(rest / LINES_PER_COLUMN_AT_LEAST)));
  const need = fitLines(ctx, { story, part: found.placement.part + 1, span, hasPrev: true, hasNext: false, photo: false }, cursor, m.linesPerColumn);
  const target = edition.pages[targetPageNumber - 1];
  const fits = !target || freeRects(target, span, need).length > 0;
  return continueStory(edition, placementId, targetPageNumber, fits && need <= m.linesPerColumn ? { span, lines: need } : undefined);
}
