// Where a page's comment pins stand, and the comments a printed proof lists after
// its pages. One place for both, so the number a pin shows on screen, the number
// printed on the sheet and the number in the printed list are the same: a
// thread's place in the edition's comment list, from 1.
import type { Edition } from '../model/edition';
import type { CommentThread } from '../model/review-types';
import { pageComments, storyName } from '../model/review';
import type { EditionLayout, PageLayout } from './types';

export interface CommentPin {
  threadId: string;
  /** The thread's number, as the pin and the printed list show it. */
  number: number;
  /** In pt from the page's top-left corner. */
  x: number;
  y: number;
  resolved: boolean;
  /** The thread's first message. */
  text: string;
}

/** Pin size down a module's right edge when several threads sit on one module (pt). */
const STACK_STEP_PT = 20;
const MODULE_INSET_PT = 8;

/** The thread numbers of an edition (thread id → number from 1). */
export function commentNumbers(edition: Edition): Map<string, number> {
  return new Map((edition.comments ?? []).map((t, i) => [t.id, i + 1]));
}

/**
 * The pins of one laid-out page: a page comment at its spot, a comment on a story's
 * text at the top-right corner of the story's first module here (several stack down
 * its edge). A text comment whose story has no module on the page has no pin.
 */
export function commentPins(edition: Edition, page: PageLayout, numbers: Map<string, number> = commentNumbers(edition)): CommentPin[] {
  const m = page.metrics;
  const stacked = new Map<string, number>();
  const out: CommentPin[] = [];
  for (const thread of pageComments(edition, page.pageId)) {
    const a = thread.anchor;
    let x: number;
    let y: number;
    if (a.kind === 'page') ({ x, y } = a);
    else {
      const mod = page.modules.filter((md) => md.storyId === a.storyId).sort((p, q) => p.part - q.part)[0];
      if (!mod) continue;
      const k = stacked.get(mod.placementId) ?? 0;
      stacked.set(mod.placementId, k + 1);
      x = m.typeArea.x + mod.rect.x + mod.rect.width - MODULE_INSET_PT;
      y = m.typeArea.y + mod.rect.y + MODULE_INSET_PT + k * STACK_STEP_PT;
    }
    out.push({ threadId: thread.id, number: numbers.get(thread.id) ?? 0, x, y, resolved: !!thread.resolved, text: thread.messages[0]?.text ?? '' });
  }
  return out;
}

export interface PrintedComment {
  number: number;
  thread: CommentThread;
  /** For a comment on a story's text: the story's name, to go with the quoted words. */
  storyName?: string;
}

/** The comments a printed proof lists, page by page, in pin number order; pages without a pin are left out. */
export function printedComments(edition: Edition, layout: EditionLayout): { pageNumber: number; pageId: string; comments: PrintedComment[] }[] {
  const numbers = commentNumbers(edition);
  const threads = new Map((edition.comments ?? []).map((t) => [t.id, t]));
  const stories = new Map(edition.stories.map((s) => [s.id, s]));
  const out: { pageNumber: number; pageId: string; comments: PrintedComment[] }[] = [];
  layout.pages.forEach((page, i) => {
    const comments: PrintedComment[] = [];
    for (const pin of commentPins(edition, page, numbers)) {
      const thread = threads.get(pin.threadId);
      if (!thread) continue;
      const story = thread.anchor.kind === 'text' ? stories.get(thread.anchor.storyId) : undefined;
      comments.push({ number: pin.number, thread, ...(story ? { storyName: storyName(story) } : {}) });
    }
    comments.sort((a, b) => a.number - b.number);
    if (comments.length) out.push({ pageNumber: i + 1, pageId: page.pageId, comments });
  });
  return out;
}
