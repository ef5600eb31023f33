// Plain functions over stories, used by the story list and by AppState, and the
// list's story lengths (StoryLengths: one per list, as it follows what that list counts).
// Results are cached per doc object: docs are replaced, never mutated, so a
// doc that is the same object has the same text (the same answer for any caller).
import { storySchema } from '../model/schema';
import type { DocJSON, Language, Story } from '../model/edition';
// From the lint itself, not the pipeline seam: that module also brings the importer, which the
// Layout view's first page does not need (it is loaded with the import dialog).
import { lintDoc, type LintWarning } from '../lint';

function textOf(node: DocJSON, out: string[]): void {
  if (node.text) out.push(node.text);
  for (const child of node.content ?? []) textOf(child, out);
}

/** The text of the blocks of one role, each block on its own. */
export function blocksOfRole(doc: DocJSON, role: string): string[] {
  return (doc.content ?? [])
    .filter((b) => b.type === role)
    .map((b) => {
      const out: string[] = [];
      textOf(b, out);
      return out.join('');
    });
}

const headlineCache = new WeakMap<DocJSON, string>();

/** The headline as the list shows it: headline lines joined, else the slug. */
export function headlineOf(story: Story): string {
  let joined = headlineCache.get(story.doc);
  if (joined === undefined) {
    joined = blocksOfRole(story.doc, 'headline')
      .filter((l) => l.trim())
      .join(' ');
    headlineCache.set(story.doc, joined);
  }
  return joined || story.slug;
}

const HAS_SEGMENTER = typeof Intl !== 'undefined' && 'Segmenter' in Intl;
// Made on first use: the first segmenter of a kind loads ICU's break data (tens of ms), which the
// first page's load should not pay for a count it may never need (Han copy takes the fast paths).
let graphemes: Intl.Segmenter | null = null;
const graphemeSegmenter = () => (graphemes ??= new Intl.Segmenter('zh', { granularity: 'grapheme' }));
const countCache = new WeakMap<DocJSON, number>();
// Characters that can join with a neighbour into one grapheme (combining marks,
// joiners, variation selectors, emoji, Hangul jamo). Han text has none, so it
// takes the fast path: grapheme segmentation costs about a microsecond a character.
const CLUSTERING = /[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0900-\u0dff\u1100-\u11ff\u200c\u200d\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\u{1f000}-\u{1faff}\u{e0000}-\u{e007f}]/u;

/** Characters as an editor counts them (字数): user-perceived characters, whitespace excluded. */
export function characterCount(doc: DocJSON): number {
  const cached = countCache.get(doc);
  if (cached !== undefined) return cached;
  const out: string[] = [];
  textOf(doc, out);
  const text = out.join('').replace(/\s+/g, '');
  let n = 0;
  if (HAS_SEGMENTER && CLUSTERING.test(text)) for (const _ of graphemeSegmenter().segment(text)) n++;
  else for (const _ of text) n++;
  countCache.set(doc, n);
  return n;
}

let words: Intl.Segmenter | null = null;
const wordSegmenter = () => (words ??= new Intl.Segmenter('en', { granularity: 'word' }));
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/g;

export interface StoryLength {
  unit: 'chars' | 'words';
  n: number;
}

/** What the length needs of one top-level block's text; all of it adds up over blocks. */
interface BlockFacts {
  han: number;
  /** Characters that are not whitespace (UTF-16 units, as the Han share is measured). */
  visible: number;
  /** Code points that are not whitespace: the 字数 when no block needs grapheme segmentation. */
  codePoints: number;
  clustering: boolean;
  /** Word-like segments, counted on first need (English copy). */
  words: number | null;
  /** The text before the first whitespace and after the last: where a word can run on into the next block. */
  head: string;
  tail: string;
}

const WHITESPACE = /\s/;

function wordsIn(text: string): number {
  let n = 0;
  for (const seg of wordSegmenter().segment(text)) if (seg.isWordLike) n++;
  return n;
}

function factsFrom(text: string): BlockFacts {
  const visibleText = text.replace(/\s+/g, '');
  let codePoints = 0;
  for (const _ of visibleText) codePoints++;
  let head = 0;
  while (head < text.length && !WHITESPACE.test(text[head])) head++;
  let tail = text.length;
  while (tail > 0 && !WHITESPACE.test(text[tail - 1])) tail--;
  return { han: text.match(HAN)?.length ?? 0, visible: visibleText.length, codePoints, clustering: CLUSTERING.test(visibleText), words: null, head: text.slice(0, head), tail: text.slice(tail) };
}

