// Reading and writing one edition. Loading never fails because of one bad
// story: damaged records are set aside (quarantined) with a reason, kept in the
// database untouched, and handed back so the app can name them and export them.
import type { Edition, Story } from '../model/edition';
import { isView } from '../state/view';
import type { GalleyDatabase, SessionRecord } from './db';
import { checkEditionRecord, checkStoryRecord, fromStoryRecord, nameOfRecord, toEditionRecord, toStoryRecord } from './records';

export const SESSION_KEY = 'session';

/** A stored record the app could not open. It stays in the database as it is. */
export interface DamagedRecord {
  store: 'editions' | 'stories';
  id: string;
  /** Slug or title if readable, for the message the desk reads. */
  name: string;
  reason: string;
  /** The record exactly as read, for export. */
  record: unknown;
}

export interface LoadedEdition {
  /** null when the database is empty or the edition record itself is damaged. */
  edition: Edition | null;
  session: SessionRecord | null;
  damaged: DamagedRecord[];
}

export async function loadEdition(db: GalleyDatabase): Promise<LoadedEdition> {
  const damaged: DamagedRecord[] = [];
  const rawSession = await db.get('meta', SESSION_KEY);
  const session = checkSession(rawSession);
  let editionRecord: unknown = session ? await db.get('editions', session.editionId) : undefined;
  if (editionRecord === undefined) {
    // No session (first run, or it was lost): take the most recently updated edition, if any.
    const all = await db.getAll('editions');
    editionRecord = all.sort((a, b) => (Number((b as { updatedAt?: unknown }).updatedAt) || 0) - (Number((a as { updatedAt?: unknown }).updatedAt) || 0))[0];
  }
  if (editionRecord === undefined) return { edition: null, session: null, damaged };

  const checkedEdition = checkEditionRecord(editionRecord);
  if (!checkedEdition.ok) {
    const id = typeof (editionRecord as { id?: unknown })?.id === 'string' ? (editionRecord as { id: string }).id : '?';
    damaged.push({ store: 'editions', id, name: nameOfRecord(editionRecord), reason: checkedEdition.reason, record: editionRecord });
    return { edition: null, session: null, damaged };
  }
  const { storyIds, ...editionFields } = checkedEdition.value;
  const stored = await db.getAllFromIndex('stories', 'editionId', editionFields.id);
  const byId = new Map<string, Story>();
  for (const record of stored as unknown[]) {
    const checked = checkStoryRecord(record);
    if (checked.ok) byId.set(checked.value.id, fromStoryRecord(checked.value));
    else {
      const id = typeof (record as { id?: unknown })?.id === 'string' ? (record as { id: string }).id : '?';
      damaged.push({ store: 'stories', id, name: nameOfRecord(record), reason: checked.reason, record });
    }
  }
  // Keep the edition's order; a story found only through the index goes last rather than being lost.
  const stories: Story[] = [];
  for (const id of storyIds) {
    const story = byId.get(id);
    if (story) {
      stories.push(story);
      byId.delete(id);
    }
  }
  stories.push(...byId.values());
  const edition: Edition = { ...editionFields, stories };
  const usableSession = session && session.editionId === edition.id ? session : null;
  return { edition, session: usableSession, damaged };
}

function checkSession(value: unknown): SessionRecord | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.editionId !== 'string' || !isView(v.view)) return null;
  return {
    editionId: v.editionId,
    view: v.view,
    selectedStoryId: typeof v.selectedStoryId === 'string' ? v.selectedStoryId : null,
  };
}

export interface SaveOptions {
  /** Stories to write; 'all' writes every story (first save, after an import). */
  changedStoryIds: ReadonlySet<string> | 'all';
  /** Stories the desk removed from the edition since the last save. */
  removedStoryIds?: ReadonlySet<string>;
  /** Ids of quarantined records: never written over, never deleted. */
  protectedIds: ReadonlySet<string>;
  session: Omit<SessionRecord, 'editionId'>;
}

/**
 * Write the edition, its changed stories and the session in one transaction,
 * so a crash leaves either the old state or the new one. Every request is
 * queued synchronously and the transaction committed at once: this runs in
 * `pagehide`, where a request that waits for a reply may never get one.
 */
export async function saveEdition(db: GalleyDatabase, edition: Edition, options: SaveOptions): Promise<void> {
  const tx = db.transaction(['editions', 'stories', 'meta'], 'readwrite');
  const stories = tx.objectStore('stories');
  const writes: Promise<unknown>[] = [];
  try {
    writes.push(tx.objectStore('editions').put(toEditionRecord(edition)));
    for (const story of edition.stories) {
      if (options.protectedIds.has(story.id)) continue;
      if (options.changedStoryIds === 'all' || options.changedStoryIds.has(story.id)) {
        writes.push(stories.put(toStoryRecord(story, edition.id)));
      }
    }
    const present = new Set(edition.stories.map((s) => s.id));
    for (const id of options.removedStoryIds ?? []) {
      if (!present.has(id) && !options.protectedIds.has(id)) writes.push(stories.delete(id));
    }
    writes.push(tx.objectStore('meta').put({ editionId: edition.id, ...options.session } satisfies SessionRecord, SESSION_KEY));
    // Older browsers lack commit(); they commit when the requests finish anyway.
    (tx as unknown as { commit?: () => void }).commit?.();
    await Promise.all([...writes, tx.done]);
  } catch (error) {
    // One failure aborts the transaction and rejects every request; report it once.
    for (const w of writes) w.catch(() => {});
    tx.done.catch(() => {});
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    throw error;
  }
}

export type StorageErrorKind = 'quota' | 'unavailable' | 'write';

/** What kind of failure a storage error is, for the message the desk reads. */
export function classifyStorageError(error: unknown): StorageErrorKind {
  const name = (error as { name?: unknown })?.name;
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return 'quota';
  if (name === 'StorageUnavailableError' || name === 'InvalidStateError') return 'unavailable';
  return 'write';
}
