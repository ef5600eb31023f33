// Reading and writing one edition. Loading never fails because of one bad
// story: damaged records are set aside (quarantined) with a reason, kept in the
// database untouched, and handed back so the app can name them and export them.
import type { Edition, Story } from '../model/edition';
import { isView } from '../model/view';
import type { EditionRecord, GalleyDatabase, SessionRecord } from './db';
import { translate } from '../i18n/catalog';
import { checkEditionRecord, checkStoryRecord, fromStoryRecord, nameOfRecord, toEditionRecord, toStoryRecord, type ReasonCode, type Refusal } from './records';

export const SESSION_KEY = 'session';

/** A stored record the app could not open. It stays in the database as it is. */
export interface DamagedRecord {
  store: 'editions' | 'stories';
  id: string;
  /** Slug or title if readable, for the message the desk reads. */
  name: string;
  /** Why, in the catalog's English (kept in the export for whoever repairs the record). */
  reason: string;
  /** The same reason as a code the UI translates (`reason.<code>`). */
  reasonCode: ReasonCode;
  reasonParams: Refusal['params'];
  /** The record exactly as read, for export. */
  record: unknown;
}

export interface LoadedEdition {
  /** null when the database is empty, or its only edition is damaged with no story left to recover. */
  edition: Edition | null;
  session: SessionRecord | null;
  /** Every damaged record in the database, on every load, until the desk deals with it. */
  damaged: DamagedRecord[];
  /**
   * Set when the edition to open was damaged and its healthy stories were
   * gathered into a repaired edition (new id, so the damaged record is never
   * overwritten). The repaired edition is not yet stored: the caller saves it.
   */
  recovered?: { fromId: string; stories: number; into: 'repaired' | 'opened' };
}

/** The id under which a damaged edition's stories are gathered. */
export function repairedEditionId(damagedId: string): string {
  return `${damagedId}-repaired`;
}

function recordId(record: unknown): string {
  return typeof (record as { id?: unknown })?.id === 'string' ? (record as { id: string }).id : '?';
}

function damagedOf(store: DamagedRecord['store'], record: unknown, failed: Refusal): DamagedRecord {
  const reason = translate('en', `reason.${failed.code}`, failed.params);
  return { store, id: recordId(record), name: nameOfRecord(record), reason, reasonCode: failed.code, reasonParams: failed.params, record };
}

/**
 * Read everything and open one edition. Every record is checked on every
 * load, so a damaged one is named again after any number of reloads (it is
 * never overwritten, so it never silently heals or vanishes). When the edition
 * to open is itself damaged, its healthy stories are gathered into a repaired
 * edition: a newsroom never loses copy because a page list broke.
 */
