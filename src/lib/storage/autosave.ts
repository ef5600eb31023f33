// Debounced saving. The desk never presses “save”: every change schedules a
// write ~400 ms later, hiding the tab writes at once, and a failed write keeps
// the change in memory and tries again, so nothing typed is lost to a full disk.
import { classifyStorageError, type StorageErrorKind } from './edition-store';

/** 'stale': another tab stored newer work; this tab stopped writing. */
export type SaveState = 'saved' | 'pending' | 'saving' | 'error' | 'memory' | 'stale';

export interface SaveStatus {
  state: SaveState;
  error?: { kind: StorageErrorKind; message: string };
}

export interface AutosaveOptions {
  /** Writes the current edition; rejects when the write failed. */
  write: () => Promise<void>;
  onStatus: (status: SaveStatus) => void;
  delayMs?: number;
  retryMs?: number;
}

export class Autosave {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: Promise<void> | null = null;
  #dirty = false;
  #status: SaveStatus = { state: 'saved' };
  readonly delayMs: number;
  readonly retryMs: number;

  constructor(private readonly options: AutosaveOptions) {
    this.delayMs = options.delayMs ?? 400;
    this.retryMs = options.retryMs ?? 5000;
  }

  get status(): SaveStatus {
    return this.#status;
  }

  get dirty(): boolean {
    return this.#dirty;
  }

  /** A change happened: write it after the debounce delay. */
  schedule(): void {
    this.#dirty = true;
    if (this.#status.state !== 'error') this.#setStatus({ state: 'pending' });
    this.#arm(this.delayMs);
  }

  /** Write now if anything is unsaved (tab hidden, page leaving, retry button). */
  async flush(): Promise<void> {
    this.#clearTimer();
    while (this.#running) await this.#running;
    if (!this.#dirty) return;
    this.#running = this.#write();
    try {
      await this.#running;
    } finally {
      this.#running = null;
    }
  }

  dispose(): void {
    this.#clearTimer();
  }

  async #write(): Promise<void> {
    this.#dirty = false;
    this.#setStatus({ state: 'saving' });
    try {
      await this.options.write();
      this.#setStatus(this.#dirty ? { state: 'pending' } : { state: 'saved' });
    } catch (error) {
      // Keep the change: mark dirty again and retry later.
      this.#dirty = true;
      const message = error instanceof Error ? error.message : String(error);
      this.#setStatus({ state: 'error', error: { kind: classifyStorageError(error), message } });
      this.#arm(this.retryMs);
    }
  }

  #arm(ms: number): void {
    this.#clearTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, ms);
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #setStatus(status: SaveStatus): void {
    this.#status = status;
    this.options.onStatus(status);
  }
}
