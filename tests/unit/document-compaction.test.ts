// Compaction of an edition's stored Yjs updates (src/lib/document/store-compaction.ts):
// the records are folded into one, in one IndexedDB transaction, and nothing
// typed — by this tab or by another one meanwhile — is lost. Here (Node, no
// Web Worker) the compaction runs on the main thread; the browser runs the
// same function in a worker.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { EditionDocument, ORIGIN, ROOT, STORY_TEXT, editionDatabaseName, openPersistedEdition } from '../../src/lib/document';
import { compactStore } from '../../src/lib/document/store-compaction';
import type { Edition } from '../../src/lib/model/edition';
import { GRID as grid } from './edition-fixtures';


function edition(): Edition {
  return {
    id: 'ed-c',
    title: '日报',
    date: '2022-01-08',
    issueNumber: 1,
    language: 'zh',
    pages: [{ id: 'p1', number: 1, grid, placements: [] }],
    stories: [
      {
        id: 'a',
        slug: 'a',
        doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: '题' }] }, { type: 'paragraph', content: [{ type: 'text', text: '正文' }] }] },
        meta: { section: '要闻', priority: 1, status: 'raw', tags: [] },
        raw: '',
      },
    ],
    revision: 0,
    updatedAt: 0,
  };
}

function paragraph(document: EditionDocument): Y.XmlText {
  const fragment = (document.doc.getMap(ROOT.stories).get('a') as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
  return (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A desk's typing: one transaction per key, two backspaces in every ten. */
function typeKeys(document: EditionDocument, n: number): void {
  for (let i = 0; i < n; i++) {
    const text = paragraph(document);
    document.doc.transact(() => (i % 10 >= 8 ? text.delete(text.length - 1, 1) : text.insert(text.length, '字')), 'editor');
  }
}

function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function records(name: string): Promise<number> {
  const db = await openRaw(name);
  const count = await new Promise<number>((resolve) => {
    const request = db.transaction('updates').objectStore('updates').count();
    request.onsuccess = () => resolve(request.result);
  });
  db.close();
  return count;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('compaction of the stored updates', () => {
  it('folds the records into one after 500 keystrokes, and a reader finds every keystroke', async () => {
    const stored = await openPersistedEdition('ed-c');
    stored.document.dispatch(edition(), ORIGIN.load);
    await stored.settled();
    await stored.compacted(); // the fold after the open, out of the way
    // Only the writer's timers are faked, so a loaded machine cannot start the fold before the count is read.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    typeKeys(stored.document, 600);
    await stored.settled();
    expect(await records(editionDatabaseName('ed-c'))).toBeGreaterThan(500);
    vi.advanceTimersByTime(1000); // the compaction due after 500 records starts
    vi.useRealTimers();
    await stored.compacted();
    expect(await records(editionDatabaseName('ed-c'))).toBe(1);
    const text = paragraph(stored.document).toString();
    // '正文', then 8 characters typed and 2 taken back in every ten keys.
    expect([...text].length).toBe(2 + 600 - 2 * 2 * 60);
    await stored.close();
    const reader = await openPersistedEdition('ed-c');
    expect(paragraph(reader.document).toString()).toBe(text);
    await reader.close();
  });

  it('an open that finds many records folds them in the background, nothing lost', async () => {
    const stored = await openPersistedEdition('ed-c');
    stored.document.dispatch(edition(), ORIGIN.load);
    typeKeys(stored.document, 40);
    await stored.close();
    expect(await records(editionDatabaseName('ed-c'))).toBeGreaterThan(40);
    const reopened = await openPersistedEdition('ed-c');
    const text = paragraph(reopened.document).toString();
    await reopened.compacted();
    expect(await records(editionDatabaseName('ed-c'))).toBe(1);
    await reopened.close();
    const again = await openPersistedEdition('ed-c');
    expect(paragraph(again.document).toString()).toBe(text);
    expect(again.document.snapshot().stories.map((s) => s.id)).toEqual(['a']);
    await again.close();
  });

  it('keeps a record another tab writes while the compaction runs (one transaction: merged or left, never lost)', async () => {
    const name = editionDatabaseName('ed-c');
    const mine = await openPersistedEdition('ed-c');
    mine.document.dispatch(edition(), ORIGIN.load);
    typeKeys(mine.document, 30);
    await mine.settled();
    // Another tab's doc, never seen by this one, writing into the same store while this one compacts.
    const other = new EditionDocument(new Y.Doc());
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(mine.document.doc));
    const seen = Y.encodeStateVector(other.doc);
    other.doc.transact(() => paragraph(other).insert(0, '另'), 'editor');
    const db = await openRaw(name);
    const compaction = compactStore(db);
    const write = new Promise<void>((resolve, reject) => {
      const tx = db.transaction('updates', 'readwrite');
      tx.objectStore('updates').add(Y.encodeStateAsUpdate(other.doc, seen));
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    await Promise.all([compaction, write]);
    db.close();
    await mine.close();
    // The compacted record, and the other tab's if it came after the compaction.
    expect(await records(name)).toBeLessThanOrEqual(2);
    const reader = await openPersistedEdition('ed-c');
    const fragment = (reader.document.doc.getMap(ROOT.stories).get('a') as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
    expect(fragment.toString()).toContain('另');
    expect(fragment.toString()).toContain('字');
    await reader.close();
  });

  it('folds again what a burst of typing wrote while a compaction ran, without waiting for another key', async () => {
    // Only the store's own timers are faked (fake-indexeddb schedules with setImmediate): the
    // compaction starts exactly when the test says, and the burst lands while it runs.
    const stored = await openPersistedEdition('ed-c');
    stored.document.dispatch(edition(), ORIGIN.load);
    await stored.settled();
    await stored.compacted(); // the fold after the open
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    typeKeys(stored.document, 600);
    await stored.settled();
    vi.advanceTimersByTime(1000); // the compaction due after 500 records starts
    typeKeys(stored.document, 1200); // typed while it runs: more than 500 records again
    vi.useRealTimers();
    await stored.settled();
    await stored.compacted();
    expect(await records(editionDatabaseName('ed-c'))).toBe(1);
    const text = paragraph(stored.document).toString();
    await stored.close();
    const reader = await openPersistedEdition('ed-c');
    expect(paragraph(reader.document).toString()).toBe(text);
    await reader.close();
  });
});
