// index.html's inline script opens the edition library, reads the edition list and the last
// edition's stored records while the app's code downloads; openLibraryDB, EditionIndex.list and
// openPersistedEdition take them. The script's own text is run here (fake-indexeddb), so what
// is tested is what the page runs.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditionDocument, EditionIndex, LIBRARY_DB_NAME, ORIGIN, openLibraryDB, openPersistedEdition } from '../../src/lib/document';
import { EARLY_EDITION_GLOBAL, EARLY_EDITIONS_GLOBAL, EARLY_LIBRARY_GLOBAL, LIBRARY_DB_VERSION } from '../../src/lib/document/persistence';
import { MemoryStorage, oneStoryEdition, storyText, typeInStory } from './edition-fixtures';

const html = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');
/** The inline block that begins the library's open (the one naming its database). */
const earlyScript = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]).find((s) => s.includes(`'${LIBRARY_DB_NAME}'`));

function runEarlyScript(session: string | null): void {
  const storage = { getItem: (key: string) => (key === 'galley-session' ? session : null) };
  new Function('window', 'localStorage', 'indexedDB', earlyScript!)(globalThis, storage, indexedDB);
}

const holder = globalThis as Record<string, unknown>;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  for (const name of [EARLY_LIBRARY_GLOBAL, EARLY_EDITIONS_GLOBAL, EARLY_EDITION_GLOBAL]) delete holder[name];
});

describe('the library opened early by index.html', () => {
  it('opens with the version the app expects', () => {
    expect(earlyScript).toBeDefined();
    expect(earlyScript).toContain(`openExisting('${LIBRARY_DB_NAME}', ${LIBRARY_DB_VERSION},`);
  });

  it('is not begun for a browser without a session (a first visit)', () => {
    runEarlyScript(null);
    expect(holder[EARLY_LIBRARY_GLOBAL]).toBeUndefined();
  });

  it('never creates the database: a missing one is made by openLibraryDB with all its stores', async () => {
    runEarlyScript('{"view":"layout"}');
    expect(await (holder[EARLY_LIBRARY_GLOBAL] as Promise<IDBDatabase | null>)).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(LIBRARY_DB_NAME);
    const library = await openLibraryDB();
    expect([...library.objectStoreNames].sort()).toEqual(['editions', 'photos', 'versions']);
    library.close();
  });

  it('hands an existing library to openLibraryDB, which uses that connection once', async () => {
    const first = await openLibraryDB();
    await new EditionIndex(first).put({ id: 'e1', title: 'T', date: '2026-01-01', issueNumber: 1, language: 'zh', updatedAt: 1, stories: [], pages: [], photos: {} } as never);
    first.close();
    runEarlyScript('{"view":"layout"}');
    const early = holder[EARLY_LIBRARY_GLOBAL] as Promise<IDBDatabase | null>;
    const connection = await early;
    expect(connection?.version).toBe(LIBRARY_DB_VERSION);
    const library = await openLibraryDB();
    // Taken: the next open is an ordinary one.
    expect(holder[EARLY_LIBRARY_GLOBAL]).toBeUndefined();
    expect(library.name).toBe(LIBRARY_DB_NAME);
    expect((await new EditionIndex(library).list()).map((e) => e.id)).toEqual(['e1']);
    library.close();
  });

  it('opens the database anew when the early connection is of another version', async () => {
    const old = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(LIBRARY_DB_NAME, 1);
      // Version 1's stores (persistence.ts openLibraryDB's first step).
      request.onupgradeneeded = () => {
        request.result.createObjectStore('editions', { keyPath: 'id' });
        request.result.createObjectStore('versions', { keyPath: 'id' }).createIndex('editionId', 'editionId');
      };
      request.onsuccess = () => resolve(request.result);
    });
    old.close();
    const stale = new Promise<IDBDatabase | null>((resolve) => {
      const request = indexedDB.open(LIBRARY_DB_NAME, 1);
      request.onsuccess = () => resolve(request.result);
    });
    const library = await openLibraryDB(stale);
    expect(library.version).toBe(LIBRARY_DB_VERSION);
    expect([...library.objectStoreNames].sort()).toEqual(['editions', 'photos', 'versions']);
    library.close();
  });
});

