// Photos: the photo store (Blobs in galley-library by SHA-256, fake-indexeddb),
// the record's round trip through the edition document, the pure commands, the
// move of data-URL photos into the store, and which modules get a photo box.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { openDB } from 'idb';
import * as Y from 'yjs';
import { EditionDocument, IndexedPhotoStore, LIBRARY_DB_NAME, MemoryPhotoStore, migrateDataUrlPhotos, openLibraryDB, openPersistedEdition } from '../../src/lib/document';
import { isPhotoRecord, photoCss, photoIdFor, sniffPhotoType, withPhotoFraming, withStoryPhoto } from '../../src/lib/model/photo';
import { readEditionFile, writeEditionFile } from '../../src/lib/model/edition-file';
import { hasPhotoBox } from '../../src/lib/layout';
import type { Edition, Story } from '../../src/lib/model/edition';
import { photoRecord } from './photo-helpers';
import { PhotoDesk } from '../../src/lib/state/photos';
import { GRID as grid } from './edition-fixtures';

// A 1×1 PNG, as a camera never makes one but every decoder reads.
const PNG_1x1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function story(id: string, caption = false): Story {
  const content = [{ type: 'headline', content: [{ type: 'text', text: `题${id}` }] }, { type: 'paragraph', content: [{ type: 'text', text: '正文'.repeat(40) }] }];
  if (caption) content.push({ type: 'caption', content: [{ type: 'text', text: '图为港口。' }] });
  return { id, slug: id, doc: { type: 'doc', content }, meta: { section: '要闻', priority: 1, status: 'raw', tags: [] }, raw: '' };
}

function edition(): Edition {
  return {
    id: 'ed-photo',
    title: '日报',
    date: '2022-01-08',
    issueNumber: 3,
    language: 'zh',
    pages: [{ id: 'p1', number: 1, grid, placements: [{ id: 'a:1', storyId: 'a', part: 1, column: 0, span: 4, line: 0, lines: 30 }] }],
    stories: [story('a'), story('b', true)],
    revision: 0,
    updatedAt: 5,
  };
}

