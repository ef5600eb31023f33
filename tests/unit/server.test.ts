// The newsroom sync server (Hocuspocus 3 + SQLite) with real provider clients
// over real WebSockets on 127.0.0.1: desks converge, offline edits merge on
// reconnect, a wrong token is refused with a clear reason, documents survive a
// restart. Every server, provider and socket is closed at the end.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { EditionDocument, ORIGIN } from '../../src/lib/document';
import { DeskConnection } from '../../src/lib/document/desk-connection';
import { startSyncServer, REFUSED_REASON, type SyncServer } from '../../src/server/sync-server';
import { oneStoryEdition, storyText as textOf, typeInStory as type } from './edition-fixtures';

const TOKEN = 'newsroom-secret';

const edition = () => oneStoryEdition('ed-server');

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(dbPath: string): Promise<SyncServer> {
  const s = await startSyncServer({ port: 0, host: '127.0.0.1', dbPath, token: TOKEN, quiet: true, compactAfterMs: 50 });
  cleanup.push(() => s.stop());
  return s;
}

function desk(url: string, doc: Y.Doc = new Y.Doc(), token = TOKEN) {
  const failures: string[] = [];
  const connection = new DeskConnection({
    doc,
    editionId: 'ed-server',
    url,
    token,
    // Node 20 has no global WebSocket.
    WebSocketPolyfill: WebSocket,
    onRefused: (reason) => failures.push(reason),
  });
  cleanup.push(() => connection.close());
  return { connection, document: new EditionDocument(doc), failures };
}

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-server-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'documents.sqlite');
}

describe('sync server', () => {
  it('makes two desks converge, and merges edits both made while one was offline', async () => {
    const s = await server(tempDb());
    const one = desk(s.url, EditionDocument.fromEdition(edition()).doc);
    const two = desk(s.url);
    await vi.waitFor(() => expect(two.document.snapshot().stories).toHaveLength(1), { timeout: 10_000 });

    type(one.document, '一');
    type(two.document, '二');
    await vi.waitFor(() => {
      expect(textOf(one.document)).toBe(textOf(two.document));
      expect(textOf(one.document)).toMatch(/一/);
      expect(textOf(one.document)).toMatch(/二/);
    }, { timeout: 10_000 });

    two.connection.disconnect();
    // Offline for real (the socket closed) before anyone edits.
    await vi.waitFor(() => expect(two.connection.offline).toBe(true), { timeout: 10_000 });
    type(two.document, '离线');
    const e = one.document.snapshot();
    one.document.dispatch({ ...e, pages: [{ ...e.pages[0], placements: [{ ...e.pages[0].placements[0], span: 3 }] }] }, ORIGIN.layout);
    type(one.document, '在线');
    void two.connection.connect();
    await vi.waitFor(() => {
      expect(textOf(two.document)).toBe(textOf(one.document));
      expect(textOf(one.document)).toContain('离线');
      expect(textOf(one.document)).toContain('在线');
      expect(two.document.snapshot().pages[0].placements[0].span).toBe(3);
    }, { timeout: 10_000 });
  });

  it('refuses a desk with a wrong token, with a reason it can show, and serves it nothing', async () => {
    const s = await server(tempDb());
    const good = desk(s.url, EditionDocument.fromEdition(edition()).doc);
    await vi.waitFor(() => expect(good.connection.synced).toBe(true), { timeout: 10_000 });
    const bad = desk(s.url, new Y.Doc(), 'guess');
    await vi.waitFor(() => expect(bad.failures).toEqual([REFUSED_REASON]), { timeout: 10_000 });
    expect(bad.document.snapshot().stories).toEqual([]);
    expect(bad.connection.provider.isAuthenticated).toBe(false);
    await vi.waitFor(() => expect(bad.connection.offline).toBe(true), { timeout: 10_000 }); // stopped retrying
  });

  it('keeps documents across a restart of the server', async () => {
    const path = tempDb();
    const first = await startSyncServer({ port: 0, dbPath: path, token: TOKEN, quiet: true, compactAfterMs: 50 });
    const one = desk(first.url, EditionDocument.fromEdition(edition()).doc);
    await vi.waitFor(() => expect(one.connection.synced).toBe(true), { timeout: 10_000 });
    type(one.document, '存');
    await vi.waitFor(() => expect(one.connection.unsyncedChanges).toBe(0), { timeout: 10_000 });
    one.connection.close();
    await first.stop();

    const second = await server(path);
    const two = desk(second.url);
    await vi.waitFor(() => expect(textOf(two.document)).toBe('题正文存'), { timeout: 10_000 });
  });

  it('keeps every update it acknowledged even when it stops before compacting', async () => {
    const path = tempDb();
    // Compaction far in the future: only the per-update rows hold the edits.
    const first = await startSyncServer({ port: 0, dbPath: path, token: TOKEN, quiet: true, compactAfterMs: 60_000 });
    const one = desk(first.url, EditionDocument.fromEdition(edition()).doc);
    await vi.waitFor(() => expect(one.connection.synced).toBe(true), { timeout: 10_000 });
    type(one.document, '快');
    await vi.waitFor(() => expect(one.connection.unsyncedChanges).toBe(0), { timeout: 10_000 });
    expect(first.store.pendingUpdates('ed-server')).toBeGreaterThan(0);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, first.store.load('ed-server')!);
    expect(textOf(new EditionDocument(stored))).toBe('题正文快');
    one.connection.close();
    await first.stop();
  });

  it('will not start without a token', async () => {
    await expect(startSyncServer({ port: 0, dbPath: ':memory:', token: '' })).rejects.toThrow(/token/);
  });
});
