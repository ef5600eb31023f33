// This desk's link to the newsroom: the sync server the edition's desks meet
// on (src/server), whether this desk is on it, how much it has not yet sent,
// and who else is working on the edition and where (presence, as InCopy shows
// checked-out stories). The document itself merges through Yjs: edits made
// offline are exchanged when the link comes back.
//
// AppState makes one per open edition (`app.newsroom`); App.svelte shows
// DeskStatus and PresenceBar under the banners, the top bar's newsroom dialog
// holds ServerSettings, story rows and page thumbs carry PresenceBadge, and the
// story editor draws remote carets from `awareness` (yCursorPlugin).
import { untrack } from 'svelte';
import type { Awareness } from 'y-protocols/awareness';
import { ROOT, type EditionDocument } from '../document';
// The Hocuspocus provider and its socket code come in a chunk of their own, fetched when the
// edition names a server (#connect): a desk that works alone never loads them.
import type { DeskConnection } from '../document/desk-connection';

export type NewsroomStatus =
  /** No server known for this edition: the desk works alone (tabs and storage still merge). */
  | 'local'
  /** A server is known but the link is down (no network, server stopped, or the desk went offline). */
  | 'offline'
  | 'connecting'
  /** On the server and caught up with it. */
  | 'synced'
  /** The server refused this desk's token (`refusedReason` says why, in the server's words). */
  | 'refused'
  /**
   * The edition names a server this browser has no token for: nothing is sent
   * until the desk gives one (`retry(token)`). An edition file from elsewhere
   * can carry any address; this desk's work must not go to it unasked.
   */
  | 'needs-token';

/** Another desk on the same edition. */
export interface DeskPresence {
  /** The Yjs client id of that desk (one per open tab). */
  clientId: number;
  name: string;
  color: string;
  /** The story open in its editor, if any. */
  storyId: string | null;
  /** The page shown in its Layout view, if any. */
  pageId: string | null;
}

type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface NewsroomLinkOptions {
  document: EditionDocument;
  editionId: string;
  /** The name the other desks see. */
  author: string;
  /** The page's query string (`location.search`); `?server=…&token=…` overrides the edition's setting. */
  search?: string;
  /** Where this browser keeps server tokens (localStorage); null keeps them in memory only. */
  storage?: TokenStorage | null;
  /** Node 20 has no global WebSocket: tests pass the `ws` package's class. */
  WebSocketPolyfill?: unknown;
}

/**
 * What the page address says about the newsroom: `?server=<ws url>&token=<secret>&edition=<id>`.
 * `edition` names the edition to open from the server (a desk joining a colleague's edition).
 */
export function newsroomParams(search: string): { server: string | null; token: string | null; edition: string | null } {
  const params = new URLSearchParams(search);
  return { server: params.get('server') || null, token: params.get('token'), edition: params.get('edition') || null };
}

/** localStorage key of the token for a server: per browser and per server, never in the edition. */
export function tokenKey(url: string): string {
  return `galley.serverToken:${url}`;
}

/** The page address with the `token` parameter taken out (it is remembered in localStorage instead). */
export function withoutToken(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('token');
  return url.toString();
}

// Distinct on a white page and on the grey of the Layout view, dark enough for white text.
const DESK_COLORS = ['#c0392b', '#1f6fb2', '#2e7d32', '#8e44ad', '#b9770e', '#00838f', '#ad1457', '#5d4037'];

/** A desk's colour, from its author name so one person keeps one colour on every desk. */
export function deskColor(author: string): string {
  let h = 0;
  for (const ch of author) h = (Math.imul(h, 31) + ch.codePointAt(0)!) >>> 0;
  return DESK_COLORS[h % DESK_COLORS.length];
}