/** Pixel size from a PNG's IHDR (the browser measures with createImageBitmap in a worker). */
async function pngSize(blob: Blob): Promise<{ width: number; height: number } | null> {
  const head = new Uint8Array(await blob.slice(0, 24).arrayBuffer());
  if (sniffPhotoType(head) !== 'image/png') return null;
  const view = new DataView(head.buffer);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('the photo store', () => {
  it('keeps a Blob by the SHA-256 of its bytes, once, and gives it back after the database is reopened', async () => {
    const db = await openLibraryDB();
    const store = new IndexedPhotoStore(db);
    const blob = new Blob([PNG_1x1], { type: 'image/png' });
    const hash = await store.put(blob);
    expect(hash).toBe(createHash('sha256').update(PNG_1x1).digest('hex'));
    expect(await store.put(new Blob([PNG_1x1], { type: 'image/png' }))).toBe(hash);
    expect(await db.count('photos')).toBe(1);
    db.close();

    const again = new IndexedPhotoStore(await openLibraryDB());
    const back = await again.get(hash);
    expect(back).toBeInstanceOf(Blob);
    expect(back!.type).toBe('image/png');
    expect(Buffer.from(await back!.arrayBuffer()).equals(PNG_1x1)).toBe(true);
    expect(await again.get('0'.repeat(64))).toBeUndefined();
  });

  it('adds the photos store to a library database of the first document build, keeping its editions', async () => {
    const v1 = await openDB(LIBRARY_DB_NAME, 1, {
      upgrade(db) {
        db.createObjectStore('editions', { keyPath: 'id' });
        db.createObjectStore('versions', { keyPath: 'id' }).createIndex('editionId', 'editionId');
      },
    });
    await v1.put('editions', { id: 'kept', title: 'T', date: '', issueNumber: 1, language: 'zh', updatedAt: 1, stories: 0, pages: 0 });
    v1.close();
    const db = await openLibraryDB();
    expect([...db.objectStoreNames].sort()).toEqual(['editions', 'photos', 'versions']);
    expect((await db.get('editions', 'kept'))?.title).toBe('T');
    db.close();
  });

  it('tells the image type from the bytes, not the name', () => {
    expect(sniffPhotoType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffPhotoType(PNG_1x1.subarray(0, 16))).toBe('image/png');
    expect(sniffPhotoType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffPhotoType(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
    expect(sniffPhotoType(new TextEncoder().encode('GIF89a'))).toBeNull();
  });
});

describe('the photo record in the edition document', () => {
  const record = photoRecord(photoIdFor('a', 'ab'.repeat(32)), { name: '港口 harbour.jpg', width: 6000, height: 4000, fit: 'fit', focusX: 0.25, focusY: 0.75 });

  it('round-trips a story photo (record and link) through the doc, its updates and IndexedDB, without the bytes', async () => {
    const withIt = withStoryPhoto(edition(), 'a', record)!;
    const doc = EditionDocument.fromEdition(withIt);
    const snap = doc.snapshot();
    expect(snap.photos).toEqual({ [record.id]: record });
    expect(snap.stories[0].meta.photo).toBe(record.id);

    // Another desk: from the doc's updates alone.
    const other = new EditionDocument();
    Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(doc.doc));
    expect(other.snapshot().photos).toEqual({ [record.id]: record });
    expect(other.snapshot().stories[0].meta.photo).toBe(record.id);
    // A framing change on one desk reaches the other.
    other.dispatch(withPhotoFraming(other.snapshot(), record.id, { fit: 'fill', focusX: 0.9 })!);
    Y.applyUpdate(doc.doc, Y.encodeStateAsUpdate(other.doc, Y.encodeStateVector(doc.doc)));
    expect(doc.snapshot().photos![record.id]).toMatchObject({ fit: 'fill', focusX: 0.9, focusY: 0.75 });

    // Small: the doc holds the record, never image data.
    const json = JSON.stringify(doc.doc.toJSON());
    expect(json).not.toMatch(/data:image|base64/);
    expect(Y.encodeStateAsUpdate(doc.doc).byteLength).toBeLessThan(20_000);

    // Stored and read back.
    const stored = await openPersistedEdition(withIt.id);
    stored.document.dispatch(withIt);
    await stored.close();
    const reopened = await openPersistedEdition(withIt.id);
    expect(reopened.document.snapshot().photos).toEqual({ [record.id]: record });
    expect(reopened.document.snapshot().stories[0].meta.photo).toBe(record.id);
    await reopened.close();
  });

  it('goes with the story: replacing drops the old record, removing drops the link', () => {
    const first = withStoryPhoto(edition(), 'a', record)!;
    const second = photoRecord('photo-a-2', { name: 'other.png', type: 'image/png' });
    const replaced = withStoryPhoto(first, 'a', second)!;
    expect(Object.keys(replaced.photos!)).toEqual(['photo-a-2']);
    expect(replaced.stories[0].meta.photo).toBe('photo-a-2');
    const removed = withStoryPhoto(replaced, 'a', null)!;
    expect(removed.photos).toBeUndefined();
    expect(removed.stories[0].meta).not.toHaveProperty('photo');
    expect(withStoryPhoto(edition(), 'nobody', record)).toBeNull();
    // A module's own photo (an older edition's) goes with it, so the module shows what was chosen.
    const legacy: Edition = { ...first, pages: [{ ...first.pages[0], placements: [{ ...first.pages[0].placements[0], photoId: 'old' }] }], photos: { ...first.photos, old: photoRecord('old') } };
    const chosen = withStoryPhoto(legacy, 'a', second)!;
    expect(chosen.pages[0].placements[0].photoId).toBeUndefined();
    expect(Object.keys(chosen.photos!)).toEqual(['photo-a-2']);
  });

  it('frames: fit or fill, the focal point kept inside the image; no change is no step', () => {
    const ed = withStoryPhoto(edition(), 'a', record)!;
    const framed = withPhotoFraming(ed, record.id, { fit: 'fill', focusX: 1.4, focusY: -0.2 })!;
    expect(framed.photos![record.id]).toMatchObject({ fit: 'fill', focusX: 1, focusY: 0 });
    expect(withPhotoFraming(framed, record.id, { fit: 'fill' })).toBeNull();
    expect(withPhotoFraming(ed, 'missing', { fit: 'fill' })).toBeNull();
    expect(photoCss(framed.photos![record.id])).toBe('object-fit: cover; object-position: 100% 0%');
    expect(photoCss(record)).toBe('object-fit: contain; object-position: 25% 75%');
  });

  it('is checked in an edition file: a record is read back whole, a broken one refused, an old data URL still opens', () => {
    const ed = withStoryPhoto(edition(), 'a', record)!;
    const read = readEditionFile(writeEditionFile(ed));
    expect(read.ok && read.edition.photos).toEqual({ [record.id]: record });
    expect(read.ok && read.edition.stories[0].meta.photo).toBe(record.id);
    const broken = readEditionFile(writeEditionFile({ ...ed, photos: { [record.id]: { ...record, hash: 'x', focusX: 3 } } }));
    expect(broken.ok).toBe(false);
    const old = readEditionFile(writeEditionFile({ ...ed, photos: { p: `data:image/png;base64,${PNG_1x1.toString('base64')}` } as never }));
    expect(old.ok).toBe(true);
    expect(isPhotoRecord({ ...record, fit: 'stretch' })).toBe(false);
  });
});

describe('data-URL photos move into the store', () => {
  it('turns each into a record of the same id with its bytes in the store; a non-image becomes a named record without bytes', async () => {
    const url = `data:image/png;base64,${PNG_1x1.toString('base64')}`;
    const doc = EditionDocument.fromEdition({ ...edition(), photos: { 'photo-a:1': url, junk: 'data:image/png;base64,SGVsbG8=' } as never });
    // Until moved, the snapshot shows no record (the page shows no broken image) and the doc keeps the data.
    expect(doc.snapshot().photos).toBeUndefined();
    expect(doc.legacyPhotos().map(([id]) => id).sort()).toEqual(['junk', 'photo-a:1']);
    const store = new MemoryPhotoStore();
    expect(await migrateDataUrlPhotos(doc, store, pngSize)).toBe(2);
    const photos = doc.snapshot().photos!;
    expect(photos['photo-a:1']).toMatchObject({ type: 'image/png', width: 1, height: 1, name: 'photo-a:1.png' });
    expect(Buffer.from(await (await store.get(photos['photo-a:1'].hash))!.arrayBuffer()).equals(PNG_1x1)).toBe(true);
    expect(photos.junk.name).toBe('junk.img');
    expect(await store.get(photos.junk.hash)).toBeUndefined();
    expect(doc.legacyPhotos()).toEqual([]);
    expect(JSON.stringify(doc.doc.toJSON())).not.toContain('base64');
    // Moving is nobody's undo step.
    expect(doc.undo.canUndo()).toBe(false);
  });
});

describe('photo boxes', () => {
  it('only for a story with a photo or one that asks for one (a caption)', () => {
    const ed = withStoryPhoto(edition(), 'a', photoRecord('photo-a'))!;
    const [a, b] = ed.stories;
    expect(hasPhotoBox(a, { part: 1 })).toBe(true);
    // The story's photo stands on its first part only.
    expect(hasPhotoBox(a, { part: 2 })).toBe(false);
    expect(hasPhotoBox(b, { part: 1 })).toBe(true);
    expect(hasPhotoBox(story('c'), { part: 1 })).toBe(false);
  });
});

describe('photo bytes in an edition file', () => {
  it('go out with the export and come back into another desk’s empty store, checked against their hash', async () => {
    const here = new MemoryPhotoStore();
    const hash = await here.put(new Blob([PNG_1x1], { type: 'image/png' }));
    const kept = photoRecord('a', { hash, name: 'harbour.png', type: 'image/png', width: 1, height: 1 });
    const lost = photoRecord('b', { hash: 'cd'.repeat(32), name: 'lost.jpg' });
    const ed = { ...edition(), photos: { a: kept, b: lost } };
    const desk = new PhotoDesk(async () => here);

    const { bytes, leftOut } = await desk.fileBytes(ed, 1024);
    expect(Object.keys(bytes)).toEqual([hash]);
    expect(leftOut).toEqual([{ name: 'lost.jpg', why: 'missing' }]);
    // Too little room in the file: the photo is left out and named, never cut.
    expect((await desk.fileBytes(ed, 8)).leftOut).toContainEqual({ name: 'harbour.png', why: 'tooLarge' });

    const read = readEditionFile(writeEditionFile(ed, [], new Date(0), bytes));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const there = new MemoryPhotoStore();
    expect(await new PhotoDesk(async () => there).keepFileBytes(read.photoBytes)).toBe(0);
    expect(Buffer.from(await (await there.get(hash))!.arrayBuffer()).equals(PNG_1x1)).toBe(true);

    // Bytes that are not what their hash names (edited by hand, damaged) are not kept under it.
    const other = new MemoryPhotoStore();
    const forged = { ['ef'.repeat(32)]: PNG_1x1.toString('base64'), [hash]: Buffer.from('not an image at all').toString('base64') };
    expect(await new PhotoDesk(async () => other).keepFileBytes(forged)).toBe(2);
    expect(await other.get('ef'.repeat(32))).toBeUndefined();
    expect(await other.get(hash)).toBeUndefined();
  });
});
