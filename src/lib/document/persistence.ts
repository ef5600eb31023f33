// Where edition documents live in the browser. Each edition is its own
// y-indexeddb database of Yjs updates: every change is appended as one small
// update (no debounce, so a killed browser loses only what IndexedDB had not
// committed yet) and y-indexeddb compacts them into one state in the
// background after 500 updates. Beside them, one small idb database holds the
// list of editions (for the edition picker, without opening every doc) and the
// saved versions (versions.ts).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { IndexeddbPersistence, clearDocument } from 'y-indexeddb';
import * as Y from 'yjs';
import type { Edition, Language } from '../model/edition';
import { EditionDocument } from './edition-document';

/** y-indexeddb database name of an edition. Prefixed so an edition id can never collide with another Galley database. */
export function editionDatabaseName(editionId: string): string {
  return `galley-edition:${editionId}`;
}

export const LIBRARY_DB_NAME = 'galley-library';
export const LIBRARY_DB_VERSION = 1;

/** One line of the edition list. */
export interface EditionIndexEntry {
  id: string;
  title: string;
  date: string;
  issueNumber: number;
  language: Language;
  updatedAt: number;
  stories: number;
  pages: number;
}

/** A saved version of an edition: its whole encoded Yjs state, with who, when and why. */
export interface VersionRecord {
  id: string;
  editionId: string;
  /** ms since epoch */
  time: number;
  author: string;
  /** Set for a version the desk named; automatic versions have none. */
  name: string | null;
  kind: 'auto' | 'named';
  /** What made an automatic version: 'interval', 'import', 'auto-layout', 'replace-all', 'restore' … */
  reason?: string;
  /** `Y.encodeStateAsUpdate` of the doc at that moment. */
  state: Uint8Array;
}

export interface LibraryDB extends DBSchema {
  editions: { key: string; value: EditionIndexEntry };
  versions: { key: string; value: VersionRecord; indexes: { editionId: string } };
}

export type LibraryDatabase = IDBPDatabase<LibraryDB>;

export async function openLibraryDB(): Promise<LibraryDatabase> {
  return openDB<LibraryDB>(LIBRARY_DB_NAME, LIBRARY_DB_VERSION, {
    upgrade(db, oldVersion) {
      // Fall through on purpose, as in storage/db.ts: each version adds a case.
      switch (oldVersion) {
        case 0: {
          db.createObjectStore('editions', { keyPath: 'id' });
          db.createObjectStore('versions', { keyPath: 'id' }).createIndex('editionId', 'editionId');
        }
      }
    },
  });
}

export function indexEntryOf(edition: Edition): EditionIndexEntry {
  return {
    id: edition.id,
    title: edition.title,
    date: edition.date,
    issueNumber: edition.issueNumber,
    language: edition.language,
    updatedAt: edition.updatedAt,
    stories: edition.stories.length,
    pages: edition.pages.length,
  };
}

/** The list of editions in this browser. */
export class EditionIndex {
  constructor(private readonly db: LibraryDatabase) {}

  async list(): Promise<EditionIndexEntry[]> {
    const all = await this.db.getAll('editions');
    return all.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
  }

  async put(edition: Edition): Promise<void> {
    await this.db.put('editions', indexEntryOf(edition));
  }

  async get(id: string): Promise<EditionIndexEntry | undefined> {
    return this.db.get('editions', id);
  }

  /** Forget an edition: its list entry, its versions and its document database. */
  async remove(id: string): Promise<void> {
    const tx = this.db.transaction(['editions', 'versions'], 'readwrite');
    await tx.objectStore('editions').delete(id);
    const versions = tx.objectStore('versions').index('editionId');
    for (let cursor = await versions.openCursor(id); cursor; cursor = await cursor.continue()) await cursor.delete();
    await tx.done;
    await clearDocument(editionDatabaseName(id));
  }
}

/** An edition document bound to its IndexedDB database. */
export interface PersistedEdition {
  document: EditionDocument;
  persistence: IndexeddbPersistence;
  /** Stop writing and close the database (the document stays usable in memory). */
  close(): Promise<void>;
}

/**
 * Open (or create) the stored document of an edition. Resolves once what the
 * database holds is in the doc; from then on every change is written as it
 * happens. A doc created here and then filled (`dispatch`, migration) is stored
 * in full at the first sync, so nothing written before the open is lost.
 */
export async function openPersistedEdition(editionId: string, doc: Y.Doc = new Y.Doc()): Promise<PersistedEdition> {
  const persistence = new IndexeddbPersistence(editionDatabaseName(editionId), doc);
  await persistence.whenSynced;
  const document = new EditionDocument(doc);
  return {
    document,
    persistence,
    close: async () => {
      await persistence.destroy();
    },
  };
}
