// Warning counts for the story list, computed in slices between frames: a
// large import adds hundreds of stories, and linting them all at once would
// freeze the tab for a second. A count not yet known reads as null.
import type { DocJSON, Language } from '../model/edition';
import { cachedWarnings, storyWarnings } from './stories';

const SLICE_MS = 12;

export class WarningCounts {
  /** Bumped after each slice, so readers of count() see the new numbers. */
  version = $state(0);
  #pending = new Map<DocJSON, Language>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  count(doc: DocJSON, language: Language): number | null {
    void this.version;
    const known = cachedWarnings(doc, language);
    if (known) return known.length;
    this.#pending.set(doc, language);
    this.#timer ??= setTimeout(() => this.#slice(), 0);
    return null;
  }

  #slice(): void {
    this.#timer = null;
    const start = performance.now();
    for (const [doc, language] of this.#pending) {
      storyWarnings(doc, language);
      this.#pending.delete(doc);
      if (performance.now() - start > SLICE_MS) break;
    }
    this.version++;
    if (this.#pending.size) this.#timer = setTimeout(() => this.#slice(), 0);
  }

  dispose(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending.clear();
  }
}
