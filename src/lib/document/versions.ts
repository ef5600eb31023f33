// Saved versions of an edition. A version is the whole encoded Yjs state
// (`Y.encodeStateAsUpdate`) rather than a `Y.snapshot`: a snapshot needs the
// doc to keep every deleted item forever (gc off), which would make every
// edition grow without bound; an encoded state of a newspaper edition is tens
// to hundreds of kB and pruning (below) keeps their number small.
//
// Pruning (`versionsToPrune`), per edition:
// - named versions are kept until the desk deletes them;
// - automatic versions younger than one day: one per 5 minutes;
// - automatic versions from one day to one week old: one per hour;
// - automatic versions older than a week: one per day.
// In each time slot the newest version is the one kept.
import * as Y from 'yjs';
import type { Edition } from '../model/edition';
import { EditionDocument, ORIGIN } from './edition-document';
import type { LibraryDatabase, VersionRecord } from './persistence';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface SaveVersionOptions {
  author: string;
  /** A named version; without a name the version is automatic. */
  name?: string;
  reason?: string;
  time?: number;
}

/** The version list of an edition, in the library database. */
export class VersionStore {
  constructor(private readonly db: LibraryDatabase) {}

  async save(document: EditionDocument, options: SaveVersionOptions): Promise<VersionRecord> {
    const time = options.time ?? Date.now();
    const editionId = document.id;
    const record: VersionRecord = {
      id: `${editionId}@${time}-${Math.random().toString(36).slice(2, 8)}`,
      editionId,
      time,
      author: options.author,
      name: options.name ?? null,
      kind: options.name ? 'named' : 'auto',
      ...(options.reason ? { reason: options.reason } : {}),
      state: Y.encodeStateAsUpdate(document.doc),
    };
    await this.db.put('versions', record);
    return record;
  }

  /** Versions of an edition, newest first. */
  async list(editionId: string): Promise<VersionRecord[]> {
    const all = await this.db.getAllFromIndex('versions', 'editionId', editionId);
    return all.sort((a, b) => b.time - a.time);
  }

  async get(id: string): Promise<VersionRecord | undefined> {
    return this.db.get('versions', id);
  }

  async remove(id: string): Promise<void> {
    await this.db.delete('versions', id);
  }

  /** Apply the pruning rule to an edition's versions; returns the ids removed. */
  async prune(editionId: string, now = Date.now()): Promise<string[]> {
    const doomed = versionsToPrune(await this.list(editionId), now);
    const tx = this.db.transaction('versions', 'readwrite');
    await Promise.all([...doomed.map((id) => tx.store.delete(id)), tx.done]);
    return doomed;
  }
}

/** A version as plain data, for a read-only preview (Proof view). */
export function previewVersion(version: Pick<VersionRecord, 'state'>): Edition {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version.state);
  const document = new EditionDocument(doc);
  const edition = document.snapshot();
  document.destroy();
  doc.destroy();
  return edition;
}

/**
 * Bring the edition back to a version, as one new transaction on top of the
 * current state (tracked by layout undo, so a restore can itself be undone;
 * other desks receive it as an ordinary change). Call `save` first so the
 * state before the restore is a version too.
 */
export function restoreVersion(document: EditionDocument, version: Pick<VersionRecord, 'state'>): Edition {
  const old = previewVersion(version);
  // The version's settings may carry an older updatedAt; the restore is a change made now.
  return document.dispatch({ ...old, id: document.id || old.id, updatedAt: Date.now() }, ORIGIN.restore);
}

/** Which versions the pruning rule (see top of file) removes. */
export function versionsToPrune(versions: readonly Pick<VersionRecord, 'id' | 'time' | 'kind'>[], now: number): string[] {
  const kept = new Set<string>();
  const doomed: string[] = [];
  for (const v of [...versions].sort((a, b) => b.time - a.time)) {
    if (v.kind === 'named') continue;
    const age = now - v.time;
    const slot = age < DAY ? `m${Math.floor(v.time / (5 * MINUTE))}` : age < 7 * DAY ? `h${Math.floor(v.time / HOUR)}` : `d${Math.floor(v.time / DAY)}`;
    if (kept.has(slot)) doomed.push(v.id);
    else kept.add(slot);
  }
  return doomed;
}

export interface AutoVersionOptions {
  author: string;
  /** ms of editing between automatic versions (5 minutes). */
  every?: number;
  /** The clock, so tests need no waiting. */
  now?: () => number;
}

/**
 * Automatic versions of one edition: one after every `every` ms during which
 * this desk edited (changes from other desks are their desks' to keep), and one
 * on demand before a risky step (import, auto-layout, replace-all, restore).
 * The app calls `tick()` from a timer (e.g. every 30 s) and `before(reason)`.
 */
export class AutoVersions {
  private readonly every: number;
  private readonly now: () => number;
  private lastSaved: number;
  private edited = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly document: EditionDocument,
    private readonly store: VersionStore,
    private readonly options: AutoVersionOptions,
  ) {
    this.every = options.every ?? 5 * MINUTE;
    this.now = options.now ?? Date.now;
    this.lastSaved = this.now();
    this.unsubscribe = document.subscribe((origin, local) => {
      if (local && origin !== ORIGIN.load && origin !== ORIGIN.migration) this.edited = true;
    });
  }

  /** Save a version when this desk has edited and the interval has passed; resolves to it, or null. */
  async tick(): Promise<VersionRecord | null> {
    const now = this.now();
    if (!this.edited || now - this.lastSaved < this.every) return null;
    return this.save('interval', now);
  }

  /** A version of the state just before a risky step. */
  async before(reason: 'import' | 'auto-layout' | 'replace-all' | 'restore'): Promise<VersionRecord> {
    return this.save(reason, this.now());
  }

  stop(): void {
    this.unsubscribe();
  }

  private async save(reason: string, time: number): Promise<VersionRecord> {
    this.edited = false;
    this.lastSaved = time;
    return this.store.save(this.document, { author: this.options.author, reason, time });
  }
}
