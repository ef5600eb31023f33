// Compacts an edition's IndexedDB store off the desk's main thread (store-compaction.ts).
import { compactDatabase } from './store-compaction';

self.onmessage = async (event: MessageEvent<{ id: number; name: string }>) => {
  const { id, name } = event.data;
  try {
    self.postMessage({ id, left: await compactDatabase(name) });
  } catch (error) {
    self.postMessage({ id, error: String(error) });
  }
};
