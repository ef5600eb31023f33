// Where edition documents live in the browser. Each edition is its own
// y-indexeddb database of Yjs updates: every change is appended as one small
// update record; the records of a burst of the editor's typing are written together
// in one IndexedDB transaction once typing pauses (at most WRITE_MAX_WAIT_MS after the
// first, at once when the page is hidden or left, then also kept in localStorage until
// committed: left-behind.ts), so a key's task opens no transaction, and a killed
// browser loses at most that wait. They are compacted
// into one state in the background after 500 records. Beside them, one small idb database holds the
// list of editions (for the edition picker, without opening every doc) and the
// saved versions (versions.ts).
import { openDB, wrap, type DBSchema, type IDBPDatabase } from 'idb';
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, clearDocument } from 'y-indexeddb';
import { compactStore } from './store-compaction';
import { browserLeftBehind, findLeftBehind, forgetLeftBehind, keepLeftBehind, leftBehindKey, type LeftBehindStorage } from './left-behind';
import * as Y from 'yjs';
import { ySyncPluginKey } from 'y-prosemirror';
import type { Edition, Language } from '../model/edition';
import { EditionDocument } from './edition-document';
import { whenIdle } from './idle';

/** y-indexeddb database name of an edition. Prefixed so an edition id can never collide with another Galley database. */
export function editionDatabaseName(editionId: string): string {
  return `galley-edition:${editionId}`;
}

export const LIBRARY_DB_NAME = 'galley-library';
export const LIBRARY_DB_VERSION = 2;

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

/** A photo's bytes, by the SHA-256 of those bytes (photo-store.ts): shared by every edition of this browser. */
export interface StoredPhoto {
  hash: string;
  blob: Blob;
}

export interface LibraryDB extends DBSchema {
  editions: { key: string; value: EditionIndexEntry };
  versions: { key: string; value: VersionRecord; indexes: { editionId: string } };
  photos: { key: string; value: StoredPhoto };
}

export type LibraryDatabase = IDBPDatabase<LibraryDB>;

/**
 * Where index.html's inline script leaves what it began reading while the app's code downloads
 * (on a first load IndexedDB's answers wait behind the browser's other work, the font pieces'
 * fetches: begun at navigation they overlap the download instead of following it). Each is
 * taken once, by the one function that reads it otherwise; the script never creates or upgrades
 * a database (it aborts an upgrade), that stays openLibraryDB's and y-indexeddb's.
 * - the library's connection: a promise of it, or of null when missing or of another version;
 */
export const EARLY_LIBRARY_GLOBAL = 'galleyEarlyLibrary';
/** - the edition list (EditionIndex.list): a promise of the `editions` store's records, or null; */
export const EARLY_EDITIONS_GLOBAL = 'galleyEarlyEditions';
/** - the stored records of the edition the session names (openPersistedEdition): `{ id, read }`. */
export const EARLY_EDITION_GLOBAL = 'galleyEarlyEdition';

/** A store read whole by index.html's script: its records in key order, and the last key (null: none). */
export interface EarlyRead<T> {
  values: T[];
  lastKey: number | null;
}

/** What index.html's script left under `name`, taken (a later read is a normal one). */
function takeEarly<T>(name: string): T | null {
  const holder = globalThis as Record<string, unknown>;
  const early = holder[name];
  if (!early) return null;
  delete holder[name];
  return early as T;
}

/** The connection index.html began opening, taken once (a later open is a normal one). */
function takeEarlyLibrary(): Promise<IDBDatabase | null> | null {
  return takeEarly<Promise<IDBDatabase | null>>(EARLY_LIBRARY_GLOBAL);
}

/** The edition's records index.html's script read, if it read this edition's (taken either way: a session names one edition). */
function takeEarlyEdition(editionId: string): Promise<EarlyRead<Uint8Array> | null> | null {
  const early = takeEarly<{ id: string; read: Promise<EarlyRead<Uint8Array> | null> }>(EARLY_EDITION_GLOBAL);
  return early && early.id === editionId ? early.read : null;
}

