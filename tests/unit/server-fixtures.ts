// The one-story edition the sync server tests put on their servers, and the two
// things they do to it: type into its paragraph as an editor would, read its text.
import * as Y from 'yjs';
import { ROOT, STORY_TEXT, type EditionDocument } from '../../src/lib/document';
import type { Edition } from '../../src/lib/model/edition';
import { storySchema } from '../../src/lib/model/schema';
import { GRID as grid } from './edition-fixtures';

export function serverEdition(id: string): Edition {
  return {
    id,
    title: '日报',
    date: '2022-01-08',
    issueNumber: 1,
    language: 'zh',
    pages: [{ id: 'p1', number: 1, grid, placements: [{ id: 'a:1', storyId: 'a', part: 1, column: 0, span: 4, line: 0, lines: 20 }] }],
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

/** Type at the end of story a's paragraph, as the editor's sync would. */
export function type(document: EditionDocument, text: string): void {
  const fragment = (document.doc.getMap(ROOT.stories).get('a') as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
  const paragraph = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
  document.doc.transact(() => paragraph.insert(paragraph.length, text), 'editor');
}

export const textOf = (document: EditionDocument) => storySchema.nodeFromJSON(document.snapshot().stories[0].doc).textContent;
