// The app on the newsroom: AppState opens a NewsroomLink and a VersionHistory
// with each edition. A desk joining with `?edition=` opens the server's copy
// and seeds nothing (never a second copy of the edition, never the sample); a
// wrong token is refused and nothing is shown; the story open in the Stories
// view is this desk's presence; a version is kept before a risky step, holding
// the edition as it was just before it.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { AppState } from '../../src/lib/state/app.svelte';
import { EditionIndex, openLibraryDB, previewVersion, VersionStore } from '../../src/lib/document';
import { startSyncServer, type SyncServer } from '../../src/server/sync-server';
import { tokenKey } from '../../src/lib/state/desk.svelte';
import { buildSampleEdition } from '../../src/lib/sample/edition';
import { Typesetter } from '../../src/lib/typeset';
import type { Edition } from '../../src/lib/model/edition';
import { MemoryStorage } from './edition-fixtures';

const TOKEN = 'app-desk-secret';
const WAIT = { timeout: 10_000 };
const typesetter = new Typesetter();
const buildSample = () => buildSampleEdition(typesetter);

const cleanup: (() => Promise<void> | void)[] = [];
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  vi.restoreAllMocks();
});

async function server(): Promise<SyncServer> {
  const s = await startSyncServer({ port: 0, host: '127.0.0.1', dbPath: ':memory:', token: TOKEN, quiet: true, compactAfterMs: 50 });
  cleanup.push(() => s.stop());
  return s;
}

/** A started app; `memory` keeps it off IndexedDB (so two apps in one process are two browsers). */
async function started(options: { search?: string; tokens?: MemoryStorage; memory?: boolean; author?: string } = {}): Promise<AppState> {
  const prefs = new MemoryStorage();
  if (options.author) prefs.setItem('galley.author', options.author);
  const app = new AppState({
    buildSample,
    preferences: prefs,
    tabs: false,
    search: options.search ?? '',
    tokens: options.tokens ?? new MemoryStorage(),
    WebSocketPolyfill: WebSocket,
    ...(options.memory ? { openLibrary: () => Promise.reject(new Error('no storage')) } : {}),
  });
  cleanup.push(() => app.dispose());
  await app.start();
  return app;
}

/** Desk one: the sample edition, put on the server from the app (as the newsroom dialog does). */
async function firstDesk(s: SyncServer): Promise<AppState> {
  const one = await started({ memory: true, author: '王芳' });
  one.newsroom!.useServer(s.url, TOKEN);
  await vi.waitFor(() => {
    expect(one.newsroom!.status).toBe('synced');
    expect(one.newsroom!.unsynced).toBe(0);
  }, WAIT);
  return one;
}

const headlines = (edition: Edition) => edition.stories.map((s) => s.slug);

