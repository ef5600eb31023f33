// npm run server -- [--port 4450] [--host 0.0.0.0] [--db galley-server.sqlite] [--token SECRET] [--redis redis://host:6379]
// Each flag may come from the environment instead: GALLEY_SERVER_PORT, GALLEY_SERVER_HOST,
// GALLEY_SERVER_DB, GALLEY_SERVER_TOKEN, GALLEY_SERVER_REDIS (see docs/edition-document.md).
import { parseArgs } from 'node:util';
import type { Extension } from '@hocuspocus/server';
import { startSyncServer } from './sync-server';
import { redisRelay } from './redis-relay';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
    token: { type: 'string' },
    redis: { type: 'string' },
  },
});
const env = process.env;
const port = Number(values.port ?? env.GALLEY_SERVER_PORT ?? 4450);
const host = values.host ?? env.GALLEY_SERVER_HOST ?? '127.0.0.1';
const dbPath = values.db ?? env.GALLEY_SERVER_DB ?? 'galley-server.sqlite';
const token = values.token ?? env.GALLEY_SERVER_TOKEN ?? '';
const redis = values.redis ?? env.GALLEY_SERVER_REDIS;

if (!token) {
  console.error('galley server: set a token (--token or GALLEY_SERVER_TOKEN); desks send it to connect.');
  process.exit(2);
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`galley server: bad port ${values.port ?? env.GALLEY_SERVER_PORT}`);
  process.exit(2);
}

let extensions: Extension[] = [];
if (redis) {
  try {
    extensions = [await redisRelay(redis)];
  } catch (e) {
    console.error(`galley server: --redis: ${(e as Error).message}`);
    process.exit(2);
  }
}

const server = await startSyncServer({ port, host, dbPath, token, extensions, quiet: true });
console.log(`galley sync server at ${server.url} (documents in ${dbPath}${redis ? `, shared through ${redis}` : ''})`);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
