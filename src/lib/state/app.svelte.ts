// The app's state, one instance per tab. Components render it and call its
// methods. The open edition is an EditionDocument (Yjs): every change goes in
// as one dispatch with its origin, and `edition` is the document's snapshot,
// refreshed after every transaction — local, undo, another tab or storage —
// except the open editor's typing, which it catches up with once the main
// thread is idle (the editor already shows the key; see #editionLater).
import { ySyncPluginKey } from 'y-prosemirror';
import type { DocJSON, Edition, Language, Story, StoryMeta } from '../model/edition';
import { headlineOf } from './stories';
import { translate, initialLanguage, rememberLanguage, type MessageKey } from '../i18n';
import {
  checkEditionRecord,
  checkStoryRecord,
  classifyStorageError,
  editionExport,
  exportFileName,
  openExistingGalleyDB,
  type DamagedRecord,
} from '../storage';
import {
  EditionDocument,
  EditionIndex,
  ORIGIN,
  ROOT,
  VersionStore,
  TabChannel,
  migrateV1Database,
  openLibraryDB,
  openPersistedEdition,
  tabChannelName,
  type LibraryDatabase,
  type PersistedEdition,
} from '../document';
import type { PersistStatus } from '../document/persistence';
import { isView, type View } from '../model/view';
import { EMPTY_EDITION, type AppMessage, type AppOptions, type RemovedStory, type SaveStatus } from './app-options';
import { putStoryBack, takeStoryOut, withFreshIds } from './story-edits';
import { PhotoDesk } from './photos';
import { DEFAULT_MAX_FILE_BYTES, withPhotoBytes } from '../model/edition-file';
import { isPhotoRecord } from '../model/photo';
import { nextTask, whenIdle } from './idle';
import { NewsroomLink, newsroomParams } from './desk.svelte';
import { VersionHistory, type VersionReason } from './versions.svelte';
import { hyphenationReady, loadHyphenation } from '../typeset/hyphenation';
import { readPrintOptions, type PrintOptions } from '../layout/print-marks';

export type { View } from '../model/view';
export type { AppMessage, AppOptions, RemovedStory, SaveStatus } from './app-options';

const SESSION_KEY = 'galley-session';
/** How long an export waits for the photo store before it writes the file without the bytes. */
const PHOTO_BYTES_WAIT_MS = 10_000;
const AUTHOR_KEY = 'galley.author';
/** One edition's print options (crop marks, slug, comments) are remembered under this prefix and its id. */
const PRINT_OPTIONS_KEY = 'galley.print.';
/** The edition list's line (title, counts, time) is rewritten at most this often while editing. */
const INDEX_DELAY_MS = 2000;
/**
 * Typing reaches `edition` (and so the story list's counts, copyfit, the pages)
 * once keys pause this long, or at the latest after EDITION_MAX_LAG_MS, and
 * then in an idle period: the frame after a key pays for the editor alone.
 */
const EDITION_QUIET_MS = 120;
const EDITION_MAX_LAG_MS = 1000;
/** A write still uncommitted after this long shows "saving" (a key's write commits in milliseconds). */
const SAVING_SHOWN_AFTER_MS = 700;
/** How long a desk joining an edition it never had shows nothing while the server's copy comes (see #firstSync). */
const JOIN_WAIT_MS = 15_000;
/** The version history's list is read in an idle moment after an open, this long after it at the latest. */
const VERSIONS_START_AT_LATEST_MS = 2000;

interface Session {
  editionId: string;
  view: View;
  selectedStoryId: string | null;
}


/** An English edition whose hyphenation patterns are not in yet (read from the settings map: no snapshot needed). */
function needsPatterns(document: EditionDocument): boolean {
  return document.doc.getMap(ROOT.settings).get('language') === 'en' && !hyphenationReady();
}

