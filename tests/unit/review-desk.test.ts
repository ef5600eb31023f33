// The review desk over AppState: the reviewer's name asked once and
// remembered, comments and 签发 through app.applyReview, saved with the
// edition and back after a reload.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppState } from '../../src/lib/state/app.svelte';
import { ReviewDesk } from '../../src/lib/state/review.svelte';
import { openGalleyDB, type GalleyDatabase } from '../../src/lib/storage';
import { buildSampleEdition } from '../../src/lib/sample/edition';
import { Typesetter } from '../../src/lib/typeset';
import { signOffOf, signedPages, storiesOnPage } from '../../src/lib/model/review';

const typesetter = new Typesetter();
const buildSample = () => buildSampleEdition(typesetter);

class MemoryPrefs {
  values = new Map<string, string>();
  getItem(k: string) {
    return this.values.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.values.set(k, v);
  }
}

const dbs: GalleyDatabase[] = [];
async function open(): Promise<GalleyDatabase> {
  const db = await openGalleyDB();
  dbs.push(db);
  return db;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  while (dbs.length) dbs.pop()!.close();
});

let ids = 0;
beforeEach(() => {
  ids = 0;
});
const desk = (app: AppState) => new ReviewDesk(app, { now: () => '2026-11-29T10:00:00.000Z', newId: () => `id-${++ids}` });

describe('ReviewDesk', () => {
  it('refuses a comment until the reviewer has a name, which is remembered for the browser', async () => {
    const prefs = new MemoryPrefs();
    const app = new AppState({ buildSample, preferences: prefs, tabs: false });
    await app.start();
    const review = desk(app);
    const story = app.edition.stories[0];
    review.startComment({ kind: 'text', storyId: story.id, from: 1, to: 3, quote: 'xx' });
    expect(review.postComment('看一下')).toBe(false);
    expect(review.refused).toEqual({ code: 'noAuthor', params: {} });
    expect(review.draft).not.toBeNull();
    app.setAuthor(' 王编辑 ');
    expect(prefs.getItem('galley.author')).toBe('王编辑');
    // (The refused attempt took id-1: ids are never reused.)
    expect(review.postComment('看一下')).toBe(true);
    expect(review.draft).toBeNull();
    expect(app.edition.comments).toEqual([
      { id: 'id-2', anchor: { kind: 'text', storyId: story.id, from: 1, to: 3, quote: 'xx' }, messages: [{ id: 'id-2-0', author: '王编辑', at: '2026-11-29T10:00:00.000Z', text: '看一下' }] },
    ]);
    // Another tab of the same browser knows the name.
    expect(new AppState({ buildSample, preferences: prefs }).author).toBe('王编辑');
  });

  it('signs a page off once its stories are approved, and keeps review data across a reload', async () => {
    const prefs = new MemoryPrefs();
    prefs.setItem('galley.author', '李主编');
    const app = new AppState({ buildSample, preferences: prefs, tabs: false });
    await app.start();
    const review = desk(app);
    const page = app.edition.pages[0];
    expect(review.signOff(page.id)).toBe(false);
    expect(review.refused?.code).toBe('notApproved');
    for (const story of storiesOnPage(app.edition, page)) expect(review.approve(story.id)).toBe(true);
    expect(review.signOff(page.id)).toBe(true);
    expect(signedPages(app.edition).map((p) => p.number)).toEqual([1]);
    review.startComment({ kind: 'page', pageId: page.id, x: 100, y: 200 });
    expect(review.postComment('报头下留白太多')).toBe(true);
    await app.flush();

    const again = new AppState({ buildSample, preferences: prefs, tabs: false });
    await again.start();
    expect(again.edition.comments?.map((t) => t.messages[0].text)).toEqual(['报头下留白太多']);
    expect(signOffOf(again.edition, page.id).state).toBe('signed');
    // An edit to a story on the page withdraws it.
    const first = storiesOnPage(again.edition, again.edition.pages[0])[0];
    again.updateStoryDoc(first.id, { ...first.doc, content: [...(first.doc.content ?? []), { type: 'paragraph', content: [{ type: 'text', text: '补一句。' }] }] });
    expect(signOffOf(again.edition, page.id)).toMatchObject({ state: 'withdrawn', reason: { code: 'changedAfterSignOff' } });
    app.dispose();
    again.dispose();
  });
});
