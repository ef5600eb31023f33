// Writes tests/fixtures/v1-database.json: the IndexedDB `galley` v1 database as
// the v1 build's own storage functions fill it (fake-indexeddb in Node), from
// the real sample through the real importer and auto-layout, so the migration
// test reads what a desk's browser really holds. Run: npx tsx scripts/make-v1-fixture.ts
import 'fake-indexeddb/auto';
import { readFileSync, writeFileSync } from 'node:fs';
import { openGalleyDB, saveEdition, DB_NAME, DB_VERSION } from '../src/lib/storage';
import { importText, storiesFromImport } from '../src/lib/import';
import { autoLayout, newEdition, continueStoryFitted } from '../src/lib/layout';
import { Typesetter } from '../src/lib/typeset';
import type { Edition } from '../src/lib/model/edition';

const typesetter = new Typesetter();

function laidOut(file: string, id: string, title: string, pages: number): Edition {
  const result = importText(readFileSync(file, 'utf8'));
  const e = autoLayout(newEdition({ stories: storiesFromImport(result), language: result.language, date: '2022-01-08', title, pages }), typesetter);
  return { ...e, id, revision: 12, updatedAt: Date.UTC(2022, 0, 8, 9, 30) };
}

const zh = laidOut('tests/fixtures/front-page-zh.txt', 'ed-zh', '工人日报', 4);
// A module with a photo and a headline size override, as a desk leaves them.
const first = zh.pages[0].placements[0];
const withPhoto: Edition = {
  ...zh,
  // The first build kept photos as data URLs (not today's records).
  photos: { 'photo-1': 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==' } as unknown as Edition['photos'],
  pages: zh.pages.map((p, i) => (i === 0 ? { ...p, placements: p.placements.map((x) => (x === first ? { ...x, photoId: 'photo-1', headlineSizePt: 36 } : x)) } : p)),
};
// A story continued on page 2 (转版), so jump lines and part 2 modules are in the data.
const target = withPhoto.pages[0].placements[1];
const continued = continueStoryFitted(withPhoto, target.id, 2, typesetter) ?? withPhoto;
const en = laidOut('tests/fixtures/en-ocr-1913.txt', 'ed-en', 'The Galley Times', 2);

const db = await openGalleyDB();
await saveEdition(db, en, { changedStoryIds: 'all', protectedIds: new Set(), session: { view: 'layout', selectedStoryId: null } });
await saveEdition(db, continued, { changedStoryIds: 'all', protectedIds: new Set(), session: { view: 'layout', selectedStoryId: continued.stories[1].id } });
// One damaged record, as an old or buggy build may have left: it must stay named, never vanish.
await db.put('stories', { id: 'broken-1', editionId: 'ed-zh', slug: 'broken', raw: 'x', doc: { type: 'doc', content: [] }, meta: { section: '', priority: 0, status: 'raw', tags: [] } } as never);

const out = {
  name: DB_NAME,
  version: DB_VERSION,
  madeBy: 'scripts/make-v1-fixture.ts with src/lib/storage (v1) saveEdition',
  stores: {
    editions: await db.getAll('editions'),
    stories: await db.getAll('stories'),
    meta: await Promise.all((await db.getAllKeys('meta')).map(async (key) => ({ key, value: await db.get('meta', key) }))),
  },
};
db.close();
writeFileSync('tests/fixtures/v1-database.json', JSON.stringify(out, null, 1) + '\n');
console.log(`editions ${out.stores.editions.length}, stories ${out.stores.stories.length}, meta ${out.stores.meta.length}`);