export class AppState {
  edition = $state.raw<Edition>(EMPTY_EDITION);
  /** The open edition's Yjs document (null before start): desks, tabs and versions plug in here. */
  document = $state.raw<EditionDocument | null>(null);
  /** Who this desk is, for versions and presence. */
  author = $state('');
  view = $state<View>('stories');
  selectedStoryId = $state<string | null>(null);
  lang = $state<Language>('zh');
  saveStatus = $state.raw<SaveStatus>({ state: 'saved' });
  messages = $state.raw<AppMessage[]>([]);
  /** Stored records of the first build that failed their checks: shown, exported, never overwritten. */
  damaged = $state.raw<DamagedRecord[]>([]);
  ready = $state(false);
  /** The last story removed, for Undo. */
  lastRemoved = $state.raw<RemovedStory | null>(null);
  /** Layout undo/redo possible (move, resize, delete, 转版, auto-layout). */
  canUndo = $state(false);
  canRedo = $state(false);
  /** The open edition's link to the newsroom server (status, presence); 'local' when it names none. */
  newsroom = $state.raw<NewsroomLink | null>(null);
  /** The open edition's versions (null without storage: they are kept in IndexedDB). */
  versions = $state.raw<VersionHistory | null>(null);

  /** Photo bytes and what the page draws of them (photos.ts). */
  readonly photos: PhotoDesk;

  #options: AppOptions;
  #library: LibraryDatabase | null = null;
  #persisted: PersistedEdition | null = null;
  #tabs: TabChannel | null = null;
  #unsubscribe: (() => void)[] = [];
  #indexTimer: ReturnType<typeof setTimeout> | null = null;
  /** A write is not yet committed (shown as "saving" only once it lingers; the status is aria-busy meanwhile). */
  #writing = $state(false);
  #savingShown: ReturnType<typeof setTimeout> | null = null;
  /** Typing not yet in `edition`: the pending catch-up (cancel) and when it is due at the latest. */
  #editionLag: { cancel: () => void; lastKey: number; dueAt: number } | null = null;

  constructor(options: AppOptions) {
    this.#options = options;
    this.photos = new PhotoDesk(options.openPhotoStore);
    this.lang = initialLanguage(options.preferences ?? null);
    this.author = this.#pref(AUTHOR_KEY) ?? '';
  }

  /** Close the document, its storage and the tab link (tests; the browser closes them with the page). */
  async dispose(): Promise<void> {
    await this.#close();
    this.#library?.close();
    this.#library = null;
  }

