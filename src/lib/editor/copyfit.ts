// Copyfit as InCopy shows it: does the story fill its module? Counted by the
// layout's own flow (the same typesetting engine and cache as the page), never
// estimated from characters. Read-only over the edition.
import type { Edition, Story } from '../model/edition';
import { LayoutCache, bodyLines, fitLines, flowContext, flowModule, hasPhotoBox, START, type Typesetter } from '../layout';
import type { Cursor } from '../layout/types';

export type Copyfit =
  | { kind: 'fits' }
  /** Text left over after the last module, in body lines. */
  | { kind: 'over'; lines: number }
  /** Grid lines the last module could give up and still hold its text. */
  | { kind: 'short'; lines: number };

/** What a story's copyfit reads of the edition besides the story: its language, its pages and modules, its typography. */
export type CopyfitSetting = Pick<Edition, 'language' | 'pages' | 'typography'>;

/** Copyfit of a placed story at its modules (null when it is not placed). */
export function copyfitPlaced(edition: CopyfitSetting & Pick<Edition, 'stories'>, storyId: string, typesetter: Typesetter, cache = new LayoutCache()): Copyfit | null {
  const story = edition.stories.find((s) => s.id === storyId);
  const parts = edition.pages
    .flatMap((page) => page.placements.filter((p) => p.storyId === storyId).map((placement) => ({ page, placement })))
    .sort((a, b) => a.placement.part - b.placement.part);
  if (!story || !parts.length) return null;
  let cursor: Cursor = START;
  for (let k = 0; k < parts.length; k++) {
    const { page, placement } = parts[k];
    const ctx = flowContext(edition, page, typesetter, cache);
    const spec = {
      story,
      part: placement.part,
      span: placement.span,
      hasPrev: k > 0,
      hasNext: k < parts.length - 1,
      photo: hasPhotoBox(story, placement),
      headlinePt: placement.headlineSizePt,
    };
    const flow = flowModule(ctx, { ...spec, lines: placement.lines }, cursor);
    if (k < parts.length - 1) {
      cursor = flow.to;
      continue;
    }
    if (flow.restLines > 0) return { kind: 'over', lines: flow.restLines };
    const need = fitLines(ctx, spec, cursor, placement.lines);
    return need < placement.lines ? { kind: 'short', lines: placement.lines - need } : { kind: 'fits' };
  }
  return null;
}

/** Body lines of an unplaced story set `span` columns wide on the edition's first page grid. */
export function linesAtSpan(edition: Edition, story: Story, span: number, typesetter: Typesetter, cache = new LayoutCache()): number | null {
  const page = edition.pages[0];
  if (!page || span < 1) return null;
  const ctx = flowContext(edition, page, typesetter, cache);
  const m = ctx.metrics;
  return bodyLines(ctx, story, span * m.columnWidthPt + (span - 1) * m.gutterPt, START).length;
}
