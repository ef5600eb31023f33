// index.html's inline script opens the edition library while the app's code downloads;
// openLibraryDB takes that connection. The script's own text is run here (fake-indexeddb),
// so what is tested is what the page runs.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { EditionIndex, LIBRARY_DB_NAME, openLibraryDB } from '../../src/lib/document';
import { EARLY_LIBRARY_GLOBAL, LIBRARY_DB_VERSION } from '../../src/lib/document/persistence';

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
  delete holder[EARLY_LIBRARY_GLOBAL];
});

describe('the library opened early by index.html', () => {
  it('opens with the version the app expects', () => {
    expect(earlyScript).toBeDefined();
    expect(earlyScript).toContain(`indexedDB.open('${LIBRARY_DB_NAME}', ${LIBRARY_DB_VERSION})`);
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