describe("the last edition's records read early by index.html", () => {
  /** Edition `id` stored with story a's paragraph typed into; closed, as a page left it. */
  async function storedEdition(id: string, typed: string): Promise<void> {
    const stored = await openPersistedEdition(id, undefined, null, null);
    stored.document.dispatch({ ...oneStoryEdition(id) }, ORIGIN.load);
    typeInStory(stored.document, typed);
    await stored.close();
  }

  const earlyEdition = () => holder[EARLY_EDITION_GLOBAL] as { id: string; read: Promise<{ values: Uint8Array[]; lastKey: number | null } | null> } | undefined;

  it('are what the open applies, with what was stored after them (another tab), and y-indexeddb reads only those', async () => {
    await storedEdition('e1', '甲');
    runEarlyScript('{"view":"layout","editionId":"e1"}');
    const read = await earlyEdition()!.read;
    expect(read!.values.length).toBeGreaterThan(1);
    // Another tab types after the early read, before this page's app opens the edition.
    const other = await openPersistedEdition('e1', undefined, null, null);
    typeInStory(other.document, '乙');
    await other.close();
    const opened = await openPersistedEdition('e1', undefined, null);
    expect(holder[EARLY_EDITION_GLOBAL]).toBeUndefined();
    expect(storyText(opened.document)).toBe('题正文甲乙');
    await opened.close();
  });

  it('are not read again: the open reads only records after the early read', async () => {
    await storedEdition('e1', '甲');
    runEarlyScript('{"view":"layout","editionId":"e1"}');
    const read = (await earlyEdition()!.read)!;
    // The same last key with no records: were the stored ones read again, the doc would have them.
    const opened = await openPersistedEdition('e1', undefined, null, Promise.resolve({ values: [], lastKey: read.lastKey }));
    expect(opened.document.id).toBe('');
    await opened.close();
    const full = await openPersistedEdition('e1', undefined, null, Promise.resolve(read));
    expect(storyText(full.document)).toBe('题正文甲');
    await full.close();
  });

  it('are stored again whole when the store was emptied since (the edition deleted in another tab meanwhile)', async () => {
    await storedEdition('e1', '甲');
    runEarlyScript('{"view":"layout","editionId":"e1"}');
    await earlyEdition()!.read;
    const name = (await indexedDB.databases()).map((d) => d.name!).find((n) => n.includes('e1'))!;
    await new Promise((resolve) => (indexedDB.deleteDatabase(name).onsuccess = resolve));
    const opened = await openPersistedEdition('e1', undefined, null);
    expect(storyText(opened.document)).toBe('题正文甲');
    typeInStory(opened.document, '丁');
    await opened.close();
    // Without the whole doc stored again, this store would hold only the edit, on records that are gone.
    const reader = await openPersistedEdition('e1', undefined, null, null);
    expect(storyText(reader.document)).toBe('题正文甲丁');
    await reader.close();
  });

  it('still take what a page left behind', async () => {
    await storedEdition('e1', '甲');
    const base = await openPersistedEdition('e1', undefined, null, null);
    const page = new Y.Doc();
    Y.applyUpdate(page, Y.encodeStateAsUpdate(base.document.doc));
    const before = Y.encodeStateVector(page);
    typeInStory(new EditionDocument(page), '急');
    const name = base.persistence.name;
    await base.close();
    const kept = new MemoryStorage();
    kept.setItem(`galley-left-behind:${name}:page1`, Buffer.from(Y.encodeStateAsUpdate(page, before)).toString('base64'));
    runEarlyScript('{"view":"layout","editionId":"e1"}');
    const opened = await openPersistedEdition('e1', undefined, kept);
    expect(storyText(opened.document)).toBe('题正文甲急');
    await opened.settled();
    await opened.close();
    const reader = await openPersistedEdition('e1', undefined, null);
    expect(storyText(reader.document)).toBe('题正文甲急');
    await reader.close();
  });

  it('are passed over when the app opens another edition, and never create a database', async () => {
    await storedEdition('e2', '丙');
    runEarlyScript('{"view":"layout","editionId":"gone"}');
    expect(await earlyEdition()!.read).toBeNull();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain('galley-edition:gone');
    const opened = await openPersistedEdition('e2', undefined, null);
    expect(holder[EARLY_EDITION_GLOBAL]).toBeUndefined();
    expect(storyText(opened.document)).toBe('题正文丙');
    await opened.close();
  });

  it('the edition list: the first list is the one read early, a later one reads the library again', async () => {
    const first = await openLibraryDB(null);
    const index = new EditionIndex(first);
    await index.put(oneStoryEdition('e1'));
    first.close();
    runEarlyScript('{"view":"layout"}');
    const library = await openLibraryDB();
    const early = new EditionIndex(library);
    expect((await early.list()).map((e) => e.id)).toEqual(['e1']);
    expect(holder[EARLY_EDITIONS_GLOBAL]).toBeUndefined();
    await early.put({ ...oneStoryEdition('e2'), updatedAt: 9 });
    expect((await early.list()).map((e) => e.id)).toEqual(['e2', 'e1']);
    library.close();
  });
});
