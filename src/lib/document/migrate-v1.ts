// Editions saved by the first build (IndexedDB `galley` v1: stores `editions`,
// `stories`, `meta`) opened as edition documents. Every record is checked with
// the same rules the v1 loader used; each healthy edition becomes a document
// with all its stories (in its order, stories found only by their editionId
// last), pages, modules and photos. The v1 database is only read, never
// changed: damaged records stay there, named in the result, for export.
import { translate } from '../i18n/catalog';
import type { Edition, Story } from '../model/edition';
import type { EditionRecord, GalleyDatabase, SessionRecord } from '../storage/db';
import { checkEditionRecord, checkStoryRecord, fromStoryRecord, nameOfRecord } from '../storage/records';
import { SESSION_KEY } from '../storage/edition-store';
import { EditionDocument, ORIGIN } from './edition-document';
import * as Y from 'yjs';
import { EditionIndex, openPersistedEdition, type LibraryDatabase } from './persistence';

export interface V1Damaged {
  store: 'editions' | 'stories';
  id: string;
  name: string;
  reason: string;
}

export interface V1Contents {
  editions: Edition[];
  /** The edition the desk last had open, if the session record names one. */
  session: SessionRecord | null;
  damaged: V1Damaged[];
}

/** Read every edition of a v1 database as plain data, exactly as v1 would have opened it. */
export async function readV1(db: GalleyDatabase): Promise<V1Contents> {
  const damaged: V1Damaged[] = [];
  const storiesOf = new Map<string, Story[]>();
  for (const record of (await db.getAll('stories')) as unknown[]) {
    const checked = checkStoryRecord(record);
    if (!checked.ok) {
      damaged.push({ store: 'stories', id: String((record as { id?: unknown })?.id ?? '?'), name: nameOfRecord(record), reason: translate('en', `reason.${checked.code}`, checked.params) });
      continue;
    }
    const list = storiesOf.get(checked.value.editionId) ?? [];
    list.push(fromStoryRecord(checked.value));
    storiesOf.set(checked.value.editionId, list);
  }
  const editions: Edition[] = [];
  for (const record of (await db.getAll('editions')) as unknown[]) {
    const checked = checkEditionRecord(record);
    if (!checked.ok) {
      damaged.push({ store: 'editions', id: String((record as { id?: unknown })?.id ?? '?'), name: nameOfRecord(record), reason: translate('en', `reason.${checked.code}`, checked.params) });
      continue;
    }
    const { storyIds, ...fields } = checked.value as EditionRecord;
    editions.push({ ...fields, stories: inOrder(storiesOf.get(fields.id) ?? [], storyIds) });
  }
  const session = (await db.get('meta', SESSION_KEY)) as SessionRecord | undefined;
  return { editions, session: session && typeof session.editionId === 'string' ? session : null, damaged };
}

function inOrder(stories: Story[], order: string[]): Story[] {
  const byId = new Map(stories.map((s) => [s.id, s]));
  const out: Story[] = [];
  for (const id of order) {
    const story = byId.get(id);
    if (story) {
      out.push(story);
      byId.delete(id);
    }
  }
  return [...out, ...byId.values()];
}

/** A v1 edition as a new edition document (one untracked transaction; not undoable). */
export function documentFromV1(edition: Edition, doc: Y.Doc = new Y.Doc()): EditionDocument {
  const document = new EditionDocument(doc);
  document.dispatch(uniquePlacementIds(edition), ORIGIN.migration);
  return document;
}

/**
 * The document keys modules by placement id across the edition; v1 never
 * promised that ids were unique across pages, so a repeated id is renamed
 * rather than letting one module overwrite the other.
 */
function uniquePlacementIds(edition: Edition): Edition {
  const seen = new Set<string>();
  let renamed = false;
  const pages = edition.pages.map((page) => ({
    ...page,
    placements: page.placements.map((p) => {
      let id = p.id;
      for (let n = 2; seen.has(id); n++) id = `${p.id}#${n}`;
      seen.add(id);
      if (id === p.id) return p;
      renamed = true;
      return { ...p, id };
    }),
  }));
  return renamed ? { ...edition, pages } : edition;
}

/**
 * Move every edition of a v1 database into its own stored document and the
 * edition list. An edition already in the list is skipped (migration runs at
 * each start until v1 is empty, and must not add its content twice).
 * Returns the ids migrated now.
 */
export async function migrateV1Database(v1: GalleyDatabase, library: LibraryDatabase): Promise<{ migrated: string[]; contents: V1Contents }> {
  const contents = await readV1(v1);
  const index = new EditionIndex(library);
  const migrated: string[] = [];
  for (const edition of contents.editions) {
    if (await index.get(edition.id)) continue;
    const stored = await openPersistedEdition(edition.id);
    try {
      if (!stored.document.id) stored.document.dispatch(uniquePlacementIds(edition), ORIGIN.migration);
      await index.put(stored.document.snapshot());
      migrated.push(edition.id);
    } finally {
      await stored.close();
    }
  }
  return { migrated, contents };
}
