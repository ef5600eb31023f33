// What the app is made with and what it keeps about itself: its options (the
// library, the stored edition documents, preferences), its banner messages, and what a
// story removal took away (for Undo).
import type { Edition, Placement, Story } from '../model/edition';
import type { MessageKey } from '../i18n';
import type { GalleyDatabase, StorageErrorKind } from '../storage';
import type { LibraryDatabase, PersistedEdition, PhotoStore } from '../document';
import type { EditionLibrary } from './edition-library';

export interface AppMessage {
  id: string;
  kind: 'error' | 'warning' | 'info';
  key: MessageKey;
  params?: Record<string, string | number>;
  /** A damaged record's reason, translated when shown (the stored reason is English). */
  reason?: { code: string; params: Record<string, string | number> };
}

/** What removeStory took away, so Undo can put it back exactly. */
export interface RemovedStory {
  story: Story;
  index: number;
  placements: { pageId: string; at: number; placement: Placement }[];
}

/** Whether the edition is in IndexedDB: 'memory' when storage is missing (nothing is kept). */
export interface SaveStatus {
  state: 'saved' | 'saving' | 'error' | 'memory';
  error?: { kind: StorageErrorKind; message: string };
}

export interface AppOptions {
  /**
   * Every edition this browser keeps, for the edition desk (the same `galley-library`
   * list and edition documents the app writes); without it only the open edition exists.
   */
  library?: EditionLibrary | null;
  /** Builds the edition shown on first run (empty library); may load its code first (the importer, the sample's text). */
  buildSample: () => Edition | Promise<Edition>;
  /** The edition list (`galley-library`); rejects when IndexedDB is missing. */
  openLibrary?: () => Promise<LibraryDatabase>;
  /** An edition's stored document (y-indexeddb). */
  openEdition?: (editionId: string) => Promise<PersistedEdition>;
  /** The first build's database if this browser has one (null: none), migrated when the library is empty. */
  openV1?: () => Promise<GalleyDatabase | null>;
  /** Where the UI language, the session and the author name are remembered (localStorage in the browser). */
  preferences?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** Where photo bytes are kept; default: the `photos` store of `galley-library` (memory without IndexedDB). */
  openPhotoStore?: () => Promise<PhotoStore>;
  /** The page's query string: `?edition=<id>&server=<ws url>&token=<secret>` joins a colleague's edition on the newsroom server. */
  search?: string;
  /** Where this browser keeps newsroom server tokens (localStorage); never in the edition. */
  tokens?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  /** Node has no global WebSocket: tests give the `ws` package's class for the newsroom link. */
  WebSocketPolyfill?: unknown;
  /** Merge live with other tabs of this origin on the same edition (BroadcastChannel); default on where it exists. */
  tabs?: boolean;
  /**
   * Work the view about to be shown needs first (the Layout view: the page in view laid out),
   * run by start() in tasks of its own between opening the edition and showing the view.
   */
  beforeShow?: () => void | Promise<void>;
}

/** What the app holds before start() restores or builds an edition. */
export const EMPTY_EDITION: Edition = {
  id: 'empty',
  title: '',
  date: '',
  issueNumber: 0,
  language: 'zh',
  pages: [],
  stories: [],
  revision: 0,
  updatedAt: 0,
};
