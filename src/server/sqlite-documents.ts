// The sync server's store: SQLite through better-sqlite3 (synchronous, so a
// write is on disk before the next message is handled). Each document is kept
// as its last compacted state plus the updates received since, one row each:
// a server killed between two compactions loses nothing it had acknowledged.
// Written by hand rather than @hocuspocus/extension-sqlite, which uses the
// `sqlite3` package and stores only on Hocuspocus' debounced onStoreDocument.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';

export class SqliteDocuments {
  private readonly db: Database.Database;
  /** Rows this process wrote: compaction deletes only its own, another process behind Redis keeps its rows. */
  private readonly writer = randomUUID();
  private readonly insertUpdate: Database.Statement<[string, string, Uint8Array]>;
  private readonly compactTx: (name: string, state: Uint8Array) => void;

  constructor(readonly path: string) {
    this.db = new Database(path);
    // WAL: readers and several server processes on one host do not block each other.
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS updates (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, writer TEXT NOT NULL, data BLOB NOT NULL);
      CREATE INDEX IF NOT EXISTS updates_name ON updates (name);
    `);
    this.insertUpdate = this.db.prepare('INSERT INTO updates (name, writer, data) VALUES (?, ?, ?)');
    const upsert = this.db.prepare(
      'INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?) ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at',
    );
    const dropOwn = this.db.prepare('DELETE FROM updates WHERE name = ? AND writer = ?');
    this.compactTx = this.db.transaction((name: string, state: Uint8Array) => {
      upsert.run(name, state, Date.now());
      dropOwn.run(name, this.writer);
    });
  }

  /** Everything stored for a document, as one Yjs update (null when it was never stored). */
  load(name: string): Uint8Array | null {
    const row = this.db.prepare('SELECT state FROM documents WHERE name = ?').get(name) as { state: Buffer } | undefined;
    const updates = (this.db.prepare('SELECT data FROM updates WHERE name = ? ORDER BY id').all(name) as { data: Buffer }[]).map((r) => new Uint8Array(r.data));
    const parts = [...(row ? [new Uint8Array(row.state)] : []), ...updates];
    return parts.length ? Y.mergeUpdates(parts) : null;
  }

  /** One update as it arrives. */
  append(name: string, update: Uint8Array): void {
    this.insertUpdate.run(name, this.writer, update);
  }

  /** The whole state of a document in memory replaces this process's update rows. */
  compact(name: string, state: Uint8Array): void {
    this.compactTx(name, state);
  }

  /** Update rows not yet folded into the document's state. */
  pendingUpdates(name: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM updates WHERE name = ?').get(name) as { n: number }).n;
  }

  names(): string[] {
    return (this.db.prepare('SELECT name FROM documents UNION SELECT DISTINCT name FROM updates').all() as { name: string }[]).map((r) => r.name);
  }

  close(): void {
    this.db.close();
  }
}