  /** Open the library and the last edition (migrating a first-build database, or building the sample). Never throws. */
  async start(): Promise<void> {
    const sample = () => this.#freshSample();
    // `?edition=<id>` joins a colleague's edition on the newsroom server: that edition, never the sample.
    const join = newsroomParams(this.#options.search ?? '').edition;
    try {
      this.#library = await (this.#options.openLibrary ?? openLibraryDB)();
      performance.mark('galley:library-open');
    } catch {
      this.#library = null;
      this.#addMessage({ id: 'storage-unavailable', kind: 'error', key: 'storage.unavailable' });
    }
    let opened = false;
    if (this.#library) {
      try {
        const index = new EditionIndex(this.#library);
        let session: Session | null;
        if (join) {
          await this.#join(join, index);
          session = this.#session();
        } else session = await this.#openLast(index, sample);
        if (session && session.editionId === (join ?? this.document?.id)) {
          this.view = session.view;
          this.selectedStoryId = session.selectedStoryId;
        }
        opened = true;
      } catch (error) {
        // Storage opened but could not be read or written: work in memory rather than lose the session.
        this.#library?.close();
        this.#library = null;
        this.#addMessage({ id: 'storage-error', kind: 'error', key: 'storage.writeFailed', params: { message: messageOf(error) } });
      }
    }
    if (!opened && join) {
      this.#open(new EditionDocument(), null, join);
      await this.#firstSync();
    } else if (!opened) this.#open(EditionDocument.fromEdition(await sample()), null);
    if (!this.edition.stories.some((s) => s.id === this.selectedStoryId)) {
      this.selectedStoryId = this.edition.stories[0]?.id ?? null;
    }
    if (this.document) await this.#typesetReady(this.document);
    // Opening the stored edition, what the view needs first (its page laid out) and building the
    // view are each in tasks of their own on a first load: shorter tasks, not one long one.
    await nextTask();
    await this.#options.beforeShow?.();
    performance.mark('galley:page-typeset');
    await nextTask();
    this.ready = true;
    // Remembered at once: the next start opens this edition, not merely the newest one.
    this.#saveSession();
    this.#notePresence();
  }

  /** Open the edition this browser last had open (migrating a first-build database, or building the sample); resolves to the session to restore. */
  async #openLast(index: EditionIndex, sample: () => Promise<Edition>): Promise<Session | null> {
    let entries = await index.list();
    performance.mark('galley:edition-listed');
    let session = this.#session();
    if (!entries.length) {
      // The first build's desk opens where it left off: the edition and story it last had open.
      session = (await this.#migrateV1(this.#library!)) ?? session;
      entries = await index.list();
    }
    const id = entries.find((e) => e.id === session?.editionId)?.id ?? entries[0]?.id;
    // An English edition's hyphenation patterns are fetched while its document is read, not after (start awaits them).
    if (entries.find((e) => e.id === id)?.language === 'en') void loadHyphenation().catch(() => {});
    const edition = id ? null : await sample();
    const persisted = await (this.#options.openEdition ?? openPersistedEdition)(id ?? edition!.id);
    performance.mark('galley:edition-read');
    // Listed but its document is empty (cleared behind our back): start it from the sample rather than show nothing.
    if (!persisted.document.id) persisted.document.dispatch(edition ?? { ...(await sample()), id: id! }, ORIGIN.load);
    if (!id) await index.put(persisted.document.snapshot());
    // Reading the stored records into the doc and deriving the edition from it (and the views
    // that follow it) are two tasks: neither is a long one on a first load.
    await nextTask();
    this.#open(persisted.document, persisted);
    return session;
  }

  /** Open the edition `id` of the newsroom: this browser's copy if it has one, else an empty document the server fills. */
  async #join(id: string, index: EditionIndex): Promise<void> {
    const persisted = await (this.#options.openEdition ?? openPersistedEdition)(id);
    this.#open(persisted.document, persisted, id);
    if (!persisted.document.id) await this.#firstSync();
    // Listed once it has arrived; until then there is nothing to list (a later arrival is listed by #scheduleIndex).
    if (persisted.document.id) await index.put(persisted.document.snapshot());
  }

  /**
   * A desk opening an edition it never had waits for the server's copy before
   * anything else happens: a sample or any seeding now would become a second
   * copy of the edition in the shared document. A refused token or a missing
   * one ends the wait at once (the status line says why); a server that does
   * not answer ends it after JOIN_WAIT_MS, and the edition fills in when the link catches up.
   */
  async #firstSync(): Promise<void> {
    const link = this.newsroom;
    if (!link) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([link.whenSynced(), new Promise((resolve) => (timer = setTimeout(resolve, JOIN_WAIT_MS)))]);
    clearTimeout(timer);
    if (!this.edition.stories.some((s) => s.id === this.selectedStoryId)) this.selectedStoryId = this.edition.stories[0]?.id ?? null;
  }

  async #freshSample(): Promise<Edition> {
    const sample = await this.#options.buildSample();
    const stories = withFreshIds(sample.stories, new Set(this.damaged.map((d) => d.id))).map((s) => ({ ...s, original: s.original ?? s.doc }));
    return { ...sample, stories, updatedAt: Date.now() };
  }

  /** The first build's database, moved into edition documents once (its records stay where they were). */
  async #migrateV1(library: LibraryDatabase): Promise<Session | null> {
    const v1 = await (this.#options.openV1 ?? openExistingGalleyDB)().catch(() => null);
    if (!v1) return null;
    try {
      const { contents } = await migrateV1Database(v1, library);
      const damaged: DamagedRecord[] = [];
      for (const d of contents.damaged) {
        const record: unknown = await v1.get(d.store, d.id).catch(() => undefined);
        const checked = d.store === 'editions' ? checkEditionRecord(record) : checkStoryRecord(record);
        // Read again to carry the record itself into the export; the check gives the reason as a code the UI translates.
        const refusal = checked.ok ? { code: 'notObject' as const, params: {} } : checked;
        damaged.push({ store: d.store, id: d.id, name: d.name, reason: d.reason, reasonCode: refusal.code, reasonParams: refusal.params, record });
        this.#addMessage({
          id: `damaged-${d.store}-${d.id}`,
          kind: 'error',
          key: d.store === 'editions' ? 'storage.damagedEdition' : 'storage.damaged',
          params: { name: d.name },
          reason: { code: refusal.code, params: refusal.params },
        });
      }
      this.damaged = damaged;
      const last = contents.session;
      return last ? { editionId: last.editionId, view: this.view, selectedStoryId: last.selectedStoryId ?? null } : null;
    } finally {
      v1.close();
    }
  }

  #open(document: EditionDocument, persisted: PersistedEdition | null, editionId = document.id): void {
    this.#persisted = persisted;
    this.document = document;
    this.edition = document.snapshot();
    // Opening is not a step anyone can undo.
    document.undo.clear();
    this.#unsubscribe.push(
      document.subscribe((origin) => {
        const refresh = () => {
          const empty = !this.edition.stories.length;
          this.#syncEdition();
          // A joined edition arriving from the server after the first wait: open its first story as a start would.
          if (empty && !this.selectedStoryId && this.edition.stories.length) this.selectedStoryId = this.edition.stories[0].id;
        };
        if (origin === ySyncPluginKey) this.#editionLater();
        // An English edition arriving from the server (or another tab) before its patterns: shown once they are in.
        else if (needsPatterns(document)) void this.#typesetReady(document).then(() => this.document === document && refresh());
        else refresh();
        this.#noteUndo();
        this.#scheduleIndex();
      }),
    );
    const undoChanged = () => this.#noteUndo();
    document.undo.on('stack-item-added', undoChanged);
    document.undo.on('stack-item-popped', undoChanged);
    document.undo.on('stack-cleared', undoChanged);
    this.#noteUndo();
    this.#unsubscribe.push(this.photos.watch(document, (n) => this.#addMessage({ id: 'photos-migrated', kind: 'info', key: 'photo.migrated', params: { n } })));
    if (persisted) {
      this.saveStatus = { state: 'saved' };
      this.#unsubscribe.push(persisted.onStatus((status) => this.#onPersistStatus(status)));
    } else this.saveStatus = { state: 'memory' };
    if ((this.#options.tabs ?? true) && typeof BroadcastChannel !== 'undefined') {
      this.#tabs = new TabChannel(document.doc, tabChannelName(editionId));
    }
    const joined = newsroomParams(this.#options.search ?? '').edition;
    this.newsroom = new NewsroomLink({
      document,
      editionId,
      author: this.#deskName(),
      // The page's ?server= (and its token) is for the edition it names, never for another one this tab opens later.
      search: joined === editionId ? this.#options.search : '',
      storage: this.#options.tokens ?? null,
      ...(this.#options.WebSocketPolyfill ? { WebSocketPolyfill: this.#options.WebSocketPolyfill } : {}),
    });
    if (this.#library) {
      const versions = (this.versions = new VersionHistory({ document, store: new VersionStore(this.#library), author: this.author }));
      // Its list reads every saved version whole (each the edition's whole state): an idle moment
      // after the open, not beside the first page's own reads and typesetting. Its timer waits
      // minutes anyway; a version before a risky step does not need the list.
      whenIdle(() => {
        if (this.versions === versions) void versions.start().catch(() => {});
      }, VERSIONS_START_AT_LATEST_MS);
    }
  }

  /**
   * An English edition's body text is hyphenated, and in the browser the
   * patterns are a chunk of their own: they are in before anything typesets the
   * edition (so its lines break as they always have). A Chinese edition never
   * fetches them. A chunk that cannot be fetched leaves words whole and says so.
   */
  async #typesetReady(document: EditionDocument, english = needsPatterns(document)): Promise<void> {
    if (!english || hyphenationReady()) return;
    try {
      await loadHyphenation();
    } catch {
      this.#addMessage({ id: 'hyphenation-unavailable', kind: 'error', key: 'typeset.hyphenationUnavailable' });
    }
  }

  /** `edition` brought up to the document now (a pending typing catch-up done at once). */
  #syncEdition(): void {
    this.#editionLag?.cancel();
    this.#editionLag = null;
    if (this.document) this.edition = this.document.snapshot();
  }

  /**
   * Typing: `edition` follows once keys pause (bounded lag), in an idle period.
   * One timer for a run of keys: a key only notes its time (no timer set and
   * cleared per key); the timer re-arms itself until the pause or the bound.
   */
  #editionLater(): void {
    const now = performance.now();
    if (this.#editionLag) {
      this.#editionLag.lastKey = now;
      return;
    }
    const lag = { lastKey: now, dueAt: now + EDITION_MAX_LAG_MS, cancel: () => {} };
    const check = () => {
      const t = performance.now();
      const wait = Math.min(lag.lastKey + EDITION_QUIET_MS, lag.dueAt) - t;
      if (wait > 0) {
        const timer = setTimeout(check, wait);
        lag.cancel = () => clearTimeout(timer);
      } else lag.cancel = whenIdle(() => this.#syncEdition());
    };
    this.#editionLag = lag;
    check();
  }

  /** The edition as the document holds it now, typing included (for a caller that must not see it late: tests, export). */
  currentEdition(): Edition {
    if (this.#editionLag) this.#syncEdition();
    return this.edition;
  }

  /** The name other desks see: the one this desk gave, or a plain word for an unnamed desk (a name is asked, never made up). */
  #deskName(): string {
    return this.author || this.t('desk.unnamed');
  }

  /** Tell the other desks which story this desk has open (only while the Stories view shows it). */
  #notePresence(): void {
    this.newsroom?.setStory(this.view === 'stories' ? this.selectedStoryId : null);
  }

  async #close(): Promise<void> {
    this.newsroom?.dispose();
    this.newsroom = null;
    this.versions?.dispose();
    this.versions = null;
    this.#clearSavingShown();
    this.#writing = false;
    this.#editionLag?.cancel();
    this.#editionLag = null;
    for (const off of this.#unsubscribe.splice(0)) off();
    if (this.#indexTimer) clearTimeout(this.#indexTimer);
    this.#indexTimer = null;
    this.#tabs?.close();
    this.#tabs = null;
    await this.#persisted?.close();
    this.#persisted = null;
    this.document?.destroy();
  }

  #noteUndo(): void {
    const undo = this.document?.undo;
    this.canUndo = !!undo && undo.undoStack.length > 0;
    this.canRedo = !!undo && undo.redoStack.length > 0;
  }

  /** Keep the edition list's line current (title, counts, time), without writing it per keystroke. */
  #scheduleIndex(): void {
    // A joined edition not yet arrived from the server has no id: nothing to list yet.
    if (!this.#library || !this.#persisted || this.#indexTimer || !this.edition.id) return;
    this.#indexTimer = setTimeout(() => {
      this.#indexTimer = null;
      if (this.#library) void new EditionIndex(this.#library).put(this.currentEdition()).catch(() => {});
    }, INDEX_DELAY_MS);
  }

  #onPersistStatus(status: PersistStatus): void {
    this.#writing = status.state === 'saving';
    if (status.state === 'error') {
      this.#clearSavingShown();
      const kind = classifyStorageError(status.error);
      const message = messageOf(status.error);
      this.saveStatus = { state: 'error', error: { kind, message } };
      this.#addMessage({ id: 'storage-error', kind: 'error', key: kind === 'quota' ? 'storage.quota' : 'storage.writeFailed', params: { message } });
    } else if (status.state === 'saving') {
      // Every key is a write that commits within milliseconds: "saving" is shown (and announced) only for a write that lingers.
      if (this.saveStatus.state === 'saved' && !this.#savingShown) {
        this.#savingShown = setTimeout(() => {
          this.#savingShown = null;
          if (this.#writing) this.saveStatus = { state: 'saving' };
        }, SAVING_SHOWN_AFTER_MS);
      } else if (this.saveStatus.state !== 'saved' && this.saveStatus.state !== 'saving') this.saveStatus = { state: 'saving' };
    } else {
      this.#clearSavingShown();
      if (this.saveStatus.state !== status.state) this.saveStatus = { state: status.state };
      if (this.messages.some((m) => m.id === 'storage-error')) this.dismissMessage('storage-error');
    }
  }

  #clearSavingShown(): void {
    if (this.#savingShown) clearTimeout(this.#savingShown);
    this.#savingShown = null;
  }

  get selectedStory(): Story | null {
    return this.edition.stories.find((s) => s.id === this.selectedStoryId) ?? null;
  }

  /** A write is not yet committed to storage. */
  get writing(): boolean {
    return this.#writing;
  }

  /** Something this tab did is not in storage yet (or cannot be): leaving now would lose it. */
  get unsaved(): boolean {
    return this.#writing || this.saveStatus.state !== 'saved';
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
    this.#saveSession();
    this.#notePresence();
  }

  selectStory(id: string | null): void {
    if (id === this.selectedStoryId) return;
    this.selectedStoryId = id;
    this.#saveSession();
    this.#notePresence();
  }

  setLanguage(lang: Language): void {
    this.lang = lang;
    rememberLanguage(this.#options.preferences ?? null, lang);
  }

  /** The print dialog's options for the open edition, as this desk last set them (all off at first). */
  printOptions(): PrintOptions {
    return readPrintOptions(this.edition.id ? this.#pref(PRINT_OPTIONS_KEY + this.edition.id) : null);
  }

  setPrintOptions(options: PrintOptions): void {
    if (!this.edition.id) return;
    this.#setPref(PRINT_OPTIONS_KEY + this.edition.id, JSON.stringify({ cropMarks: options.cropMarks, slug: options.slug, comments: options.comments }));
  }

  setAuthor(name: string): void {
    const trimmed = name.trim();
    if (!trimmed) return;
    this.author = trimmed;
    this.#setPref(AUTHOR_KEY, trimmed);
    this.newsroom?.setAuthor(trimmed);
    this.versions?.setAuthor(trimmed);
  }

  /**
   * Keep a version of the edition as it is now, before a risky step (import,
   * auto-layout, replace-all; restore keeps its own). The state is encoded at
   * the call, synchronously, and written afterwards: call it just before the
   * step, no need to wait for the write.
   */
  keepVersionBefore(reason: Exclude<VersionReason, 'restore'>): Promise<void> {
    return this.versions?.before(reason).then(
      () => undefined,
      () => undefined,
    ) ?? Promise.resolve();
  }

  /** A version was restored: say so, with Undo (the restore is one layout undo step). */
  noteRestored(when: string): void {
    this.#addMessage({ id: 'version-restored', kind: 'info', key: 'versions.restored', params: { when } });
  }

  /** The story's whole doc replaced (outside its open editor, which writes its fragment itself); a raw or approved story becomes edited. */
  updateStoryDoc(id: string, doc: DocJSON): void {
    this.updateStoryDocs({ [id]: doc });
  }

  /** Several stories' docs in one transaction (a replace-all across the edition, or its undo); an open editor follows through ySync. */
  updateStoryDocs(docs: Record<string, DocJSON>): void {
    let hit = false;
    const stories = this.currentEdition().stories.map((s) => {
      const doc = docs[s.id];
      if (!doc) return s;
      hit = true;
      return { ...s, doc, meta: s.meta.status !== 'edited' ? { ...s.meta, status: 'edited' as const } : s.meta };
    });
    if (hit) this.#dispatch({ ...this.currentEdition(), stories }, ORIGIN.story);
  }

  /**
   * Typed into in the editor (its text is already in the doc through ySync): a raw story
   * becomes edited, and so does an approved one (its approval no longer holds on the new text).
   */
  markStoryEdited(id: string): void {
    const status = this.edition.stories.find((s) => s.id === id)?.meta.status;
    if (status && status !== 'edited') this.updateStoryMeta(id, { status: 'edited' });
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
   * means it refused, and nothing changes. One layout undo step. Returns whether it was applied.
   */
  applyLayout(next: Edition | null): boolean {
    if (!next || !this.document) return false;
    this.#dispatch(next, ORIGIN.layout);
    return true;
  }

  /** Undo the last layout step of this desk (a move, resize, delete, 转版 or a whole auto-layout). */
  undoLayout(): boolean {
    if (!this.document?.undo.canUndo()) return false;
    this.document.undo.undo();
    return true;
  }

  redoLayout(): boolean {
    if (!this.document?.undo.canRedo()) return false;
    this.document.undo.redo();
    return true;
  }

  /**
   * The one way a review action (comment, reply, verdict, 签发) reaches the
   * edition: ReviewDesk computed `next` with the pure review model; null means
   * it refused. Review data is edition-level, so no story record is rewritten.
   */
  applyReview(next: Edition | null): boolean {
    if (!next || !this.document) return false;
    this.#dispatch(next, ORIGIN.story);
    return true;
  }

  /** The edition's house-style word list (set by the copy desk, kept with the edition). */
  updateHouseStyle(houseStyle: Edition['houseStyle']): void {
    this.#dispatch({ ...this.currentEdition(), houseStyle }, ORIGIN.story);
  }

  /** Add imported stories after the existing ones; their priorities follow the edition's. */
  addStories(stories: Story[]): Story[] {
    const taken = new Set(this.currentEdition().stories.map((s) => s.id));
    const base = this.currentEdition().stories.reduce((m, s) => Math.max(m, s.meta.priority), 0);
    const added = withFreshIds(stories, new Set([...taken, ...this.damaged.map((d) => d.id)])).map((s) => ({
      ...s,
      original: s.original ?? s.doc,
      meta: { ...s.meta, priority: base + s.meta.priority },
    }));
    if (!added.length || !this.document) return [];
    void this.keepVersionBefore('import');
    this.#dispatch({ ...this.currentEdition(), stories: [...this.edition.stories, ...added] }, ORIGIN.import);
    this.selectStory(added[0].id);
    this.#addMessage({ id: 'import-added', kind: 'info', key: 'import.added', params: { n: added.length } });
    return added;
  }

  /** Take a story out of the edition (and its placements off the pages). */
  removeStory(id: string): RemovedStory | null {
    const out = this.document ? takeStoryOut(this.currentEdition(), id) : null;
    if (!out) return null;
    const { edition, removed } = out;
    if (this.selectedStoryId === id) this.selectedStoryId = edition.stories[Math.min(removed.index, edition.stories.length - 1)]?.id ?? null;
    this.#dispatch(edition, ORIGIN.story);
    this.lastRemoved = removed;
    this.#addMessage({ id: 'story-removed', kind: 'info', key: 'story.deleted', params: { name: headlineOf(removed.story) || removed.story.slug } });
    return removed;
  }

  /** Undo a removal: the story back in its place, its modules back where they stood (pages still there). */
  restoreStory(removed: RemovedStory | null = this.lastRemoved): void {
    if (!removed || !this.document || this.currentEdition().stories.some((s) => s.id === removed.story.id)) return;
    this.selectedStoryId = removed.story.id;
    this.lastRemoved = null;
    this.dismissMessage('story-removed');
    this.#dispatch(putStoryBack(this.currentEdition(), removed), ORIGIN.story);
  }

  /** The editions this browser keeps, when the app was given them. */
  get library(): AppOptions['library'] {
    return this.#options.library ?? null;
  }

  /**
   * Switch the app to another edition: the open document, its storage, undo and
   * tab link are closed and the app binds to the other edition's document.
   * Without storage (memory) the edition comes from the library instead.
   */
  async openEdition(id: string): Promise<boolean> {
    if (id === this.edition.id) return true;
    if (this.#library) {
      const index = new EditionIndex(this.#library);
      if (!(await index.get(id))) return false;
      await this.#writeIndex();
      await this.#close();
      const persisted = await (this.#options.openEdition ?? openPersistedEdition)(id);
      await this.#typesetReady(persisted.document);
      this.#open(persisted.document, persisted);
    } else {
      const library = this.#options.library;
      const next = await library?.load(id);
      if (!library || !next) return false;
      // The edition left stays in the library, so switching never loses work.
      await library.save(this.currentEdition());
      await this.#close();
      const document = EditionDocument.fromEdition(next);
      await this.#typesetReady(document);
      this.#open(document, null);
    }
    this.#afterSwitch();
    return true;
  }

  /** Show `edition` instead of the open one (an opened edition file): into the open document when it is the same edition, else its own. */
  async replaceEdition(edition: Edition): Promise<void> {
    if (this.document && edition.id === this.currentEdition().id) {
      if (edition.language === 'en') await this.#typesetReady(this.document, true);
      this.document.dispatch({ ...edition, updatedAt: Date.now() }, ORIGIN.load, this.currentEdition());
      // A whole edition replaced is not a layout step to undo.
      this.document.undo.clear();
    } else {
      await this.#writeIndex();
      await this.#close();
      if (this.#library) {
        const persisted = await (this.#options.openEdition ?? openPersistedEdition)(edition.id);
        persisted.document.dispatch(edition, ORIGIN.load);
        await this.#typesetReady(persisted.document);
        this.#open(persisted.document, persisted);
      } else {
        const document = EditionDocument.fromEdition(edition);
        await this.#typesetReady(document);
        this.#open(document, null);
      }
    }
    await this.#writeIndex();
    this.#afterSwitch();
  }

  /** The paper's name (报头) of the open edition. */
  renameEdition(title: string): void {
    this.#dispatch({ ...this.currentEdition(), title }, ORIGIN.story);
  }

  /** The open edition's line in the edition list, written now (the desk reads the list). */
  async #writeIndex(): Promise<void> {
    if (this.#indexTimer) clearTimeout(this.#indexTimer);
    this.#indexTimer = null;
    if (this.#library && this.#persisted && this.edition.id) await new EditionIndex(this.#library).put(this.currentEdition()).catch(() => {});
  }

  /** Keep the open edition's library line current: written when storage is on, else saved to the memory library. */
  async saveToLibrary(): Promise<void> {
    if (this.#library && this.#persisted) await this.#writeIndex();
    else await this.#options.library?.save(this.currentEdition());
  }

  #afterSwitch(): void {
    this.selectedStoryId = this.edition.stories[0]?.id ?? null;
    this.lastRemoved = null;
    this.#saveSession();
    this.#notePresence();
  }

  /** Say that an edition file was opened (and converted from an older format, if it was). */
  noteOpenedFile(title: string, migratedFrom?: number): void {
    this.#addMessage(
      migratedFrom ? { id: 'file-opened', kind: 'info', key: 'file.migrated', params: { title, version: migratedFrom } } : { id: 'file-opened', kind: 'info', key: 'file.opened', params: { title } },
    );
  }

  /** Say something in the banner (a refused photo file …). */
  notify(message: AppMessage): void {
    this.#addMessage(message);
  }

  dismissMessage(id: string): void {
    this.messages = this.messages.filter((m) => m.id !== id);
  }

  /** Write again what failed to write (retry button); resolves when storage holds everything or failed again. */
  flush(): Promise<void> {
    return this.#persisted ? this.#persisted.retry() : Promise.resolve();
  }

  /**
   * The edition, every damaged record and its photos' bytes as one JSON file.
   * Photos this browser has no bytes for, or too many to fit one file, keep
   * their records and are named in a message.
   */
  async exportEdition(now = new Date()): Promise<{ fileName: string; json: string }> {
    const edition = this.currentEdition();
    const plain = editionExport(edition, this.damaged, now);
    const records = Object.values(edition.photos ?? {}).filter(isPhotoRecord);
    if (!records.length) return plain;
    // Room for the bytes: what a file may hold, less the edition itself and a margin for the keys.
    const room = DEFAULT_MAX_FILE_BYTES - plain.json.length - 64 * 1024;
    // The rescue export (storage failing) must not wait on a photo store that never answers.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), PHOTO_BYTES_WAIT_MS)));
    const found = await Promise.race([this.photos.fileBytes(edition, room).catch(() => null), late]);
    clearTimeout(timer);
    const { bytes, leftOut } = found ?? { bytes: {}, leftOut: records };
    if (leftOut.length)
      this.#addMessage({ id: 'export-photos', kind: 'info', key: 'file.exportLeftOut', params: { n: leftOut.length, names: leftOut.map((p) => p.name).join(this.lang === 'zh' ? '、' : ', ') } });
    return { fileName: plain.fileName, json: withPhotoBytes(plain.json, bytes) };
  }

  #updateStory(id: string, change: (s: Story) => Story): void {
    let found = false;
    const stories = this.currentEdition().stories.map((s) => {
      if (s.id !== id) return s;
      found = true;
      return change(s);
    });
    if (found) this.#dispatch({ ...this.currentEdition(), stories }, ORIGIN.story);
  }

  /** One transaction on the document; the subscription refreshes `edition`. */
  #dispatch(next: Edition, origin: string): void {
    if (!this.document) return;
    this.document.dispatch({ ...next, updatedAt: Date.now() }, origin, this.edition);
  }

  #session(): Session | null {
    try {
      const s = JSON.parse(this.#pref(SESSION_KEY) ?? 'null') as Partial<Session> | null;
      if (!s || typeof s.editionId !== 'string' || !isView(s.view as View)) return null;
      return { editionId: s.editionId, view: s.view as View, selectedStoryId: typeof s.selectedStoryId === 'string' ? s.selectedStoryId : null };
    } catch {
      return null;
    }
  }

  #saveSession(): void {
    if (!this.ready || !this.edition.id) return;
    this.#setPref(SESSION_KEY, JSON.stringify({ editionId: this.edition.id, view: this.view, selectedStoryId: this.selectedStoryId } satisfies Session));
  }

  #pref(key: string): string | null {
    try {
      return this.#options.preferences?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  #setPref(key: string, value: string): void {
    try {
      this.#options.preferences?.setItem(key, value);
    } catch {
      // Preferences unavailable (sandboxed frame, full storage): not remembered, nothing else breaks.
    }
  }

  #addMessage(message: AppMessage): void {
    this.messages = [...this.messages.filter((m) => m.id !== message.id), message];
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error || error instanceof DOMException ? error.message : String(error);
}
