// The edition as a Yjs document: the one source of truth that tabs, desks and
// storage merge, and from which the plain immutable `Edition` the pure cores
// read is derived. See docs/edition-document.md for the layout of the data.
import * as Y from 'yjs';
import { Node as PMNode } from 'prosemirror-model';
import { prosemirrorJSONToYXmlFragment, updateYFragment } from 'y-prosemirror';
import { EMPTY_DOC, readStoryFragment } from './story-text';
import { storySchema } from '../model/schema';
import type { DocJSON, Edition, Grid, Language, Page, Placement, Story, StoryStatus } from '../model/edition';
import type { CommentMessage, CommentThread, PageSignoff, StoryReview } from '../model/review-types';
import { isPhotoRecord, type PhotoRecord } from '../model/photo';

/**
 * Transaction origins. Every change to the doc names where it came from, so
 * each undo manager tracks only its own desk's own kind of change:
 * - `layout` and `restore`: tracked by the layout undo manager (`EditionDocument.undo`);
 * - y-prosemirror's `ySyncPluginKey`: the story editor's typing, tracked by its own yUndoPlugin per story;
 * - everything else (a provider object for remote/tab/storage updates, `load`, `migration`, `import`)
 *   is never undone here: undo only ever reverts what this desk did.
 */
export const ORIGIN = {
  layout: 'layout',
  /** Story metadata, the house-style list, a replace-all across stories: this desk's edits, not layout steps. */
  story: 'story',
  restore: 'restore',
  import: 'import',
  load: 'load',
  migration: 'migration',
  /** Reading the snapshot (a transaction that writes nothing). */
  snapshot: 'snapshot',
} as const;

/** The origins whose changes one layout undo step reverts. */
export const LAYOUT_UNDO_ORIGINS: ReadonlySet<unknown> = new Set([ORIGIN.layout, ORIGIN.restore]);

/** Names of the root types in the Y.Doc. Stored data: never rename one without a migration. */
export const ROOT = {
  settings: 'settings',
  photos: 'photos',
  stories: 'stories',
  storyOrder: 'storyOrder',
  pages: 'pages',
  pageOrder: 'pageOrder',
  modules: 'modules',
  comments: 'comments',
  reviews: 'reviews',
  signoffs: 'signoffs',
} as const;

/** The key under which a story's Y.Map keeps its text, a Y.XmlFragment as y-prosemirror's ySyncPlugin binds it. */
export const STORY_TEXT = 'text';

const SETTING_KEYS = ['id', 'title', 'date', 'issueNumber', 'language', 'updatedAt'] as const;
/** The house-style list (wrong → preferred), one JSON value in the settings: edited as a whole list in one panel. */
/** Edition settings kept as plain JSON values (each replaced whole when it changes). */
const JSON_SETTINGS = ['houseStyle', 'typography', 'jumpTemplates'] as const;
const PLACEMENT_KEYS = ['storyId', 'part', 'column', 'span', 'line', 'lines', 'headlineSizePt', 'photoId', 'pinned'] as const;

type YEntry = Y.Map<unknown>;

interface ModuleEntry {
  pageId: string;
  index: number;
  placement: Placement;
}

export class EditionDocument {
  readonly doc: Y.Doc;
  /** Layout undo: pages, modules, settings, story list. One dispatch (a move, a 转版, a whole auto-layout) is one step. */
  readonly undo: Y.UndoManager;

  private readonly settings: YEntry;
  /** Photo records by id (plain values, each replaced whole); a string is a first-build data URL not yet moved to the photo store. */
  private readonly photos: Y.Map<PhotoRecord | string>;
  private readonly stories: Y.Map<YEntry>;
  private readonly storyOrder: Y.Array<string>;
  private readonly pages: Y.Map<YEntry>;
  private readonly pageOrder: Y.Array<string>;
  private readonly modules: Y.Map<YEntry>;
  // Review: a thread is a Y.Map whose messages are a Y.Array, so replies from two desks both stay;
  // a verdict or a sign-off is one plain value per story / page (the last one given wins).
  private readonly comments: Y.Map<YEntry>;
  private readonly reviews: Y.Map<StoryReview>;
  private readonly signoffs: Y.Map<PageSignoff>;