export class NewsroomLink {
  status = $state<NewsroomStatus>('local');
  /** The server's reason when it refused this desk. */
  refusedReason = $state<string | null>(null);
  /** Changes this desk made that the server has not acknowledged yet. */
  unsynced = $state(0);
  /** The server in use (from `?server=` or the edition's setting), or null. */
  serverUrl = $state<string | null>(null);
  /** The other desks on this edition, by name. */
  others = $state.raw<DeskPresence[]>([]);

  /** The name the other desks see, and its colour (set again when the desk gives its name). */
  author = $state('');
  color = $state('');

  readonly #document: EditionDocument;
  readonly #editionId: string;
  readonly #storage: TokenStorage | null;
  readonly #polyfill: unknown;
  /** Address and token from the page URL: they win over the edition's setting. */
  readonly #pageUrl: string | null;
  #pageToken: string | null = null;
  /** Callers of whenSynced() still waiting. */
  #waiters: ((synced: boolean) => void)[] = [];
  /** Tokens given in this session, for a browser without localStorage. */
  readonly #memoryTokens = new Map<string, string>();
  // Reactive so the story editor re-binds its remote carets when the link moves to another server.
  #connection = $state.raw<DeskConnection | null>(null);
  /** Counts #connect and #close calls: a provider chunk that arrives after a newer one of them is not used. */
  #attempt = 0;
  /** The provider's chunk could not be fetched (network gone, a new build deployed): going online tries again. */
  #chunkFailed = false;
  /** The desk chose to work offline: the network coming back does not reconnect it. */
  #chosenOffline = false;
  /** The browser says the network is gone: the socket is dropped rather than left to time out. */
  #networkDown = false;
  #storyId: string | null = null;
  #pageId: string | null = null;
  readonly #unsubscribe: () => void;

