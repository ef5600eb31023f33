import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppState } from '../../src/lib/state/app.svelte';
import { readFileSync } from 'node:fs';
import { openGalleyDB, StorageUnavailableError, type GalleyDatabase } from '../../src/lib/storage';
import { EditionDocument, EditionIndex, openLibraryDB, openPersistedEdition, ORIGIN } from '../../src/lib/document';
import { storySchema } from '../../src/lib/model/schema';
import { buildSampleEdition } from '../../src/lib/sample/edition';
import { Typesetter } from '../../src/lib/typeset';
import { checkStoryRecord } from '../../src/lib/storage';
import { characterCount, headlineOf, slugFrom, StoryLengths, storyWarnings } from '../../src/lib/state/stories';
import { WarningCounts } from '../../src/lib/state/warning-counts.svelte';
import { dropStory, mergeWithNext, previewRoles, sizeClass, textBytes } from '../../src/lib/state/import-draft';
import type { ImportedStory } from '../../src/lib/state/pipeline';
import type { DocJSON, Edition } from '../../src/lib/model/edition';
import { photoRecord } from './photo-helpers';

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


function newApp(prefs = new MemoryPrefs(), options: Partial<ConstructorParameters<typeof AppState>[0]> = {}) {
  return new AppState({ buildSample, preferences: prefs, tabs: false, ...options });
}

const apps: AppState[] = [];
async function started(prefs = new MemoryPrefs(), options: Partial<ConstructorParameters<typeof AppState>[0]> = {}) {
  const app = newApp(prefs, options);
  apps.push(app);
  await app.start();
  return app;
}

/** Close an app as a tab closing would, everything written first. */
async function closed(app: AppState) {
  await app.flush();
  await app.dispose();
  apps.splice(apps.indexOf(app), 1);
}

function paragraphDoc(text: string): DocJSON {
  return { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: '新标题' }] }, { type: 'paragraph', content: [{ type: 'text', text }] }] };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
  vi.restoreAllMocks();
});

describe('the edition document holds every field of an edition', () => {
  it('fromEdition(sample).snapshot() deep-equals the sample, with originals, columns, house style, photos and module options', () => {
    const plain = buildSample();
    const [first, second] = plain.stories;
    // The fields added after the document layer: every one must survive the doc.
    const sample: Edition = {
      ...plain,
      houseStyle: [{ wrong: '其它', preferred: '其他' }],
      photos: { 'photo-1': photoRecord('photo-1') },
      stories: plain.stories.map((s) => (s === first ? { ...s, original: s.doc, meta: { ...s.meta, column: '（今日谈）', tags: ['要闻'] } } : s === second ? { ...s, original: paragraphDoc('导入时') } : s)),
      pages: plain.pages.map((p, i) => (i === 0 ? { ...p, placements: p.placements.map((pl, j) => (j === 0 ? { ...pl, photoId: 'photo-1', headlineSizePt: 36 } : pl)) } : p)),
    };
    const snapshot = EditionDocument.fromEdition(sample).snapshot();
    // The text is kept in ProseMirror's normal form (adjacent runs with the same marks joined), as the editor does;
    // the comparison text is a JSON value, kept exactly.
    const normal = (doc: DocJSON) => storySchema.nodeFromJSON(doc).toJSON() as DocJSON;
    const expected = { ...sample, stories: sample.stories.map((s) => ({ ...s, doc: normal(s.doc) })) };
    // revision is the document's own change count, not stored.
    expect({ ...snapshot, revision: 0 }).toStrictEqual({ ...expected, revision: 0 });
    // And a change of each written back through dispatch.
    const document = EditionDocument.fromEdition(sample);
    const base = document.snapshot();
    const next = document.dispatch({ ...base, houseStyle: undefined, stories: base.stories.map((s, i) => (i === 0 ? { ...s, original: undefined, meta: { ...s.meta, column: undefined } } : s)) });
    expect(next.houseStyle).toBeUndefined();
    expect('original' in next.stories[0]).toBe(false);
    expect('column' in next.stories[0].meta).toBe(false);
  });
});

