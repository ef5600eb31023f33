// Shared pieces of the small editions the document, desk and review tests build.

/** The 对开 8-column grid every hand-made test page uses. */
export const GRID = { preset: 'duikai', widthMm: 390, heightMm: 545, margins: { top: 20, right: 20, bottom: 25, left: 20 }, columns: 8, gutterMm: 2.5, bodySizePt: 9, leadingPt: 13.5 };

/** localStorage as a Map (Node has none). */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}