  // What the last snapshot was built from, and what changed since.
  private current: Edition | null = null;
  private revision = 0;
  private dirtyAll = true;
  private dirtySettings = false;
  private dirtyPhotos = false;
  private dirtyStoryOrder = false;
  private dirtyPageOrder = false;
  private dirtyReview = false;
  private readonly dirtyStories = new Set<string>();
  private readonly dirtyStoryText = new Set<string>();
  private readonly dirtyPages = new Set<string>();
  private readonly dirtyModules = new Set<string>();
  private readonly storyCache = new Map<string, Story>();
  /** Each story block's JSON by its Y element; a changed block is dropped (noteChange), so typing re-reads one paragraph. */
  private blockCache = new WeakMap<Y.XmlElement, DocJSON | null>();
  private readonly dirtyBlocks = new Set<Y.XmlElement>();
  private readonly pageCache = new Map<string, Page>();
  private readonly moduleCache = new Map<string, ModuleEntry>();
  private readonly modulesOfPage = new Map<string, Set<string>>();
  private readonly listeners = new Set<(origin: unknown, local: boolean) => void>();

  constructor(doc: Y.Doc = new Y.Doc()) {
    this.doc = doc;
    this.settings = doc.getMap(ROOT.settings);
    this.photos = doc.getMap(ROOT.photos);
    this.stories = doc.getMap(ROOT.stories);
    this.storyOrder = doc.getArray(ROOT.storyOrder);
    this.pages = doc.getMap(ROOT.pages);
    this.pageOrder = doc.getArray(ROOT.pageOrder);
    this.modules = doc.getMap(ROOT.modules);
    this.comments = doc.getMap(ROOT.comments);
    this.reviews = doc.getMap(ROOT.reviews);
    this.signoffs = doc.getMap(ROOT.signoffs);
    this.undo = new Y.UndoManager([this.settings, this.photos, this.stories, this.storyOrder, this.pages, this.pageOrder, this.modules], {
      trackedOrigins: new Set(LAYOUT_UNDO_ORIGINS),
      // Every dispatch is its own step, however quickly the next one follows.
      captureTimeout: 0,
    });
    doc.on('afterTransaction', this.noteTransaction);
  }

  /** A new document holding `edition`, written as one untracked transaction. */
  static fromEdition(edition: Edition, doc: Y.Doc = new Y.Doc()): EditionDocument {
    const document = new EditionDocument(doc);
    document.dispatch(edition, ORIGIN.load);
    return document;
  }

  /** A story's text as the editor binds it (y-prosemirror's ySyncPlugin), or null for a story not in the doc. */
  storyText(storyId: string): Y.XmlFragment | null {
    const text = this.stories.get(storyId)?.get(STORY_TEXT);
    return text instanceof Y.XmlFragment ? text : null;
  }

  /** The edition's id as stored in its settings ('' for a doc not yet loaded). */
  get id(): string {
    return (this.settings.get('id') as string | undefined) ?? '';
  }

  /** Called after every transaction that changed the doc (local, undo, remote). Returns the unsubscribe. */
  subscribe(listener: (origin: unknown, local: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.noteTransaction);
    this.undo.destroy();
    this.listeners.clear();
  }

  // ── Snapshot ────────────────────────────────────────────────────────────

  /**
   * The edition as plain immutable data. Only what changed since the last call
   * is read again; an unchanged story, page or settings keeps its object
   * identity (so the caches of typeset and layout keep working), and with no
   * change at all the very same `Edition` is returned.
   */
  snapshot(): Edition {
    if (this.current && !this.isDirty()) return this.current;
    // Text is read inside one Yjs transaction: each XmlText.toDelta otherwise opens (and cleans up)
    // a transaction of its own — one per paragraph, most of what a first snapshot of 50 stories
    // took. Nothing is written, so no update is emitted; without text to read, no transaction.
    if (!this.dirtyAll && this.dirtyStoryText.size === 0) return this.derive();
    let edition: Edition | null = null;
    this.doc.transact(() => {
      edition = this.derive();
    }, ORIGIN.snapshot);
    return edition!;
  }

