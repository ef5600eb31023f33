import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppState } from '../../src/lib/state/app.svelte';
import { openGalleyDB, StorageUnavailableError, type GalleyDatabase } from '../../src/lib/storage';
import { buildSampleEdition } from '../../src/lib/sample/edition';
import { Typesetter } from '../../src/lib/typeset';
import { checkStoryRecord } from '../../src/lib/storage';
import { characterCount, headlineOf, slugFrom, storyLength, storyWarnings } from '../../src/lib/state/stories';
import { WarningCounts } from '../../src/lib/state/warning-counts.svelte';
import { dropStory, mergeWithNext, previewRoles, sizeClass, textBytes } from '../../src/lib/state/import-draft';
import type { ImportedStory } from '../../src/lib/state/pipeline';
import type { DocJSON } from '../../src/lib/model/edition';

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

function newApp(prefs = new MemoryPrefs(), openDatabase: () => Promise<GalleyDatabase> = open) {
  return new AppState({ buildSample, openDatabase, preferences: prefs, autosaveDelayMs: 10, retryMs: 50 });
}

function paragraphDoc(text: string): DocJSON {
  return { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: '新标题' }] }, { type: 'paragraph', content: [{ type: 'text', text }] }] };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(() => {
  while (dbs.length) dbs.pop()!.close();
  vi.restoreAllMocks();
});

describe('AppState on first run', () => {
  it('opens on the sample edition built from the real sample text, and saves it', async () => {
    const app = newApp();
    await app.start();
    expect(app.ready).toBe(true);
    expect(app.edition.date).toBe('2022-01-08');
    expect(app.edition.pages[0].grid.columns).toBe(8);
    expect(app.edition.stories.length).toBeGreaterThan(0);
    // Every sample story's text comes from the sample file.
    const all = app.edition.stories.map((s) => JSON.stringify(s.doc)).join('');
    expect(all).toContain('哈萨克斯坦');
    expect(app.selectedStoryId).toBe(app.edition.stories[0].id);
    await app.flush();
    expect(app.saveStatus.state).toBe('saved');
    const db = await open();
    expect((await db.getAll('stories')).length).toBe(app.edition.stories.length);
  });
});

describe('the sample edition', () => {
  it('is the real sample through the importer: 8 stories, each passing the storage checks', () => {
    const sample = buildSample();
    expect(sample.stories.map((s) => headlineOf(s))).toContain('第九次全国职工队伍状况调查正式启动');
    expect(sample.stories).toHaveLength(8);
    for (const story of sample.stories) expect(checkStoryRecord({ ...story, editionId: sample.id })).toMatchObject({ ok: true });
  });
});

