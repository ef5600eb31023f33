// Copy-desk checks, pure and shared by the importer (plain text) and the
// editor (a ProseMirror doc, after the lint example at prosemirror.net).
// Nothing here changes text: each warning may carry a fix a person applies.
import type { Node } from 'prosemirror-model';
import { rulesFor } from './rules';
import { storyEndWarnings } from './story';

export type { LintKind, LintLanguage, LintMessages, LintFixLabels, LintMessage, LintFixLabel, LintFix, LintWarning } from './types';
import type { LintLanguage, LintWarning } from './types';

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
