// The app's state, one instance per tab. Components render it and call its
// methods; every change to the edition goes through here so autosave, the
// “edited” status and the revision number cannot be forgotten by a component.
import type { DocJSON, Edition, Language, Story, StoryMeta } from '../model/edition';
import { headlineOf } from './stories';
import { translate, initialLanguage, rememberLanguage, type MessageKey } from '../i18n';
import {
  Autosave,
  editionExport,
  loadEdition,
  openGalleyDB,
  saveEdition,
  type DamagedRecord,
  type GalleyDatabase,
  type SaveStatus,
} from '../storage';
import { isView, type View } from '../model/view';
import { EMPTY_EDITION, type AppMessage, type AppOptions, type RemovedStory, type TabSavedMessage } from './app-options';
import { putStoryBack, takeStoryOut, withFreshIds } from './story-edits';

export type { View } from '../model/view';
export type { AppMessage, AppOptions, RemovedStory, TabChannel, TabSavedMessage } from './app-options';

export class AppState {
  edition = $state.raw<Edition>(EMPTY_EDITION);
  view = $state<View>('stories');
  selectedStoryId = $state<string | null>(null);
  lang = $state<Language>('zh');
  saveStatus = $state.raw<SaveStatus>({ state: 'saved' });
  messages = $state.raw<AppMessage[]>([]);
  /** Stored records that failed their checks: shown, exported, never overwritten. */
  damaged = $state.raw<DamagedRecord[]>([]);
  ready = $state(false);
  /** Another tab saved this edition after we loaded it: our copy is old, autosave is stopped. */
  stale = $state(false);
  /** The last story removed, for Undo. */
  lastRemoved = $state.raw<RemovedStory | null>(null);

  #db: GalleyDatabase | null = null;
  #autosave: Autosave;
  #changed: Set<string> | 'all' = new Set();
  #removed = new Set<string>();
  #options: AppOptions;
  readonly #tab = Math.random().toString(36).slice(2);
  #lastWrittenRevision = -1;

