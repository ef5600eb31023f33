// Folding an edition's stored Yjs updates into one record.
//
// y-indexeddb's own compaction (storeState) reads every record back, applies
// them all to the live doc again and encodes the whole doc — on a 20,000-edit
// edition a main-thread stall of 100+ ms every 500 keystrokes. This one never
// touches the doc: in ONE readwrite transaction it reads the records, merges
// them into a doc of its own, adds that doc's state and deletes the ones
// it read, so a record another tab adds meanwhile is either merged or kept,
// never lost. It runs in a Web Worker (store-compaction.worker.ts, started by
// persistence.ts) so the merge costs the desk's main thread nothing; without
// workers (Node, tests) it runs on the main thread.
import * as Y from 'yjs';

const UPDATES = 'updates';

/** Merge every record of the `updates` store into one. Resolves with the number of records left (1, or 0 when empty). */
export function compactStore(db: IDBDatabase): Promise<number> {
  return new Promise((resolve, reject) => {
    const tx = db.transaction([UPDATES], 'readwrite');
    const store = tx.objectStore(UPDATES);
    let left = 0;
    const keys = store.getAllKeys();
    const values = store.getAll();
    values.onsuccess = () => {
      const records = values.result as Uint8Array[];
      left = records.length;
      if (records.length <= 1) return;
      const last = keys.result[keys.result.length - 1];
      // Through a doc, not Y.mergeUpdates: the doc's encoding has deleted text collected and
      // neighbouring items joined (measured: 527 kB against 692 kB for 20,000 edits, and a
      // state that opens faster for having fewer items).
      const doc = new Y.Doc();
      Y.transact(doc, () => records.forEach((u) => Y.applyUpdate(doc, u)));
      store.add(Y.encodeStateAsUpdate(doc));
      doc.destroy();
      store.delete(IDBKeyRange.upperBound(last));
      left = 1;
    };
    tx.oncomplete = () => resolve(left);
    tx.onabort = tx.onerror = () => reject(tx.error ?? new DOMException('compaction aborted', 'AbortError'));
  });
}

function openStore(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Compact the edition database `name` with its own connection (what the worker runs). */
export async function compactDatabase(name: string): Promise<number> {
  const db = await openStore(name);
  try {
    return await compactStore(db);
  } finally {
    db.close();
  }
}
