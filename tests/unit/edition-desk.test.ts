// The edition desk on the real library (EditionIndex + y-indexeddb documents, in fake-indexeddb):
// new editions, tomorrow's from today's, rename, trash and restore, files opened or refused.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppState } from '../../src/lib/state/app.svelte';
import { EditionDesk, IndexedEditionLibrary, MemoryEditionLibrary, type EditionLibrary } from '../../src/lib/state/editions.svelte';
import { newEdition, nextDay } from '../../src/lib/layout';
import { writeEditionFile } from '../../src/lib/model/edition-file';
import type { Edition } from '../../src/lib/model/edition';
import { storyFingerprint, storyStatus } from '../../src/lib/model/review';

class MemoryPrefs {
  #m = new Map<string, string>();
  getItem(k: string) {
    return this.#m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.#m.set(k, v);
  }
}

const first: Edition = {
  ...newEdition({ id: 'today', stories: [], language: 'zh', date: '2022-01-08', pages: 2, sections: ['要闻', '国际'], title: '新闻报' }),
  houseStyle: [{ wrong: '帐号', preferred: '账号' }],
  stories: [
    { id: 's1', slug: 's1', raw: '', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '一' }] }] }, meta: { section: '要闻', priority: 1, status: 'edited', tags: [] } },
    { id: 's2', slug: 's2', raw: '', doc: { type: 'doc', content: [{ type: 'paragraph' }] }, meta: { section: '要闻', priority: 2, status: 'raw', tags: [] } },
  ],
};