describe('AppState edits', () => {
  it('an edit replaces the doc, marks the story edited, bumps the revision, and survives a restart', async () => {
    const app = newApp();
    await app.start();
    const id = app.edition.stories[1].id;
    const revision = app.edition.revision;
    app.updateStoryDoc(id, paragraphDoc('改过的正文'));
    const edited = app.edition.stories.find((s) => s.id === id)!;
    expect(edited.meta.status).toBe('edited');
    expect(app.edition.revision).toBe(revision + 1);
    app.setView('proof');
    app.selectStory(id);
    await app.flush();

    const again = newApp();
    await again.start();
    expect(again.edition).toEqual(app.edition);
    expect(again.view).toBe('proof');
    expect(again.selectedStoryId).toBe(id);
    expect(again.messages).toEqual([]);
  });

  it('metadata changes keep an approved story approved, and slugs and tags are kept', async () => {
    const app = newApp();
    await app.start();
    const id = app.edition.stories[0].id;
    app.updateStoryMeta(id, { status: 'approved', section: '国际', priority: 3, tags: ['外交'] });
    app.updateStoryDoc(id, paragraphDoc('签发后再改'));
    app.updateStorySlug(id, '口信');
    const s = app.selectedStory!;
    expect(s.meta).toEqual({ status: 'approved', section: '国际', priority: 3, tags: ['外交'] });
    expect(s.slug).toBe('口信');
  });

  it('added stories get fresh ids and priorities after the existing ones', async () => {
    const app = newApp();
    await app.start();
    const first = app.edition.stories[0];
    const maxPriority = Math.max(...app.edition.stories.map((s) => s.meta.priority));
    const added = app.addStories([{ ...first, meta: { ...first.meta, priority: 1 } }]);
    expect(added[0].id).not.toBe(first.id);
    expect(added[0].meta.priority).toBe(maxPriority + 1);
    expect(app.selectedStoryId).toBe(added[0].id);
    expect(app.messages.some((m) => m.key === 'import.added')).toBe(true);
  });

  it('a second import replaces the first one’s notice instead of stacking banners', async () => {
    const app = newApp();
    await app.start();
    const [a, b] = app.edition.stories;
    app.addStories([a]);
    app.addStories([a, b]);
    const notices = app.messages.filter((m) => m.key === 'import.added');
    expect(notices).toHaveLength(1);
    expect(notices[0].params).toEqual({ n: 2 });
  });

  it('a removed story is deleted from storage and its placements leave the page', async () => {
    const app = newApp();
    await app.start();
    const id = app.edition.stories[1].id;
    app.applyLayout({ ...app.edition, pages: [{ ...app.edition.pages[0], placements: [{ id: 'pl', storyId: id, part: 1, column: 0, span: 2, line: 0, lines: 10 }] }] });
    await app.flush();
    app.removeStory(id);
    expect(app.edition.pages[0].placements).toEqual([]);
    await app.flush();
    const db = await open();
    expect(await db.get('stories', id)).toBeUndefined();
    expect((await db.getAll('stories')).length).toBe(app.edition.stories.length);
  });

  it('undo puts a removed story back in its place, with its modules, and stores it again', async () => {
    const app = newApp();
    await app.start();
    const before = app.edition.stories.map((s) => s.id);
    const id = before[2];
    const pages = app.edition.pages;
    await app.flush();
    const removed = app.removeStory(id)!;
    expect(removed.placements.length).toBe(pages.flatMap((p) => p.placements).filter((p) => p.storyId === id).length);
    expect(removed.placements.length).toBeGreaterThan(0);
    expect(app.messages.find((m) => m.id === 'story-removed')).toBeDefined();
    await app.flush();
    app.restoreStory();
    expect(app.edition.stories.map((s) => s.id)).toEqual(before);
    expect(app.edition.pages.map((p) => p.placements)).toEqual(pages.map((p) => p.placements));
    expect(app.selectedStoryId).toBe(id);
    await app.flush();
    const db = await open();
    expect((await db.get('stories', id))?.id).toBe(id);
  });

  it('a tab whose edition another tab saved stops autosaving and says so', async () => {
    const a = new BroadcastChannel('galley-test');
    const b = new BroadcastChannel('galley-test');
    try {
      const first = new AppState({ buildSample, openDatabase: open, autosaveDelayMs: 10, channel: a });
      await first.start();
      await first.flush();
      const second = new AppState({ buildSample, openDatabase: open, autosaveDelayMs: 10, channel: b });
      await second.start();
      expect(second.edition.id).toBe(first.edition.id);
      // A view switch in the second tab does not make the first one stale.
      second.setView('layout');
      await second.flush();
      // A channel delivers one sender's messages in order: once a probe sent after the
      // switch has arrived, any save message the switch caused has arrived too.
      const heard: unknown[] = [];
      a.addEventListener('message', (event) => heard.push(event.data));
      b.postMessage({ type: 'probe' });
      await vi.waitFor(() => expect(heard).toContainEqual({ type: 'probe' }));
      expect(first.stale).toBe(false);

      const id = second.edition.stories[0].id;
      second.updateStoryDoc(id, paragraphDoc('第二个标签页写的'));
      await second.flush();
      await vi.waitFor(() => expect(first.stale).toBe(true));
      expect(first.saveStatus.state).toBe('stale');
      expect(first.messages.find((m) => m.id === 'stale-tab')?.key).toBe('storage.staleTab');
      // The stale tab's later edits stay in memory and never reach the database.
      first.updateStoryDoc(id, paragraphDoc('旧标签页不应写入'));
      // A stale tab schedules no save at all, so there is nothing to wait for.
      await first.flush();
      const db = await open();
      expect(JSON.stringify((await db.get('stories', id))!.doc)).toContain('第二个标签页写的');
      expect(second.stale).toBe(false);
    } finally {
      a.close();
      b.close();
    }
  });

  it('applyLayout saves the stories and photos its change touched, and a refused (null) gesture changes nothing', async () => {
    const app = newApp();
    await app.start();
    await app.flush();
    const [a, b] = app.edition.stories;
    const revision = app.edition.revision;
    expect(app.applyLayout(null)).toBe(false);
    expect(app.edition.revision).toBe(revision);
    const ed = app.edition;
    expect(
      app.applyLayout({
        ...ed,
        photos: { p1: 'data:image/png;base64,AAAA' },
        stories: ed.stories.filter((s) => s.id !== b.id).map((s) => (s.id === a.id ? { ...s, slug: '换名' } : s)),
      }),
    ).toBe(true);
    await app.flush();
    const again = newApp();
    await again.start();
    expect(again.edition.photos).toEqual({ p1: 'data:image/png;base64,AAAA' });
    expect(again.edition.stories[0].slug).toBe('换名');
    expect(again.edition.stories.map((s) => s.id)).not.toContain(b.id);
    const db = await open();
    expect(await db.get('stories', b.id)).toBeUndefined();
  });

  it('remembers the UI language in preferences', async () => {
    const prefs = new MemoryPrefs();
    const app = newApp(prefs);
    expect(app.lang).toBe('zh');
    app.setLanguage('en');
    expect(app.t('save.saved')).toBe('Saved');
    expect(newApp(prefs).lang).toBe('en');
  });
});

