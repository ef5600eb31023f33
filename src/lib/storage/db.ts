// The IndexedDB database behind autosave. One version number and one upgrade
// function from the start, so a later schema (v2 …) adds a case instead of
// guessing what an old browser holds.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Edition, Story } from '../model/edition';
import type { View } from '../model/view';

export const DB_NAME = 'galley';
export const DB_VERSION = 1;

/** An edition as stored: its stories live in their own store, referenced in order. */
export type EditionRecord = Omit<Edition, 'stories'> & { storyIds: string[] };
/** A story as stored, tagged with the edition it belongs to. */
export type StoryRecord = Story & { editionId: string };

/** What the desk was looking at, so a reload returns to the same place. */
export interface SessionRecord {
  editionId: string;
  view: View;
  selectedStoryId: string | null;
}

export interface GalleyDB extends DBSchema {
  editions: { key: string; value: EditionRecord };
  stories: { key: string; value: StoryRecord; indexes: { editionId: string } };
  meta: { key: string; value: unknown };
}

export type GalleyDatabase = IDBPDatabase<GalleyDB>;

/** Raised when the browser gives no usable IndexedDB (private mode, blocked, disabled). */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

export function upgradeGalleyDB(db: IDBPDatabase<GalleyDB>, oldVersion: number): void {
  // Fall through on purpose: a v0 database walks through every step in order.
  switch (oldVersion) {
    case 0: {
      db.createObjectStore('editions', { keyPath: 'id' });
      const stories = db.createObjectStore('stories', { keyPath: 'id' });
      stories.createIndex('editionId', 'editionId');
      db.createObjectStore('meta');
    }
    // case 1: the v2 migration goes here.
  }
}

export async function openGalleyDB(): Promise<GalleyDatabase> {
  if (typeof indexedDB === 'undefined' || !indexedDB) {
    throw new StorageUnavailableError('IndexedDB is not available in this browser');
  }
  try {
    const db = await openDB<GalleyDB>(DB_NAME, DB_VERSION, {
      upgrade: (db, oldVersion) => upgradeGalleyDB(db, oldVersion),
      // A newer build in another tab wants to upgrade: let it, rather than
      // block it forever; this tab's later writes then fail and are reported.
      blocking: () => db.close(),
    });
    return db;
  } catch (error) {
    throw new StorageUnavailableError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * The first build's database if this browser has one, else null — never
 * creates it (opening by name would). Used once, to migrate it.
 */
export async function openExistingGalleyDB(): Promise<GalleyDatabase | null> {
  if (typeof indexedDB === 'undefined' || !indexedDB || typeof indexedDB.databases !== 'function') return null;
  const names = await indexedDB.databases();
  if (!names.some((d) => d.name === DB_NAME)) return null;
  return openGalleyDB();
}