/** Block texts (and runs) kept per generation; two generations bound the memory (an old one is dropped whole). */
const BLOCK_GENERATION = 20_000;

/** A top-level block's text (the story schema's blocks hold text directly; textOf for anything deeper). */
function blockTextOf(block: DocJSON): string {
  const c = block.content;
  if (!c || c.length === 0) return block.text ?? '';
  if (c.length === 1 && !c[0].content) return c[0].text ?? '';
  const out: string[] = [];
  textOf(block, out);
  return out.join('');
}

/** A story's blocks with their texts and facts, and the sums of the facts over them. */
interface LengthSums {
  content: readonly DocJSON[];
  texts: string[];
  facts: (BlockFacts | null)[];
  han: number;
  visible: number;
  codePoints: number;
  /** Blocks that need grapheme segmentation. */
  clustering: number;
}

/**
 * Story lengths as the story list shows them, with what makes them follow typing: the
 * sums last computed (the base for the next doc) and block facts by text. One per list
 * (StoryList owns one): its base is the story that list last counted, which another
 * list's counting must not move.
 */
export class StoryLengths {
  #lengths = new WeakMap<DocJSON, StoryLength>();
  /**
   * Facts per block text in two generations, as the list's warning counts keep theirs: typing
   * changes one block's text, the other blocks are the very same strings, so a story's length
   * after a key costs one block's count and a look-up per other block, not the story.
   */
  #youngFacts = new Map<string, BlockFacts>();
  #oldFacts = new Map<string, BlockFacts>();
  /** Word-count corrections by run of pieces (see #runCorrection). */
  #runs = new Map<string, number>();
  /**
   * The sums last computed: the base for the next doc. While a desk types, the next doc the
   * list asks about is the same story one key later, and its blocks are the very same objects
   * but for the edited one (the edition document keeps a block's JSON until the block changes).
   */
  #last: LengthSums | null = null;

  /**
   * A story's length as its desk counts it: 字数 for Chinese copy, words for
   * English copy (a Western desk budgets in words). Mostly-Latin text is counted
   * in words through Intl.Segmenter; anything with real Han content in characters.
   * The story's text is its blocks' texts run together, and the counts are sums
   * over blocks (see #factsOf, #sumsOf); where two blocks meet without whitespace a word
   * can run across, which #runCorrection corrects for, and grapheme clusters
   * (rare outside Han-free scripts) are counted on the whole text.
   * A story with no text yet is counted in the unit of `language` (the story's or
   * its edition's): an empty English story is "0 words", not "0 chars".
   */
  of(doc: DocJSON, language: Language = 'zh'): StoryLength {
    const cached = this.#lengths.get(doc);
    if (cached) return cached;
    const sums = this.#sumsOf(doc.content ?? []);
    // Not cached: the same empty doc may be asked about for either language.
    if (sums.visible === 0) return { unit: language === 'en' ? 'words' : 'chars', n: 0 };
    let result: StoryLength;
    if (HAS_SEGMENTER && sums.visible > 0 && sums.han / sums.visible < 0.2) {
      let n = 0;
      // The run of text without whitespace that crosses the current block boundary, in pieces.
      let run: string[] = [];
      const closeRun = () => {
        if (run.length > 1) n += this.#runCorrection(run);
        run = [];
      };
      for (let i = 0; i < sums.texts.length; i++) {
        const text = sums.texts[i];
        const f = sums.facts[i];
        if (!f) continue;
        n += f.words ??= wordsIn(text);
        const whole = f.head.length === text.length;
        if (run.length) {
          if (!f.head) closeRun();
          else {
            run.push(f.head);
            if (whole) continue;
            closeRun();
          }
        }
        if (f.tail) run = [f.tail];
      }
      closeRun();
      result = { unit: 'words', n };
    } else result = { unit: 'chars', n: sums.clustering > 0 && HAS_SEGMENTER ? characterCount(doc) : sums.codePoints };
    this.#lengths.set(doc, result);
    return result;
  }