  private derive(): Edition {
    const all = this.dirtyAll;
    const prev = this.current;

    // Stories.
    const storyIds = all ? [...this.stories.keys()] : [...this.dirtyStories];
    if (all) {
      this.storyCache.clear();
      this.blockCache = new WeakMap();
    }
    for (const block of this.dirtyBlocks) this.blockCache.delete(block);
    for (const id of storyIds) {
      const entry = this.stories.get(id);
      if (!(entry instanceof Y.Map)) {
        this.storyCache.delete(id);
        continue;
      }
      const before = this.storyCache.get(id);
      const doc = before && !all && !this.dirtyStoryText.has(id) ? before.doc : readStoryText(entry, this.blockCache);
      this.storyCache.set(id, readStory(id, entry, doc));
    }
    let stories = prev?.stories;
    if (all || this.dirtyStoryOrder || storyIds.length || !stories) stories = this.orderedStories();

    // Modules, then the pages they sit on.
    const moduleIds = all ? [...this.modules.keys()] : [...this.dirtyModules];
    if (all) {
      this.moduleCache.clear();
      this.modulesOfPage.clear();
      this.pageCache.clear();
    }
    const touchedPages = new Set<string>(all ? this.pages.keys() : this.dirtyPages);
    for (const id of moduleIds) {
      const before = this.moduleCache.get(id);
      if (before) {
        touchedPages.add(before.pageId);
        this.modulesOfPage.get(before.pageId)?.delete(id);
        this.moduleCache.delete(id);
      }
      const entry = this.modules.get(id);
      if (!(entry instanceof Y.Map)) continue;
      const module = readModule(id, entry);
      if (!module) continue;
      this.moduleCache.set(id, module);
      let set = this.modulesOfPage.get(module.pageId);
      if (!set) this.modulesOfPage.set(module.pageId, (set = new Set()));
      set.add(id);
      touchedPages.add(module.pageId);
    }
    for (const id of touchedPages) {
      const entry = this.pages.get(id);
      if (!(entry instanceof Y.Map)) {
        this.pageCache.delete(id);
        continue;
      }
      this.pageCache.set(id, this.readPage(id, entry));
    }
    let pages = prev?.pages;
    if (all || this.dirtyPageOrder || touchedPages.size || !pages) pages = this.orderedPages();

    let photos = prev?.photos;
    if (all || this.dirtyPhotos || !prev) photos = this.readPhotos();

    let comments = prev?.comments;
    let reviews = prev?.reviews;
    let signoffs = prev?.signoffs;
    if (all || this.dirtyReview || !prev) {
      ({ comments, reviews, signoffs } = this.readReview());
    }

    const s = this.settings;
    // Plain JSON values in the settings map: Yjs returns the same object until it is set again.
    const jsonSettings: Partial<Pick<Edition, (typeof JSON_SETTINGS)[number]>> = {};
    for (const key of JSON_SETTINGS) {
      const value = s.get(key);
      if (value !== undefined) (jsonSettings as Record<string, unknown>)[key] = value;
    }
    const edition: Edition = {
      id: (s.get('id') as string | undefined) ?? '',
      title: (s.get('title') as string | undefined) ?? '',
      date: (s.get('date') as string | undefined) ?? '',
      issueNumber: (s.get('issueNumber') as number | undefined) ?? 0,
      language: ((s.get('language') as Language | undefined) === 'en' ? 'en' : 'zh') as Language,
      pages,
      stories,
      ...(photos ? { photos } : {}),
      ...jsonSettings,
      ...(comments ? { comments } : {}),
      ...(reviews ? { reviews } : {}),
      ...(signoffs ? { signoffs } : {}),
      ...serverSetting(s.get('server')),
      revision: this.revision,
      updatedAt: (s.get('updatedAt') as number | undefined) ?? 0,
    };
    this.current = edition;
    this.clearDirty();
    return edition;
  }

  /** The photo records (a data URL left by the first build is not one: migrateDataUrlPhotos moves it). */
  private readPhotos(): Record<string, PhotoRecord> | undefined {
    const out: Record<string, PhotoRecord> = {};
    for (const [id, value] of this.photos) if (isPhotoRecord(value)) out[id] = value;
    return Object.keys(out).length ? Object.freeze(out) : undefined;
  }

  /** Photos still kept as data URLs in the doc (first-build editions, old edition files), by id. */
  legacyPhotos(): [string, string][] {
    return [...this.photos].filter((e): e is [string, string] => typeof e[1] === 'string');
  }

