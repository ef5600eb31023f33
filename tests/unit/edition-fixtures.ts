// Shared pieces of the small editions the document, desk and review tests build.
import * as Y from 'yjs';
import { ROOT, STORY_TEXT, type EditionDocument } from '../../src/lib/document';
import type { Edition } from '../../src/lib/model/edition';
import { storySchema } from '../../src/lib/model/schema';

/** The 对开 8-column grid every hand-made test page uses. */
export const GRID = { preset: 'duikai', widthMm: 390, heightMm: 545, margins: { top: 20, right: 20, bottom: 25, left: 20 }, columns: 8, gutterMm: 2.5, bodySizePt: 9, leadingPt: 13.5 };

/** localStorage as a Map (Node has none). */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
  get length() {
    return this.items.size;
  }
  key(i: number) {
    return [...this.items.keys()][i] ?? null;
  }
}

/** One story (headline 题, paragraph 正文) placed on one page: the edition the document, server and history tests share. */
export function oneStoryEdition(id: string): Edition {
  return {
    id,
    title: '日报',
    date: '2022-01-08',
    issueNumber: 1,
    language: 'zh',
    pages: [{ id: 'p1', number: 1, grid: GRID, placements: [{ id: 'a:1', storyId: 'a', part: 1, column: 0, span: 4, line: 0, lines: 20 }] }],
    stories: [
      {
        id: 'a',
        slug: 'a',
        doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: '题' }] }, { type: 'paragraph', content: [{ type: 'text', text: '正文' }] }] },
        meta: { section: '', priority: 1, status: 'raw', tags: [] },
        raw: '',
      },
    ],
    revision: 0,
    updatedAt: 0,
  };
}

/** Type at the end of story a's paragraph, as the editor's sync would (origin 'editor'). */
export function typeInStory(document: EditionDocument, text: string, origin: unknown = 'editor'): void {
  const fragment = (document.doc.getMap(ROOT.stories).get('a') as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
  const paragraph = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
  document.doc.transact(() => paragraph.insert(paragraph.length, text), origin);
}

/** Story a's text. */
export const storyText = (document: EditionDocument) => storySchema.nodeFromJSON(document.snapshot().stories[0].doc).textContent;
