// Work that follows typing (the edition snapshot, counts, copyfit) runs when the
// browser is idle, so it never lands between a key and the frame that shows it.
// The idle callback itself is the document layer's (it writes in idle periods too):
// one helper, handed on here for the app's state and components.
import { whenIdle } from '../document/idle';

export { whenIdle };

/**
 * Work that waits for typing to pause: each `touch()` restarts the quiet wait;
 * once `quietMs` pass without one, `work` runs in an idle period. One pending
 * run at most (the list's copyfit and change counts and the editor's side panels
 * share this rhythm). A key only notes its time: one timer per burst, which on
 * firing waits again for what is left of the quiet, not a timer re-armed per key.
 */
export class AfterTyping {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #cancelIdle: (() => void) | null = null;
  #touchedAt = 0;

  constructor(
    private readonly work: () => void,
    private readonly quietMs: number,
  ) {}

  touch(): void {
    this.#touchedAt = Date.now();
    this.#cancelIdle?.();
    this.#cancelIdle = null;
    this.#timer ??= setTimeout(this.#quietPassed, this.quietMs);
  }

  #quietPassed = (): void => {
    this.#timer = null;
    const left = this.#touchedAt + this.quietMs - Date.now();
    if (left > 0) {
      this.#timer = setTimeout(this.#quietPassed, left);
      return;
    }
    this.#cancelIdle = whenIdle(() => {
      this.#cancelIdle = null;
      this.work();
    });
  };

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#cancelIdle?.();
    this.#cancelIdle = null;
  }
}

/**
 * Resolves in a new task, so the browser can paint, take input and handle arriving fonts
 * between two pieces of start-up work (each piece then counts as its own task, not one long
 * one). `scheduler.yield()` where there is one (it keeps the work ahead of other tasks);
 * else a message to ourselves, which, unlike setTimeout, is neither clamped nor faked by a
 * test's fake timers.
 */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
