// Copy-desk checks, pure and shared by the importer (plain text) and the
// editor (a ProseMirror doc, after the lint example at prosemirror.net).
// Nothing here changes text: each warning may carry a fix a person applies.
import type { Node } from 'prosemirror-model';
import type { MessageOf } from '../model/message';
import { rulesFor } from './rules';
import { storyEndWarnings } from './story';

export type LintKind = 'truncated' | 'repeated-phrase' | 'halfwidth-punctuation' | 'unbalanced' | 'jump-without-page';
export type LintLanguage = 'zh' | 'en';

/** Every message a warning can carry, by catalog code, with the values its text needs. */
export interface LintMessages {
  'lint.truncated': { tail: string };
  /** A repeated item of a 、 list (Chinese). */
  'lint.repeated-phrase': { text: string };
  /** A doubled word (English). */
  'lint.repeated-word': { text: string };
  'lint.halfwidth-punctuation': { full: string; half: string };
  'lint.unbalanced.open': { mark: string; pair: string };
  'lint.unbalanced.close': { mark: string; pair: string };
  'lint.jump-without-page.to': Record<never, never>;
  'lint.jump-without-page.from': Record<never, never>;
}

/** The labels of fixes. */
export interface LintFixLabels {
  'fix.full-width': { full: string };
}

export type LintMessage = MessageOf<LintMessages>;
export type LintFixLabel = MessageOf<LintFixLabels>;

export interface LintFix {
  from: number;
  to: number;
  insert: string;
  label: LintFixLabel;
}

export interface LintWarning {
  kind: LintKind;
  from: number;
  to: number;
  text?: string;
  message: LintMessage;
  fix?: LintFix;
}

/** Warnings inside one run of text; positions are offsets into `text`. */
export function lintText(text: string, language: LintLanguage): LintWarning[] {
  const out: LintWarning[] = [];
  for (const rule of rulesFor(language)) rule(text, out);
  return out;
}

/**
 * Warnings inside one textblock, in doc positions (`pos` is the block's own position).
 * Every text rule reads one block only, so an edit re-checks just the blocks it touched
 * (the editor's incremental lint, src/lib/editor/lint.ts).
 */
export function lintBlock(node: Node, pos: number, language: LintLanguage, out: LintWarning[]): void {
  // Leaf nodes (hard breaks) read as one character, so offsets map 1:1 to positions.
  const text = node.textBetween(0, node.content.size, undefined, '\n');
  const base = pos + 1;
  for (const w of lintText(text, language)) {
    out.push({
      ...w,
      from: w.from + base,
      to: w.to + base,
      fix: w.fix && { ...w.fix, from: w.fix.from + base, to: w.fix.to + base },
    });
  }
}

/**
 * The checks on the story as a whole (does it end, do its jumps name a page): they read
 * the top-level blocks and the last paragraph's text, never the rest of the text.
 */
export function lintStoryEnd(doc: Node): LintWarning[] {
  let lastParagraph: { text: string; from: number; to: number } | null = null;
  const jumps: { direction: string; page: number | null; from: number; to: number }[] = [];
  let lastParagraphNode: Node | null = null;
  let lastParagraphAt = 0;
  doc.forEach((node, offset) => {
    if (node.type.name === 'paragraph') {
      lastParagraphNode = node;
      lastParagraphAt = offset;
    }
    if (node.type.name === 'jump_line') jumps.push({ direction: node.attrs.direction, page: node.attrs.page, from: offset, to: offset + node.nodeSize });
  });
  const last = lastParagraphNode as Node | null;
  if (last) lastParagraph = { text: last.textContent, from: lastParagraphAt + 1, to: lastParagraphAt + 1 + last.content.size };
  return storyEndWarnings(lastParagraph, jumps);
}

/** Warnings over a story doc (the story schema); positions are doc positions. */
export function lintDoc(doc: Node, language: LintLanguage): LintWarning[] {
  const out: LintWarning[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    lintBlock(node, pos, language, out);
    return false;
  });
  out.push(...lintStoryEnd(doc));
  return out;
}

export { storyEndWarnings };
