import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DB_NAME,
  DB_VERSION,
  classifyStorageError,
  loadEdition,
  openGalleyDB,
  saveEdition,
  type GalleyDatabase,
} from '../../src/lib/storage';
import { checkStoryRecord } from '../../src/lib/storage/records';
import { translate } from '../../src/lib/i18n/catalog';
import type { Edition, Story } from '../../src/lib/model/edition';

function story(id: string, text: string, priority = 1): Story {
  return {
    id,
    slug: `slug-${id}`,
    doc: {
      type: 'doc',
      content: [
        { type: 'headline', content: [{ type: 'text', text: `标题${id}` }] },
        { type: 'paragraph', content: [{ type: 'text', text, marks: [{ type: 'strong' }] }] },
        { type: 'jump_line', attrs: { direction: 'continuedTo', page: 2 } },
      ],
    },
    meta: { section: '要闻', priority, status: 'raw', tags: ['tag'] },
    raw: text,
  };
}

function edition(stories: Story[]): Edition {
  return {
    id: 'ed-1',
    title: 'Galley 日报',
    date: '2022-01-08',
    issueNumber: 7,
    language: 'zh',
    pages: [
      {
        id: 'p1',
        number: 1,
        grid: { preset: 'duikai', widthMm: 390, heightMm: 545, margins: { top: 20, right: 20, bottom: 25, left: 20 }, columns: 8, gutterMm: 2.5, bodySizePt: 9, leadingPt: 13.5 },
        placements: [{ id: 'pl1', storyId: 'a', part: 1, column: 0, span: 4, line: 10, lines: 40 }],
      },
    ],
    stories,
    revision: 3,
    updatedAt: 1000,
  };
}

const session = { view: 'layout' as const, selectedStoryId: 'b' };

let db: GalleyDatabase;

beforeEach(async () => {
  // A fresh, empty browser database for every test.
  globalThis.indexedDB = new IDBFactory();
  db = await openGalleyDB();
});

afterEach(() => {
  db.close();
  vi.restoreAllMocks();
});

describe('the galley database', () => {
  it('is created from nothing by the upgrade path with its stores and index', () => {
    expect(db.name).toBe(DB_NAME);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['editions', 'meta', 'stories']);
    const tx = db.transaction('stories');
    expect([...tx.store.indexNames]).toEqual(['editionId']);
  });

  it('opens an empty database to no edition', async () => {
    expect(await loadEdition(db)).toEqual({ edition: null, session: null, damaged: [] });
  });

  it('round-trips an edition exactly: stories in order, pages, placements and the session', async () => {
    const ed = edition([story('a', '正文甲'), story('b', '正文乙', 2), story('c', '正文丙', 3)]);
    await saveEdition(db, ed, { changedStoryIds: 'all', protectedIds: new Set(), session });
    const loaded = await loadEdition(db);
    expect(loaded.edition).toEqual(ed);
    expect(loaded.session).toEqual({ editionId: 'ed-1', ...session });
    expect(loaded.damaged).toEqual([]);
  });

  it('writes only the changed stories and deletes the ones removed from the edition', async () => {
    const ed = edition([story('a', '一'), story('b', '二')]);
    await saveEdition(db, ed, { changedStoryIds: 'all', protectedIds: new Set(), session });
    // Change b in memory but declare only a as changed: b on disk must stay old.
    const next = edition([story('a', '一改'), story('b', '二改')]);
    await saveEdition(db, next, { changedStoryIds: new Set(['a']), protectedIds: new Set(), session });
    expect((await db.get('stories', 'a'))?.raw).toBe('一改');
    expect((await db.get('stories', 'b'))?.raw).toBe('二');
    await saveEdition(db, edition([story('a', '一改')]), { changedStoryIds: new Set(), removedStoryIds: new Set(['b']), protectedIds: new Set(), session });
    expect(await db.get('stories', 'b')).toBeUndefined();
    expect((await loadEdition(db)).edition?.stories.map((s) => s.id)).toEqual(['a']);
  });
});

