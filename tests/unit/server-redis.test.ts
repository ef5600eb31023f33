// Two sync server processes behind one address, relayed through a real Redis
// (redis-server from Debian, started here on a free port): a desk on each
// process sees the other's edits and presence, each update is stored once in
// the shared SQLite file, and a third server on that file alone holds it all.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { EditionDocument } from '../../src/lib/document';
import { DeskConnection } from '../../src/lib/document/desk-connection';
import { startSyncServer, type SyncServer } from '../../src/server/sync-server';
import { redisRelay } from '../../src/server/redis-relay';
import { oneStoryEdition, storyText as textOf, typeInStory as type } from './edition-fixtures';

const TOKEN = 'newsroom-secret';
const EDITION = 'ed-relay';
// npm test installs redis-server with Chromium and poppler (scripts/test.mjs).
const HAVE_REDIS = spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0;

const edition = () => oneStoryEdition(EDITION);

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let redis: ChildProcess | null = null;
let redisUrl = '';
let dir = '';

beforeAll(async () => {
  if (!HAVE_REDIS) return;
  dir = mkdtempSync(join(tmpdir(), 'galley-relay-'));
  const port = await freePort();
  // No persistence: the relay only passes messages; the documents live in SQLite.
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    redis!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('Ready to accept connections')) resolve();
    });
    redis!.on('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
  });
  redisUrl = `redis://127.0.0.1:${port}`;
});

afterAll(() => {
  redis?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function server(dbPath: string, relay: boolean): Promise<SyncServer> {
  // Compaction far off: the update rows show what each process stored.
  const s = await startSyncServer({ port: 0, host: '127.0.0.1', dbPath, token: TOKEN, quiet: true, compactAfterMs: 60_000, extensions: relay ? [await redisRelay(redisUrl)] : [] });
  cleanup.push(() => s.stop());
  return s;
}

function desk(url: string, doc: Y.Doc = new Y.Doc()) {
  const connection = new DeskConnection({ doc, editionId: EDITION, url, token: TOKEN, WebSocketPolyfill: WebSocket });
  cleanup.push(() => connection.close());
  return { connection, document: new EditionDocument(doc) };
}

describe.skipIf(!HAVE_REDIS)('two sync processes relayed through Redis', () => {
  it('gives each desk the other process’s edits and presence, and stores every update once', async () => {
    const db = join(dir, 'documents.sqlite');
    const a = await server(db, true);
    const b = await server(db, true);
    const one = desk(a.url, EditionDocument.fromEdition(edition()).doc);
    await vi.waitFor(() => expect(one.connection.synced && one.connection.unsyncedChanges === 0).toBe(true), { timeout: 10_000 });
    const two = desk(b.url);
    await vi.waitFor(() => expect(two.document.snapshot().stories).toHaveLength(1), { timeout: 10_000 });

    type(one.document, '甲');
    type(two.document, '乙');
    await vi.waitFor(() => {
      expect(textOf(one.document)).toBe(textOf(two.document));
      expect(textOf(one.document)).toMatch(/^题正文(甲乙|乙甲)$/);
    }, { timeout: 10_000 });

    // Presence crosses processes too: desk two sees desk one's name.
    one.connection.provider.awareness?.setLocalStateField('user', { name: 'Anna', color: '#c00' });
    await vi.waitFor(() => {
      const names = [...(two.connection.provider.awareness?.getStates().values() ?? [])].map((s) => (s.user as { name?: string } | undefined)?.name);
      expect(names).toContain('Anna');
    }, { timeout: 10_000 });

    // The seed and the two keys: one row each, written by the process its desk is on (not again by the other).
    await vi.waitFor(() => expect(one.connection.unsyncedChanges + two.connection.unsyncedChanges).toBe(0), { timeout: 10_000 });
    expect(a.store.pendingUpdates(EDITION)).toBe(3);

    // A server on the shared file alone (no relay) serves everything both desks typed.
    one.connection.close();
    two.connection.close();
    await a.stop();
    await b.stop();
    const c = await server(db, false);
    const reader = desk(c.url);
    await vi.waitFor(() => expect(textOf(reader.document)).toBe(textOf(one.document)), { timeout: 10_000 });
  });

  it('refuses an address that is not redis:// or a Redis that does not answer, with the reason', async () => {
    await expect(redisRelay('http://127.0.0.1:6379')).rejects.toThrow(/redis:\/\//);
    await expect(redisRelay('redis://127.0.0.1:6379/x')).rejects.toThrow(/database/);
    await expect(redisRelay(`redis://127.0.0.1:${await freePort()}`, 500)).rejects.toThrow(/did not answer/);
  });
});