export async function openLibraryDB(early: Promise<IDBDatabase | null> | null = takeEarlyLibrary()): Promise<LibraryDatabase> {
  const db = await early?.catch(() => null);
  if (db && db.version === LIBRARY_DB_VERSION) return wrap(db) as unknown as LibraryDatabase;
  db?.close();
  return openDB<LibraryDB>(LIBRARY_DB_NAME, LIBRARY_DB_VERSION, {
    upgrade(db, oldVersion) {
      // Each version adds a step; an older database walks through every step after its version.
      if (oldVersion < 1) {
        db.createObjectStore('editions', { keyPath: 'id' });
        db.createObjectStore('versions', { keyPath: 'id' }).createIndex('editionId', 'editionId');
      }
      if (oldVersion < 2) db.createObjectStore('photos', { keyPath: 'hash' });
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
    // A start's first list: the one index.html's script read at navigation, if it could.
    const early = await takeEarly<Promise<EarlyRead<EditionIndexEntry> | null>>(EARLY_EDITIONS_GLOBAL)?.catch(() => null);
    const all = early?.values ?? (await this.db.getAll('editions'));
    return all.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
  }

  async put(edition: Edition): Promise<void> {
    await this.db.put('editions', indexEntryOf(edition));
  }

  async get(id: string): Promise<EditionIndexEntry | undefined> {
    return this.db.get('editions', id);
  }

  /** Forget an edition: its list entry, its versions, its document database and anything a page left behind for it. */
  async remove(id: string, leftBehind: LeftBehindStorage | null = browserLeftBehind()): Promise<void> {
    const tx = this.db.transaction(['editions', 'versions'], 'readwrite');
    await tx.objectStore('editions').delete(id);
    const versions = tx.objectStore('versions').index('editionId');
    for (let cursor = await versions.openCursor(id); cursor; cursor = await cursor.continue()) await cursor.delete();
    await tx.done;
    await clearDocument(editionDatabaseName(id));
    if (leftBehind) forgetLeftBehind(leftBehind, findLeftBehind(leftBehind, editionDatabaseName(id)).keys);
  }
}

// One compaction worker per page, started at the first compaction (its code, with Yjs, loads only then).
let worker: Worker | null = null;
let nextJob = 1;
const jobs = new Map<number, { db: IDBDatabase; resolve: (left: number) => void; reject: (e: Error) => void }>();

/**
 * Compact the edition database `name` off the main thread when the browser
 * has workers (one worker per page, made at the first compaction), else here.
 * `db` is this page's connection, used for the fallback.
 */
function compactInBackground(name: string, db: IDBDatabase): Promise<number> {
  if (typeof Worker === 'undefined') return compactStore(db);
  if (!worker) {
    worker = new Worker(new URL('./store-compaction.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; left?: number; error?: string }>) => {
      const job = jobs.get(event.data.id);
      jobs.delete(event.data.id);
      if (!job) return;
      if (event.data.error === undefined) job.resolve(event.data.left ?? 0);
      else {
        // Records piling up would slow every later open: fold them here rather than not at all.
        console.warn('galley: compaction in the worker failed, compacting on the main thread:', event.data.error);
        compactStore(job.db).then(job.resolve, job.reject);
      }
    };
    worker.onerror = () => {
      // A worker that cannot start (a blocked script, a build without it): compact here from now on.
      worker?.terminate();
      worker = null;
      for (const [id, job] of jobs) {
        jobs.delete(id);
        compactStore(job.db).then(job.resolve, job.reject);
      }
    };
  }
  const id = nextJob++;
  return new Promise((resolve, reject) => {
    jobs.set(id, { db, resolve, reject });
    worker!.postMessage({ id, name });
  });
}

/** The origin of updates a page left behind (left-behind.ts), applied at the next open. */
const LEFT_BEHIND = Symbol('left behind');
/** Origin of the whole doc stored again into a store emptied while the page loaded (openPersistedEdition). */
const STORED_AGAIN = Symbol('stored again');

/** The last record key of an edition's store (null when empty or unreadable). */
function lastStoredKey(db: IDBDatabase | null): Promise<number | null> {
  return new Promise((resolve) => {
    try {
      if (!db) return resolve(null);
      const request = db.transaction('updates', 'readonly').objectStore('updates').openKeyCursor(null, 'prev');
      request.onsuccess = () => resolve(request.result ? (request.result.key as number) : null);
      request.onerror = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

/** After an open that found several records, the compaction waits this long (the first render goes first). */
const COMPACT_AFTER_OPEN_MS = 2000;
/** …and then for an idle period, this long at most. */
const COMPACT_IDLE_AT_LATEST_MS = 5000;
/** Updates wait for this long a pause in the changes before they are written (then in an idle period)… */
export const WRITE_QUIET_MS = 150;
/** …but never longer than this after the first unwritten one: what a killed browser may lose (issue: at most a second). */
export const WRITE_MAX_WAIT_MS = 500;

/** Whether every change of the doc is in IndexedDB. */
export interface PersistStatus {
  /** 'saving': writes not yet committed; 'error': a write failed, its updates are kept for retry(). */
  state: 'saved' | 'saving' | 'error';
  error?: unknown;
}

/** An edition document bound to its IndexedDB database. */
export interface PersistedEdition {
  document: EditionDocument;
  persistence: IndexeddbPersistence;
  /** Called whenever the write status changes. */
  onStatus(listener: (status: PersistStatus) => void): () => void;
  readonly status: PersistStatus;
  /** Write again what failed (after a full disk was cleared). Resolves when everything is committed or failed again. */
  retry(): Promise<void>;
  /** Resolves when every write so far is committed (or failed). */
  settled(): Promise<void>;
  /** Resolves when no compaction of the stored records is waiting or running. */
  compacted(): Promise<void>;
  /**
   * The page is being left or hidden: write what waits at once, and keep what is
   * not committed yet in localStorage for the next open (left-behind.ts).
   */
  leave(): void;
  /** Stop writing and close the database (the document stays usable in memory). */
  close(): Promise<void>;
}

/**
 * Writes the Yjs updates like y-indexeddb's own handler (which this replaces:
 * same store, one record per update), but batched and watched. Batched: the
 * updates of a burst of the editor's typing (origin ySyncPluginKey; every other
 * change is written at once) wait for a pause (WRITE_QUIET_MS, then an idle
 * period; at most WRITE_MAX_WAIT_MS after the first) and go into one IndexedDB
 * transaction, so no key pays for a transaction in its own task; a hidden or
 * left page writes at once. Watched: y-indexeddb says neither when a write is
 * committed nor when it failed (a full disk), and the desk must be told both
 * honestly. Failed updates are kept, merged, and written again on retry().
 */
class UpdateWriter {
  status: PersistStatus = { state: 'saved' };
  /** Updates not yet committed: queued, or in a transaction not yet complete. */
  private pending = 0;
  private queued: Uint8Array[] = [];
  private quietTimer: ReturnType<typeof setTimeout> | null = null;
  private capTimer: ReturnType<typeof setTimeout> | null = null;
  private cancelIdle: (() => void) | null = null;
  private failed: Uint8Array[] = [];
  /** Batches in a transaction not yet complete. */
  private readonly inFlight = new Set<Uint8Array[]>();
  /** This page's key in `leftBehind`, once something was kept there. */
  private keptAs: string | null = null;
  private readonly listeners = new Set<(status: PersistStatus) => void>();
  private waiters: (() => void)[] = [];
  private trimTimer: ReturnType<typeof setTimeout> | null = null;
  private compacting: Promise<void> | null = null;
  /** Records written since the last compaction (y-indexeddb's own count is set late, after writes may have begun). */
  private sinceCompaction = 0;

  constructor(
    private readonly persistence: IndexeddbPersistence,
    private readonly leftBehind: LeftBehindStorage | null,
  ) {}

  readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this.persistence || this.persistence._destroyed) return;
    this.queued.push(update);
    // Only the editor's typing waits: anything else (a load, an import, a layout step, a
    // remote tab's or desk's change) is stored at once, as another tab opening the edition
    // right now must find it (an empty document would be seeded again).
    if (origin !== ySyncPluginKey) {
      this.pending++;
      this.flush();
      return;
    }
    this.pending++;
    if (this.pending === 1) this.report();
    // Each update moves the end of the wait for a pause (the timer is not re-armed per key: it
    // waits again for what is left when it fires); the first one of a batch starts the cap.
    this.lastUpdateAt = Date.now();
    this.quietTimer ??= setTimeout(this.quietOver, WRITE_QUIET_MS);
    this.capTimer ??= setTimeout(this.flush, WRITE_MAX_WAIT_MS);
  };

  private lastUpdateAt = 0;
  private readonly quietOver = (): void => {
    const left = this.lastUpdateAt + WRITE_QUIET_MS - Date.now();
    if (left > 0) {
      this.quietTimer = setTimeout(this.quietOver, left);
      return;
    }
    this.quietTimer = null;
    this.cancelIdle ??= whenIdle(this.flush, WRITE_MAX_WAIT_MS);
  };

  /** Write every queued update now, in one transaction (a hidden page, settled(), close()). */
  readonly flush = (): void => {
    if (this.quietTimer !== null) clearTimeout(this.quietTimer);
    if (this.capTimer !== null) clearTimeout(this.capTimer);
    this.quietTimer = this.capTimer = null;
    this.cancelIdle?.();
    this.cancelIdle = null;
    const batch = this.queued;
    if (!batch.length) return;
    this.queued = [];
    if (this.pending === batch.length) this.report();
    this.write(batch, false);
  };

  /** `counted`: the updates are not in `pending` yet (a retry). */
  private write(batch: Uint8Array[], counted: boolean): void {
    const db = this.persistence.db;
    if (!db) {
      this.pending -= counted ? 0 : batch.length;
      this.report();
      return;
    }
    if (counted) {
      this.pending += batch.length;
      this.report();
    }
    let done = false;
    this.inFlight.add(batch);
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      this.inFlight.delete(batch);
      this.pending -= batch.length;
      if (error !== undefined) {
        this.failed.push(...batch);
        this.status = { state: 'error', error };
      }
      this.report();
    };
    try {
      const tx = db.transaction(['updates'], 'readwrite');
      tx.oncomplete = () => finish();
      tx.onabort = () => finish(tx.error ?? new DOMException('aborted', 'AbortError'));
      const store = tx.objectStore('updates');
      for (const update of batch) store.add(update);
      // Committed now rather than when the task ends: a page being left may not get another task.
      tx.commit?.();
    } catch (error) {
      finish(error);
      return;
    }
    // After PREFERRED_TRIM_SIZE records (as y-indexeddb), fold them into one, off the main thread.
    this.sinceCompaction += batch.length;
    if (this.sinceCompaction >= PREFERRED_TRIM_SIZE) this.compactSoon(1000);
  }

  /**
   * Compact the store `delay` ms from now (once; a compaction already waiting or running is enough);
   * `thenIdle`: in the first idle period after that (the worker's start and its Yjs code are not
   * what a first load's page should share the cores with).
   */
  compactSoon(delay: number, thenIdle = false): void {
    if (this.trimTimer || this.compacting) return;
    this.trimTimer = setTimeout(() => {
      if (thenIdle) {
        whenIdle(() => this.compactNow(), COMPACT_IDLE_AT_LATEST_MS);
        return;
      }
      this.compactNow();
    }, delay);
  }

  private compactNow(): void {
    this.trimTimer = null;
    const db = this.persistence.db;
    if (this.persistence._destroyed || !db) return;
    const before = this.sinceCompaction;
    this.compacting = compactInBackground(this.persistence.name, db)
      // Records written while it ran wait for the next one.
      .then(() => void (this.sinceCompaction -= before))
      // A failed compaction loses nothing (it is one transaction): the records stay, the next one tries again.
      .catch(() => undefined)
      .finally(() => {
        this.compacting = null;
        // A burst of typing during the run left as many records again: fold them now, not at the next key.
        if (this.sinceCompaction >= PREFERRED_TRIM_SIZE && !this.persistence._destroyed) this.compactSoon(1000);
      });
  }

  /** Resolves when no compaction is waiting or running. */
  async compacted(): Promise<void> {
    while (this.trimTimer || this.compacting) await (this.compacting ?? new Promise((r) => setTimeout(r, 50)));
  }

  retry(): Promise<void> {
    const failed = this.failed;
    this.failed = [];
    if (failed.length) {
      this.status = { state: 'saving' };
      this.write([Y.mergeUpdates(failed)], true);
    }
    return this.settled();
  }

  /** Writes what is queued at once (whoever waits wants it stored now) and resolves when everything is committed or failed. */
  settled(): Promise<void> {
    this.flush();
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  /** See PersistedEdition.leave. */
  leave(): void {
    this.flush();
    if (!this.leftBehind) return;
    const uncommitted = [...this.failed, ...[...this.inFlight].flat()];
    if (!uncommitted.length) return;
    this.keptAs ??= leftBehindKey(this.persistence.name, Math.random().toString(36).slice(2));
    keepLeftBehind(this.leftBehind, this.keptAs, uncommitted);
  }

  on(listener: (status: PersistStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.flush();
    if (this.trimTimer) clearTimeout(this.trimTimer);
    this.trimTimer = null;
  }

  private report(): void {
    const next: PersistStatus = this.failed.length ? this.status : { state: this.pending ? 'saving' : 'saved' };
    if (next.state === 'error' && !this.failed.length) return;
    this.status = next;
    if (this.pending === 0 && this.keptAs && this.leftBehind && !this.failed.length) {
      // A page hidden and shown again: all it kept is in the database now.
      forgetLeftBehind(this.leftBehind, [this.keptAs]);
      this.keptAs = null;
    }
    if (this.pending === 0) for (const w of this.waiters.splice(0)) w();
    for (const l of this.listeners) l(this.status);
  }
}

/**
 * Open (or create) the stored document of an edition. Resolves once what the
 * database holds is in the doc; from then on every change is written as it
 * happens. A doc created here and then filled (`dispatch`, migration) is stored
 * in full at the first sync, so nothing written before the open is lost.
 */
export async function openPersistedEdition(
  editionId: string,
  doc: Y.Doc = new Y.Doc(),
  leftBehind: LeftBehindStorage | null = browserLeftBehind(),
  earlyRead: Promise<EarlyRead<Uint8Array> | null> | null = takeEarlyEdition(editionId),
): Promise<PersistedEdition> {
  const early = await earlyRead?.catch(() => null);
  const persistence = new IndexeddbPersistence(editionDatabaseName(editionId), doc);
  if (early && early.lastKey !== null) {
    // The records index.html's script read are not read again: y-indexeddb reads from `_dbref`
    // on (its own cursor, which its first read sets past the last record), so only what was
    // stored after them (another tab's writes, a compaction's merged record: the union is the
    // same document). They go into the doc as y-indexeddb's own would, origin and all (not
    // written back), before anyone hears it is synced.
    persistence._dbref = early.lastKey + 1;
    const updates = early.values;
    persistence.once('synced', () => Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)), persistence, false));
  }
  // Our writer replaces y-indexeddb's (same store, same format), to see commits and failures.
  doc.off('update', persistence._storeUpdate);
  const writer = new UpdateWriter(persistence, leftBehind);
  // Listening from the moment the stored records are in the doc, not before: Yjs encodes a
  // transaction's update only for 'update' listeners, and encoding the whole loaded history
  // (which the writer would skip anyway) was most of the time an open took. What the doc held
  // before the load is stored by y-indexeddb itself, in the load's transaction.
  persistence.once('synced', () => doc.on('update', writer.onUpdate));
  // A page being closed, reloaded or hidden (the last moment a phone or a tab switch guarantees) writes what waits.
  const flushOnLeave = () => writer.leave();
  const flushWhenHidden = () => document.visibilityState === 'hidden' && writer.leave();
  if (typeof addEventListener === 'function') addEventListener('pagehide', flushOnLeave);
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', flushWhenHidden);
  await persistence.whenSynced;
  if (early && early.lastKey !== null) {
    const readUpTo = early.lastKey;
    // Record keys only grow, and the open itself wrote one past the early read; a store whose
    // last key is not past it was emptied since (the edition deleted in another tab while this
    // page loaded, and made again by this open). It holds none of what the doc shows: store the
    // whole doc once, or every later edit would stand on records that are gone. Not awaited: the
    // check is one key read, and an edit made meanwhile is in the whole doc too.
    void lastStoredKey(persistence.db).then((last) => {
      if (last !== null && last <= readUpTo) writer.onUpdate(Y.encodeStateAsUpdate(doc), STORED_AGAIN);
    });
  }
  if (leftBehind) {
    // What a page left before its write landed: written now (at once: not the editor's origin),
    // forgotten once committed.
    const { keys, updates } = findLeftBehind(leftBehind, persistence.name);
    if (updates.length) Y.transact(doc, () => updates.forEach((u) => Y.applyUpdate(doc, u)), LEFT_BEHIND);
    if (keys.length) void writer.settled().then(() => writer.status.state === 'saved' && forgetLeftBehind(leftBehind, keys));
  }
  // The records a desk typed since the last compaction: fold them once the edition is on screen
  // (in the worker; when the store holds one record already, it only reads it).
  writer.compactSoon(COMPACT_AFTER_OPEN_MS, true);
  const edition = new EditionDocument(doc);
  return {
    document: edition,
    persistence,
    onStatus: (listener) => writer.on(listener),
    get status() {
      return writer.status;
    },
    retry: () => writer.retry(),
    leave: () => writer.leave(),
    settled: () => writer.settled(),
    compacted: () => writer.compacted(),
    close: async () => {
      await writer.settled();
      doc.off('update', writer.onUpdate);
      if (typeof removeEventListener === 'function') removeEventListener('pagehide', flushOnLeave);
      if (typeof document !== 'undefined') document.removeEventListener('visibilitychange', flushWhenHidden);
      writer.dispose();
      await writer.compacted();
      await persistence.destroy();
    },
  };
}