  constructor(options: NewsroomLinkOptions) {
    this.#document = options.document;
    this.#editionId = options.editionId;
    this.author = options.author;
    this.color = deskColor(options.author);
    this.#storage = options.storage ?? null;
    this.#polyfill = options.WebSocketPolyfill;
    const { server, token } = newsroomParams(options.search ?? '');
    this.#pageUrl = server;
    if (this.#pageUrl && token !== null) {
      this.#pageToken = token;
      this.#remember(this.#pageUrl, token);
    }
    // The edition's server setting can change on another desk or tab: follow it.
    this.#unsubscribe = options.document.subscribe(() => {
      if (this.#address() !== this.serverUrl) this.#connect();
    });
    this.#connect();
  }

  /** The provider's awareness (null when there is no link): y-prosemirror's yCursorPlugin shows remote carets from it. */
  get awareness(): Awareness | null {
    return this.#connection?.provider.awareness ?? null;
  }

  /** The edition this link carries (the document name on the server). */
  get editionId(): string {
    return this.#editionId;
  }

  /** The desk gave (or changed) its name: the other desks see it at once. */
  setAuthor(name: string): void {
    this.author = name;
    this.color = deskColor(name);
    this.#tell('user', { name: this.author, color: this.color });
  }

  /**
   * Set a field of this desk's presence. Untracked: the awareness calls #onAwareness at once, which
   * reads `others`; called from an effect (LayoutView's setPage), that read made every change of
   * another desk's presence re-run the effect, whose cleanup and run sent null and the page again,
   * which re-ran the other desk's effect: two desks in the Layout view flipped each other's page
   * thousands of times a second (a thumbnail's badge missing, the server flooded).
   */
  #tell(field: string, value: unknown): void {
    untrack(() => this.awareness?.setLocalStateField(field, value));
  }

  /** The desks whose editor shows this story. */
  inStory(storyId: string): DeskPresence[] {
    return this.others.filter((d) => d.storyId === storyId);
  }

  /** The desks whose Layout view shows this page. */
  onPage(pageId: string): DeskPresence[] {
    return this.others.filter((d) => d.pageId === pageId);
  }

  /** Tell the other desks which story this desk has open (null: none). */
  setStory(id: string | null): void {
    this.#storyId = id;
    this.#tell('storyId', id);
  }

  /** Tell the other desks which page this desk shows (null: none). */
  setPage(id: string | null): void {
    this.#pageId = id;
    this.#tell('pageId', id);
  }

  /**
   * Put the edition on a server (or take it off: null). The address goes into
   * the edition, so every desk that opens it connects; the token stays in this
   * browser.
   */
  useServer(url: string | null, token = ''): void {
    const address = url?.trim() || null;
    if (address) this.#remember(address, token);
    const changed = this.#document.apply((e) => {
      if ((e.server?.url ?? null) === address) return null;
      const { server: _old, ...rest } = e;
      return { ...rest, ...(address ? { server: { url: address } } : {}), updatedAt: Date.now() };
    });
    // A new address reconnected through the subscription; the same address with a new token did not.
    if (!changed) this.#connect(true);
  }

  /** After a refusal, or when the edition's server needs a token: connect with this one. */
  retry(token: string): void {
    const url = this.serverUrl;
    if (!url) return;
    if (url === this.#pageUrl) this.#pageToken = token;
    this.#remember(url, token);
    this.#connect(true);
  }

  /** Work offline: edits stay local (and stored) until `goOnline`. */
  goOffline(): void {
    this.#chosenOffline = true;
    this.#disconnect();
  }

  goOnline(): void {
    this.#chosenOffline = false;
    if (this.#chunkFailed && !this.#networkDown) return this.#connect(true);
    if (!this.#connection || this.status === 'refused' || this.#networkDown) return;
    void this.#connection.connect();
  }

  /**
   * The browser lost the network (window 'offline'). A socket is not closed by
   * that (Chromium keeps it open until a timeout), so the desk would read as in
   * sync while nothing gets through: drop it and say offline.
   */
  networkLost(): void {
    this.#networkDown = true;
    this.#disconnect();
  }

  /** The network is back (window 'online'): reconnect unless the desk chose to stay offline. */
  networkBack(): void {
    this.#networkDown = false;
    if (!this.#chosenOffline) this.goOnline();
  }

  #disconnect(): void {
    this.#connection?.disconnect();
    // Also while the provider's chunk is still on its way (#open then disconnects at once).
    if (this.status === 'connecting' || (this.#connection && this.status !== 'refused')) this.#setStatus('offline');
  }

  dispose(): void {
    this.#unsubscribe();
    this.#close();
    for (const resolve of this.#waiters.splice(0)) resolve(false);
  }

  #address(): string | null {
    if (this.#pageUrl) return this.#pageUrl;
    const setting = this.#document.doc.getMap(ROOT.settings).get('server') as { url?: unknown } | null | undefined;
    return typeof setting?.url === 'string' && setting.url ? setting.url : null;
  }

  #token(url: string): string {
    if (url === this.#pageUrl && this.#pageToken !== null) return this.#pageToken;
    try {
      return this.#storage?.getItem(tokenKey(url)) ?? this.#memoryTokens.get(url) ?? '';
    } catch {
      return this.#memoryTokens.get(url) ?? '';
    }
  }

  #remember(url: string, token: string): void {
    this.#memoryTokens.set(url, token);
    try {
      if (token) this.#storage?.setItem(tokenKey(url), token);
      else this.#storage?.removeItem(tokenKey(url));
    } catch {
      // A browser that refuses localStorage keeps the token for this session only.
    }
  }

  #close(): void {
    this.#attempt++;
    if (!this.#connection) return;
    const connection = this.#connection;
    this.#connection = null;
    connection.provider.awareness?.off('change', this.#onAwareness);
    connection.close();
    this.others = [];
    this.unsynced = 0;
  }

  #connect(force = false): void {
    const url = this.#address();
    if (!force && url === this.serverUrl && this.#connection) return;
    this.#close();
    // A server or token the desk just gave is a wish to be on it.
    if (force) this.#chosenOffline = false;
    this.serverUrl = url;
    this.refusedReason = null;
    this.#chunkFailed = false;
    if (!url) {
      this.#setStatus('local');
      return;
    }
    const token = this.#token(url);
    if (!token) {
      this.#setStatus('needs-token');
      return;
    }
    this.#setStatus('connecting');
    const attempt = this.#attempt;
    import('../document/desk-connection').then(
      ({ DeskConnection }) => {
        if (attempt === this.#attempt) this.#open(DeskConnection, url, token);
      },
      () => {
        if (attempt !== this.#attempt) return;
        // Nothing is lost: edits stay in this browser (and its storage) and the status line says offline.
        this.#chunkFailed = true;
        this.#setStatus('offline');
        for (const resolve of this.#waiters.splice(0)) resolve(false);
      },
    );
  }

  #open(Connection: typeof DeskConnection, url: string, token: string): void {
    let connection: DeskConnection;
    try {
      connection = new Connection({
        doc: this.#document.doc,
        editionId: this.#editionId,
        url,
        token,
        ...(this.#polyfill ? { WebSocketPolyfill: this.#polyfill } : {}),
        onStatus: (status) => {
          if (this.#connection !== connection || this.status === 'refused') return;
          if (status === 'disconnected') this.#setStatus('offline');
          else if (status === 'connecting' || !connection.synced) this.#setStatus('connecting');
        },
        onSynced: () => {
          if (this.#connection === connection && this.status !== 'refused') this.#setStatus('synced');
        },
        onRefused: (reason) => {
          if (this.#connection !== connection) return;
          this.#setStatus('refused');
          this.refusedReason = reason;
        },
      });
    } catch {
      // A malformed address (new WebSocket throws): nothing to connect to, nothing to wait for.
      this.#setStatus('offline');
      for (const resolve of this.#waiters.splice(0)) resolve(false);
      return;
    }
    this.#connection = connection;
    connection.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      if (this.#connection === connection) this.unsynced = number;
    });
    const awareness = connection.provider.awareness;
    if (awareness) {
      awareness.setLocalState({ user: { name: this.author, color: this.color }, storyId: this.#storyId, pageId: this.#pageId });
      awareness.on('change', this.#onAwareness);
    }
    // The desk went offline (or lost the network) while the chunk was on its way.
    if (this.#chosenOffline || this.#networkDown) this.#disconnect();
  }

  /**
   * Resolves true once this desk has caught up with the server, false when
   * there is no server, it refused the desk, or a token is needed. A desk opening an edition it
   * does not have yet (`?edition=`) waits for this before showing anything,
   * so it never seeds a second copy of the edition into the shared document.
   */
  whenSynced(): Promise<boolean> {
    if (this.status === 'synced') return Promise.resolve(true);
    if (this.status === 'local' || this.status === 'refused' || this.status === 'needs-token') return Promise.resolve(false);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #setStatus(status: NewsroomStatus): void {
    this.status = status;
    if (status === 'connecting' || status === 'offline' || !this.#waiters.length) return;
    const waiters = this.#waiters.splice(0);
    for (const resolve of waiters) resolve(status === 'synced');
  }

  readonly #onAwareness = (): void => {
    const awareness = this.awareness;
    if (!awareness) return;
    const others: DeskPresence[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const user = state.user as { name?: unknown; color?: unknown } | undefined;
      if (typeof user?.name !== 'string') continue;
      others.push({
        clientId,
        name: user.name,
        color: typeof user.color === 'string' ? user.color : deskColor(user.name),
        storyId: typeof state.storyId === 'string' ? state.storyId : null,
        pageId: typeof state.pageId === 'string' ? state.pageId : null,
      });
    }
    others.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
    // Awareness changes with every remote caret move; the list (and what draws it) changes only when a desk comes, goes or moves.
    const same =
      others.length === this.others.length &&
      others.every((d, i) => {
        const o = this.others[i];
        return o.clientId === d.clientId && o.name === d.name && o.color === d.color && o.storyId === d.storyId && o.pageId === d.pageId;
      });
    if (!same) this.others = others;
  };
}