  #factsOf(text: string): BlockFacts {
    let f = this.#youngFacts.get(text);
    if (f) return f;
    f = this.#oldFacts.get(text) ?? factsFrom(text);
    if (this.#youngFacts.size >= BLOCK_GENERATION) {
      this.#oldFacts = this.#youngFacts;
      this.#youngFacts = new Map();
    }
    this.#youngFacts.set(text, f);
    return f;
  }

  /**
   * Word-like segments gained (negative: lost) where texts run together with no
   * whitespace between (a block's tail, whole blocks without whitespace, the next
   * one's head): whitespace always ends a word, so counting that run whole and
   * its pieces apart is all that can differ from counting the joined text.
   */
  #runCorrection(pieces: string[]): number {
    const key = pieces.join('\u0000');
    let d = this.#runs.get(key);
    if (d === undefined) {
      d = wordsIn(pieces.join(''));
      for (const p of pieces) d -= wordsIn(p);
      if (this.#runs.size >= BLOCK_GENERATION) this.#runs.clear();
      this.#runs.set(key, d);
    }
    return d;
  }

  #addBlocks(sums: LengthSums, blocks: readonly DocJSON[], sign: 1 | -1, texts: string[], facts: (BlockFacts | null)[]): void {
    for (let i = 0; i < blocks.length; i++) {
      const text = sign === 1 ? blockTextOf(blocks[i]) : texts[i];
      const f = sign === 1 ? (text ? this.#factsOf(text) : null) : facts[i];
      if (sign === 1) {
        texts.push(text);
        facts.push(f);
      }
      if (!f) continue;
      sums.han += sign * f.han;
      sums.visible += sign * f.visible;
      sums.codePoints += sign * f.codePoints;
      if (f.clustering) sums.clustering += sign;
    }
  }

  /**
   * The sums for `content`, from the last ones: the blocks shared at the start and at the end
   * (the same objects, so the same text) are kept, the others' facts taken out and the new
   * ones' put in. A key then costs pointer comparisons over the blocks and the facts of the one
   * block it changed, not a text look-up per block; a doc with nothing in common counts whole.
   */
  #sumsOf(content: readonly DocJSON[]): LengthSums {
    const base = this.#last;
    if (base?.content === content) return base;
    const sums: LengthSums = { content, texts: [], facts: [], han: 0, visible: 0, codePoints: 0, clustering: 0 };
    let head = 0;
    let tail = 0;
    if (base) {
      const old = base.content;
      const most = Math.min(old.length, content.length);
      while (head < most && old[head] === content[head]) head++;
      while (tail < most - head && old[old.length - 1 - tail] === content[content.length - 1 - tail]) tail++;
    }
    if (base && head + tail > 0) {
      const oldEnd = base.content.length - tail;
      sums.han = base.han;
      sums.visible = base.visible;
      sums.codePoints = base.codePoints;
      sums.clustering = base.clustering;
      this.#addBlocks(sums, base.content.slice(head, oldEnd), -1, base.texts.slice(head, oldEnd), base.facts.slice(head, oldEnd));
      sums.texts = base.texts.slice(0, head);
      sums.facts = base.facts.slice(0, head);
      this.#addBlocks(sums, content.slice(head, content.length - tail), 1, sums.texts, sums.facts);
      sums.texts.push(...base.texts.slice(oldEnd));
      sums.facts.push(...base.facts.slice(oldEnd));
    } else this.#addBlocks(sums, content, 1, sums.texts, sums.facts);
    this.#last = sums;
    return sums;
  }
}

const warningCache = new WeakMap<DocJSON, { language: Language; warnings: LintWarning[] }>();

/** The warnings already computed for this doc, or null (see WarningCounts for the lazy path). */
export function cachedWarnings(doc: DocJSON, language: Language): LintWarning[] | null {
  const cached = warningCache.get(doc);
  return cached && cached.language === language ? cached.warnings : null;
}

/** The lint warnings of a story's text (the same ones the editor shows). */
export function storyWarnings(doc: DocJSON, language: Language): LintWarning[] {
  const cached = warningCache.get(doc);
  if (cached && cached.language === language) return cached.warnings;
  let warnings: LintWarning[] = [];
  try {
    warnings = lintDoc(storySchema.nodeFromJSON(doc), language);
  } catch {
    warnings = [];
  }
  warningCache.set(doc, { language, warnings });
  return warnings;
}

/** A slug from a headline: its first characters, no spaces, as a desk names a story. */
export function slugFrom(headline: string, max = 12): string {
  return [...headline.replace(/\s+/g, '')].slice(0, max).join('');
}
