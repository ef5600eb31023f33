// Desks through a real sync server on 127.0.0.1 (started here, with a token):
// two NewsroomLinks converge, edits both made while one was offline merge on
// reconnect, a wrong token reads as refused with the server's reason, presence
// shows where the other desk is, and the server address comes from the
// edition's setting or the page URL (the token never goes into the edition).
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { EditionDocument, ORIGIN, REFUSED_REASON, ROOT, STORY_TEXT } from '../../src/lib/document';
import { startSyncServer, type SyncServer } from '../../src/server/sync-server';
import { NewsroomLink, deskColor, newsroomParams, tokenKey, withoutToken } from '../../src/lib/state/desk.svelte';
import type { Edition } from '../../src/lib/model/edition';
import { storySchema } from '../../src/lib/model/schema';
import { GRID as grid, MemoryStorage } from './edition-fixtures';

const TOKEN = 'desk-secret';
const ID = 'ed-desk';
const WAIT = { timeout: 10_000 };

function edition(server?: string): Edition {
  const story = (id: string) => ({
    id,
    slug: id,
    doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: `题${id}` }] }, { type: 'paragraph', content: [{ type: 'text', text: '正文' }] }] },
    meta: { section: '', priority: 1, status: 'raw' as const, tags: [] },
    raw: '',
  });
  return {
    id: ID,
    title: '日报',
    date: '2022-01-08',
    issueNumber: 1,
    language: 'zh',
    pages: [
      { id: 'p1', number: 1, grid, placements: [{ id: 'a:1', storyId: 'a', part: 1, column: 0, span: 4, line: 0, lines: 20 }] },
      { id: 'p2', number: 2, grid, placements: [] },
    ],
    stories: [story('a'), story('b')],
    ...(server ? { server: { url: server } } : {}),
    revision: 0,
    updatedAt: 0,
  };
}

