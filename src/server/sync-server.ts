// The newsroom's sync server: Hocuspocus 3 (Yjs over WebSocket; 4.x needs
// Node 22), documents in SQLite, one shared secret per server. An edition's
// document name is its edition id.
import { Server, type Extension } from '@hocuspocus/server';
import { createHash, timingSafeEqual } from 'node:crypto';
import * as Y from 'yjs';
import { SqliteDocuments } from './sqlite-documents';
import { REFUSED_REASON } from '../lib/document/access';
import { RELAYED_ORIGIN } from './redis-relay';

export interface SyncServerOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** SQLite file; ':memory:' for a throwaway server. */
  dbPath: string;
  /** The shared secret every desk sends; a connection without it is refused. */
  token: string;
  /** ms after the last change before a document is compacted (updates are stored as they come regardless). */
  compactAfterMs?: number;
  quiet?: boolean;
  /** More Hocuspocus extensions, e.g. @hocuspocus/extension-redis to run several processes behind one address. */
  extensions?: Extension[];
}

export interface SyncServer {
  /** ws://host:port */
  url: string;
  port: number;
  store: SqliteDocuments;
  /** Close every connection, compact every open document, close the database. */
  stop(): Promise<void>;
}

// Defined beside the desk's connection so the browser can recognise it without importing the server.
export { REFUSED_REASON };

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  // Hash both so the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  if (!options.token) throw new Error('A sync server needs a token (shared secret): no document is served without one.');
  const store = new SqliteDocuments(options.dbPath);
  const galley: Extension = {
    async onAuthenticate({ token }) {
      // Hocuspocus sends `reason` to the client as the permission-denied message.
      if (!sameSecret(token, options.token)) throw Object.assign(new Error(REFUSED_REASON), { reason: REFUSED_REASON });
    },
    async onLoadDocument({ document, documentName }) {
      const state = store.load(documentName);
      if (state) Y.applyUpdate(document, state);
    },
    async onChange({ documentName, update, transactionOrigin }) {
      // An update relayed from another process behind Redis is stored by the process its desk is on.
      if (transactionOrigin === RELAYED_ORIGIN) return;
      store.append(documentName, update);
    },
    async onStoreDocument({ document, documentName }) {
      store.compact(documentName, Y.encodeStateAsUpdate(document));
    },
  };
  const server = new Server({
    port: options.port,
    address: options.host ?? '127.0.0.1',
    quiet: options.quiet ?? false,
    // Signals are handled by main.ts, so a test's server never installs process handlers.
    stopOnSignals: false,
    debounce: options.compactAfterMs ?? 2000,
    maxDebounce: Math.max(options.compactAfterMs ?? 2000, 10_000),
    extensions: [galley, ...(options.extensions ?? [])],
  });
  await server.listen();
  const port = server.address.port;
  let stopping: Promise<void> | null = null;
  return {
    url: `ws://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    store,
    // Once: a second stop (a test's cleanup, a second signal) waits for the first.
    stop() {
      stopping ??= (async () => {
        await server.destroy();
        store.close();
      })();
      return stopping;
    },
  };
}