describe('the app on a newsroom server', () => {
  it('joins a colleague’s edition with ?edition=, seeding nothing, and keeps the token out of the edition', async () => {
    const s = await server();
    const one = await firstDesk(s);
    const tokens = new MemoryStorage();
    const two = await started({ search: `?server=${encodeURIComponent(s.url)}&token=${TOKEN}&edition=${one.edition.id}`, tokens, author: 'Anna' });

    // start() waited for the server's copy: the edition is there at once, exactly once.
    expect(two.edition.id).toBe(one.edition.id);
    expect(headlines(two.edition)).toEqual(headlines(one.edition));
    expect(two.selectedStoryId).toBe(two.edition.stories[0].id);
    expect(two.newsroom!.status).toBe('synced');
    expect(tokens.getItem(tokenKey(s.url))).toBe(TOKEN);
    // Listed in this browser's editions, and the library holds no sample beside it.
    const library = await openLibraryDB();
    cleanup.push(() => library.close());
    expect((await new EditionIndex(library).list()).map((e) => e.id)).toEqual([one.edition.id]);
    // Neither desk doubled the stories on the server.
    await vi.waitFor(() => expect(headlines(one.edition)).toEqual(headlines(two.edition)), WAIT);
    expect(one.edition.stories).toHaveLength(buildSample().stories.length);
  });

  it('refuses a wrong token: the status says so and no document is shown or listed', async () => {
    const s = await server();
    const one = await firstDesk(s);
    const app = await started({ search: `?server=${encodeURIComponent(s.url)}&token=wrong&edition=${one.edition.id}` });
    expect(app.newsroom!.status).toBe('refused');
    expect(app.edition.stories).toEqual([]);
    const library = await openLibraryDB();
    cleanup.push(() => library.close());
    expect(await new EditionIndex(library).list()).toEqual([]);
  });

  it('honours ?server= only with ?edition=: a plain start opens the local edition alone', async () => {
    const s = await server();
    const app = await started({ search: `?server=${encodeURIComponent(s.url)}&token=${TOKEN}` });
    expect(app.edition.stories.length).toBeGreaterThan(0);
    expect(app.newsroom!.status).toBe('local');
    expect(s.store.names()).toEqual([]);
  });

  it('tells the other desks which story is open in the Stories view, and none elsewhere', async () => {
    const s = await server();
    const one = await firstDesk(s);
    const two = await started({ search: `?server=${encodeURIComponent(s.url)}&token=${TOKEN}&edition=${one.edition.id}`, author: 'Anna' });
    const story = two.edition.stories[2].id;
    two.setView('stories');
    two.selectStory(story);
    await vi.waitFor(() => expect(one.newsroom!.inStory(story).map((d) => d.name)).toEqual(['Anna']), WAIT);
    two.setView('proof');
    await vi.waitFor(() => expect(one.newsroom!.others.map((d) => d.storyId)).toEqual([null]), WAIT);
    // A name given later reaches the other desks.
    two.setAuthor('安娜');
    await vi.waitFor(() => expect(one.newsroom!.others.map((d) => d.name)).toEqual(['安娜']), WAIT);
  });
});

describe('versions in the app', () => {
  it('keeps the edition as it was just before an auto-layout and before an import', async () => {
    const app = await started();
    const library = await openLibraryDB();
    cleanup.push(() => library.close());
    const versions = () => new VersionStore(library).list(app.edition.id);
    const before = app.edition;
    // Called right before the step, not awaited: the state is taken at the call.
    const kept = app.keepVersionBefore('auto-layout');
    app.applyLayout({ ...before, pages: before.pages.slice(0, 1) });
    await kept;
    expect(app.edition.pages).toHaveLength(1);
    const [beforeLayout] = await versions();
    expect(beforeLayout.reason).toBe('auto-layout');
    expect(previewVersion(beforeLayout).pages).toHaveLength(before.pages.length);

    app.addStories([{ ...before.stories[0], id: 'imported', slug: 'imported' }]);
    // Within one 5-minute slot the newest automatic version is the one kept (README, Versions).
    await vi.waitFor(async () => expect((await versions()).map((v) => v.reason)).toEqual(['import']), WAIT);
    const [beforeImport] = await versions();
    expect(previewVersion(beforeImport).pages).toHaveLength(1);
    expect(previewVersion(beforeImport).stories).toHaveLength(before.stories.length);
    expect(app.edition.stories).toHaveLength(before.stories.length + 1);
    await vi.waitFor(() => expect(app.versions!.list.map((v) => v.reason)).toEqual(['import']), WAIT);
  });

  it('saves an automatic version when this desk has edited and 5 minutes have passed, not before', async () => {
    // The app's clock is Date.now: moved forward here instead of waiting.
    const realNow = Date.now.bind(Date);
    let ahead = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + ahead);
    const app = await started();
    expect(await app.versions!.tick()).toBeNull();
    ahead = 6 * 60_000;
    // Five minutes passed without an edit: nothing to keep.
    expect(await app.versions!.tick()).toBeNull();
    const story = app.edition.stories[0];
    app.updateStoryMeta(story.id, { section: '头版' });
    ahead = 12 * 60_000;
    const saved = await app.versions!.tick();
    expect(saved?.reason).toBe('interval');
    expect(app.versions!.list.map((v) => v.reason)).toEqual(['interval']);
  });
});