function setup(library: EditionLibrary) {
  const app = new AppState({ buildSample: () => first, openLibrary: () => Promise.reject(new Error('no storage in this test')), tabs: false, library });
  const desk = new EditionDesk(app, library, new MemoryPrefs());
  return { app, desk };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe.each([
  ['IndexedDB library', () => new IndexedEditionLibrary()],
  ['memory library', () => new MemoryEditionLibrary()],
])('edition desk on the %s', (_name, makeLibrary) => {
  it('lists the open edition with page and status counts', async () => {
    const { app, desk } = setup(makeLibrary());
    await app.start();
    await desk.refresh();
    expect(desk.editions).toHaveLength(1);
    expect(desk.editions[0]).toMatchObject({ id: 'today', title: '新闻报', pages: 2, stories: 2, byStatus: { raw: 1, edited: 1, approved: 0 } });
  });

  it('counts a story approved only while its approval holds, as the story list reads it (storyStatus)', async () => {
    const approvedText = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '审定后的正文' }] }] };
    const edition: Edition = {
      ...first,
      stories: [
        ...first.stories,
        // Approved on this very text: counts as approved.
        { id: 's3', slug: 's3', raw: '', doc: approvedText, meta: { section: '要闻', priority: 3, status: 'approved', tags: [] } },
        // Stored approved, but edited since: the approval no longer holds, so it reads edited.
        { id: 's4', slug: 's4', raw: '', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '审定后又改过' }] }] }, meta: { section: '要闻', priority: 4, status: 'approved', tags: [] } },
        // Stored approved with no verdict behind it (an old file): edited too.
        { id: 's5', slug: 's5', raw: '', doc: approvedText, meta: { section: '要闻', priority: 5, status: 'approved', tags: [] } },
      ],
      reviews: {
        s3: { verdict: 'approved', by: '李主编', at: '2022-01-08T10:00:00Z', fingerprint: storyFingerprint(approvedText) },
        s4: { verdict: 'approved', by: '李主编', at: '2022-01-08T10:00:00Z', fingerprint: storyFingerprint(approvedText) },
      },
    };
    const library = makeLibrary();
    const app = new AppState({ buildSample: () => edition, openLibrary: () => Promise.reject(new Error('no storage in this test')), tabs: false, library });
    const desk = new EditionDesk(app, library, new MemoryPrefs());
    await app.start();
    await desk.refresh();
    const listed = app.edition.stories.map((s) => storyStatus(app.edition, s));
    expect(listed).toEqual(['edited', 'raw', 'approved', 'edited', 'edited']);
    expect(desk.editions[0].byStatus).toEqual({ raw: 1, edited: 3, approved: 1 });
  });

  it('creates an English edition, empty, with its sections, and opens it', async () => {
    const { app, desk } = setup(makeLibrary());
    await app.start();
    const made = await desk.create({ title: 'The Evening Galley', language: 'en', date: '2022-01-09', issueNumber: 7, preset: 'berliner', sections: ['News', 'Sports', ''] });
    expect(app.edition.id).toBe(made.id);
    expect(app.edition).toMatchObject({ title: 'The Evening Galley', language: 'en', date: '2022-01-09', issueNumber: 7, stories: [] });
    expect(app.edition.pages.map((p) => p.section ?? '')).toEqual(['News', 'Sports', '']);
    expect(app.edition.pages[0].grid.preset).toBe('berliner');
    await desk.refresh();
    expect(desk.editions.map((e) => e.date)).toEqual(['2022-01-09', '2022-01-08']);
    // The edition left keeps its stories: open it again.
    expect(await desk.openEdition('today')).toBe(true);
    expect(app.edition.stories.map((s) => s.id)).toEqual(['s1', 's2']);
  });

  it('duplicates as the next day’s edition: grid, sections, house style, no stories', async () => {
    const { app, desk } = setup(makeLibrary());
    await app.start();
    const next = (await desk.duplicateNextDay('today'))!;
    expect(next).toMatchObject({ date: '2022-01-09', issueNumber: 2, title: '新闻报', stories: [], houseStyle: first.houseStyle });
    expect(next.pages.map((p) => [p.section, p.placements.length, p.grid])).toEqual(first.pages.map((p) => [p.section, 0, p.grid]));
    expect(nextDay('2022-12-31')).toBe('2023-01-01');
    expect(desk.editions.map((e) => e.id)).toEqual([next.id, 'today']);
  });

  it('renames, moves to the trash, restores and empties the trash', async () => {
    const library = makeLibrary();
    const { app, desk } = setup(library);
    await app.start();
    const next = (await desk.duplicateNextDay('today'))!;
    await desk.rename(next.id, '晚报');
    await desk.rename('today', '早报');
    expect(app.edition.title).toBe('早报');
    expect(desk.editions.map((e) => e.title)).toEqual(['晚报', '早报']);
    expect(await desk.moveToTrash('today')).toBe(false); // the open edition stays
    expect(await desk.moveToTrash(next.id)).toBe(true);
    expect(desk.editions.map((e) => e.id)).toEqual(['today']);
    expect(desk.trash.map((e) => e.id)).toEqual([next.id]);
    await desk.restore(next.id);
    expect(desk.trash).toEqual([]);
    expect(desk.editions).toHaveLength(2);
    await desk.moveToTrash(next.id);
    await desk.emptyTrash();
    expect(desk.rows.map((e) => e.id)).toEqual(['today']);
    expect(await library.load(next.id)).toBeNull();
  });

  it('opens an edition file as a new edition or in place of the open one; refuses a bad one whole', async () => {
    const { app, desk } = setup(makeLibrary());
    await app.start();
    const other = { ...first, id: 'elsewhere', title: 'The Galley', language: 'en' as const, date: '2022-02-01' };
    expect(desk.readFile(writeEditionFile(other).slice(0, 500))).toBe(false);
    expect(desk.fileProblems.map((p) => p.code)).toEqual(['file.truncated']);
    expect(desk.pendingFile).toBeNull();
    expect(app.edition.id).toBe('today');
    expect(desk.readFile(writeEditionFile(other))).toBe(true);
    await desk.acceptFile('new');
    expect(app.edition).toMatchObject({ title: 'The Galley', date: '2022-02-01' });
    expect(app.edition.id).not.toBe('elsewhere');
    expect(app.messages.some((m) => m.key === 'file.opened')).toBe(true);
    const opened = app.edition.id;
    desk.readFile(writeEditionFile({ ...first, title: '替换', stories: first.stories.slice(0, 1) }));
    await desk.acceptFile('replace');
    expect(app.edition).toMatchObject({ id: opened, title: '替换' });
    expect(app.edition.stories).toHaveLength(1);
    await desk.refresh();
    expect(desk.editions).toHaveLength(2);
  });
});

describe('edition desk with the app on storage (the same library the app writes)', () => {
  it('switches the app to another edition document and back; each keeps its own edits across a restart', async () => {
    const library = new IndexedEditionLibrary();
    const prefs = new MemoryPrefs();
    const app = new AppState({ buildSample: () => first, preferences: prefs, tabs: false, library });
    const desk = new EditionDesk(app, library, prefs);
    await app.start();
    expect(app.saveStatus.state).not.toBe('memory');
    const made = await desk.create({ title: 'The Evening Galley', language: 'en', date: '2022-01-09', issueNumber: 7, preset: 'berliner', sections: ['News'] });
    expect(app.document?.id).toBe(made.id);
    app.renameEdition('The Late Galley');
    expect(await desk.openEdition('today')).toBe(true);
    expect(app.document?.id).toBe('today');
    expect(app.edition.stories.map((s) => s.id)).toEqual(['s1', 's2']);
    await desk.refresh();
    expect(desk.editions.map((e) => e.title)).toEqual(['The Late Galley', '新闻报']);
    expect(await desk.openEdition(made.id)).toBe(true);
    await app.dispose();

    // A fresh start opens the edition last open, with its rename.
    const again = new AppState({ buildSample: () => first, preferences: prefs, tabs: false, library });
    await again.start();
    expect(again.edition).toMatchObject({ id: made.id, title: 'The Late Galley', stories: [] });
    await again.dispose();
  });
});