describe('AppState when storage fails', () => {
  it('keeps working in memory when IndexedDB is unavailable, and says so', async () => {
    const app = newApp(new MemoryPrefs(), () => Promise.reject(new StorageUnavailableError('private mode')));
    await app.start();
    expect(app.saveStatus.state).toBe('memory');
    expect(app.messages.map((m) => m.key)).toContain('storage.unavailable');
    expect(app.edition.stories.length).toBeGreaterThan(0);
    app.updateStoryDoc(app.edition.stories[0].id, paragraphDoc('只在内存'));
    await app.flush();
    expect(JSON.stringify(app.edition.stories[0].doc)).toContain('只在内存');
  });

  it('a database that opens but cannot be read is never overwritten by the sample', async () => {
    const first = newApp();
    await first.start();
    await first.flush();
    const db = await open();
    const stored = await db.getAll('stories');
    vi.spyOn(IDBObjectStore.prototype, 'getAll').mockImplementation(() => {
      throw new DOMException('read failed', 'UnknownError');
    });
    const app = newApp();
    await app.start();
    expect(app.saveStatus.state).toBe('memory');
    expect(app.messages.map((m) => m.id)).toContain('storage-error');
    app.updateStoryDoc(app.edition.stories[0].id, paragraphDoc('不应写入'));
    await app.flush();
    vi.restoreAllMocks();
    expect(await db.getAll('stories')).toEqual(stored);
  });

  it('a full disk shows a quota message, keeps the edit in memory, and saves it on retry', async () => {
    const app = newApp();
    await app.start();
    await app.flush();
    const id = app.edition.stories[0].id;
    const put = IDBObjectStore.prototype.put;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    app.updateStoryDoc(id, paragraphDoc('磁盘满时写的字'));
    await app.flush();
    expect(app.saveStatus).toMatchObject({ state: 'error', error: { kind: 'quota' } });
    expect(app.messages.find((m) => m.id === 'storage-error')?.key).toBe('storage.quota');
    expect(JSON.stringify(app.selectedStory!.doc)).toContain('磁盘满时写的字');

    spy.mockImplementation(put);
    await app.flush();
    expect(app.saveStatus.state).toBe('saved');
    expect(app.messages.find((m) => m.id === 'storage-error')).toBeUndefined();
    const db = await open();
    expect(JSON.stringify((await db.get('stories', id))!.doc)).toContain('磁盘满时写的字');
  });

  it('names a damaged story, keeps it out of the edition, never overwrites it, and exports it', async () => {
    const app = newApp();
    await app.start();
    await app.flush();
    const victim = app.edition.stories[2];
    const db = await open();
    const bad = { ...(await db.get('stories', victim.id))!, meta: { section: 1 } };
    await db.put('stories', bad as never);

    const again = newApp();
    await again.start();
    expect(again.edition.stories.map((s) => s.id)).not.toContain(victim.id);
    const message = again.messages.find((m) => m.key === 'storage.damaged');
    expect(message?.params?.name).toBe(victim.slug);
    expect(again.t(message!.key, message!.params)).toContain(victim.slug);

    again.updateStoryDoc(again.edition.stories[0].id, paragraphDoc('别的稿件改了'));
    await again.flush();
    expect(await db.get('stories', victim.id)).toEqual(bad);

    const exported = JSON.parse(again.exportEdition().json);
    expect(exported.damagedRecords[0].record).toEqual(bad);
    expect(exported.edition.stories.length).toBe(again.edition.stories.length);
  });

  it('a damaged edition record stays named on every load; its healthy stories are recovered, not lost', async () => {
    const app = newApp();
    await app.start();
    await app.flush();
    const db = await open();
    const storyIds = app.edition.stories.map((s) => s.id);
    // One story damaged too, and the edition's page list broken.
    const victim = app.edition.stories[1];
    const badStory = { ...(await db.get('stories', victim.id))!, doc: 'garbage' };
    await db.put('stories', badStory as never);
    const badEdition = { ...(await db.get('editions', app.edition.id))!, pages: 'not-an-array' };
    await db.put('editions', badEdition as never);

    for (let load = 1; load <= 3; load++) {
      const again = newApp();
      await again.start();
      await again.flush();
      // The healthy stories are there, under a new edition id; the damaged edition is never overwritten.
      expect(again.edition.id).not.toBe(badEdition.id);
      expect(again.edition.stories.map((s) => s.id)).toEqual(storyIds.filter((id) => id !== victim.id));
      expect(again.edition.title).toBe(badEdition.title);
      expect(await db.get('editions', badEdition.id)).toEqual(badEdition);
      expect(await db.get('stories', victim.id)).toEqual(badStory);
      // Both damaged records are named, with their reasons in the UI language.
      const editionMessage = again.messages.find((m) => m.key === 'storage.damagedEdition');
      const storyMessage = again.messages.find((m) => m.key === 'storage.damaged');
      expect(editionMessage, `load ${load}`).toBeDefined();
      expect(storyMessage, `load ${load}`).toBeDefined();
      expect(again.messageText(editionMessage!)).toContain('版面列表缺失');
      expect(again.messageText(storyMessage!)).toContain('缺少正文');
      again.setLanguage('en');
      expect(again.messageText(editionMessage!)).toContain('page list is missing');
      const exported = JSON.parse(again.exportEdition().json);
      expect(exported.damagedRecords.map((d: { store: string; id: string }) => `${d.store}:${d.id}`).sort()).toEqual(
        [`editions:${badEdition.id}`, `stories:${victim.id}`].sort(),
      );
    }
  });
});

