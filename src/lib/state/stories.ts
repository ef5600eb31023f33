// Plain functions over stories, used by the story list and by AppState.
// Results are cached per doc object: docs are replaced, never mutated, so a
// doc that is the same object has the same text.
import { storySchema } from '../model/schema';
import type { DocJSON, Language, Story } from '../model/edition';
import { lintDoc, type LintWarning } from './pipeline';

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

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'grapheme' }) : null;
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
  if (segmenter && CLUSTERING.test(text)) for (const _ of segmenter.segment(text)) n++;
  else for (const _ of text) n++;
  countCache.set(doc, n);
  return n;
}

const wordSegmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('en', { granularity: 'word' }) : null;
const lengthCache = new WeakMap<DocJSON, StoryLength>();
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/g;

export interface StoryLength {
  unit: 'chars' | 'words';
  n: number;
}

/**
 * A story's length as its desk counts it: 字数 for Chinese copy, words for
 * English copy (a Western desk budgets in words). Mostly-Latin text is counted
 * in words through Intl.Segmenter; anything with real Han content in characters.
 */
export function storyLength(doc: DocJSON): StoryLength {
  const cached = lengthCache.get(doc);
  if (cached) return cached;
  const out: string[] = [];
  textOf(doc, out);
  const text = out.join('');
  const han = text.match(HAN)?.length ?? 0;
  const visible = text.replace(/\s+/g, '').length;
  let result: StoryLength;
  if (wordSegmenter && visible > 0 && han / visible < 0.2) {
    let n = 0;
    for (const seg of wordSegmenter.segment(text)) if (seg.isWordLike) n++;
    result = { unit: 'words', n };
  } else result = { unit: 'chars', n: characterCount(doc) };
  lengthCache.set(doc, result);
  return result;
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
