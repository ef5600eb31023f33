// The edition's versions as the desk sees them: the list (newest first, by time
// and author), automatic versions (every 5 minutes of this desk's editing and
// before a risky step), named versions, a read-only preview for the Proof view
// and restore. The storage and the pruning rule are src/lib/document/versions.ts
// (rule written in the README, section "Versions").
//
// AppState makes one per open edition (`app.versions`, with its 5-minute
// timer) and keeps a version before import, auto-layout and replace-all
// (`keepVersionBefore`); the Proof view lists them (VersionsPanel) and draws
// `previewEdition` read-only while one is previewed.
import type { Edition } from '../model/edition';
import { AutoVersions, previewVersion, restoreVersion, type EditionDocument, type VersionRecord, type VersionStore } from '../document';

/** Why a version was saved: the app's risky steps. */
export type VersionReason = 'import' | 'auto-layout' | 'replace-all' | 'restore';

/** A version as the panel lists it (the encoded state stays in the store until needed). */
export interface VersionEntry {
  id: string;
  time: number;
  author: string;
  name: string | null;
  kind: 'auto' | 'named';
  reason: string | null;
  /** Size of the saved state in bytes. */
  bytes: number;
}

export interface VersionHistoryOptions {
  document: EditionDocument;
  store: VersionStore;
  author: string;
  /** ms of editing between automatic versions (5 minutes). */
  every?: number;
  /** How often the timer asks whether an automatic version is due (30 s). */
  checkEvery?: number;
  /** The clock, so tests need no waiting. */
  now?: () => number;
}

const entryOf = (v: VersionRecord): VersionEntry => ({
  id: v.id,
  time: v.time,
  author: v.author,
  name: v.name,
  kind: v.kind,
  reason: v.reason ?? null,
  bytes: v.state.byteLength,
});

export class VersionHistory {
  /** Newest first. */
  list = $state.raw<VersionEntry[]>([]);
  /** The version shown read-only in the Proof view, or null for the live edition. */
  previewEdition = $state.raw<Edition | null>(null);
  previewId = $state<string | null>(null);
  /** Set while a save, restore or list is running (buttons wait). */
  busy = $state(false);

  readonly #document: EditionDocument;
  readonly #store: VersionStore;
  readonly #auto: AutoVersions;
  #author: string;
  readonly #now: () => number;
  readonly #checkEvery: number;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: VersionHistoryOptions) {
    this.#document = options.document;
    this.#store = options.store;
    this.#author = options.author;
    this.#now = options.now ?? Date.now;
    this.#checkEvery = options.checkEvery ?? 30_000;
    // The author is read at each save: a desk that gives its name later signs the versions from then on.
    const history = this;
    this.#auto = new AutoVersions(options.document, options.store, {
      get author() {
        return history.#author;
      },
      every: options.every,
      now: this.#now,
    });
  }

  get editionId(): string {
    return this.#document.id;
  }

  /** Who signs the versions saved from now on. */
  setAuthor(name: string): void {
    this.#author = name;
  }

  /** Start the timer that saves an automatic version after 5 minutes of editing, and read the list. */
  start(): Promise<void> {
    if (!this.#timer) {
      this.#timer = setInterval(() => void this.tick().catch(() => null), this.#checkEvery);
      // In Node (tests) the timer must not keep the process alive; browsers have no unref.
      (this.#timer as { unref?: () => void }).unref?.();
    }
    return this.refresh();
  }

  async refresh(): Promise<void> {
    this.list = (await this.#store.list(this.editionId)).map(entryOf);
  }

  /** Save an automatic version if this desk edited for the interval; the timer calls it. */
  async tick(): Promise<VersionEntry | null> {
    const saved = await this.#auto.tick();
    if (!saved) return null;
    await this.#afterAutomatic();
    return entryOf(saved);
  }

  /** A version of the edition as it is just before a risky step. Await it before the step. */
  async before(reason: VersionReason): Promise<VersionEntry> {
    const saved = await this.#auto.before(reason);
    await this.#afterAutomatic();
    return entryOf(saved);
  }

  /** A version the desk names (kept until deleted). */
  async saveNamed(name: string): Promise<VersionEntry | null> {
    const trimmed = name.trim();
    if (!trimmed) return null;
    const saved = await this.#store.save(this.#document, { author: this.#author, name: trimmed, time: this.#now() });
    await this.refresh();
    return entryOf(saved);
  }

  /** Show a version read-only (the Proof view draws `previewEdition`). */
  async preview(id: string): Promise<Edition | null> {
    const record = await this.#store.get(id);
    if (!record) return null;
    this.previewEdition = previewVersion(record);
    this.previewId = id;
    return this.previewEdition;
  }

  closePreview(): void {
    this.previewEdition = null;
    this.previewId = null;
  }

  /**
   * Bring the edition back to a version. The state before is saved as a
   * version first, and the restore is one layout-undo step (Ctrl+Z undoes it);
   * the other desks receive it as an ordinary change. Resolves to the restored
   * edition, or null when the version is gone.
   */
  async restore(id: string): Promise<Edition | null> {
    const record = await this.#store.get(id);
    if (!record) return null;
    this.busy = true;
    try {
      await this.#auto.before('restore');
      const edition = restoreVersion(this.#document, record);
      this.closePreview();
      await this.#afterAutomatic();
      return edition;
    } finally {
      this.busy = false;
    }
  }

  async remove(id: string): Promise<void> {
    await this.#store.remove(id);
    if (this.previewId === id) this.closePreview();
    await this.refresh();
  }

  dispose(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#auto.stop();
  }

  /** Every automatic save prunes by the rule, so the list stays short without anyone tending it. */
  async #afterAutomatic(): Promise<void> {
    await this.#store.prune(this.editionId, this.#now());
    await this.refresh();
  }
}
