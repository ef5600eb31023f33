// Live merging between tabs of one browser on one edition. y-indexeddb does not
// tell other tabs about a change, and the maintained packages that do
// (y-webrtc) bring a WebRTC signalling stack a same-origin tab pair does not
// need, so this is the small provider written by hand: the y-protocols sync
// messages (state vector, then the missing updates) over a BroadcastChannel.
//
// On open a tab announces its state vector; every tab hearing it answers with
// what the newcomer lacks and its own state vector, so the newcomer sends back
// what *they* lack. After that each local update is posted as it happens (once
// another tab has been heard: alone, a tab posts nothing).
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as sync from 'y-protocols/sync';

interface TabMessage {
  /** The sender, so a tab ignores nothing but can tell who asked. */
  from: number;
  /** A y-protocols sync message (step 1, step 2 or update). */
  data: Uint8Array;
  /** Set on the opening announcement: hearers answer with their own state vector too. */
  hello?: true;
}

export function tabChannelName(editionId: string): string {
  return `galley-edition:${editionId}`;
}

export class TabChannel {
  private readonly channel: BroadcastChannel;
  private closed = false;
  /**
   * Whether another tab has spoken on the channel. Until one has, a local update is
   * not posted (a post per key costs the typing tab ≈ 0.3 ms for nobody): a tab that
   * opens later announces itself and is sent everything it lacks in the answer.
   */
  private peers = false;

  /** `name` is usually tabChannelName(editionId). */
  constructor(
    readonly doc: Y.Doc,
    name: string,
  ) {
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = (event: MessageEvent<TabMessage>) => this.receive(event.data);
    doc.on('update', this.onUpdate);
    const encoder = encoding.createEncoder();
    sync.writeSyncStep1(encoder, doc);
    this.post(encoder, true);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.doc.off('update', this.onUpdate);
    this.channel.close();
  }

  /**
   * Updates from every origin but this channel are passed on: a change that came
   * from the sync server or from storage reaches the other tabs too (applying an
   * update twice is harmless in Yjs).
   */
  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.closed || !this.peers) return;
    const encoder = encoding.createEncoder();
    sync.writeUpdate(encoder, update);
    this.post(encoder);
  };

  private receive(message: TabMessage): void {
    if (this.closed || !message || !(message.data instanceof Uint8Array) || message.from === this.doc.clientID) return;
    this.peers = true;
    const reply = encoding.createEncoder();
    // Remote changes are applied with this channel as origin: no undo manager tracks them.
    sync.readSyncMessage(decoding.createDecoder(message.data), reply, this.doc, this);
    if (encoding.length(reply) > 0) this.post(reply);
    if (message.hello) {
      const ask = encoding.createEncoder();
      sync.writeSyncStep1(ask, this.doc);
      this.post(ask);
    }
  }

  private post(encoder: encoding.Encoder, hello = false): void {
    const message: TabMessage = { from: this.doc.clientID, data: encoding.toUint8Array(encoder), ...(hello ? { hello: true as const } : {}) };
    this.channel.postMessage(message);
  }
}
