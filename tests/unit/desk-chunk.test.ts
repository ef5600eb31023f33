// The Hocuspocus provider is a chunk of its own, fetched when a desk connects (desk.svelte.ts).
// While it is on its way the desk can go offline (it stays offline), and a chunk that cannot be
// fetched reads as offline, loses no edit, and is fetched again when the desk goes online.
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { EditionDocument, ROOT, STORY_TEXT } from '../../src/lib/document';
import { startSyncServer, type SyncServer } from '../../src/server/sync-server';
import type { Edition } from '../../src/lib/model/edition';
import * as Y from 'yjs';
import { GRID as grid } from './edition-fixtures';

const TOKEN = 'chunk-secret';
const ID = 'ed-chunk';
const WAIT = { timeout: 10_000 };

const edition = (): Edition => ({
  id: ID,
  title: '日报',
  date: '2022-01-08',
  issueNumber: 1,
  language: 'zh',
  pages: [{ id: 'p1', number: 1, grid, placements: [] }],
  stories: [
    {
      id: 'a',
      slug: 'a',
      doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '正文' }] }] },
      meta: { section: '', priority: 1, status: 'raw', tags: [] },
      raw: '',
    },
  ],
  revision: 0,
  updatedAt: 0,
});

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  vi.doUnmock('../../src/lib/document/desk-connection');
  vi.resetModules();
});

async function server(): Promise<SyncServer> {
  const s = await startSyncServer({ port: 0, host: '127.0.0.1', dbPath: ':memory:', token: TOKEN, quiet: true, compactAfterMs: 50 });
  cleanup.push(() => s.stop());
  return s;
}

const storedStories = (s: SyncServer): number => {
  const update = s.store.load(ID);
  if (!update) return 0;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getMap(ROOT.stories).size;
};

describe('NewsroomLink and the provider chunk', () => {
  it('goes offline while the provider is on its way, stays offline when it arrives, and connects when asked', async () => {
    const { NewsroomLink } = await import('../../src/lib/state/desk.svelte');
    const s = await server();
    const document = EditionDocument.fromEdition(edition());
    const link = new NewsroomLink({ document, editionId: ID, author: '王芳', WebSocketPolyfill: WebSocket, search: `?server=${encodeURIComponent(s.url)}&token=${TOKEN}` });
    cleanup.push(() => link.dispose());
    expect(link.status).toBe('connecting');
    link.goOffline();
    expect(link.status).toBe('offline');
    // The chunk arrives (a module import in Node) and the desk does not connect behind the desk's back.
    await new Promise((r) => setTimeout(r, 300));
    expect(link.status).toBe('offline');
    expect(storedStories(s)).toBe(0);

    link.goOnline();
    await vi.waitFor(() => expect(link.status).toBe('synced'), WAIT);
    await vi.waitFor(() => expect(storedStories(s)).toBe(1), WAIT);
  });

  it('reads as offline when the provider chunk cannot be fetched, keeps the edits, and fetches it again on going online', async () => {
    let fetchable = false;
    vi.doMock('../../src/lib/document/desk-connection', async (original) => {
      if (!fetchable) throw new Error('Failed to fetch dynamically imported module');
      return original();
    });
    const { NewsroomLink } = await import('../../src/lib/state/desk.svelte');
    const s = await server();
    const document = EditionDocument.fromEdition(edition());
    const link = new NewsroomLink({ document, editionId: ID, author: '王芳', WebSocketPolyfill: WebSocket, search: `?server=${encodeURIComponent(s.url)}&token=${TOKEN}` });
    cleanup.push(() => link.dispose());
    expect(await link.whenSynced()).toBe(false);
    expect(link.status).toBe('offline');
    // Work goes on in this browser.
    const fragment = (document.doc.getMap(ROOT.stories).get('a') as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
    const text = (fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    document.doc.transact(() => text.insert(text.length, '离线'), 'editor');

    fetchable = true;
    vi.resetModules();
    link.goOnline();
    expect(await link.whenSynced()).toBe(true);
    await vi.waitFor(() => expect(storedStories(s)).toBe(1), WAIT);
    const onServer = new Y.Doc();
    Y.applyUpdate(onServer, s.store.load(ID)!);
    expect(onServer.getMap(ROOT.stories).toJSON().a[STORY_TEXT]).toContain('正文离线');
  });
});
