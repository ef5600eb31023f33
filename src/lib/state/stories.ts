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

/** The headline as the list shows it: headline lines joined, else the slug. */
export function headlineOf(story: Story): string {
  const lines = blocksOfRole(story.doc, 'headline').filter((l) => l.trim());
  return lines.length ? lines.join(' ') : story.slug;
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'grapheme' }) : null;
const countCache = new WeakMap<DocJSON, number>();

/** Characters as an editor counts them (字数): user-perceived characters, whitespace excluded. */
export function characterCount(doc: DocJSON): number {
  const cached = countCache.get(doc);
  if (cached !== undefined) return cached;
  const out: string[] = [];
  textOf(doc, out);
  const text = out.join('').replace(/\s+/g, '');
  const n = segmenter ? [...segmenter.segment(text)].length : [...text].length;
  countCache.set(doc, n);
  return n;
}

const warningCache = new WeakMap<DocJSON, { language: Language; warnings: LintWarning[] }>();

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