describe('AppState on first run', () => {
  it('opens on the sample edition built from the real sample text, and stores it as an edition document', async () => {
    const app = await started();
    expect(app.ready).toBe(true);
    expect(app.document?.id).toBe(app.edition.id);
    expect(app.edition.date).toBe('2022-01-08');
    expect(app.edition.pages[0].grid.columns).toBe(8);
    const all = app.edition.stories.map((s) => JSON.stringify(s.doc)).join('');
    expect(all).toContain('哈萨克斯坦');
    expect(app.selectedStoryId).toBe(app.edition.stories[0].id);
    // Every story starts with its comparison text.
    expect(app.edition.stories.every((s) => s.original)).toBe(true);
    await app.flush();
    expect(app.saveStatus.state).toBe('saved');
    // The desk's name is asked for on its first comment or verdict, never made up.
    expect(app.author).toBe('');
    const library = await openLibraryDB();
    expect((await new EditionIndex(library).list()).map((e) => e.id)).toEqual([app.edition.id]);
    library.close();
    const stored = await openPersistedEdition(app.edition.id);
    expect(stored.document.snapshot().stories.map((s) => s.id)).toEqual(app.edition.stories.map((s) => s.id));
    await stored.close();
  });

  it('migrates a first-build (v1) database when the library is empty, names its damaged record, and exports it', async () => {
    const fixture = JSON.parse(readFileSync('tests/fixtures/v1-database.json', 'utf8'));
    const v1 = await openGalleyDB();
    for (const record of fixture.stores.editions) await v1.put('editions', record);
    for (const record of fixture.stores.stories) await v1.put('stories', record);
    v1.close();
    const prefs = new MemoryPrefs();
    const app = await started(prefs, { openV1: openGalleyDB });
    expect(['ed-zh', 'ed-en']).toContain(app.edition.id);
    const zhTitles = fixture.stores.editions.find((e: { id: string }) => e.id === app.edition.id).storyIds;
    expect(app.edition.stories.map((s) => s.id)).toEqual(zhTitles);
    const message = app.messages.find((m) => m.key === 'storage.damaged');
    expect(message?.params?.name).toBe('broken');
    expect(JSON.parse((await app.exportEdition()).json).damagedRecords[0].record.id).toBe('broken-1');
    await closed(app);
    // Next start: opened from the library, no second migration.
    const again = await started(prefs, { openV1: () => Promise.reject(new Error('must not be read again')) });
    expect(again.edition.id).toBe(app.edition.id);
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
  it('an edit goes into the document, marks the story edited, and survives a restart with the session', async () => {
    const prefs = new MemoryPrefs();
    const app = await started(prefs);
    const id = app.edition.stories[1].id;
    const revision = app.edition.revision;
    app.updateStoryDoc(id, paragraphDoc('改过的正文'));
    const edited = app.edition.stories.find((s) => s.id === id)!;
    expect(edited.meta.status).toBe('edited');
    expect(JSON.stringify(edited.doc)).toContain('改过的正文');
    expect(app.edition.revision).toBe(revision + 1);
    app.setView('proof');
    app.selectStory(id);
    const before = app.edition;
    await closed(app);

    const again = await started(prefs);
    expect({ ...again.edition, revision: 0 }).toEqual({ ...before, revision: 0 });
    expect(again.view).toBe('proof');
    expect(again.selectedStoryId).toBe(id);
    expect(again.messages).toEqual([]);
  });

  it('metadata changes are kept, an approved story edited again is edited (its approval no longer holds), slugs and tags are kept; none is a layout undo step', async () => {
    const app = await started();
    const id = app.edition.stories[0].id;
    app.updateStoryMeta(id, { status: 'approved', section: '国际', priority: 3, tags: ['外交'] });
    app.updateStorySlug(id, '口信');
    expect(app.selectedStory!.meta).toEqual({ status: 'approved', section: '国际', priority: 3, tags: ['外交'] });
    app.updateStoryDoc(id, paragraphDoc('签发后再改'));
    const s = app.selectedStory!;
    expect(s.meta).toEqual({ status: 'edited', section: '国际', priority: 3, tags: ['外交'] });
    expect(s.slug).toBe('口信');
    expect(app.canUndo).toBe(false);
  });

  it('added stories get fresh ids and priorities after the existing ones', async () => {
    const app = await started();
    const first = app.edition.stories[0];
    const maxPriority = Math.max(...app.edition.stories.map((s) => s.meta.priority));
    const added = app.addStories([{ ...first, meta: { ...first.meta, priority: 1 } }]);
    expect(added[0].id).not.toBe(first.id);
    expect(added[0].meta.priority).toBe(maxPriority + 1);
    expect(app.selectedStoryId).toBe(added[0].id);
    expect(app.edition.stories.at(-1)!.id).toBe(added[0].id);
    expect(app.messages.some((m) => m.key === 'import.added')).toBe(true);
  });

  it('a second import replaces the first one’s notice instead of stacking banners', async () => {
    const app = await started();
    const [a, b] = app.edition.stories;
    app.addStories([a]);
    app.addStories([a, b]);
    const notices = app.messages.filter((m) => m.key === 'import.added');
    expect(notices).toHaveLength(1);
    expect(notices[0].params).toEqual({ n: 2 });
  });

  it('undo puts a removed story back in its place, with its modules, and keeps it stored', async () => {
    const prefs = new MemoryPrefs();
    const app = await started(prefs);
    const before = app.edition.stories.map((s) => s.id);
    const id = before[2];
    const pages = app.edition.pages;
    const removed = app.removeStory(id)!;
    expect(removed.placements.length).toBe(pages.flatMap((p) => p.placements).filter((p) => p.storyId === id).length);
    expect(removed.placements.length).toBeGreaterThan(0);
    expect(app.edition.stories.map((s) => s.id)).not.toContain(id);
    expect(app.messages.find((m) => m.id === 'story-removed')).toBeDefined();
    app.restoreStory();
    expect(app.edition.stories.map((s) => s.id)).toEqual(before);
    expect(app.edition.pages.map((p) => p.placements)).toEqual(pages.map((p) => p.placements));
    expect(app.selectedStoryId).toBe(id);
    await closed(app);
    const again = await started(prefs);
    expect(again.edition.stories.map((s) => s.id)).toEqual(before);
  });

  it('applyLayout is one undo step each (redo too), a refused (null) gesture changes nothing, and the result is stored', async () => {
    const prefs = new MemoryPrefs();
    const app = await started(prefs);
    const [a, b] = app.edition.stories;
    const revision = app.edition.revision;
    expect(app.applyLayout(null)).toBe(false);
    expect(app.edition.revision).toBe(revision);
    expect(app.canUndo).toBe(false);
    const original = app.edition;
    const moved = { ...original, pages: original.pages.map((p, i) => (i === 0 ? { ...p, placements: p.placements.map((pl, j) => (j === 0 ? { ...pl, line: pl.line + 5 } : pl)) } : p)) };
    expect(app.applyLayout(moved)).toBe(true);
    // A whole new layout (every module, stories, photos) is still one step.
    const ed = app.edition;
    app.applyLayout({
      ...ed,
      photos: { p1: photoRecord('p1') },
      stories: ed.stories.filter((s) => s.id !== b.id).map((s) => (s.id === a.id ? { ...s, slug: '换名' } : s)),
      pages: ed.pages.map((p) => ({ ...p, placements: p.placements.filter((pl) => pl.storyId !== b.id).map((pl) => ({ ...pl, line: pl.line + 1 })) })),
    });
    expect(app.canUndo).toBe(true);
    const last = app.edition;
    expect(app.undoLayout()).toBe(true);
    expect(app.edition.pages).toEqual(moved.pages);
    expect(app.edition.stories.map((s) => s.id)).toContain(b.id);
    expect(app.undoLayout()).toBe(true);
    expect(app.edition.pages).toEqual(original.pages);
    expect(app.canUndo).toBe(false);
    expect(app.canRedo).toBe(true);
    app.redoLayout();
    app.redoLayout();
    expect(app.edition.pages).toEqual(last.pages);
    expect(app.canRedo).toBe(false);
    await closed(app);
    const again = await started(prefs);
    expect(again.edition.photos).toEqual({ p1: photoRecord('p1') });
    expect(again.edition.stories[0].slug).toBe('换名');
    expect(again.edition.stories.map((s) => s.id)).not.toContain(b.id);
    // Undo history is this session's, not stored.
    expect(again.canUndo).toBe(false);
  });

  it('two tabs on one edition merge: each sees the other’s edits, and both edits are stored', async () => {
    const prefs = new MemoryPrefs();
    const first = await started(prefs, { tabs: true });
    const second = await started(prefs, { tabs: true });
    expect(second.edition.id).toBe(first.edition.id);
    const [x, y] = first.edition.stories.map((s) => s.id);
    first.updateStoryMeta(x, { section: '第一个标签页' });
    second.updateStoryMeta(y, { section: '第二个标签页' });
    await vi.waitFor(() => expect(first.edition.stories.find((s) => s.id === y)?.meta.section).toBe('第二个标签页'));
    await vi.waitFor(() => expect(second.edition.stories.find((s) => s.id === x)?.meta.section).toBe('第一个标签页'));
    await closed(first);
    await closed(second);
    const again = await started(prefs);
    expect(again.edition.stories.find((s) => s.id === x)?.meta.section).toBe('第一个标签页');
    expect(again.edition.stories.find((s) => s.id === y)?.meta.section).toBe('第二个标签页');
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
  it('keeps working in memory when IndexedDB is unavailable, says so, and counts as unsaved', async () => {
    const app = await started(new MemoryPrefs(), { openLibrary: () => Promise.reject(new StorageUnavailableError('private mode')) });
    expect(app.saveStatus.state).toBe('memory');
    expect(app.unsaved).toBe(true);
    expect(app.messages.map((m) => m.key)).toContain('storage.unavailable');
    expect(app.edition.stories.length).toBeGreaterThan(0);
    app.updateStoryDoc(app.edition.stories[0].id, paragraphDoc('只在内存'));
    await app.flush();
    expect(JSON.stringify(app.edition.stories[0].doc)).toContain('只在内存');
  });

  it('a full disk shows a quota message, keeps the edit in memory, and stores it on retry', async () => {
    const prefs = new MemoryPrefs();
    const app = await started(prefs);
    await app.flush();
    const id = app.edition.stories[0].id;
    const add = IDBObjectStore.prototype.add;
    const spy = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    app.updateStoryDoc(id, paragraphDoc('磁盘满时写的字'));
    await app.flush();
    expect(app.saveStatus).toMatchObject({ state: 'error', error: { kind: 'quota' } });
    expect(app.unsaved).toBe(true);
    expect(app.messages.find((m) => m.id === 'storage-error')?.key).toBe('storage.quota');
    expect(JSON.stringify(app.selectedStory!.doc)).toContain('磁盘满时写的字');

    spy.mockImplementation(add);
    await app.flush();
    expect(app.saveStatus.state).toBe('saved');
    expect(app.unsaved).toBe(false);
    expect(app.messages.find((m) => m.id === 'storage-error')).toBeUndefined();
    await closed(app);
    const again = await started(prefs);
    expect(JSON.stringify(again.edition.stories.find((s) => s.id === id)!.doc)).toContain('磁盘满时写的字');
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
    const lengths = new StoryLengths();
    expect(lengths.of(doc('全国总工会今天召开会议。'))).toEqual({ unit: 'chars', n: 12 });
    expect(lengths.of(doc('The House committee met today, and the bankers spoke.'))).toEqual({ unit: 'words', n: 9 });
  });

  it('counts a story with no text yet in its language\'s unit', () => {
    const lengths = new StoryLengths();
    const empty = { type: 'doc', content: [{ type: 'paragraph' }] };
    expect(lengths.of(empty, 'en')).toEqual({ unit: 'words', n: 0 });
    expect(lengths.of(empty, 'zh')).toEqual({ unit: 'chars', n: 0 });
    expect(lengths.of(doc('  '), 'en')).toEqual({ unit: 'words', n: 0 });
  });
});