describe('story facts and import drafts', () => {
  it('counts characters without whitespace and finds the headline', () => {
    const doc = paragraphDoc('正文 一 二');
    expect(characterCount(doc)).toBe(3 + 4);
    expect(headlineOf({ id: 'x', slug: 's', doc, meta: { section: '', priority: 1, status: 'raw', tags: [] }, raw: '' })).toBe('新标题');
    expect(slugFrom('习近平向哈萨克斯坦总统托卡耶夫致口信', 6)).toBe('习近平向哈萨');
  });

  const cut = { kind: 'truncated' as const, from: 0, to: 0, message: { code: 'lint.truncated' as const, params: { tail: '二' } } };
  const a: ImportedStory = { headline: ['学思践悟坚定信心'], byline: '新华社记者', subheads: [], body: ['一', '二'], jumps: [], warnings: [cut], raw: 'A' };
  const b: ImportedStory = { headline: ['飞入寻常百姓家'], dateline: '本报讯', body: ['三'], subheads: [{ text: '小', beforeParagraph: 1 }], jumps: [{ direction: 'continuedTo', page: 2, text: '(下转第2版)' }], warnings: [], raw: 'B' };

  it('counts a grapheme cluster once, and Han text on the fast path', () => {
    const doc = (text: string): DocJSON => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
    expect(characterCount(doc('e\u0301te\u0301'))).toBe(3);
    expect(characterCount(doc('👩‍👩‍👧 家'))).toBe(2);
    expect(characterCount(doc('𠀋字'))).toBe(2);
  });

  it('warning counts for the list fill in lazily, then match the lint', async () => {
    const sample = buildSample();
    const counts = new WarningCounts();
    const first = sample.stories[0].doc;
    expect(counts.count(first, 'zh')).toBeNull();
    await vi.waitFor(() => expect(counts.version).toBeGreaterThan(0));
    const version = counts.version;
    expect(version).toBeGreaterThan(0);
    expect(counts.count(first, 'zh')).toBe(storyWarnings(first, 'zh').length);
    expect(storyWarnings(first, 'zh').map((w) => w.kind)).toContain('truncated');
    counts.dispose();
  });

  it('merging turns the second headline into a subhead and loses no text', () => {
    const [m] = mergeWithNext([a, b], 0);
    expect(m.headline).toEqual(['学思践悟坚定信心']);
    expect(m.body).toEqual(['一', '二', '本报讯 三']);
    expect(m.subheads).toEqual([
      { text: '飞入寻常百姓家', beforeParagraph: 2 },
      { text: '小', beforeParagraph: 3 },
    ]);
    expect(m.jumps).toEqual([{ direction: 'continuedTo', page: 2, text: '(下转第2版)' }]);
    expect(m.warnings).toEqual([]);
    expect(m.raw).toBe('A\n\nB');
  });

  it('counts UTF-8 bytes without encoding the text, and sizes by length where it can', () => {
    for (const t of ['', 'abc', '新华社北京1月7日电', 'é ß', '𠮷野家 😀', 'a\ud800b', '\udc00']) expect(textBytes(t), t).toBe(Buffer.byteLength(t, 'utf8'));
    expect(sizeClass(10, 30)).toBe('below');
    expect(sizeClass(11, 30)).toBe('measure');
    expect(sizeClass(31, 30)).toBe('above');
  });

  it('dropping removes exactly one story; roles list in reading order', () => {
    expect(dropStory([a, b], 0)).toEqual([b]);
    expect(previewRoles({ ...a, kicker: '引', subtitle: '——副', dateline: '电' }).map((r) => r.role)).toEqual([
      'kicker',
      'headline',
      'subtitle',
      'dateline',
      'byline',
    ]);
  });
});

describe('story length in the list', () => {
  const doc = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

  it('counts Chinese copy in characters (字) and English copy in words', () => {
    expect(storyLength(doc('全国总工会今天召开会议。'))).toEqual({ unit: 'chars', n: 12 });
    expect(storyLength(doc('The House committee met today, and the bankers spoke.'))).toEqual({ unit: 'words', n: 9 });
  });
});
