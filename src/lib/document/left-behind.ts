// What a page being left had not yet committed to IndexedDB, kept in localStorage
// until the next open of the edition writes it.
//
// A write begun in `pagehide` is not sure to land: Chromium aborts a transaction
// still waiting for the store when the page's connection closes — one that waits
// behind another connection's transaction (the compaction worker's, another tab's)
// is lost with the page (tests/e2e/app.spec.ts holds the store to show it).
// localStorage is written synchronously from the page's point of view, so the
// updates are kept there as well; Yjs updates apply idempotently, so applying
// ones the database did commit changes nothing.
import * as Y from 'yjs';
import { fromBase64, toBase64 } from 'lib0/buffer';

/** The part of localStorage this needs (a Map-backed stand-in in Node tests). */
export type LeftBehindStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'galley-left-behind:';

/** The browser's localStorage, or null where there is none or it refuses (a sandboxed frame, Node). */
export function browserLeftBehind(): LeftBehindStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function keyPrefix(databaseName: string): string {
  return `${PREFIX}${databaseName}:`;
}

/** One page's key (each page keeps its own, so two tabs leaving at once do not overwrite each other). */
export function leftBehindKey(databaseName: string, page: string): string {
  return keyPrefix(databaseName) + page;
}

/**
 * Keep `updates` under `key`, merged into one. False when it could not be kept
 * (no room: a huge paste not yet written; the IndexedDB write is then all there is).
 */
export function keepLeftBehind(storage: LeftBehindStorage, key: string, updates: readonly Uint8Array[]): boolean {
  try {
    storage.setItem(key, toBase64(Y.mergeUpdates(updates as Uint8Array[])));
    return true;
  } catch {
    return false;
  }
}

export function forgetLeftBehind(storage: LeftBehindStorage, keys: readonly string[]): void {
  for (const key of keys) {
    try {
      storage.removeItem(key);
    } catch {
      // Nothing to do: a later open applies it again, which changes nothing.
    }
  }
}

/** Every update left behind for the database, with the keys to forget once they are committed; unreadable entries are dropped. */
export function findLeftBehind(storage: LeftBehindStorage, databaseName: string): { keys: string[]; updates: Uint8Array[] } {
  const prefix = keyPrefix(databaseName);
  const keys: string[] = [];
  const updates: Uint8Array[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    for (const key of keys) {
      const text = storage.getItem(key);
      try {
        if (!text) continue;
        const update = fromBase64(text);
        // Decoded once here, so a garbled entry is dropped rather than failing the open.
        Y.decodeUpdate(update);
        updates.push(update);
      } catch {
        // Not an update: not ours to apply; forgotten with the rest.
      }
    }
  } catch {
    return { keys: [], updates: [] };
  }
  return { keys, updates };
}