function type(document: EditionDocument, storyId: string, text: string): void {
  const fragment = (document.doc.getMap(ROOT.stories).get(storyId) as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
  const paragraph = (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
  document.doc.transact(() => paragraph.insert(paragraph.length, text), 'editor');
}

const textOf = (document: EditionDocument, storyId: string) =>
  storySchema.nodeFromJSON(document.snapshot().stories.find((s) => s.id === storyId)!.doc).textContent;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(): Promise<SyncServer> {
  const s = await startSyncServer({ port: 0, host: '127.0.0.1', dbPath: ':memory:', token: TOKEN, quiet: true, compactAfterMs: 50 });
  cleanup.push(() => s.stop());
  return s;
}

function desk(author: string, document: EditionDocument, options: { search?: string; storage?: MemoryStorage | null } = {}) {
  const link = new NewsroomLink({ document, editionId: ID, author, WebSocketPolyfill: WebSocket, storage: options.storage ?? null, search: options.search });
  cleanup.push(() => link.dispose());
  return link;
}

describe('NewsroomLink', () => {
  it('connects from the edition setting, converges, and merges what both desks did while one was offline', async () => {
    const s = await server();
    const storageOne = new MemoryStorage();
    storageOne.setItem(tokenKey(s.url), TOKEN);
    const storageTwo = new MemoryStorage();
    storageTwo.setItem(tokenKey(s.url), TOKEN);
    const one = EditionDocument.fromEdition(edition(s.url));
    // Desk two knows only the address (as a colleague's ?server= link would give it) and its own token.
    const two = new EditionDocument();
    const linkOne = desk('王芳', one, { storage: storageOne });
    const linkTwo = desk('Anna', two, { storage: storageTwo, search: `?server=${encodeURIComponent(s.url)}` });
    expect(linkOne.serverUrl).toBe(s.url);
    // A desk joining an edition it does not have waits for the server's copy before showing it.
    expect(await linkTwo.whenSynced()).toBe(true);
    expect(two.snapshot().stories.map((x) => x.id)).toEqual(['a', 'b']);
    await vi.waitFor(() => {
      expect(linkOne.status).toBe('synced');
      expect(linkTwo.status).toBe('synced');
      expect(two.snapshot().stories).toHaveLength(2);
    }, WAIT);
    // The address travelled with the edition; the token did not.
    expect(two.snapshot().server).toEqual({ url: s.url });
    expect(JSON.stringify(two.doc.toJSON())).not.toContain(TOKEN);

    type(one, 'a', '一');
    type(two, 'a', '二');
    await vi.waitFor(() => {
      expect(textOf(one, 'a')).toBe(textOf(two, 'a'));
      expect(textOf(one, 'a')).toMatch(/一.*二|二.*一/);
    }, WAIT);

    linkTwo.goOffline();
    expect(linkTwo.status).toBe('offline');
    type(two, 'a', '离线');
    type(two, 'b', '乙');
    // An offline desk counts what it has not sent.
    expect(linkTwo.unsynced).toBeGreaterThan(0);
    type(one, 'a', '在线');
    const e = one.snapshot();
    one.dispatch({ ...e, pages: [{ ...e.pages[0], placements: [{ ...e.pages[0].placements[0], span: 3 }] }, e.pages[1]] }, ORIGIN.layout);
    // Nothing crosses while two is offline.
    await new Promise((r) => setTimeout(r, 100));
    expect(textOf(two, 'a')).not.toContain('在线');

    linkTwo.goOnline();
    await vi.waitFor(() => {
      expect(linkTwo.status).toBe('synced');
      expect(linkTwo.unsynced).toBe(0);
      expect(textOf(two, 'a')).toBe(textOf(one, 'a'));
      expect(textOf(one, 'b')).toBe('题b正文乙');
      expect(two.snapshot().pages[0].placements[0].span).toBe(3);
    }, WAIT);
    for (const piece of ['一', '二', '离线', '在线']) expect(textOf(one, 'a')).toContain(piece);
  });

  it('reads as refused, with the server reason, for a wrong token, and connects after retry with the right one', async () => {
    const s = await server();
    const storage = new MemoryStorage();
    const good = EditionDocument.fromEdition(edition(s.url));
    storage.setItem(tokenKey(s.url), TOKEN);
    const goodLink = desk('王芳', good, { storage });
    await vi.waitFor(() => expect(goodLink.status).toBe('synced'), WAIT);

    const other = new EditionDocument();
    const otherStorage = new MemoryStorage();
    const link = desk('Anna', other, { storage: otherStorage, search: `?server=${encodeURIComponent(s.url)}&token=guess` });
    // A token given in the URL is remembered by this browser (so the address bar can drop it).
    expect(otherStorage.getItem(tokenKey(s.url))).toBe('guess');
    expect(await link.whenSynced()).toBe(false);
    expect(link.status).toBe('refused');
    expect(link.refusedReason).toBe(REFUSED_REASON);
    expect(other.snapshot().stories).toEqual([]);

    link.retry(TOKEN);
    expect(otherStorage.getItem(tokenKey(s.url))).toBe(TOKEN);
    await vi.waitFor(() => {
      expect(link.status).toBe('synced');
      expect(link.refusedReason).toBeNull();
      expect(other.snapshot().stories).toHaveLength(2);
    }, WAIT);
  });

  it("shows the other desk's name, colour, story and page, and forgets a desk that leaves", async () => {
    const s = await server();
    const search = `?server=${encodeURIComponent(s.url)}&token=${TOKEN}`;
    const one = desk('王芳', EditionDocument.fromEdition(edition()), { search });
    const two = desk('Anna', new EditionDocument(), { search });
    one.setStory('a');
    two.setPage('p2');
    await vi.waitFor(() => {
      expect(two.others).toEqual([{ clientId: expect.any(Number), name: '王芳', color: deskColor('王芳'), storyId: 'a', pageId: null }]);
      expect(one.others).toEqual([{ clientId: expect.any(Number), name: 'Anna', color: deskColor('Anna'), storyId: null, pageId: 'p2' }]);
    }, WAIT);
    expect(two.inStory('a').map((d) => d.name)).toEqual(['王芳']);
    expect(two.inStory('b')).toEqual([]);
    expect(one.onPage('p2').map((d) => d.name)).toEqual(['Anna']);

    one.setStory('b');
    await vi.waitFor(() => expect(two.inStory('b').map((d) => d.name)).toEqual(['王芳']), WAIT);

    one.dispose();
    await vi.waitFor(() => expect(two.others).toEqual([]), WAIT);
  });

  it('sends nothing to a server the edition names until this browser has a token for it', async () => {
    const s = await server();
    // An edition file from elsewhere can carry any address.
    const document = EditionDocument.fromEdition(edition(s.url));
    const link = desk('王芳', document, { storage: new MemoryStorage() });
    expect(link.status).toBe('needs-token');
    expect(link.serverUrl).toBe(s.url);
    expect(await link.whenSynced()).toBe(false);
    expect(s.store.load(ID)).toBeNull();

    link.retry(TOKEN);
    expect(await link.whenSynced()).toBe(true);
    await vi.waitFor(() => expect(link.unsynced).toBe(0), WAIT);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, s.store.load(ID)!);
    expect(new EditionDocument(stored).snapshot().stories).toHaveLength(2);
  });

  it('works alone without a server, and follows the edition setting when a desk puts it on one', async () => {
    const s = await server();
    const document = EditionDocument.fromEdition(edition());
    const storage = new MemoryStorage();
    const link = desk('王芳', document, { storage });
    expect(link.status).toBe('local');
    expect(link.serverUrl).toBeNull();
    expect(await link.whenSynced()).toBe(false);

    link.useServer(s.url, TOKEN);
    expect(document.snapshot().server).toEqual({ url: s.url });
    expect(storage.getItem(tokenKey(s.url))).toBe(TOKEN);
    await vi.waitFor(() => expect(link.status).toBe('synced'), WAIT);

    link.useServer(null);
    expect(document.snapshot().server).toBeUndefined();
    expect(link.status).toBe('local');
  });

  it('drops the socket when the browser loses the network, and reconnects when it is back unless the desk chose offline', async () => {
    const s = await server();
    const search = `?server=${encodeURIComponent(s.url)}&token=${TOKEN}`;
    const one = EditionDocument.fromEdition(edition());
    const two = new EditionDocument();
    const linkOne = desk('王芳', one, { search });
    const linkTwo = desk('Anna', two, { search });
    expect(await linkTwo.whenSynced()).toBe(true);

    linkTwo.networkLost();
    expect(linkTwo.status).toBe('offline');
    // The desk's own button does not reconnect while the browser has no network.
    linkTwo.goOnline();
    expect(linkTwo.status).toBe('offline');
    type(two, 'a', '断网');
    type(one, 'a', '在线');
    linkTwo.networkBack();
    await vi.waitFor(() => {
      expect(linkTwo.status).toBe('synced');
      expect(textOf(one, 'a')).toBe(textOf(two, 'a'));
      expect(textOf(one, 'a')).toMatch(/断网.*在线|在线.*断网/);
    }, WAIT);

    // Chosen offline stays offline when the network comes and goes.
    linkTwo.goOffline();
    linkTwo.networkLost();
    linkTwo.networkBack();
    expect(linkTwo.status).toBe('offline');
    expect(linkOne.status).toBe('synced');
  });

  it('gives the other desks a name given later', async () => {
    const s = await server();
    const search = `?server=${encodeURIComponent(s.url)}&token=${TOKEN}`;
    const one = desk('未署名', EditionDocument.fromEdition(edition()), { search });
    const two = desk('Anna', new EditionDocument(), { search });
    await vi.waitFor(() => expect(two.others.map((d) => d.name)).toEqual(['未署名']), WAIT);
    one.setAuthor('王芳');
    expect(one.color).toBe(deskColor('王芳'));
    await vi.waitFor(() => expect(two.others.map((d) => [d.name, d.color])).toEqual([['王芳', deskColor('王芳')]]), WAIT);
  });

  it('reads server, token and edition from the page address', () => {
    expect(newsroomParams('?server=ws%3A%2F%2F127.0.0.1%3A4422&token=s%26t&edition=ed-1')).toEqual({ server: 'ws://127.0.0.1:4422', token: 's&t', edition: 'ed-1' });
    expect(newsroomParams('')).toEqual({ server: null, token: null, edition: null });
  });

  it('takes the token out of the address it leaves in the bar', () => {
    expect(withoutToken('http://localhost:4412/?server=ws%3A%2F%2Fh%3A1&token=abc&x=1')).toBe('http://localhost:4412/?server=ws%3A%2F%2Fh%3A1&x=1');
  });
});
