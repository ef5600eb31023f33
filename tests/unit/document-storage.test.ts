// Edition documents in IndexedDB (y-indexeddb + the edition list), saved
// versions, and the upgrade from the v1 database (fixture written by the v1
// storage code: scripts/make-v1-fixture.ts).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { ySyncPluginKey } from 'y-prosemirror';
import {
  AutoVersions,
  EditionDocument,
  EditionIndex,
  ORIGIN,
  ROOT,
  STORY_TEXT,
  VersionStore,
  migrateV1Database,
  openLibraryDB,
  openPersistedEdition,
  WRITE_MAX_WAIT_MS,
  WRITE_QUIET_MS,
  previewVersion,
  readV1,
  restoreVersion,
  versionsToPrune,
} from '../../src/lib/document';
import { openGalleyDB } from '../../src/lib/storage';
import { IndexedPhotoStore, migrateDataUrlPhotos } from '../../src/lib/document/photo-store';
import type { Edition, Story } from '../../src/lib/model/edition';
import { storySchema } from '../../src/lib/model/schema';
import { GRID as grid, MemoryStorage } from './edition-fixtures';


function edition(id = 'ed-s'): Edition {
  const story = (sid: string): Story => ({
    id: sid,
    slug: sid,
    doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: `题${sid}` }] }, { type: 'paragraph', content: [{ type: 'text', text: '正文' }] }] },
    meta: { section: '要闻', priority: 1, status: 'raw', tags: [] },
    raw: '',
  });
  return {
    id,
    title: '日报',
    date: '2022-01-08',
    issueNumber: 3,
    language: 'zh',
    pages: [{ id: 'p1', number: 1, grid, placements: [{ id: 'a:1', storyId: 'a', part: 1, column: 0, span: 4, line: 0, lines: 20 }] }],
    stories: [story('a'), story('b')],
    revision: 0,
    updatedAt: 5,
  };
}

/** Edition content as the document keeps it: no local revision count, ProseMirror-normal text. */
/** Pixel size from a PNG's IHDR (the fixture's photo is a PNG; the browser measures with createImageBitmap). */
async function pngSize(blob: Blob): Promise<{ width: number; height: number } | null> {
  const view = new DataView(await blob.slice(16, 24).arrayBuffer());
  return view.byteLength === 8 ? { width: view.getUint32(0), height: view.getUint32(4) } : null;
}

function content(e: Edition) {
  const { revision: _r, ...rest } = e;
  return { ...rest, stories: rest.stories.map((s) => ({ ...s, doc: storySchema.nodeFromJSON(s.doc).toJSON() })) };
}

