// One desk's live link to the newsroom sync server (src/server): a Hocuspocus 3
// provider on the edition's doc, the document name being the edition id.
// Offline edits merge when the socket comes back (the provider re-syncs state
// vectors on every reconnect); a refused token is reported once, with the
// server's reason, and the socket stops retrying.
import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import type * as Y from 'yjs';

export interface DeskConnectionOptions {
  doc: Y.Doc;
  editionId: string;
  /** ws:// or wss:// address of the sync server. */
  url: string;
  token: string;
  /** Where there is no global WebSocket (Node 20): the `ws` package's class. */
  WebSocketPolyfill?: unknown;
  onStatus?: (status: 'connecting' | 'connected' | 'disconnected') => void;
  /** The server refused the token; the reason is the server's words. */
  onRefused?: (reason: string) => void;
  onSynced?: () => void;
}

export class DeskConnection {
  readonly socket: HocuspocusProviderWebsocket;
  readonly provider: HocuspocusProvider;
  /** disconnect() closed a socket whose close event has not come yet: the provider still reads as connected. */
  #closing = false;
  /** connect() was asked while closing: connect once the close has come. */
  #connectAfterClose = false;

  constructor(options: DeskConnectionOptions) {
    this.socket = new HocuspocusProviderWebsocket({
      url: options.url,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
    });
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: options.editionId,
      document: options.doc,
      token: options.token,
      onStatus: ({ status }) => options.onStatus?.(status === WebSocketStatus.Connected ? 'connected' : status === WebSocketStatus.Connecting ? 'connecting' : 'disconnected'),
      onAuthenticationFailed: ({ reason }) => {
        // Retrying with the same token would be refused again: stop and say why.
        this.socket.disconnect();
        options.onRefused?.(reason);
      },
      onSynced: () => options.onSynced?.(),
    });
    // A provider given its socket does not attach itself.
    this.provider.attach();
    this.socket.on('disconnect', () => {
      this.#closing = false;
      if (!this.#connectAfterClose) return;
      this.#connectAfterClose = false;
      void this.socket.connect();
    });
  }

  /** Changes not yet acknowledged by the server (0 = everything this desk did is on the server). */
  get unsyncedChanges(): number {
    return this.provider.unsyncedChanges;
  }

  get synced(): boolean {
    return this.provider.isSynced;
  }

  /** Go offline (edits continue locally) … */
  disconnect(): void {
    this.#connectAfterClose = false;
    if (this.socket.webSocket) this.#closing = true;
    this.socket.disconnect();
  }

  /** … and back: what both sides did meanwhile is exchanged. */
  connect(): Promise<unknown> {
    // Until its close event the socket reads as connected and the provider's connect() would do nothing,
    // leaving the desk offline for good after a quick off-and-on (network flapping, a double click).
    if (this.#closing) {
      this.#connectAfterClose = true;
      return Promise.resolve();
    }
    return this.socket.connect();
  }

  get online(): boolean {
    return this.socket.status === WebSocketStatus.Connected;
  }

  get offline(): boolean {
    return this.socket.status === WebSocketStatus.Disconnected;
  }

  close(): void {
    this.provider.destroy();
    this.socket.destroy();
  }
}
