// Counts for the story list that follow typing without redoing the story.
//
// Warnings: every text rule reads one block (src/lib/lint), so a story's count is
// the sum of its blocks' counts plus the story-end checks. Block counts are kept
// by block text: a keystroke changes one block's text, the others are the very
// same strings (ProseMirror shares unchanged text between doc versions, and
// toJSON hands those strings on), so a count costs one lint of one block and a
// map look-up per other block. A story not seen before (a large import) is linted
// in slices between frames; its count reads as null meanwhile.
//
// Copyfit and changes: typesetting a long story, or diffing it against its
// original, takes milliseconds, too much per keystroke, so while a story is
// being typed its fit and its change count are recomputed once typing pauses.
import { copyfitPlaced, type Copyfit, type CopyfitSetting } from '../editor/copyfit';
import { changeCount } from '../editor/changes';
import { AfterTyping } from './idle';
import { lintText, storyEndWarnings } from '../lint';
import type { DocJSON, Language, Story } from '../model/edition';
import type { LayoutCache } from '../layout';
import type { Typesetter } from '../typeset';

const SLICE_MS = 12;
/** Unknown text of a story seen before linted at once (an edited paragraph or two); more waits for a slice. */
const AT_ONCE_CHARS = 4_000;
/** Block texts kept per generation; two generations bound the memory (an old one is dropped whole). */
const GENERATION = 20_000;

/** A block's text as the lint reads it (the story schema's inline content is text only). */
function blockText(block: DocJSON): string {
  const c = block.content;
  if (!c || c.length === 0) return '';
  if (c.length === 1) return c[0].text ?? '';
  let s = '';
  for (const n of c) s += n.text ?? '';
  return s;
}

/** Block counts by text for one language, in two generations. */
class BlockCounts {
  #young = new Map<string, number>();
  #old = new Map<string, number>();
  constructor(readonly language: Language) {}

  has(text: string): boolean {
    return this.#young.has(text) || this.#old.has(text);
  }

  /** The block's count, linted when unknown. */
  get(text: string): number {
    const n = this.#young.get(text);
    if (n !== undefined) return n;
    return this.note(text, this.#old.get(text) ?? lintText(text, this.language).length);
  }

  /** A block's count (linted here, or by the open editor: the same lint of the same text). */
  note(text: string, n: number): number {
    if (this.#young.size >= GENERATION) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(text, n);
    return n;
  }
}

/**
 * The story list's warning counts. The open editor re-lints the block a key lands in
 * (src/lib/editor/lint.ts) and notes its count here (noteBlockLinted), so the list's count
 * of the typed story finds it: the view that shows both hands the editor the list's counts.
 */
export class WarningCounts {
  /** Bumped after each slice, so readers of count() see the new numbers. */
  version = $state(0);
  /** Block counts by text, per language: this list's own (what it and its editor linted). */
  #blocks = new Map<Language, BlockCounts>();
  #known = new WeakMap<DocJSON, { language: Language; n: number }>();
  #pending = new Map<DocJSON, Language>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  /** The editor linted a block after an edit: its count, for the list (the editor's onBlockLinted). */
  noteBlockLinted(language: Language, text: string, warnings: number): void {
    this.#blocksFor(language).note(text, warnings);
  }

  #blocksFor(language: Language): BlockCounts {
    let blocks = this.#blocks.get(language);
    if (!blocks) this.#blocks.set(language, (blocks = new BlockCounts(language)));
    return blocks;
  }

  count(doc: DocJSON, language: Language): number | null {
    void this.version;
    const n = this.#count(doc, language, false);
    if (n !== null) return n;
    this.#pending.set(doc, language);
    this.#timer ??= setTimeout(() => this.#slice(), 0);
    return null;
  }

  /**
   * The story's count. `now`: lint its unknown blocks whatever their size (a slice);
   * otherwise only an edit of a story seen before (some blocks known, the unknown ones
   * short), else null.
   */
  #count(doc: DocJSON, language: Language, now: boolean): number | null {
    const known = this.#known.get(doc);
    if (known?.language === language) return known.n;
    const blocks = this.#blocksFor(language);
    const content = doc.content ?? [];
    if (!now) {
      let hits = 0;
      let unknown = 0;
      for (const block of content) {
        if (block.type === 'jump_line') continue;
        const text = blockText(block);
        if (blocks.has(text)) hits++;
        else unknown += text.length;
      }
      if (unknown > 0 && (hits === 0 || unknown > AT_ONCE_CHARS)) return null;
    }
    let n = 0;
    let last: { text: string; from: number; to: number } | null = null;
    const jumps: { direction: string; page: number | null; from: number; to: number }[] = [];
    for (const block of content) {
      if (block.type === 'jump_line') {
        const attrs = block.attrs ?? {};
        jumps.push({ direction: String(attrs.direction ?? 'continuedTo'), page: (attrs.page as number | null) ?? null, from: 0, to: 0 });
        continue;
      }
      const text = blockText(block);
      n += blocks.get(text);
      if (block.type === 'paragraph') last = { text, from: 0, to: text.length };
    }
    n += storyEndWarnings(last, jumps).length;
    this.#known.set(doc, { language, n });
    return n;
  }