  /** Put records in place of data-URL photos of the same id (one transaction); a photo meanwhile changed by another desk is left alone. Returns how many were replaced. */
  replaceLegacyPhotos(records: PhotoRecord[], origin: unknown = ORIGIN.migration): number {
    let n = 0;
    this.doc.transact(() => {
      for (const record of records) {
        if (typeof this.photos.get(record.id) !== 'string') continue;
        this.photos.set(record.id, { ...record });
        n++;
      }
    }, origin);
    return n;
  }

  private isDirty(): boolean {
    return (
      this.dirtyAll ||
      this.dirtySettings ||
      this.dirtyPhotos ||
      this.dirtyStoryOrder ||
      this.dirtyPageOrder ||
      this.dirtyReview ||
      this.dirtyStories.size > 0 ||
      this.dirtyPages.size > 0 ||
      this.dirtyModules.size > 0
    );
  }

  private clearDirty(): void {
    this.dirtyAll = this.dirtySettings = this.dirtyPhotos = this.dirtyStoryOrder = this.dirtyPageOrder = this.dirtyReview = false;
    this.dirtyStories.clear();
    this.dirtyStoryText.clear();
    this.dirtyPages.clear();
    this.dirtyModules.clear();
    this.dirtyBlocks.clear();
  }

  /**
   * The story order as stored, cleaned: concurrent reorders by two desks can
   * leave an id twice (first one wins) or a story missing from the list (it
   * goes last, ordered by id so every desk shows the same order).
   */
  private orderedStories(): Story[] {
    return ordered(this.storyOrder.toArray(), this.storyCache);
  }