/** A key typed into the story; `origin` ySyncPluginKey is the story editor's own typing. */
function type(document: EditionDocument, storyId: string, text: string, origin: unknown = 'editor'): void {
  const fragment = (document.doc.getMap(ROOT.stories).get(storyId) as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
  const paragraph = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
  document.doc.transact(() => paragraph.insert(paragraph.length, text), origin);
}

beforeEach(() => {
  // A fresh, empty browser database for every test.
  globalThis.indexedDB = new IDBFactory();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('stored edition documents', () => {
  it('writes the editor\'s burst of keystrokes together once typing pauses: a second reader sees them without any close or flush', async () => {
    const stored = await openPersistedEdition('ed-s');
    stored.document.dispatch(edition(), ORIGIN.load);
    await stored.settled();
    // Only the writer's timers and clock are faked (fake-indexeddb schedules with setImmediate).
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    for (const ch of '一二三四五') {
      type(stored.document, 'a', ch, ySyncPluginKey);
      vi.advanceTimersByTime(WRITE_QUIET_MS / 2);
    }
    // Still typing: nothing of the burst is stored yet, but the status says so.
    expect(stored.status.state).toBe('saving');
    const early = await openPersistedEdition('ed-s');
    expect(storySchema.nodeFromJSON(early.document.snapshot().stories[0].doc).textContent).toBe('题a正文');
    await early.close();
    // The pause, then the idle period (a plain task in Node).
    vi.advanceTimersByTime(WRITE_QUIET_MS);
    vi.advanceTimersByTime(0);
    vi.useRealTimers();
    // Another tab (or the browser after a kill) opening the same database.
    const reader = await openPersistedEdition('ed-s');
    expect(content(reader.document.snapshot())).toEqual(content(stored.document.snapshot()));
    expect(storySchema.nodeFromJSON(reader.document.snapshot().stories[0].doc).textContent).toBe('题a正文一二三四五');
    await reader.close();
    await stored.close();
  });

  it('writes every other change at once: a second reader sees it without any pause', async () => {
    const stored = await openPersistedEdition('ed-s');
    stored.document.dispatch(edition(), ORIGIN.load);
    for (const ch of '一二三') type(stored.document, 'a', ch);
    const reader = await openPersistedEdition('ed-s');
    expect(storySchema.nodeFromJSON(reader.document.snapshot().stories[0].doc).textContent).toBe('题a正文一二三');
    await reader.close();
    await stored.close();
  });

  it('typing without a pause is written at least every WRITE_MAX_WAIT_MS: a kill loses no more than that', async () => {
    const stored = await openPersistedEdition('ed-s');
    stored.document.dispatch(edition(), ORIGIN.load);
    await stored.settled();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const step = WRITE_QUIET_MS / 3;
    let typed = '';
    for (let t = 0; t < WRITE_MAX_WAIT_MS; t += step) {
      type(stored.document, 'a', '字', ySyncPluginKey);
      typed += '字';
      vi.advanceTimersByTime(step);
    }
    // The cap has passed since the first key: everything typed until then is in a transaction.
    vi.useRealTimers();
    await new Promise((resolve) => setImmediate(resolve));
    const reader = await openPersistedEdition('ed-s');
    expect(storySchema.nodeFromJSON(reader.document.snapshot().stories[0].doc).textContent).toBe('题a正文' + typed);
    await reader.close();
    await stored.close();
  });

  it('a page left while its write is not committed keeps the updates in localStorage, and forgets them once committed', async () => {
    const kept = new MemoryStorage();
    const stored = await openPersistedEdition('ed-s', undefined, kept);
    stored.document.dispatch(edition(), ORIGIN.load);
    await stored.settled();
    const base = Y.encodeStateAsUpdate(stored.document.doc);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    type(stored.document, 'a', '急', ySyncPluginKey);
    expect(kept.length).toBe(0);
    stored.leave();
    vi.useRealTimers();
    // The write has begun and is not committed: the page's key holds it.
    expect(kept.length).toBe(1);
    const key = kept.key(0)!;
    expect(key.startsWith(`galley-left-behind:${stored.persistence.name}:`)).toBe(true);
    // What it keeps is the typed key: the stored state plus it is the page's text.
    const next = new Y.Doc();
    Y.applyUpdate(next, base);
    Y.applyUpdate(next, new Uint8Array(Buffer.from(kept.getItem(key)!, 'base64')));
    expect(storySchema.nodeFromJSON(new EditionDocument(next).snapshot().stories[0].doc).textContent).toBe('题a正文急');
    await stored.settled();
    // Committed: nothing stays behind (a page hidden and shown again leaves no key).
    expect(kept.length).toBe(0);
    await stored.close();
  });

  it('the next open writes what a page left behind, then forgets it', async () => {
    const kept = new MemoryStorage();
    const stored = await openPersistedEdition('ed-s', undefined, kept);
    stored.document.dispatch(edition(), ORIGIN.load);
    await stored.settled();
    const name = stored.persistence.name;
    // What the page typed and never committed: the change after the stored state.
    const page = new Y.Doc();
    Y.applyUpdate(page, Y.encodeStateAsUpdate(stored.document.doc));
    const before = Y.encodeStateVector(page);
    type(new EditionDocument(page), 'a', '急', ySyncPluginKey);
    await stored.close();
    kept.setItem(`galley-left-behind:${name}:page1`, Buffer.from(Y.encodeStateAsUpdate(page, before)).toString('base64'));
    kept.setItem(`galley-left-behind:${name}:garbled`, '%%%');
    kept.setItem('galley-left-behind:galley-edition:other:p', 'AAAA');

    const reopened = await openPersistedEdition('ed-s', undefined, kept);
    expect(storySchema.nodeFromJSON(reopened.document.snapshot().stories[0].doc).textContent).toBe('题a正文急');
    await reopened.settled();
    await new Promise((resolve) => setImmediate(resolve));
    // This edition's entries are forgotten; another edition's stay for its own open.
    expect([...kept.items.keys()]).toEqual(['galley-left-behind:galley-edition:other:p']);
    await reopened.close();
    // Written to the database: an open without localStorage has it.
    const reader = await openPersistedEdition('ed-s', undefined, null);
    expect(storySchema.nodeFromJSON(reader.document.snapshot().stories[0].doc).textContent).toBe('题a正文急');
    await reader.close();
  });

  it('keeps a document that was filled before it was bound to its database', async () => {
    const doc = EditionDocument.fromEdition(edition()).doc;
    const stored = await openPersistedEdition('ed-s', doc);
    await stored.close();
    const again = await openPersistedEdition('ed-s');
    expect(content(again.document.snapshot())).toEqual(content(edition()));
    await again.close();
  });

  it('lists editions newest first and forgets one with its versions and its database', async () => {
    const library = await openLibraryDB();
    const index = new EditionIndex(library);
    await index.put({ ...edition('old'), updatedAt: 1 });
    await index.put({ ...edition('new'), updatedAt: 2 });
    expect((await index.list()).map((e) => [e.id, e.stories, e.pages])).toEqual([
      ['new', 2, 1],
      ['old', 2, 1],
    ]);
    const stored = await openPersistedEdition('old');
    stored.document.dispatch(edition('old'), ORIGIN.load);
    const versions = new VersionStore(library);
    await versions.save(stored.document, { author: 'desk' });
    await stored.close();
    const kept = new MemoryStorage();
    kept.setItem(`galley-left-behind:${stored.persistence.name}:p`, 'AAAA');
    kept.setItem('galley-left-behind:galley-edition:new:p', 'AAAA');
    await index.remove('old', kept);
    expect([...kept.items.keys()]).toEqual(['galley-left-behind:galley-edition:new:p']);
    expect((await index.list()).map((e) => e.id)).toEqual(['new']);
    expect(await versions.list('old')).toEqual([]);
    const reopened = await openPersistedEdition('old');
    expect(reopened.document.snapshot().stories).toEqual([]);
    await reopened.close();
    library.close();
  });
});

describe('versions', () => {
  it('saves automatic and named versions, previews one read-only and restores it as one undoable step', async () => {
    const library = await openLibraryDB();
    const versions = new VersionStore(library);
    const document = EditionDocument.fromEdition(edition());
    const before = document.snapshot();
    const auto = await versions.save(document, { author: '张编辑', time: 1000, reason: 'interval' });
    const e = document.snapshot();
    document.dispatch({ ...e, title: '改过', stories: [e.stories[1]], pages: [{ ...e.pages[0], placements: [] }] }, ORIGIN.layout);
    type(document, 'b', '后来');
    const named = await versions.save(document, { author: 'Ann', name: '付印前', time: 2000 });
    expect((await versions.list('ed-s')).map((v) => [v.id, v.kind, v.author, v.name])).toEqual([
      [named.id, 'named', 'Ann', '付印前'],
      [auto.id, 'auto', '张编辑', null],
    ]);

    const preview = previewVersion((await versions.get(auto.id))!);
    expect(content(preview)).toEqual(content(before));
    expect(document.snapshot().title).toBe('改过'); // previewing changes nothing

    const changed = document.snapshot();
    restoreVersion(document, auto);
    const restored = document.snapshot();
    const { updatedAt: _u1, ...restoredContent } = content(restored);
    const { updatedAt: _u2, ...beforeContent } = content(before);
    expect(restoredContent).toEqual(beforeContent);
    document.undo.undo();
    expect(content(document.snapshot())).toEqual(content(changed));
    library.close();
  });

  it('saves an automatic version after 5 minutes of this desk\'s editing, and before a risky step', async () => {
    const library = await openLibraryDB();
    const store = new VersionStore(library);
    const document = EditionDocument.fromEdition(edition());
    let clock = 1_000_000;
    const auto = new AutoVersions(document, store, { author: 'desk', now: () => clock });
    clock += 10 * 60_000;
    expect(await auto.tick()).toBeNull(); // nothing edited: no version
    type(document, 'b', '改');
    clock += 60_000;
    const first = await auto.tick(); // edited, and 5 minutes since the last version
    expect(first?.reason).toBe('interval');
    type(document, 'b', '再');
    clock += 60_000;
    expect(await auto.tick()).toBeNull(); // edited, but only a minute later
    clock += 4 * 60_000;
    expect((await auto.tick())?.time).toBe(clock);
    const remote = new EditionDocument(new Y.Doc());
    Y.applyUpdate(remote.doc, Y.encodeStateAsUpdate(document.doc));
    remote.dispatch({ ...remote.snapshot(), title: '别处' });
    Y.applyUpdate(document.doc, Y.encodeStateAsUpdate(remote.doc), 'remote');
    clock += 10 * 60_000;
    expect(await auto.tick()).toBeNull(); // another desk's edit is that desk's to keep
    const before = await auto.before('auto-layout');
    expect(before.reason).toBe('auto-layout');
    expect(previewVersion(before).title).toBe('别处');
    expect((await store.list('ed-s')).map((v) => v.reason)).toEqual(['auto-layout', 'interval', 'interval']);
    auto.stop();
    library.close();
  });

  it('prunes automatic versions by age (5 min for a day, hourly for a week, daily after) and keeps named ones', () => {
    const now = Date.UTC(2022, 0, 31, 12);
    const MIN = 60_000;
    const HOUR = 60 * MIN;
    const DAY = 24 * HOUR;
    const slotStart = (t: number, size: number) => Math.floor(t / size) * size;
    const v = (id: string, time: number, kind: 'auto' | 'named' = 'auto') => ({ id, time, kind });
    const recent = slotStart(now, 5 * MIN);
    const list = [
      v('r1', recent + 1000),
      v('r2', recent + 2000), // same 5-minute slot as r1: r2 is newer, r1 goes
      v('r3', recent - 5 * MIN + 1000), // the slot before: kept
      v('h1', slotStart(now - 2 * DAY, HOUR) + 1000),
      v('h2', slotStart(now - 2 * DAY, HOUR) + 30 * MIN), // same hour two days ago: h1 goes
      v('d1', slotStart(now - 10 * DAY, DAY) + HOUR),
      v('d2', slotStart(now - 10 * DAY, DAY) + 5 * HOUR), // same day ten days ago: d1 goes
      v('n1', slotStart(now - 10 * DAY, DAY) + 2 * HOUR, 'named'),
    ];
    expect(versionsToPrune(list, now).sort()).toEqual(['d1', 'h1', 'r1']);
  });
});

describe('upgrade from the v1 database', () => {
  const fixture = JSON.parse(readFileSync('tests/fixtures/v1-database.json', 'utf8')) as {
    name: string;
    version: number;
    stores: { editions: (Omit<Edition, 'stories'> & { storyIds: string[] })[]; stories: (Story & { editionId: string })[]; meta: { key: string; value: unknown }[] };
  };

  async function v1Database() {
    expect([fixture.name, fixture.version]).toEqual(['galley', 1]);
    const db = await openGalleyDB();
    for (const record of fixture.stores.editions) await db.put('editions', record);
    for (const record of fixture.stores.stories) await db.put('stories', record);
    for (const { key, value } of fixture.stores.meta) await db.put('meta', value, key);
    return db;
  }

  /** What v1 held for an edition, as plain data: its stories in its order, damaged ones left out. */
  function expected(id: string): Edition {
    const { storyIds, ...fields } = fixture.stores.editions.find((e) => e.id === id)!;
    const stories = storyIds.map((sid) => fixture.stores.stories.find((s) => s.id === sid)!).map(({ editionId: _e, ...story }) => story);
    return { ...fields, stories };
  }

  it('opens every v1 edition with nothing lost: text, marks, jump lines, pages, modules, photos', async () => {
    const db = await v1Database();
    const contents = await readV1(db);
    expect(contents.editions.map((e) => e.id).sort()).toEqual(['ed-en', 'ed-zh']);
    expect(contents.damaged.map((d) => [d.store, d.id])).toEqual([['stories', 'broken-1']]);
    expect(contents.session?.editionId).toBe('ed-zh');

    const library = await openLibraryDB();
    const { migrated } = await migrateV1Database(db, library);
    expect(migrated.sort()).toEqual(['ed-en', 'ed-zh']);
    for (const id of ['ed-zh', 'ed-en']) {
      // Read back from IndexedDB into a fresh doc, as the next start of the app would.
      const stored = await openPersistedEdition(id);
      const got = stored.document.snapshot();
      const { photos: v1Photos, ...rest } = expected(id);
      // v1 photos are data URLs: the doc holds them as they were until they are moved into the photo store.
      expect(content(got)).toEqual(content(rest));
      expect(Object.fromEntries(stored.document.legacyPhotos())).toEqual(v1Photos ?? {});
      if (v1Photos) {
        const store = new IndexedPhotoStore(library);
        expect(await migrateDataUrlPhotos(stored.document, store, pngSize)).toBe(Object.keys(v1Photos).length);
        const record = stored.document.snapshot().photos!['photo-1'];
        expect(record).toMatchObject({ id: 'photo-1', type: 'image/png', width: 1, height: 1, fit: 'fill' });
        const bytes = new Uint8Array(await (await store.get(record.hash))!.arrayBuffer());
        expect(Buffer.from(bytes).toString('base64')).toBe((v1Photos['photo-1'] as unknown as string).split(',')[1]);
        expect(stored.document.legacyPhotos()).toEqual([]);
      }
      await stored.close();
    }
    const zh = expected('ed-zh');
    expect(zh.photos).toBeDefined();
    expect(zh.pages.flatMap((p) => p.placements).some((p) => p.part === 2)).toBe(true);
    expect(JSON.stringify(zh.stories)).toContain('jump_line');

    // The list knows them; the v1 database is left exactly as it was.
    expect((await new EditionIndex(library).list()).map((e) => e.id).sort()).toEqual(['ed-en', 'ed-zh']);
    expect(await db.count('stories')).toBe(fixture.stores.stories.length);
    expect(await db.count('editions')).toBe(fixture.stores.editions.length);

    // Running the migration again (next start) adds nothing twice.
    expect((await migrateV1Database(db, library)).migrated).toEqual([]);
    const again = await openPersistedEdition('ed-zh');
    expect(again.document.snapshot().stories).toHaveLength(expected('ed-zh').stories.length);
    await again.close();
    library.close();
    db.close();
  });
});
