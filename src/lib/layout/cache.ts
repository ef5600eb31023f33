// The memo of layout: typeset body lines, cut modules, headline groups, jump
// lines and grid metrics, kept so that laying out again after a drag is
// arithmetic plus look-ups. It is an explicit object (the app owns one next to
// its Typesetter; a one-shot caller gets a fresh one) and every table in it is
// bounded, so a long session of drags cannot grow it without end.
import type { DocJSON, Grid, Language } from '../model/edition';
import type { Line } from '../typeset/types';
import type { StoryParts } from './blocks';
import { gridMetrics, type GridMetrics } from './geometry';
import type { ModuleFlow, ModuleLayout, PositionedLine, Typesetter } from './types';
import type { FlowLine } from './columns';

/**
 * A Map that forgets its least recently used entry beyond `limit`.
 * Hand-written: a dozen lines over Map's insertion order, where a library
 * would be a new dependency for the same thing.
 */
export class BoundedMap<K, V> {
  #map = new Map<K, V>();
  constructor(readonly limit: number) {}

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined) {
      // Most recently used goes last, so the first entry is the one to forget.
      this.#map.delete(key);
      this.#map.set(key, v);
    }
    return v;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.limit) this.#map.delete(this.#map.keys().next().value as K);
  }

  values(): IterableIterator<V> {
    return this.#map.values();
  }
}

export interface LayoutCacheLimits {
  /** Story docs with memoised lines and modules (an edited story is a new doc). */
  docs: number;
  /** Entries per doc and table (widths × start cursors, module sizes…). */
  perDoc: number;
  /** Single lines (jump lines). */
  shared: number;
}

/** Docs: an edition at the CLI's input limit has some 600 stories; fewer would make auto-layout re-set evicted stories. */
export const DEFAULT_CACHE_LIMITS: LayoutCacheLimits = { docs: 1024, perDoc: 2000, shared: 1000 };

/** What is memoised for one story doc. */
export interface DocMemo {
  parts?: StoryParts;
  lines: BoundedMap<string, FlowLine[]>;
  modules: BoundedMap<string, ModuleFlow>;
  groups: BoundedMap<string, { lines: PositionedLine[]; slots: number }>;
  chars: BoundedMap<string, number>;
  /** Least module depth holding the text, per module shape and start (fitLines). */
  fits: BoundedMap<string, number>;
  /** Characters (whitespace aside) of each body block, for counting the rest of a story from a cursor. */
  blockChars?: number[];
  /** The language the story's raw text reads as (null: no text), for storyLanguage. */
  raw?: Language | null;
}

export class LayoutCache {
  readonly limits: LayoutCacheLimits;
  /** The typesetter the lines came from: another one sets other lines, so the memo starts over. */
  #typesetter: Typesetter | null = null;
  #docs: BoundedMap<DocJSON, DocMemo>;
  #single: BoundedMap<string, Line>;
  /** Keyed by the grid object: pages share grid objects, and an edited grid is a new one (so this is bounded by the grids in use). */
  #metrics = new WeakMap<Grid, Partial<Record<Language, GridMetrics>>>();
  /** The module last built from each cut, with what else it depended on (the cut objects live in the bounded tables). */
  readonly placed = new WeakMap<ModuleFlow, { sig: string; module: ModuleLayout }>();

  constructor(limits: Partial<LayoutCacheLimits> = {}) {
    this.limits = { ...DEFAULT_CACHE_LIMITS, ...limits };
    this.#docs = new BoundedMap(this.limits.docs);
    this.#single = new BoundedMap(this.limits.shared);
  }

  /** Bind to a typesetter; forget everything if it is another one than before. */
  use(typesetter: Typesetter): void {
    if (this.#typesetter === typesetter) return;
    if (this.#typesetter) {
      this.#docs = new BoundedMap(this.limits.docs);
      this.#single = new BoundedMap(this.limits.shared);
    }
    this.#typesetter = typesetter;
  }

  doc(doc: DocJSON): DocMemo {
    let d = this.#docs.get(doc);
    if (!d) {
      const n = this.limits.perDoc;
      d = { lines: new BoundedMap(n), modules: new BoundedMap(n), groups: new BoundedMap(n), chars: new BoundedMap(n), fits: new BoundedMap(n) };
      this.#docs.set(doc, d);
    }
    return d;
  }

  get single(): BoundedMap<string, Line> {
    return this.#single;
  }

  /** Grid metrics of a grid in a language. */
  metrics(grid: Grid, language: Language): GridMetrics {
    let perGrid = this.#metrics.get(grid);
    if (!perGrid) this.#metrics.set(grid, (perGrid = {}));
    return (perGrid[language] ??= gridMetrics(grid, language));
  }

  /** Entries held, table by table (what the memory test watches). */
  sizes(): { docs: number; perDocMax: number; entries: number; single: number } {
    let perDocMax = 0;
    let entries = 0;
    for (const d of this.#docs.values()) {
      const n = Math.max(d.lines.size, d.modules.size, d.groups.size, d.chars.size, d.fits.size);
      perDocMax = Math.max(perDocMax, n);
      entries += d.lines.size + d.modules.size + d.groups.size + d.chars.size + d.fits.size;
    }
    return { docs: this.#docs.size, perDocMax, entries, single: this.#single.size };
  }
}