export async function loadEdition(db: GalleyDatabase): Promise<LoadedEdition> {
  const damaged: DamagedRecord[] = [];
  const session = checkSession(await db.get('meta', SESSION_KEY));
  // One read of each store: an edition holds tens to hundreds of stories, so this stays cheap.
  const editionRecords = (await db.getAll('editions')) as unknown[];
  const storyRecords = (await db.getAll('stories')) as unknown[];

  const healthy = new Map<string, EditionRecord>();
  const broken = new Map<string, unknown>();
  for (const record of editionRecords) {
    const checked = checkEditionRecord(record);
    if (checked.ok) healthy.set(checked.value.id, checked.value);
    else {
      damaged.push(damagedOf('editions', record, checked));
      broken.set(recordId(record), record);
    }
  }
  const storiesOf = new Map<string, Story[]>();
  for (const record of storyRecords) {
    const checked = checkStoryRecord(record);
    if (!checked.ok) {
      damaged.push(damagedOf('stories', record, checked));
      continue;
    }
    const list = storiesOf.get(checked.value.editionId) ?? [];
    list.push(fromStoryRecord(checked.value));
    storiesOf.set(checked.value.editionId, list);
  }

  const newest = <T>(records: Iterable<T>): T | undefined =>
    [...records].sort((a, b) => (Number((b as { updatedAt?: unknown }).updatedAt) || 0) - (Number((a as { updatedAt?: unknown }).updatedAt) || 0))[0];

  // Which edition to open: the session's; else the newest healthy one; else the newest damaged one, repaired.
  let target: { kind: 'healthy'; record: EditionRecord } | { kind: 'broken'; record: unknown } | null = null;
  const sessionId = session?.editionId;
  if (sessionId && healthy.has(sessionId)) target = { kind: 'healthy', record: healthy.get(sessionId)! };
  else if (sessionId && broken.has(sessionId)) target = { kind: 'broken', record: broken.get(sessionId) };
  else if (healthy.size) target = { kind: 'healthy', record: newest(healthy.values())! };
  else if (broken.size) target = { kind: 'broken', record: newest(broken.values()) };
  if (!target) return { edition: null, session: null, damaged };

  if (target.kind === 'broken') {
    const fromId = recordId(target.record);
    // Repaired before (the session write may have failed): open that one.
    const earlier = healthy.get(repairedEditionId(fromId));
    if (earlier) target = { kind: 'healthy', record: earlier };
    else {
      const stories = orderStories(storiesOf.get(fromId) ?? [], (target.record as { storyIds?: unknown })?.storyIds);
      if (!stories.length) return { edition: null, session: null, damaged };
      const edition = repairEdition(target.record, repairedEditionId(fromId), stories);
      return { edition, session: session ? { ...session, editionId: edition.id } : null, damaged, recovered: { fromId, stories: stories.length, into: 'repaired' } };
    }
  }

  const { storyIds, ...editionFields } = target.record;
  const stories = orderStories(storiesOf.get(editionFields.id) ?? [], storyIds);
  // Healthy stories of a damaged edition never repaired (an older build opened the
  // sample instead): bring them into this edition, after its own, rather than leave
  // them unreachable in the database.
  let recovered: LoadedEdition['recovered'];
  for (const [brokenId, record] of broken) {
    if (healthy.has(repairedEditionId(brokenId))) continue;
    const orphans = orderStories(storiesOf.get(brokenId) ?? [], (record as { storyIds?: unknown })?.storyIds);
    if (!orphans.length) continue;
    stories.push(...orphans);
    recovered = { fromId: brokenId, stories: (recovered?.stories ?? 0) + orphans.length, into: 'opened' };
  }
  const edition: Edition = { ...editionFields, stories };
  const usableSession = session && session.editionId === edition.id ? session : null;
  return { edition, session: usableSession, damaged, ...(recovered ? { recovered } : {}) };
}

/** The edition's order; a story found only through its editionId goes last rather than being lost. */
function orderStories(stories: Story[], order: unknown): Story[] {
  const byId = new Map(stories.map((s) => [s.id, s]));
  const out: Story[] = [];
  if (Array.isArray(order)) {
    for (const id of order) {
      const story = typeof id === 'string' ? byId.get(id) : undefined;
      if (story) {
        out.push(story);
        byId.delete(id as string);
      }
    }
  }
  out.push(...byId.values());
  return out;
}

/**
 * An edition rebuilt around the healthy stories of a damaged record: every
 * field that still passes its check is kept, pages only if each one is sound
 * (placements of other stories dropped), the rest falls back to empty.
 */
function repairEdition(record: unknown, id: string, stories: Story[]): Edition {
  const r = (typeof record === 'object' && record !== null ? record : {}) as Record<string, unknown>;
  const storyIds = new Set(stories.map((s) => s.id));
  const pages: Edition['pages'] = [];
  if (Array.isArray(r.pages)) {
    for (const page of r.pages) {
      const probe = checkEditionRecord({ id, title: '', date: '', issueNumber: 0, language: 'zh', revision: 0, updatedAt: 0, storyIds: [], pages: [page] });
      if (probe.ok) {
        const p = probe.value.pages[0];
        pages.push({ ...p, placements: p.placements.filter((pl) => storyIds.has(pl.storyId)) });
      }
    }
  }
  const photos = r.photos && typeof r.photos === 'object' && Object.values(r.photos).every((v) => typeof v === 'string') ? (r.photos as Record<string, string>) : undefined;
  return {
    id,
    title: typeof r.title === 'string' ? r.title : '',
    date: typeof r.date === 'string' ? r.date : '',
    issueNumber: typeof r.issueNumber === 'number' ? r.issueNumber : 0,
    language: r.language === 'en' ? 'en' : 'zh',
    pages,
    stories,
    // The first build's photos are data URLs: the document keeps them until the photo desk moves them into the photo store.
    ...(photos ? { photos: photos as unknown as Edition['photos'] } : {}),
    revision: 0,
    updatedAt: Date.now(),
  };
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