  /** Comments (ordered by when they were opened, then id, the same on every desk), verdicts and sign-offs. Small: read whole. */
  private readReview(): Pick<Edition, 'comments' | 'reviews' | 'signoffs'> {
    const threads: CommentThread[] = [];
    for (const [id, entry] of this.comments) {
      if (!(entry instanceof Y.Map)) continue;
      const messages = entry.get('messages');
      const anchor = entry.get('anchor') as CommentThread['anchor'] | undefined;
      if (!anchor || !(messages instanceof Y.Array)) continue;
      const resolved = entry.get('resolved') as CommentThread['resolved'] | undefined;
      threads.push({ id, anchor, messages: (messages.toArray() as CommentMessage[]).slice(), ...(resolved ? { resolved } : {}) });
    }
    const opened = (t: CommentThread) => t.messages[0]?.at ?? '';
    threads.sort((a, b) => (opened(a) < opened(b) ? -1 : opened(a) > opened(b) ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      comments: threads.length ? threads : undefined,
      reviews: this.reviews.size ? (this.reviews.toJSON() as Record<string, StoryReview>) : undefined,
      signoffs: this.signoffs.size ? (this.signoffs.toJSON() as Record<string, PageSignoff>) : undefined,
    };
  }

  private orderedPages(): Page[] {
    return ordered(this.pageOrder.toArray(), this.pageCache);
  }

  private readPage(id: string, entry: YEntry): Page {
    const ids = this.modulesOfPage.get(id) ?? new Set<string>();
    const modules = [...ids].map((m) => this.moduleCache.get(m)!).filter(Boolean);
    modules.sort((a, b) => a.index - b.index || (a.placement.id < b.placement.id ? -1 : a.placement.id > b.placement.id ? 1 : 0));
    const before = this.pageCache.get(id);
    const placements = modules.map((m) => m.placement);
    const number = (entry.get('number') as number | undefined) ?? 0;
    const grid = entry.get('grid') as Grid;
    const section = entry.get('section') as string | undefined;
    // Keep the old page object when nothing in it changed (e.g. a module's index moved but not its order).
    if (before && before.number === number && before.grid === grid && before.section === section && sameItems(before.placements, placements)) return before;
    return { id, number, ...(section ? { section } : {}), grid, placements };
  }

  private readonly noteTransaction = (tr: Y.Transaction): void => {
    if (tr.changed.size === 0) return;
    for (const [type, keys] of tr.changed) this.noteChange(type, keys);
    this.revision++;
    for (const listener of this.listeners) listener(tr.origin, tr.local);
  };

  /** Which top-level entry (story, page, module, setting) a changed Yjs type belongs to. */
  // `any`: Yjs types each AbstractType by its event, and tr.changed mixes them.
  private noteChange(type: Y.AbstractType<any>, keys: Set<string | null>): void {
    if (type === this.settings) this.dirtySettings = true;
    else if (type === this.photos) this.dirtyPhotos = true;
    else if (type === this.storyOrder) this.dirtyStoryOrder = true;
    else if (type === this.pageOrder) this.dirtyPageOrder = true;
    else if (type === this.comments || type === this.reviews || type === this.signoffs) this.dirtyReview = true;
    else if (type === this.stories) {
      for (const key of keys) if (key !== null) (this.dirtyStories.add(key), this.dirtyStoryText.add(key));
    } else if (type === this.pages) {
      for (const key of keys) if (key !== null) this.dirtyPages.add(key);
    } else if (type === this.modules) {
      for (const key of keys) if (key !== null) this.dirtyModules.add(key);
    } else {
      // A type nested inside an entry: walk up to the entry under its root.
      let child: Y.AbstractType<any> = type;
      let below: Y.AbstractType<any> | null = null;
      for (;;) {
        const item = child._item;
        if (!item) return;
        const parent = item.parent as Y.AbstractType<any>;
        const key = item.parentSub;
        // A block of a story's text: its JSON is read again, its siblings' are kept.
        if (parent instanceof Y.XmlFragment && child instanceof Y.XmlElement && parent._item?.parentSub === STORY_TEXT) this.dirtyBlocks.add(child);
        if (parent === this.stories && key !== null) {
          this.dirtyStories.add(key);
          // The text changed when the change is inside the fragment, or the fragment itself was swapped.
          const textTouched = below ? below._item?.parentSub === STORY_TEXT : keys.has(STORY_TEXT);
          if (textTouched) this.dirtyStoryText.add(key);
          return;
        }
        if (parent === this.pages && key !== null) return void this.dirtyPages.add(key);
        if (parent === this.modules && key !== null) return void this.dirtyModules.add(key);
        if (parent === this.comments) return void (this.dirtyReview = true);
        below = child;
        child = parent;
      }
    }
  }

  // ── Dispatch ────────────────────────────────────────────────────────────

  /**
   * Apply a pure command's result (`Edition → Edition`) as ONE transaction.
   * What is written is the difference between `next` and `base`, the snapshot
   * the command ran on (by default the current one): settings, photos, story
   * metadata, orders, pages and modules field by field, so a change another
   * tab or desk made since `base` — to a field the command did not change —
   * is kept, never written back to its old value. A story's text is touched
   * only when its ProseMirror JSON differs, and then through y-prosemirror's
   * `updateYFragment`, which rewrites only the blocks that differ (a desk
   * typing in another paragraph keeps its edits and its caret).
   * Returns the new snapshot.
   */
  dispatch(next: Edition, origin: unknown = ORIGIN.layout, base: Edition = this.snapshot()): Edition {
    if (next === base) return this.snapshot();
    this.doc.transact(() => {
      for (const key of SETTING_KEYS) {
        if (next[key] !== base[key] && this.settings.get(key) !== next[key]) this.settings.set(key, next[key]);
      }
      for (const key of JSON_SETTINGS) {
        if (next[key] === base[key]) continue;
        // A copy made through JSON: the doc never shares an object with the caller's edition.
        if (next[key] !== undefined) this.settings.set(key, JSON.parse(JSON.stringify(next[key])));
        else if (this.settings.has(key)) this.settings.delete(key);
      }
      if (next.server?.url !== base.server?.url) this.settings.set('server', next.server ? { url: next.server.url } : null);
      if (next.photos !== base.photos) writeValueMap<PhotoRecord | string>(this.photos, base.photos ?? {}, next.photos ?? {});
      if (next.stories !== base.stories) this.writeStories(base, next);
      if (next.pages !== base.pages) this.writePages(base, next);
      if (next.comments !== base.comments) this.writeComments(base.comments ?? [], next.comments ?? []);
      if (next.reviews !== base.reviews) writeValueMap(this.reviews, base.reviews ?? {}, next.reviews ?? {});
      if (next.signoffs !== base.signoffs) writeValueMap(this.signoffs, base.signoffs ?? {}, next.signoffs ?? {});
    }, origin);
    return this.snapshot();
  }

  /** Run a pure command on the current snapshot and dispatch its result; false when the command declined (null). */
  apply(command: (edition: Edition) => Edition | null, origin: unknown = ORIGIN.layout): boolean {
    const base = this.snapshot();
    const next = command(base);
    if (!next) return false;
    this.dispatch(next, origin, base);
    return true;
  }

  private writeStories(base: Edition, next: Edition): void {
    const before = new Map(base.stories.map((s) => [s.id, s]));
    const keep = new Set<string>();
    for (const story of next.stories) {
      keep.add(story.id);
      const old = before.get(story.id);
      if (old === story) continue;
      const entry = this.stories.get(story.id);
      // New, or deleted by another desk meanwhile while this one changed it: (re)create it whole.
      if (!old || !(entry instanceof Y.Map)) {
        // Filled after it is in the doc: y-prosemirror writes into an integrated fragment.
        const added = this.stories.set(story.id, newStoryEntry(story));
        prosemirrorJSONToYXmlFragment(storySchema, story.doc, added.get(STORY_TEXT) as Y.XmlFragment);
      } else writeStory(this.doc, entry, old, story);
    }
    for (const id of before.keys()) if (!keep.has(id)) this.stories.delete(id);
    const order = next.stories.map((s) => s.id);
    if (!sameItems(order, base.stories.map((s) => s.id))) writeOrder(this.storyOrder, order);
  }

  /** Threads by id: a reply is appended (never rewriting the messages another desk added), resolve/reopen is one field. */
  private writeComments(base: readonly CommentThread[], next: readonly CommentThread[]): void {
    const before = new Map(base.map((t) => [t.id, t]));
    for (const thread of next) {
      const old = before.get(thread.id);
      if (old === thread) continue;
      let entry = this.comments.get(thread.id);
      if (!(entry instanceof Y.Map)) {
        entry = new Y.Map<unknown>();
        entry.set('anchor', thread.anchor);
        entry.set('messages', Y.Array.from(thread.messages));
        if (thread.resolved) entry.set('resolved', thread.resolved);
        this.comments.set(thread.id, entry);
        continue;
      }
      if (!old || JSON.stringify(old.anchor) !== JSON.stringify(thread.anchor)) entry.set('anchor', thread.anchor);
      if (!old || JSON.stringify(old.resolved) !== JSON.stringify(thread.resolved)) {
        if (thread.resolved) entry.set('resolved', thread.resolved);
        else if (entry.has('resolved')) entry.delete('resolved');
      }
      const messages = entry.get('messages');
      if (messages instanceof Y.Array) {
        const have = new Set((messages.toArray() as CommentMessage[]).map((m) => m.id));
        const added = thread.messages.filter((m) => !have.has(m.id));
        if (added.length) messages.push(added);
      } else entry.set('messages', Y.Array.from(thread.messages));
    }
    const keep = new Set(next.map((t) => t.id));
    for (const id of before.keys()) if (!keep.has(id)) this.comments.delete(id);
  }

  private writePages(base: Edition, next: Edition): void {
    const keep = new Set<string>();
    const basePages = new Map(base.pages.map((p) => [p.id, p]));
    for (const page of next.pages) {
      keep.add(page.id);
      const old = basePages.get(page.id);
      if (old === page) continue;
      let entry = this.pages.get(page.id);
      const fresh = !(entry instanceof Y.Map);
      if (!(entry instanceof Y.Map)) {
        entry = new Y.Map<unknown>();
        this.pages.set(page.id, entry);
      }
      if (fresh || !old || old.number !== page.number) setIfChanged(entry, 'number', page.number);
      if (fresh || !old || (old.grid !== page.grid && JSON.stringify(old.grid) !== JSON.stringify(page.grid))) setIfChanged(entry, 'grid', page.grid);
      // The page's section (folio): optional, so an unnamed page holds no key.
      if (page.section) setIfChanged(entry, 'section', page.section);
      else if (entry.has('section')) entry.delete('section');
    }
    for (const id of basePages.keys()) if (!keep.has(id)) this.pages.delete(id);
    const order = next.pages.map((p) => p.id);
    if (!sameItems(order, base.pages.map((p) => p.id))) writeOrder(this.pageOrder, order);

    // Modules live in one map keyed by placement id with their page as a field,
    // so a module moved to another page by one desk while another desk resizes
    // it stays one module (a move is one field, not a delete and an insert).
    const baseModules = modulesOf(base);
    const nextModules = modulesOf(next);
    for (const [id, m] of nextModules) {
      const old = baseModules.get(id);
      if (old && old.pageId === m.pageId && old.index === m.index && old.placement === m.placement) continue;
      let entry = this.modules.get(id);
      const whole = !old || !(entry instanceof Y.Map);
      if (!(entry instanceof Y.Map)) {
        entry = new Y.Map<unknown>();
        this.modules.set(id, entry);
      }
      if (!old || whole || old.pageId !== m.pageId) setIfChanged(entry, 'pageId', m.pageId);
      if (!old || whole || old.index !== m.index) setIfChanged(entry, 'index', m.index);
      for (const key of PLACEMENT_KEYS) {
        const value = m.placement[key];
        if (old && !whole && old.placement[key] === value) continue;
        if (value === undefined) {
          if (entry.has(key)) entry.delete(key);
        } else setIfChanged(entry, key, value);
      }
    }
    for (const id of baseModules.keys()) if (!nextModules.has(id)) this.modules.delete(id);
  }
}

// ── Reading ──────────────────────────────────────────────────────────────

function readStoryText(entry: YEntry, blocks: WeakMap<Y.XmlElement, DocJSON | null>): DocJSON {
  const text = entry.get(STORY_TEXT);
  return text instanceof Y.XmlFragment ? readStoryFragment(text, blocks) : EMPTY_DOC;
}

function readStory(id: string, entry: YEntry, doc: DocJSON): Story {
  const column = entry.get('column');
  const photo = entry.get('photo');
  const language = entry.get('language');
  // The comparison text is a plain JSON value, not a fragment: it is replaced whole (accept), never typed into.
  const original = entry.get('original') as DocJSON | undefined;
  return {
    id,
    slug: (entry.get('slug') as string | undefined) ?? '',
    doc,
    meta: {
      section: (entry.get('section') as string | undefined) ?? '',
      priority: (entry.get('priority') as number | undefined) ?? 1,
      status: (entry.get('status') as StoryStatus | undefined) ?? 'raw',
      tags: (entry.get('tags') as string[] | undefined) ?? [],
      ...(typeof column === 'string' ? { column } : {}),
      ...(typeof photo === 'string' ? { photo } : {}),
    },
    raw: (entry.get('raw') as string | undefined) ?? '',
    ...(language === 'zh' || language === 'en' ? { language } : {}),
    ...(original ? { original } : {}),
  };
}

function readModule(id: string, entry: YEntry): ModuleEntry | null {
  const pageId = entry.get('pageId');
  if (typeof pageId !== 'string') return null;
  const placement: Record<string, unknown> = { id };
  for (const key of PLACEMENT_KEYS) {
    const value = entry.get(key);
    if (value !== undefined) placement[key] = value;
  }
  return { pageId, index: (entry.get('index') as number | undefined) ?? 0, placement: placement as unknown as Placement };
}

function ordered<T>(order: string[], byId: Map<string, T>): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const id of order) {
    const item = byId.get(id);
    if (item && !seen.has(id)) {
      seen.add(id);
      out.push(item);
    }
  }
  const rest = [...byId.keys()].filter((id) => !seen.has(id)).sort();
  for (const id of rest) out.push(byId.get(id)!);
  return out;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function modulesOf(edition: Edition): Map<string, ModuleEntry> {
  const out = new Map<string, ModuleEntry>();
  for (const page of edition.pages) {
    page.placements.forEach((placement, index) => out.set(placement.id, { pageId: page.id, index, placement }));
  }
  return out;
}

