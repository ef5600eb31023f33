// The edition desk's optional fields (story language, page section, the paper's
// jump templates) survive the edition document: written, read back, changed and
// removed, and carried to another desk through a Yjs update.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditionDocument, ORIGIN } from '../../src/lib/document';
import type { Edition, Story } from '../../src/lib/model/edition';
import { newEdition } from '../../src/lib/layout';

function story(id: string, language?: 'zh' | 'en'): Story {
  return {
    id,
    slug: id,
    raw: '',
    doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Text' }] }] },
    meta: { section: 'News', priority: 1, status: 'edited', tags: [] },
    ...(language ? { language } : {}),
  };
}

const edition: Edition = {
  ...newEdition({ id: 'e1', stories: [], language: 'zh', date: '2022-01-08', pages: 2, sections: ['要闻', ''], title: '新闻报' }),
  stories: [story('wire', 'en'), story('local')],
  jumpTemplates: { continuedTo: '下转第{page}版', continuedFrom: '上接第{page}版' },
};

describe('edition desk fields in the edition document', () => {
  it('round-trips story language, page section and jump templates', () => {
    const snap = EditionDocument.fromEdition(edition).snapshot();
    expect(snap.stories.find((s) => s.id === 'wire')?.language).toBe('en');
    expect(snap.stories.find((s) => s.id === 'local')).not.toHaveProperty('language');
    expect(snap.pages[0].section).toBe('要闻');
    expect(snap.pages[1]).not.toHaveProperty('section');
    expect(snap.jumpTemplates).toEqual({ continuedTo: '下转第{page}版', continuedFrom: '上接第{page}版' });
  });

  it('changes and removes them through dispatch, and another desk sees the result', () => {
    const here = EditionDocument.fromEdition(edition);
    const before = here.snapshot();
    const next: Edition = {
      ...before,
      stories: before.stories.map((s) => (s.id === 'wire' ? { ...s, language: undefined } : { ...s, language: 'en' as const })),
      pages: before.pages.map((p, i) => (i === 1 ? { ...p, section: '国际' } : { ...p, section: undefined })),
      jumpTemplates: undefined,
    };
    here.dispatch(next, ORIGIN.story, before);
    const there = new EditionDocument(new Y.Doc());
    Y.applyUpdate(there.doc, Y.encodeStateAsUpdate(here.doc));
    for (const snap of [here.snapshot(), there.snapshot()]) {
      expect(snap.stories.find((s) => s.id === 'wire')).not.toHaveProperty('language');
      expect(snap.stories.find((s) => s.id === 'local')?.language).toBe('en');
      expect(snap.pages[0]).not.toHaveProperty('section');
      expect(snap.pages[1].section).toBe('国际');
      expect(snap).not.toHaveProperty('jumpTemplates');
    }
  });
});
