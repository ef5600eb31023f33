// Where the editions of this browser are kept: the edition documents
// (src/lib/document) in IndexedDB, or memory. Apart from the edition desk so the
// app's options can name it without importing the desk (no module cycle).
import type { Edition } from '../model/edition';
import { EditionIndex, openLibraryDB, openPersistedEdition, ORIGIN, type EditionIndexEntry } from '../document';

/** Where editions are kept: the browser's IndexedDB (below), or memory (tests). */
export interface EditionLibrary {
  list(): Promise<EditionIndexEntry[]>;
  load(id: string): Promise<Edition | null>;
  save(edition: Edition): Promise<void>;
  /** Forget an edition for good. */
  remove(id: string): Promise<void>;
}

/** The library on the edition documents: the `EditionIndex` list and one y-indexeddb document per edition. */
export class IndexedEditionLibrary implements EditionLibrary {
  #index: Promise<EditionIndex> | null = null;

  #open(): Promise<EditionIndex> {
    this.#index ??= openLibraryDB().then((db) => new EditionIndex(db));
    return this.#index;
  }

  async list(): Promise<EditionIndexEntry[]> {
    return (await this.#open()).list();
  }

  async load(id: string): Promise<Edition | null> {
    const index = await this.#open();
    if (!(await index.get(id))) return null;
    const stored = await openPersistedEdition(id);
    try {
      return stored.document.snapshot();
    } finally {
      await stored.close();
    }
  }

  async save(edition: Edition): Promise<void> {
    const index = await this.#open();
    const stored = await openPersistedEdition(edition.id);
    try {
      // Only the difference to what is stored is written.
      stored.document.dispatch(edition, ORIGIN.load);
    } finally {
      await stored.close();
    }
    await index.put(edition);
  }

  async remove(id: string): Promise<void> {
    await (await this.#open()).remove(id);
  }
}

/** The library in memory: the same behaviour without a browser (unit tests, a profile without storage). */
export class MemoryEditionLibrary implements EditionLibrary {
  #editions = new Map<string, Edition>();

  async list(): Promise<EditionIndexEntry[]> {
    return [...this.#editions.values()].map((e) => ({
      id: e.id,
      title: e.title,
      date: e.date,
      issueNumber: e.issueNumber,
      language: e.language,
      updatedAt: e.updatedAt,
      stories: e.stories.length,
      pages: e.pages.length,
    }));
  }

  async load(id: string): Promise<Edition | null> {
    return this.#editions.get(id) ?? null;
  }

  async save(edition: Edition): Promise<void> {
    this.#editions.set(edition.id, edition);
  }

  async remove(id: string): Promise<void> {
    this.#editions.delete(id);
  }
}
