// Typing into a story re-reads the paragraph typed in, not the story: the
// snapshot keeps every other block's JSON by identity, and what it reads equals
// reading the whole document afresh — for local keys, attribute changes, several
// transactions between snapshots and another desk's update.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ySyncPluginKey } from 'y-prosemirror';
import { EditionDocument, ROOT, STORY_TEXT } from '../../src/lib/document';
import type { Edition, Story } from '../../src/lib/model/edition';
import { GRID as grid } from './edition-fixtures';


function story(id: string, paragraphs: string[]): Story {
  return {
    id,
    slug: id,
    doc: {
      type: 'doc',
      content: [
        { type: 'headline', content: [{ type: 'text', text: `标题${id}` }] },
        ...paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
        { type: 'jump_line', attrs: { direction: 'continuedTo', page: 2 } },
      ],
    },
    meta: { section: '要闻', priority: 1, status: 'edited', tags: [] },
    raw: '',
  };
}

function edition(): Edition {
  return {
    id: 'ed',
    title: 'T',
    date: '2026-11-29',
    issueNumber: 1,
    language: 'zh',
    pages: [{ id: 'p1', number: 1, grid, placements: [] }],
    stories: [story('a', ['第一段。', '第二段。', '第三段。']), story('b', ['别的稿子。'])],
    revision: 0,
    updatedAt: 0,
  };
}

function block(document: EditionDocument, storyId: string, index: number): Y.XmlElement {
  const fragment = (document.doc.getMap(ROOT.stories).get(storyId) as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
  return fragment.get(index) as Y.XmlElement;
}

/** The same document read from scratch, by a desk that has no caches. */
function afresh(document: EditionDocument): Edition {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(document.doc));
  return new EditionDocument(copy).snapshot();
}

describe('snapshot after typing', () => {
  it('re-reads the typed paragraph and keeps the other blocks by identity', () => {
    const document = EditionDocument.fromEdition(edition());
    const before = document.snapshot();
    document.doc.transact(() => (block(document, 'a', 2).get(0) as Y.XmlText).insert(3, '新'), ySyncPluginKey);
    const after = document.snapshot();
    const [b0, b1, b2, b3, b4] = before.stories[0].doc.content!;
    const [a0, a1, a2, a3, a4] = after.stories[0].doc.content!;
    expect([a0, a1, a3, a4]).toEqual([b0, b1, b3, b4]);
    expect(a0).toBe(b0);
    expect(a1).toBe(b1);
    expect(a3).toBe(b3);
    expect(a4).toBe(b4);
    expect(a2).not.toBe(b2);
    expect(a2.content![0].text).toBe('第二段新。');
    expect(after.stories[1]).toBe(before.stories[1]);
    expect(after.stories).toEqual(afresh(document).stories);
  });

  it('follows several transactions between snapshots, an attribute change and a deleted block', () => {
    const document = EditionDocument.fromEdition(edition());
    document.snapshot();
    document.doc.transact(() => (block(document, 'a', 1).get(0) as Y.XmlText).insert(0, '甲'), ySyncPluginKey);
    document.doc.transact(() => (block(document, 'a', 3).get(0) as Y.XmlText).delete(0, 1), ySyncPluginKey);
    document.doc.transact(() => block(document, 'a', 4).setAttribute('page', 5 as unknown as string), ySyncPluginKey);
    const after = document.snapshot();
    expect(after.stories[0].doc.content!.map((b) => b.content?.[0]?.text ?? b.attrs?.page)).toEqual(['标题a', '甲第一段。', '第二段。', '三段。', 5]);
    const fragment = (document.doc.getMap(ROOT.stories).get('a') as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
    document.doc.transact(() => fragment.delete(2, 1), ySyncPluginKey);
    expect(document.snapshot().stories[0].doc.content!.map((b) => b.content?.[0]?.text ?? b.attrs?.page)).toEqual(['标题a', '甲第一段。', '三段。', 5]);
    expect(document.snapshot().stories).toEqual(afresh(document).stories);
  });

  it("takes in another desk's typing", () => {
    const document = EditionDocument.fromEdition(edition());
    const other = new EditionDocument(new Y.Doc());
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(document.doc));
    const before = document.snapshot();
    other.doc.on('update', (update: Uint8Array) => Y.applyUpdate(document.doc, update, 'remote'));
    other.doc.transact(() => (block(other, 'a', 3).get(0) as Y.XmlText).insert(0, '乙'));
    const after = document.snapshot();
    expect(after.stories[0].doc.content![3].content![0].text).toBe('乙第三段。');
    expect(after.stories[0].doc.content![1]).toBe(before.stories[0].doc.content![1]);
    expect(after.stories).toEqual(afresh(document).stories);
  });
});
