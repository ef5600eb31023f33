// What the app is made with and what it keeps about itself: its options (the
// database, preferences, the tab channel), its banner messages, and what a
// story removal took away (for Undo).
import type { Edition, Placement, Story } from '../model/edition';
import type { MessageKey } from '../i18n';
import type { GalleyDatabase } from '../storage';
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

export interface AppOptions {
  /** Every edition this browser keeps (the edition desk's library); without it only the open edition exists. */
  library?: EditionLibrary | null;
  /** Builds the edition shown on first run (empty database). */
  buildSample: () => Edition;
  openDatabase?: () => Promise<GalleyDatabase>;
  /** Where the UI language is remembered (localStorage in the browser). */
  preferences?: Pick<Storage, 'getItem' | 'setItem'> | null;
  autosaveDelayMs?: number;
  retryMs?: number;
  /**
   * Shared with the other tabs of this app (`new BroadcastChannel('galley')`
   * in the browser): each save tells them, so a tab holding an older copy
   * stops autosaving instead of silently writing over newer work.
   */
  channel?: TabChannel | null;
}

/** The part of BroadcastChannel the app uses (tests pass their own). */
export type TabChannel = Pick<BroadcastChannel, 'postMessage' | 'close'> & {
  onmessage: ((event: MessageEvent) => void) | null;
};

/** What a tab announces after writing the edition. */
export interface TabSavedMessage {
  type: 'saved';
  editionId: string;
  tab: string;
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
