// Tabs of one browser merge live through a BroadcastChannel (Node 20 has a global one).
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { EditionDocument, ORIGIN, ROOT, STORY_TEXT, TabChannel } from '../../src/lib/document';
import type { Edition } from '../../src/lib/model/edition';
import { storySchema } from '../../src/lib/model/schema';
import { GRID as grid } from './edition-fixtures';


function edition(): Edition {
  const story = (id: string) => ({
    id,
    slug: id,
    doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: `题${id}` }] }, { type: 'paragraph', content: [{ type: 'text', text: '正文' }] }] },
    meta: { section: '', priority: 1, status: 'raw' as const, tags: [] },
    raw: '',
  });
  return {
    id: 'tabs',
    title: 'T',
    date: '2022-01-08',
    issueNumber: 1,
    language: 'zh',
    pages: [{ id: 'p1', number: 1, grid, placements: [{ id: 'a:1', storyId: 'a', part: 1, column: 0, span: 4, line: 0, lines: 20 }] }],
    stories: [story('a'), story('b')],
    revision: 0,
    updatedAt: 0,
  };
}

/** Type `text` at `offset` of the first paragraph, as the editor binding would. */
function type(document: EditionDocument, storyId: string, offset: number, text: string): void {
  const fragment = (document.doc.getMap(ROOT.stories).get(storyId) as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
  const paragraph = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
  document.doc.transact(() => paragraph.insert(offset, text), 'editor');
}

function textOf(document: EditionDocument, storyId: string): string {
  const story = document.snapshot().stories.find((s) => s.id === storyId)!;
  return storySchema.nodeFromJSON(story.doc).textContent;
}

const open: TabChannel[] = [];
function tab(doc: Y.Doc, name = 'galley-test-tabs'): TabChannel {
  const channel = new TabChannel(doc, name);
  open.push(channel);
  return channel;
}

afterEach(() => {
  // An open BroadcastChannel keeps Node running: close every one.
  for (const channel of open.splice(0)) channel.close();
});

describe('TabChannel', () => {
  it('gives a newly opened tab the whole edition', async () => {
    const one = EditionDocument.fromEdition(edition());
    const two = new EditionDocument();
    tab(one.doc);
    tab(two.doc);
    await vi.waitFor(() => expect(two.snapshot().stories.map((s) => s.id)).toEqual(['a', 'b']));
    expect(two.snapshot().pages).toEqual(one.snapshot().pages);
  });

  it('merges concurrent typing in the same paragraph of both tabs, and layout changes', async () => {
    const one = EditionDocument.fromEdition(edition());
    const two = new EditionDocument();
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc)); // both loaded the same state from storage
    tab(one.doc);
    tab(two.doc);
    // Both type before either hears the other: messages arrive only after this synchronous block.
    for (const ch of '甲乙丙') type(one, 'a', 0, ch);
    [...'XYZ'].forEach((ch, i) => type(two, 'a', 2 + i, ch));
    const e = two.snapshot();
    two.dispatch({ ...e, pages: [{ ...e.pages[0], placements: [{ ...e.pages[0].placements[0], span: 3 }] }] }, ORIGIN.layout);
    await vi.waitFor(() => {
      expect(textOf(one, 'a')).toBe(textOf(two, 'a'));
      expect(one.snapshot().pages[0].placements[0].span).toBe(3);
    });
    const text = textOf(one, 'a');
    expect(text.replace(/[甲乙丙XYZ]/g, '')).toBe('题a正文');
    expect(text).toContain('丙乙甲');
    expect(text).toContain('XYZ');
  });

  it('sends a late tab\'s offline edits to the tabs already open', async () => {
    const one = EditionDocument.fromEdition(edition());
    const two = new EditionDocument();
    const late = new EditionDocument();
    Y.applyUpdate(late.doc, Y.encodeStateAsUpdate(one.doc));
    type(late, 'b', 0, '离线');
    tab(one.doc);
    tab(two.doc);
    await vi.waitFor(() => expect(two.snapshot().stories).toHaveLength(2));
    tab(late.doc);
    await vi.waitFor(() => {
      expect(textOf(one, 'b')).toContain('离线');
      expect(textOf(two, 'b')).toContain('离线');
    });
  });

  it('stops sending once closed', async () => {
    const one = EditionDocument.fromEdition(edition());
    const two = new EditionDocument();
    const a = tab(one.doc);
    tab(two.doc);
    await vi.waitFor(() => expect(two.snapshot().stories).toHaveLength(2));
    a.close();
    type(one, 'a', 0, '后');
    // A third tab opened later still hears only what tab two has: one's edit was never sent.
    const three = new EditionDocument();
    tab(three.doc);
    await vi.waitFor(() => expect(three.snapshot().stories).toHaveLength(2));
    expect(textOf(three, 'a')).not.toContain('后');
  });
});
