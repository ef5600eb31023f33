// Several sync processes behind one address: Hocuspocus' Redis extension relays
// every document update and presence change between them (each process keeps
// storing what its own desks send into the shared SQLite file).
import type { Extension } from '@hocuspocus/server';
import { Redis } from '@hocuspocus/extension-redis';

/**
 * Hocuspocus' transaction origin for an update the Redis extension brought
 * from another process: that process stored it already (Hocuspocus does not
 * run onStoreDocument for it either).
 */
export const RELAYED_ORIGIN = '__hocuspocus__redis__origin__';

/** How long a starting server waits for Redis before it gives up with a message. */
const READY_WAIT_MS = 10_000;

/**
 * The relay for a `redis://[user:password@]host[:port][/db]` address, once both
 * of its Redis connections are ready; a bad address or a Redis that does not
 * answer rejects with the reason.
 */
export async function redisRelay(address: string, waitMs = READY_WAIT_MS): Promise<Extension> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new Error(`not a redis:// address: ${address}`);
  }
  if (url.protocol !== 'redis:') throw new Error(`not a redis:// address: ${address}`);
  const db = Number(url.pathname.slice(1) || 0);
  if (!Number.isInteger(db) || db < 0) throw new Error(`bad Redis database number in ${address}`);
  // The credentials and the database number go to ioredis through `options`.
  const relay = new Redis({
    host: url.hostname,
    port: Number(url.port || 6379),
    options: {
      ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
      ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
      ...(db > 0 ? { db } : {}),
    },
  });
  // A document subscribed before its connection is ready is never relayed: ioredis' ready
  // check ('info') then fails on the subscriber connection ("only subscriber commands may be
  // used") and the subscription is lost. So the server listens only once both are ready.
  const ready = (client: Redis['pub']) =>
    client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', () => resolve()));
  // While waiting, the reason it does not answer is kept for the message (ioredis retries on its own).
  let reason = '';
  const noted = (e: Error) => (reason = e.message);
  relay.pub.on('error', noted);
  relay.sub.on('error', noted);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), waitMs)));
  const outcome = await Promise.race([Promise.all([ready(relay.pub), ready(relay.sub)]), late]);
  clearTimeout(timer);
  relay.pub.off('error', noted);
  relay.sub.off('error', noted);
  if (outcome === 'late') {
    await relay.onDestroy();
    const seconds = Math.max(1, Math.round(waitMs / 1000));
    throw new Error(`Redis at ${url.hostname}:${url.port || 6379} did not answer within ${seconds} s${reason ? ` (${reason})` : ''}`);
  }
  return relay;
}