// ── Writing ──────────────────────────────────────────────────────────────

function setIfChanged(map: YEntry, key: string, value: unknown): void {
  if (map.get(key) !== value) map.set(key, value);
}

/** A map of plain values (verdicts, sign-offs) by key: only the keys whose value differs from `base` are written. */
function writeValueMap<T>(map: Y.Map<T>, base: Record<string, T>, next: Record<string, T>): void {
  for (const [key, value] of Object.entries(next)) {
    if (base[key] !== value && JSON.stringify(base[key]) !== JSON.stringify(value)) map.set(key, value);
  }
  for (const key of Object.keys(base)) if (!(key in next) && map.has(key)) map.delete(key);
}

/** Rewrite an order list with the fewest changes: keep the common head and tail, replace the middle. */
function writeOrder(list: Y.Array<string>, next: string[]): void {
  const cur = list.toArray();
  let head = 0;
  while (head < cur.length && head < next.length && cur[head] === next[head]) head++;
  let tail = 0;
  while (tail < cur.length - head && tail < next.length - head && cur[cur.length - 1 - tail] === next[next.length - 1 - tail]) tail++;
  const removed = cur.length - head - tail;
  const inserted = next.slice(head, next.length - tail);
  if (removed > 0) list.delete(head, removed);
  if (inserted.length) list.insert(head, inserted);
}

