// Paste: HTML from a browser or Word keeps its paragraphs and emphasis and
// nothing else; plain text goes through the importer; and a paste never changes
// the role of the block the cursor is in.
import { DOMParser, Fragment, Slice, type Node as PMNode, type NodeType, type ResolvedPos, type TagParseRule, type StyleParseRule } from 'prosemirror-model';
import { Plugin, type EditorState } from 'prosemirror-state';
import { storySchema } from '../model/schema';
import type { DocJSON } from '../model/edition';
import { importText, storiesFromImport } from '../import';

const HEAD_ROLES = new Set(['kicker', 'headline', 'subtitle', 'byline']);

// Rules for foreign HTML, tried after the schema's own (so Galley's data-role
// blocks round-trip). Anything not named here is unwrapped to its text or dropped.
const FOREIGN_RULES: (TagParseRule | StyleParseRule)[] = [
  { tag: 'script', ignore: true },
  { tag: 'style', ignore: true },
  { tag: 'template', ignore: true },
  { tag: 'iframe', ignore: true },
  { tag: 'object', ignore: true },
  { tag: 'noscript', ignore: true },
  { tag: 'h1', node: 'headline' },
  { tag: 'h2', node: 'headline' },
  { tag: 'h3', node: 'subhead' },
  { tag: 'h4', node: 'subhead' },
  { tag: 'h5', node: 'subhead' },
  { tag: 'h6', node: 'subhead' },
  { tag: 'li', node: 'paragraph' },
  { tag: 'blockquote', node: 'paragraph' },
  { tag: 'figcaption', node: 'caption' },
  // Word and Google Docs mark emphasis by style rather than by <b>/<i>.
  { style: 'font-weight', mark: 'strong', getAttrs: (v: string) => (/^(bold|bolder|[6-9]00)$/.test(v.trim()) ? null : false) },
  { style: 'font-style', mark: 'em', getAttrs: (v: string) => (/italic|oblique/.test(v) ? null : false) },
];

/** The story schema's own rules, then the foreign ones: nothing outside the schema can come in. */
export const clipboardParser = new DOMParser(storySchema, [...DOMParser.fromSchema(storySchema).rules, ...FOREIGN_RULES]);

/** Word's conditional comments, XML islands and style sheets go before parsing (they would show up as text). */
export function cleanPastedHTML(html: string): string {
  return html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(style|script|xml|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<\/?o:p\s*>/gi, '');
}

/** Plain text through the importer (its repair rules: joined lines, dehyphenation, punctuation), as blocks. */
export function plainTextSlice(text: string, language: 'zh' | 'en'): Slice {
  const blocks: PMNode[] = [];
  if (text.includes('\n')) {
    try {
      for (const story of storiesFromImport(importText(text, { language }))) {
        const doc = storySchema.nodeFromJSON(story.doc as DocJSON);
        doc.forEach((b) => {
          if (b.type.name !== 'jump_line') blocks.push(b);
        });
      }
    } catch {
      // An importer failure must not lose the paste: fall back to lines below.
      blocks.length = 0;
    }
  }
  if (!blocks.length) {
    for (const line of text.split(/\r?\n/)) if (line.trim()) blocks.push(storySchema.nodes.paragraph.create(null, storySchema.text(line)));
  }
  if (!blocks.length) return Slice.empty;
  return new Slice(Fragment.from(blocks), 1, 1);
}

/**
 * Whole stories keep their roles: the paste starts with a kicker or headline and
 * lands in an empty block or replaces the whole doc. Anything else is mid-story.
 */
function isWholeStories(slice: Slice, state: EditorState): boolean {
  const first = slice.content.firstChild;
  if (!first || !HEAD_ROLES.has(first.type.name)) return false;
  const { $from, from, to } = state.selection;
  return (from === 0 || from === 1) && to >= state.doc.content.size - 1 ? true : $from.parent.isTextblock && $from.parent.content.size === 0;
}

function retype(node: PMNode, type: NodeType): PMNode {
  return node.type === type || !type.validContent(node.content) ? node : type.create(null, node.content, node.marks);
}

/**
 * The pasted blocks' roles apply to pasted blocks only: the open ends of the
 * slice (which merge with the text before and after the cursor) take the role
 * of the block the cursor is in, and a headline group pasted mid-story is body text.
 */
export function fitPastedSlice(slice: Slice, state: EditorState): Slice {
  if (slice.content.childCount === 0 || !slice.content.firstChild!.isBlock) return slice;
  const $from: ResolvedPos = state.selection.$from;
  const here = $from.parent.isTextblock ? $from.parent.type : storySchema.nodes.paragraph;
  const whole = isWholeStories(slice, state);
  const last = slice.content.childCount - 1;
  const blocks: PMNode[] = [];
  slice.content.forEach((node, _offset, i) => {
    let out = node;
    if (!whole && HEAD_ROLES.has(node.type.name)) out = retype(out, storySchema.nodes.paragraph);
    // (Whole stories land in an empty block: there is no text of its own to keep.)
    if (!whole && ((i === 0 && slice.openStart > 0) || (i === last && slice.openEnd > 0)) && out.isTextblock) out = retype(out, here);
    const joinsBefore = i === 0 && slice.openStart > 0 && $from.parentOffset > 0;
    const joinsAfter = i === last && slice.openEnd > 0;
    if (out.isTextblock) {
      out = trimBlock(out, !joinsBefore, !joinsAfter);
      // A blank paragraph of the page (<p>&nbsp;</p>) is no paragraph of the story.
      if (out.content.size === 0 && !joinsBefore && !joinsAfter && slice.content.childCount > 1) return;
    }
    blocks.push(out);
  });
  if (!blocks.length) return Slice.empty;
  return new Slice(Fragment.from(blocks), slice.openStart, slice.openEnd);
}

// Spaces and the ideographic spaces (U+3000) Chinese web pages indent paragraphs with.
const EDGE_SPACE = /[\s\u3000]/;

/**
 * A block's leading and trailing spaces cut off where it starts or ends a paragraph: the
 * indent is the typesetter's, so a web page's "　　" would indent the paragraph twice. Where
 * the block joins the text around the cursor its spaces stay ("and" + " more").
 */
function trimBlock(node: PMNode, start: boolean, end: boolean): PMNode {
  // Leaf inline nodes stand for one position each, as in the block's content.
  const text = node.textBetween(0, node.content.size, undefined, '\ufffc');
  let from = 0;
  let to = text.length;
  if (start) while (from < to && EDGE_SPACE.test(text[from])) from++;
  if (end) while (to > from && EDGE_SPACE.test(text[to - 1])) to--;
  return from === 0 && to === text.length ? node : node.copy(node.content.cut(from, to));
}

export function pastePlugin(language: 'zh' | 'en'): Plugin {
  return new Plugin({
    props: {
      clipboardParser,
      transformPastedHTML: cleanPastedHTML,
      clipboardTextParser: (text) => plainTextSlice(text, language),
      transformPasted: (slice, view) => fitPastedSlice(slice, view.state),
    },
  });
}
