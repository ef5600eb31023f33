// The edition desk: every edition this browser holds (the library), newest
// date first, with a trash; new editions, tomorrow's from today's, and edition
// files opened. Switching the open edition is the app's (`app.openEdition`).
import type { Edition, Language, StoryStatus } from '../model/edition';
import { newEdition, nextDayEdition, GRID_PRESETS } from '../layout';
import { readEditionFile, sizeProblem, type EditionFileProblem, type PhotoBytes } from '../model/edition-file';
import type { EditionIndexEntry } from '../document';
import { storyStatus } from '../model/review';
import type { AppState } from './app.svelte';
import type { EditionLibrary } from './edition-library';

export { IndexedEditionLibrary, MemoryEditionLibrary, type EditionLibrary } from './edition-library';

/** One line of the editions list. */
export interface EditionRow extends EditionIndexEntry {
  byStatus: Record<StoryStatus, number>;
  trashedAt?: number;
}

export interface NewEditionForm {
  title: string;
  language: Language;
  date: string;
  issueNumber: number;
  preset: string;
  /** One entry per page: its section (may be empty). */
  sections: string[];
}

const TRASH_KEY = 'galley-edition-trash';

/** A new edition id: the date for people, a random tail so two desks never collide. */
export function editionId(date: string): string {
  return `edition-${date || 'undated'}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The list's order: newest date first, then newest change. */
export function byDate(a: EditionIndexEntry, b: EditionIndexEntry): number {
  return b.date.localeCompare(a.date) || b.updatedAt - a.updatedAt || a.id.localeCompare(b.id);
}

export class EditionDesk {
  rows = $state.raw<EditionRow[]>([]);
  open = $state(false);
  /** Problems of the last edition file that could not be opened (shown until dismissed). */
  fileProblems = $state.raw<EditionFileProblem[]>([]);
  /** An edition file read and sound, waiting for the desk to say: new edition or replace the open one. */
  pendingFile = $state.raw<{ edition: Edition; photoBytes: PhotoBytes; migratedFrom?: number } | null>(null);

  constructor(
    private readonly app: AppState,
    private readonly library: EditionLibrary,
    /** Where the trash is remembered (localStorage in the browser). */
    private readonly prefs: Pick<Storage, 'getItem' | 'setItem'> | null = null,
  ) {}

  get editions(): EditionRow[] {
    return this.rows.filter((r) => r.trashedAt === undefined);
  }

  get trash(): EditionRow[] {
    return this.rows.filter((r) => r.trashedAt !== undefined);
  }

  #trash(): Record<string, number> {
    try {
      const parsed: unknown = JSON.parse(this.prefs?.getItem(TRASH_KEY) ?? '{}');
      return parsed && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
    } catch {
      return {};
    }
  }

  #setTrash(trash: Record<string, number>): void {
    this.prefs?.setItem(TRASH_KEY, JSON.stringify(trash));
    this.#trashMemo = trash;
  }

  // Without a preferences store the trash lives as long as the tab.
  #trashMemo: Record<string, number> | null = null;
  #trashNow(): Record<string, number> {
    return this.prefs ? this.#trash() : (this.#trashMemo ?? {});
  }

  /** Read the list again; the open edition's line is written first, so it is always in it and current. */
  async refresh(): Promise<void> {
    // Through the app: the open edition's document is already stored, and a second writer on it would duplicate its edits.
    await this.app.saveToLibrary();
    const trash = this.#trashNow();
    const entries = (await this.library.list()).sort(byDate);
    const rows: EditionRow[] = [];
    for (const entry of entries) {
      const edition = entry.id === this.app.edition.id ? this.app.edition : await this.library.load(entry.id);
      const byStatus: Record<StoryStatus, number> = { raw: 0, edited: 0, approved: 0 };
      // As the story list reads each story (storyStatus): an approval the text has moved on from counts as edited.
      if (edition) for (const s of edition.stories) byStatus[storyStatus(edition, s)]++;
      rows.push({ ...entry, byStatus, ...(trash[entry.id] !== undefined ? { trashedAt: trash[entry.id] } : {}) });
    }
    this.rows = rows;
  }

  async show(): Promise<void> {
    this.open = true;
    await this.refresh();
  }

  /** Create an empty edition from the form and open it, ready for import. */
  async create(form: NewEditionForm): Promise<Edition> {
    const id = editionId(form.date);
    const edition = {
      ...newEdition({
        id,
        stories: [],
        language: form.language,
        title: form.title.trim() || undefined,
        date: form.date,
        issueNumber: form.issueNumber,
        grid: GRID_PRESETS[form.preset] ? form.preset : undefined,
        pages: form.sections.length,
        sections: form.sections,
      }),
      updatedAt: Date.now(),
    };
    await this.library.save(edition);
    await this.app.openEdition(id);
    this.open = false;
    return edition;
  }

  /** Tomorrow's edition from this one (same paper, grid and sections; no stories), opened. */
  async duplicateNextDay(id: string): Promise<Edition | null> {
    const source = id === this.app.edition.id ? this.app.edition : await this.library.load(id);
    if (!source) return null;
    const next = { ...nextDayEdition(source, editionId(source.date)), updatedAt: Date.now() };
    await this.library.save(next);
    await this.refresh();
    return next;
  }

  async rename(id: string, title: string): Promise<void> {
    const name = title.trim();
    if (!name) return;
    if (id === this.app.edition.id) this.app.renameEdition(name);
    else {
      const edition = await this.library.load(id);
      if (edition) await this.library.save({ ...edition, title: name, updatedAt: Date.now() });
    }
    await this.refresh();
  }

  /** Move an edition to the trash (not the open one: open another first). */
  async moveToTrash(id: string): Promise<boolean> {
    if (id === this.app.edition.id) return false;
    this.#setTrash({ ...this.#trashNow(), [id]: Date.now() });
    await this.refresh();
    return true;
  }

  async restore(id: string): Promise<void> {
    const { [id]: _gone, ...rest } = this.#trashNow();
    this.#setTrash(rest);
    await this.refresh();
  }

  async emptyTrash(): Promise<void> {
    const trash = this.#trashNow();
    for (const id of Object.keys(trash)) if (id !== this.app.edition.id) await this.library.remove(id);
    this.#setTrash({});
    await this.refresh();
  }

  async openEdition(id: string): Promise<boolean> {
    const ok = await this.app.openEdition(id);
    if (ok) this.open = false;
    return ok;
  }

  /**
   * Read an edition file as a whole. Sound: it waits in `pendingFile` for the
   * desk's choice (`acceptFile`); not: `fileProblems` lists why, nothing is opened.
   */
  readFile(text: string): boolean {
    const read = readEditionFile(text);
    this.pendingFile = null;
    if (!read.ok) {
      this.fileProblems = read.problems;
      return false;
    }
    this.fileProblems = [];
    this.pendingFile = { edition: read.edition, photoBytes: read.photoBytes, migratedFrom: read.migratedFrom };
    return true;
  }

  /** A File from a picker or a drop: refused by size before it is read. */
  async readFileObject(file: Blob): Promise<boolean> {
    const tooBig = sizeProblem(file.size);
    if (tooBig) {
      this.pendingFile = null;
      this.fileProblems = [tooBig];
      return false;
    }
    return this.readFile(await file.text());
  }

  /** Open the pending file as a new edition (a fresh id, so it never overwrites one in the library) or in place of the open one. */
  async acceptFile(mode: 'new' | 'replace'): Promise<void> {
    const pending = this.pendingFile;
    if (!pending) return;
    this.pendingFile = null;
    const id = mode === 'replace' ? this.app.edition.id : editionId(pending.edition.date);
    const edition = { ...pending.edition, id, updatedAt: Date.now() };
    // The photos' bytes first, so the pages draw them as they open; a store that fails leaves them missing, the edition opens all the same.
    const refused = await this.app.photos.keepFileBytes(pending.photoBytes).catch(() => Object.keys(pending.photoBytes).length);
    if (mode === 'replace') await this.app.replaceEdition(edition);
    else {
      await this.library.save(edition);
      await this.app.openEdition(id);
    }
    this.app.noteOpenedFile(edition.title, pending.migratedFrom);
    if (refused) this.app.notify({ id: 'file-photos', kind: 'error', key: 'file.photosRefused', params: { n: refused } });
    this.open = false;
  }

  dismissFileProblems(): void {
    this.fileProblems = [];
  }
}