function newStoryEntry(story: Story): YEntry {
  const entry = new Y.Map<unknown>();
  entry.set('slug', story.slug);
  entry.set('raw', story.raw);
  entry.set('section', story.meta.section);
  entry.set('priority', story.meta.priority);
  entry.set('status', story.meta.status);
  entry.set('tags', [...story.meta.tags]);
  if (story.meta.column !== undefined) entry.set('column', story.meta.column);
  if (story.meta.photo !== undefined) entry.set('photo', story.meta.photo);
  if (story.language !== undefined) entry.set('language', story.language);
  if (story.original) entry.set('original', story.original);
  entry.set(STORY_TEXT, new Y.XmlFragment());
  return entry;
}

/** Write the fields of `story` that differ from `old` (the base the command saw). */
function writeStory(ydoc: Y.Doc, entry: YEntry, old: Story, story: Story): void {
  if (old.slug !== story.slug) setIfChanged(entry, 'slug', story.slug);
  if (old.raw !== story.raw) setIfChanged(entry, 'raw', story.raw);
  if (old.meta.section !== story.meta.section) setIfChanged(entry, 'section', story.meta.section);
  if (old.meta.priority !== story.meta.priority) setIfChanged(entry, 'priority', story.meta.priority);
  if (old.meta.status !== story.meta.status) setIfChanged(entry, 'status', story.meta.status);
  if (old.meta.column !== story.meta.column) {
    if (story.meta.column === undefined) entry.delete('column');
    else setIfChanged(entry, 'column', story.meta.column);
  }
  if (old.meta.photo !== story.meta.photo) {
    if (story.meta.photo === undefined) entry.delete('photo');
    else setIfChanged(entry, 'photo', story.meta.photo);
  }
  if (old.language !== story.language) {
    if (story.language === undefined) entry.delete('language');
    else setIfChanged(entry, 'language', story.language);
  }
  if (old.original !== story.original && JSON.stringify(old.original) !== JSON.stringify(story.original)) {
    if (story.original) entry.set('original', story.original);
    else if (entry.has('original')) entry.delete('original');
  }
  if (old.meta.tags !== story.meta.tags && JSON.stringify(old.meta.tags) !== JSON.stringify(story.meta.tags)) entry.set('tags', [...story.meta.tags]);
  if (old.doc !== story.doc && JSON.stringify(old.doc) !== JSON.stringify(story.doc)) {
    const text = entry.get(STORY_TEXT);
    if (text instanceof Y.XmlFragment) updateStoryText(ydoc, text, story.doc);
    else {
      const fresh = new Y.XmlFragment();
      entry.set(STORY_TEXT, fresh);
      prosemirrorJSONToYXmlFragment(storySchema, story.doc, fresh);
    }
  }
}

/** Write `doc` into a story's fragment, rewriting only the blocks that differ. */
/** The optional `server` setting as read from the doc (anything but `{ url: string }` reads as none). */
function serverSetting(value: unknown): { server?: { url: string } } {
  const url = (value as { url?: unknown } | null | undefined)?.url;
  return typeof url === 'string' && url ? { server: { url } } : {};
}

export function updateStoryText(ydoc: Y.Doc, fragment: Y.XmlFragment, doc: DocJSON): void {
  const node = PMNode.fromJSON(storySchema, doc);
  updateYFragment(ydoc, fragment, node, { mapping: new Map(), isOMark: new Map() });
}