describe('damaged records', () => {
  it('quarantines a story whose doc the schema rejects, opens the rest, and keeps the record', async () => {
    const ed = edition([story('a', '好的'), story('b', '坏的'), story('c', '也好')]);
    await saveEdition(db, ed, { changedStoryIds: 'all', protectedIds: new Set(), session });
    const bad = { ...(await db.get('stories', 'b'))!, doc: { type: 'doc', content: [{ type: 'no_such_block' }] } };
    await db.put('stories', bad as never);

    const loaded = await loadEdition(db);
    expect(loaded.edition?.stories.map((s) => s.id)).toEqual(['a', 'c']);
    expect(loaded.damaged).toHaveLength(1);
    expect(loaded.damaged[0]).toMatchObject({ store: 'stories', id: 'b', name: 'slug-b' });
    expect(loaded.damaged[0].reason).toMatch(/no_such_block/);
    // The export keeps the reason as its code and params, and in the catalog's English for whoever repairs it.
    expect(loaded.damaged[0].reasonCode).toBe('docInvalid');
    expect(loaded.damaged[0].reason).toBe(translate('en', 'reason.docInvalid', loaded.damaged[0].reasonParams));
    expect(loaded.damaged[0].record).toEqual(bad);

    // Autosave of the edition without b, with b protected: b is neither deleted nor overwritten.
    const withB = { ...loaded.edition!, stories: [...loaded.edition!.stories, story('b', '同名新稿')] };
    await saveEdition(db, withB, { changedStoryIds: 'all', protectedIds: new Set(['b']), session });
    expect(await db.get('stories', 'b')).toEqual(bad);
    await saveEdition(db, loaded.edition!, { changedStoryIds: 'all', removedStoryIds: new Set(['b']), protectedIds: new Set(['b']), session });
    expect(await db.get('stories', 'b')).toEqual(bad);
  });

  it('rejects wrong shapes: missing meta, bad status, non-text content', () => {
    const good = { ...story('x', '文'), editionId: 'e' };
    expect(checkStoryRecord(good).ok).toBe(true);
    expect(checkStoryRecord({ ...good, meta: undefined })).toEqual({ ok: false, code: 'meta', params: {} });
    expect(checkStoryRecord({ ...good, meta: { ...good.meta, status: 'lost' } }).ok).toBe(false);
    expect(checkStoryRecord({ ...good, meta: { ...good.meta, priority: 0 } }).ok).toBe(false);
    // A paragraph holding a block is content the schema does not allow.
    const nested = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'headline' }] }] };
    expect(checkStoryRecord({ ...good, doc: nested }).ok).toBe(false);
    expect(checkStoryRecord('just a string').ok).toBe(false);
  });

  it('a damaged edition is gathered into a repaired one, reported on every load, never overwritten', async () => {
    const ed = edition([story('a', '好的'), story('b', '也好')]);
    await saveEdition(db, ed, { changedStoryIds: 'all', protectedIds: new Set(), session });
    const bad = { ...(await db.get('editions', 'ed-1'))!, pages: [{ id: 'p1', number: 1, grid: 'gone', placements: [] }] };
    await db.put('editions', bad as never);

    const first = await loadEdition(db);
    expect(first.recovered).toEqual({ fromId: 'ed-1', stories: 2, into: 'repaired' });
    expect(first.edition?.id).toBe('ed-1-repaired');
    expect(first.edition?.stories.map((s) => s.id)).toEqual(['a', 'b']);
    expect(first.edition?.pages).toEqual([]);
    expect(first.damaged[0]).toMatchObject({ store: 'editions', id: 'ed-1', reasonCode: 'grid', reasonParams: { page: 1 } });
    await saveEdition(db, first.edition!, { changedStoryIds: 'all', protectedIds: new Set(['ed-1']), session });

    const second = await loadEdition(db);
    expect(second.recovered).toBeUndefined();
    expect(second.edition?.id).toBe('ed-1-repaired');
    expect(second.edition?.stories.map((s) => s.id)).toEqual(['a', 'b']);
    expect(second.damaged.map((d) => d.id)).toEqual(['ed-1']);
    expect(await db.get('editions', 'ed-1')).toEqual(bad);
  });

  it('healthy stories left under a damaged edition by an older build join the opened edition', async () => {
    await saveEdition(db, edition([story('a', '旧稿')]), { changedStoryIds: 'all', protectedIds: new Set(), session });
    await db.put('editions', { ...(await db.get('editions', 'ed-1'))!, pages: 'x' } as never);
    const sample = { ...edition([story('s', '示例')]), id: 'sample' };
    await saveEdition(db, sample, { changedStoryIds: 'all', protectedIds: new Set(['ed-1']), session });

    const loaded = await loadEdition(db);
    expect(loaded.edition?.id).toBe('sample');
    expect(loaded.edition?.stories.map((s) => s.id)).toEqual(['s', 'a']);
    expect(loaded.recovered).toEqual({ fromId: 'ed-1', stories: 1, into: 'opened' });
    await saveEdition(db, loaded.edition!, { changedStoryIds: 'all', protectedIds: new Set(['ed-1']), session });
    const again = await loadEdition(db);
    expect(again.edition?.stories.map((s) => s.id)).toEqual(['s', 'a']);
    expect(again.recovered).toBeUndefined();
    expect(again.damaged.map((d) => d.id)).toEqual(['ed-1']);
  });

  it('a damaged story of another edition is still reported', async () => {
    await saveEdition(db, edition([story('a', '好的')]), { changedStoryIds: 'all', protectedIds: new Set(), session });
    await db.put('stories', { id: 'lost', editionId: 'older-edition', slug: 7 } as never);
    const loaded = await loadEdition(db);
    expect(loaded.edition?.id).toBe('ed-1');
    expect(loaded.damaged).toMatchObject([{ store: 'stories', id: 'lost', reasonCode: 'slug' }]);
  });

  it('reports a damaged edition record instead of throwing', async () => {
    await db.put('editions', { id: 'ed-x', title: 42 } as never);
    const loaded = await loadEdition(db);
    expect(loaded.edition).toBeNull();
    expect(loaded.damaged[0]).toMatchObject({ store: 'editions', id: 'ed-x' });
  });
});

describe('write failures', () => {
  it('surfaces a full disk as a quota error', async () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quota;
    });
    const ed = edition([story('a', '文')]);
    const attempt = saveEdition(db, ed, { changedStoryIds: 'all', protectedIds: new Set(), session });
    await expect(attempt).rejects.toBe(quota);
    expect(classifyStorageError(quota)).toBe('quota');
    expect(classifyStorageError(new Error('x'))).toBe('write');
  });
});