  constructor(options: AppOptions) {
    this.#options = options;
    this.lang = initialLanguage(options.preferences ?? null);
    this.#autosave = new Autosave({
      write: () => this.#write(),
      onStatus: (status) => this.#onSaveStatus(status),
      delayMs: options.autosaveDelayMs,
      retryMs: options.retryMs,
    });
    const channel = options.channel;
    if (channel) channel.onmessage = (event) => this.#onTabMessage(event.data);
  }

  #onTabMessage(data: unknown): void {
    const m = data as Partial<TabSavedMessage> | null;
    if (!m || m.type !== 'saved' || m.tab === this.#tab || m.editionId !== this.edition.id || !this.ready) return;
    this.#goStale();
  }

  /** Stop writing: whatever this tab holds is older than what another tab stored. */
  #goStale(): void {
    if (this.stale) return;
    this.stale = true;
    this.#autosave.dispose();
    this.saveStatus = { state: 'stale' };
    this.#addMessage({ id: 'stale-tab', kind: 'warning', key: 'storage.staleTab' });
  }

  /** Close the tab channel and timers (tests; the browser closes them with the page). */
  dispose(): void {
    this.#autosave.dispose();
    this.#options.channel?.close();
  }

  /** Open storage and restore the last edition, or start from the sample. Never throws. */
  async start(): Promise<void> {
    try {
      this.#db = await (this.#options.openDatabase ?? openGalleyDB)();
    } catch {
      this.#db = null;
      this.saveStatus = { state: 'memory' };
      this.#addMessage({ id: 'storage-unavailable', kind: 'error', key: 'storage.unavailable' });
    }
    let restored = false;
    if (this.#db) {
      try {
        const loaded = await loadEdition(this.#db);
        this.damaged = loaded.damaged;
        for (const d of loaded.damaged) {
          this.#addMessage({
            id: `damaged-${d.store}-${d.id}`,
            kind: 'error',
            key: d.store === 'editions' ? 'storage.damagedEdition' : 'storage.damaged',
            params: { name: d.name },
            reason: { code: d.reasonCode, params: d.reasonParams },
          });
        }
        if (loaded.edition) {
          this.edition = loaded.edition;
          this.#lastWrittenRevision = loaded.edition.revision;
          restored = true;
          if (loaded.session) {
            this.view = loaded.session.view;
            this.selectedStoryId = loaded.session.selectedStoryId;
          }
          if (loaded.recovered) {
            // Not stored yet: write the repaired edition and move its stories to it.
            this.#changed = 'all';
            this.#autosave.schedule();
            this.#addMessage({ id: 'storage-recovered', kind: 'info', key: loaded.recovered.into === 'repaired' ? 'storage.recovered' : 'storage.recoveredInto', params: { n: loaded.recovered.stories } });
          }
        } else if (loaded.damaged.some((d) => d.store === 'editions')) {
          this.#addMessage({ id: 'storage-sample', kind: 'info', key: 'storage.sampleOpened' });
        }
      } catch (error) {
        // The database opened but could not be read: run in memory rather than
        // let autosave write the sample over an edition we failed to read.
        this.#db?.close();
        this.#db = null;
        this.saveStatus = { state: 'memory' };
        this.#addMessage({
          id: 'storage-error',
          kind: 'error',
          key: 'storage.writeFailed',
          params: { message: error instanceof Error ? error.message : String(error) },
        });
      }
    }
    if (!restored) {
      let sample = this.#options.buildSample();
      // Never let the fresh edition take the key of a damaged record it would overwrite.
      if (this.damaged.some((d) => d.id === sample.id)) sample = { ...sample, id: `${sample.id}-${Date.now().toString(36)}` };
      sample = { ...sample, stories: this.#withFreshIds(sample.stories, new Set()).map((s) => ({ ...s, original: s.original ?? s.doc })) };
      this.edition = sample;
      this.#changed = 'all';
      if (this.#db) this.#autosave.schedule();
    }
    if (!this.edition.stories.some((s) => s.id === this.selectedStoryId)) {
      this.selectedStoryId = this.edition.stories[0]?.id ?? null;
    }
    this.ready = true;
  }

  get selectedStory(): Story | null {
    return this.edition.stories.find((s) => s.id === this.selectedStoryId) ?? null;
  }

  /** A banner's text in the current language, its damaged-record reason translated too. */
  messageText(message: AppMessage): string {
    const params = { ...message.params };
    if (message.reason) {
      const key = `reason.${message.reason.code}` as MessageKey;
      const text = translate(this.lang, key, message.reason.params);
      params.reason = text === key ? message.reason.code : text;
    }
    return translate(this.lang, message.key, params);
  }

  /** A UI string in the current language. */
  t(key: MessageKey, params?: Record<string, string | number>): string {
    return translate(this.lang, key, params);
  }

  setView(view: View): void {
    if (!isView(view) || view === this.view) return;
    this.view = view;
    this.#touchSession();
  }

  selectStory(id: string | null): void {
    if (id === this.selectedStoryId) return;
    this.selectedStoryId = id;
    this.#touchSession();
  }

  setLanguage(lang: Language): void {
    this.lang = lang;
    rememberLanguage(this.#options.preferences ?? null, lang);
  }

  /** The editor's doc changed: keep it, and a raw story becomes edited. */
  updateStoryDoc(id: string, doc: DocJSON): void {
    this.#updateStory(id, (s) => ({ ...s, doc, meta: s.meta.status === 'raw' ? { ...s.meta, status: 'edited' } : s.meta }));
  }

  /** Several stories' docs in one commit (a replace-all across the edition, or its undo). */
  updateStoryDocs(docs: Record<string, DocJSON>): void {
    let hit = false;
    const stories = this.edition.stories.map((s) => {
      const doc = docs[s.id];
      if (!doc) return s;
      hit = true;
      this.#markChanged(s.id);
      return { ...s, doc, meta: s.meta.status === 'raw' ? { ...s.meta, status: 'edited' as const } : s.meta };
    });
    if (hit) this.#commit({ ...this.edition, stories });
  }

  /** Accept the story's changes: its current doc becomes the text "show changes" compares against. */
  updateStoryOriginal(id: string, original: DocJSON): void {
    this.#updateStory(id, (s) => ({ ...s, original }));
  }

  updateStoryMeta(id: string, patch: Partial<StoryMeta>): void {
    this.#updateStory(id, (s) => ({ ...s, meta: { ...s.meta, ...patch } }));
  }

  updateStorySlug(id: string, slug: string): void {
    this.#updateStory(id, (s) => ({ ...s, slug }));
  }

  /**
   * The one way a layout gesture reaches the edition: the desk (LayoutDesk)
   * computed `next` from the current edition with the pure layout core; null
   * means it refused, and nothing changes. Returns whether it was applied.
   */
  applyLayout(next: Edition | null): boolean {
    if (!next) return false;
    const before = new Map(this.edition.stories.map((s) => [s.id, s]));
    // Stories are compared by identity, so a change that touched them is saved too.
    for (const s of next.stories) if (before.get(s.id) !== s) this.#markChanged(s.id);
    const kept = new Set(next.stories.map((s) => s.id));
    for (const id of before.keys()) if (!kept.has(id)) this.#removed.add(id);
    this.#commit(next);
    return true;
  }

  /** The edition's house-style word list (set by the copy desk, saved with the edition). */
  updateHouseStyle(houseStyle: Edition['houseStyle']): void {
    this.#commit({ ...this.edition, houseStyle });
  }

  /** Add imported stories after the existing ones; their priorities follow the edition's. */
  addStories(stories: Story[]): Story[] {
    const taken = new Set(this.edition.stories.map((s) => s.id));
    const base = this.edition.stories.reduce((m, s) => Math.max(m, s.meta.priority), 0);
    const added = this.#withFreshIds(stories, taken).map((s) => ({ ...s, original: s.original ?? s.doc, meta: { ...s.meta, priority: base + s.meta.priority } }));
    if (!added.length) return added;
    for (const s of added) this.#markChanged(s.id);
    this.#commit({ ...this.edition, stories: [...this.edition.stories, ...added] });
    this.selectStory(added[0].id);
    this.#addMessage({ id: 'import-added', kind: 'info', key: 'import.added', params: { n: added.length } });
    return added;
  }

  /** Take a story out of the edition (and its placements off the pages). */
  removeStory(id: string): RemovedStory | null {
    const out = takeStoryOut(this.edition, id);
    if (!out) return null;
    const { edition, removed } = out;
    this.#removed.add(id);
    if (this.selectedStoryId === id) this.selectedStoryId = edition.stories[Math.min(removed.index, edition.stories.length - 1)]?.id ?? null;
    this.#commit(edition);
    this.lastRemoved = removed;
    this.#addMessage({ id: 'story-removed', kind: 'info', key: 'story.deleted', params: { name: headlineOf(removed.story) || removed.story.slug } });
    return removed;
  }

  /** Undo a removal: the story back in its place, its modules back where they stood (pages still there). */
  restoreStory(removed: RemovedStory | null = this.lastRemoved): void {
    if (!removed || this.edition.stories.some((s) => s.id === removed.story.id)) return;
    this.#removed.delete(removed.story.id);
    this.#markChanged(removed.story.id);
    this.selectedStoryId = removed.story.id;
    this.lastRemoved = null;
    this.dismissMessage('story-removed');
    this.#commit(putStoryBack(this.edition, removed));
  }

  /** The editions this browser keeps, when the app was given them. */
  get library(): AppOptions['library'] {
    return this.#options.library ?? null;
  }

  /**
   * Switch the app to another edition of the library. The edition left is saved
   * to the library first, so switching never loses work. Edition desk only.
   */
  async openEdition(id: string): Promise<boolean> {
    const library = this.#options.library;
    if (!library) return false;
    if (id === this.edition.id) return true;
    await library.save(this.edition);
    const next = await library.load(id);
    if (!next) return false;
    this.replaceEdition(next);
    return true;
  }

  /** Show `edition` instead of the open one (an opened edition or file); it is saved whole. */
  replaceEdition(edition: Edition): void {
    // Same id (a file replacing the open edition): its old stories must not linger in storage.
    if (edition.id === this.edition.id) {
      const kept = new Set(edition.stories.map((s) => s.id));
      for (const s of this.edition.stories) if (!kept.has(s.id)) this.#removed.add(s.id);
    }
    this.edition = edition;
    this.selectedStoryId = edition.stories[0]?.id ?? null;
    this.lastRemoved = null;
    this.#changed = 'all';
    this.#schedule();
  }

  /** The paper's name (报头) of the open edition. */
  renameEdition(title: string): void {
    this.#commit({ ...this.edition, title });
  }

  /** Say that an edition file was opened (and converted from an older format, if it was). */
  noteOpenedFile(title: string, migratedFrom?: number): void {
    this.#addMessage(
      migratedFrom ? { id: 'file-opened', kind: 'info', key: 'file.migrated', params: { title, version: migratedFrom } } : { id: 'file-opened', kind: 'info', key: 'file.opened', params: { title } },
    );
  }

  dismissMessage(id: string): void {
    this.messages = this.messages.filter((m) => m.id !== id);
  }

  /** Write now (tab hidden, page leaving, retry button). */
  flush(): Promise<void> {
    return this.#db && !this.stale ? this.#autosave.flush() : Promise.resolve();
  }

  /** The edition and every damaged record as one JSON file. */
  exportEdition(now = new Date()): { fileName: string; json: string } {
    return editionExport(this.edition, this.damaged, now);
  }

  #updateStory(id: string, change: (s: Story) => Story): void {
    let found = false;
    const stories = this.edition.stories.map((s) => {
      if (s.id !== id) return s;
      found = true;
      return change(s);
    });
    if (!found) return;
    this.#markChanged(id);
    this.#commit({ ...this.edition, stories });
  }

  #commit(edition: Edition): void {
    this.edition = { ...edition, revision: edition.revision + 1, updatedAt: Date.now() };
    this.#schedule();
  }

  #touchSession(): void {
    this.#schedule();
  }

  #schedule(): void {
    if (this.#db && !this.stale) this.#autosave.schedule();
  }

  #markChanged(id: string): void {
    if (this.#changed !== 'all') this.#changed.add(id);
  }

  #withFreshIds(stories: Story[], taken: Set<string>): Story[] {
    return withFreshIds(stories, new Set([...taken, ...this.damaged.map((d) => d.id)]));
  }

  async #write(): Promise<void> {
    const db = this.#db;
    if (!db || this.stale) return;
    const revision = this.edition.revision;
    const changed = this.#changed;
    const removed = this.#removed;
    this.#changed = new Set();
    this.#removed = new Set();
    try {
      await saveEdition(db, this.edition, {
        changedStoryIds: changed,
        removedStoryIds: removed,
        protectedIds: new Set(this.damaged.map((d) => d.id)),
        session: { view: this.view, selectedStoryId: this.selectedStoryId },
      });
      // Only a change to the edition itself makes other tabs' copies old (not a view switch).
      if (revision !== this.#lastWrittenRevision) {
        this.#lastWrittenRevision = revision;
        this.#options.channel?.postMessage({ type: 'saved', editionId: this.edition.id, tab: this.#tab } satisfies TabSavedMessage);
      }
    } catch (error) {
      // Not written: remember what still needs writing for the retry.
      this.#restoreChanged(changed);
      for (const id of removed) this.#removed.add(id);
      throw error;
    }
  }

  #restoreChanged(changed: Set<string> | 'all'): void {
    if (changed === 'all') this.#changed = 'all';
    else for (const id of changed) this.#markChanged(id);
  }

  #onSaveStatus(status: SaveStatus): void {
    if (this.stale) return;
    this.saveStatus = status;
    if (status.state === 'error' && status.error) {
      const key: MessageKey = status.error.kind === 'quota' ? 'storage.quota' : 'storage.writeFailed';
      this.#addMessage({ id: 'storage-error', kind: 'error', key, params: { message: status.error.message } });
    } else if (status.state === 'saved') {
      this.dismissMessage('storage-error');
    }
  }

  #addMessage(message: AppMessage): void {
    this.messages = [...this.messages.filter((m) => m.id !== message.id), message];
  }
}