  #slice(): void {
    this.#timer = null;
    const start = performance.now();
    for (const [doc, language] of this.#pending) {
      try {
        this.#count(doc, language, true);
      } catch (error) {
        // A lint bug must not stop the list: the story's count reads as 0.
        console.error('lint failed', error);
        this.#known.set(doc, { language, n: 0 });
      }
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

/** How long typing must pause before a typed story's copyfit is set again. */
const COPYFIT_QUIET_MS = 400;

interface FitEntry {
  story: Story;
  setting: CopyfitSetting;
  fit: Copyfit | null;
}

/** The same setting: each of its parts the same value (typing replaces the edition, not these). */
const sameSetting = (a: CopyfitSetting, b: CopyfitSetting) => a.language === b.language && a.pages === b.pages && a.typography === b.typography;

/**
 * Copyfit per story for the list: computed at once when the story first shows or its
 * setting (language, pages, typography) changes; when only its text changed (typing),
 * the last figure stays until typing pauses, then it is computed again.
 */
export class CopyfitCounts {
  /** Bumped when deferred figures are in. */
  version = $state(0);
  #fits = new Map<string, FitEntry>();
  /** Stories typed since their figure, at their latest, with the setting they were last asked in. */
  #stale = new Map<string, { story: Story; setting: CopyfitSetting }>();
  #afterTyping = new AfterTyping(() => this.#catchUp(), COPYFIT_QUIET_MS);

  constructor(
    private readonly typesetter: Typesetter,
    private readonly cache: LayoutCache,
  ) {}

  /** The story's fit at its modules in `setting` (null when not placed); what it reads is what it is given. */
  fit(story: Story, setting: CopyfitSetting): Copyfit | null {
    void this.version;
    const entry = this.#fits.get(story.id);
    if (entry && sameSetting(entry.setting, setting)) {
      if (entry.story !== story) this.#defer(story, setting);
      return entry.fit;
    }
    this.#stale.delete(story.id);
    return this.#compute(story, setting).fit;
  }

  #compute(story: Story, setting: CopyfitSetting): FitEntry {
    const { language, pages, typography } = setting;
    const entry: FitEntry = { story, setting, fit: copyfitPlaced({ language, pages, typography, stories: [story] }, story.id, this.typesetter, this.cache) };
    this.#fits.set(story.id, entry);
    return entry;
  }

  #defer(story: Story, setting: CopyfitSetting): void {
    this.#stale.set(story.id, { story, setting });
    this.#afterTyping.touch();
  }

  /** The stale stories' figures, once typing pauses. */
  #catchUp(): void {
    for (const { story, setting } of this.#stale.values()) this.#compute(story, setting);
    this.#stale.clear();
    this.version++;
  }

  dispose(): void {
    this.#afterTyping.dispose();
  }
}

/**
 * Changes against the original per story for the list: counted at once when the
 * story first shows or its original is replaced (accept); when only its text
 * changed (typing), the last figure stays until typing pauses.
 */
export class ChangeCounts {
  /** Bumped when deferred figures are in. */
  version = $state(0);
  #counts = new Map<string, { doc: DocJSON; original: DocJSON; n: number }>();
  #stale = new Map<string, Story>();
  #afterTyping = new AfterTyping(() => {
    for (const s of this.#stale.values()) this.#compute(s);
    this.#stale.clear();
    this.version++;
  }, COPYFIT_QUIET_MS);

  count(story: Story): number {
    void this.version;
    if (!story.original) return 0;
    const entry = this.#counts.get(story.id);
    if (entry && entry.original === story.original) {
      if (entry.doc !== story.doc) this.#defer(story);
      return entry.n;
    }
    return this.#compute(story);
  }

  #compute(story: Story): number {
    const n = changeCount(story.original!, story.doc);
    this.#counts.set(story.id, { doc: story.doc, original: story.original!, n });
    return n;
  }

  #defer(story: Story): void {
    this.#stale.set(story.id, story);
    this.#afterTyping.touch();
  }

  dispose(): void {
    this.#afterTyping.dispose();
  }
}
