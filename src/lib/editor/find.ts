// Find and replace: in one story through prosemirror-search's plugin and
// commands, across the edition by running the same SearchQuery over each
// story's doc, so both scopes match exactly the same text.
import { EditorState } from 'prosemirror-state';
import { replaceAll, search, SearchQuery } from 'prosemirror-search';
import type { Node as PMNode } from 'prosemirror-model';
import { storySchema } from '../model/schema';
import type { DocJSON } from '../model/edition';

export { findNext, findPrev, replaceNext, replaceCurrent, replaceAll, search, getSearchState, setSearchState, SearchQuery } from 'prosemirror-search';

export interface FindOptions {
  search: string;
  replace: string;
  caseSensitive: boolean;
  wholeWord: boolean;
  regexp: boolean;
  /**
   * Match full-width and half-width forms as one (，and , （ and ( Ａ and A, “ and ").
   * Done by turning each such character of a plain search into a character class
   * of its variants, so the query becomes a regular expression; in regexp mode
   * the pattern is taken as written.
   */
  foldWidth: boolean;
}

export const EMPTY_FIND: FindOptions = { search: '', replace: '', caseSensitive: false, wholeWord: false, regexp: false, foldWidth: false };

/** Variants that are one character to a copy editor, beyond the FF01–FF5E block. */
const EXTRA_VARIANTS: Record<string, string> = { ' ': ' \u3000', '"': '"“”', "'": "'‘’", '“': '"“”', '”': '"“”', '‘': "'‘’", '’': "'‘’", '\u3000': ' \u3000' };

/** All forms of `c` that the width-folding option matches, `c` first. */
export function widthVariants(c: string): string {
  if (EXTRA_VARIANTS[c]) return EXTRA_VARIANTS[c];
  const code = c.charCodeAt(0);
  // U+FF01–FF5E are the full-width forms of ASCII U+0021–007E, in the same order.
  if (code >= 0x21 && code <= 0x7e) return c + String.fromCharCode(code + 0xfee0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0) + c;
  return c;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** The search as a regular expression source that matches every width variant. */
export function foldedPattern(text: string): string {
  let out = '';
  for (const c of text) {
    const variants = widthVariants(c);
    out += variants.length > 1 ? `[${[...variants].map(escapeRegExp).join('')}]` : escapeRegExp(c);
  }
  return out;
}

export type FindQuery = { query: SearchQuery; error: null } | { query: null; error: { code: 'find.badPattern'; params: { detail: string } } | null };

/** The SearchQuery for the options, or why there is none (an empty search is no error). */
export function findQuery(options: FindOptions): FindQuery {
  if (!options.search) return { query: null, error: null };
  if (options.regexp) {
    try {
      new RegExp(options.search, 'gu');
    } catch (e) {
      return { query: null, error: { code: 'find.badPattern', params: { detail: e instanceof Error ? e.message : String(e) } } };
    }
  }
  const fold = options.foldWidth && !options.regexp;
  const query = new SearchQuery({
    search: fold ? foldedPattern(options.search) : options.search,
    // A folded plain search is a regexp underneath: its replacement must stay literal.
    replace: fold ? options.replace.replace(/\$/g, '$$$$') : options.replace,
    caseSensitive: options.caseSensitive,
    wholeWord: options.wholeWord,
    regexp: options.regexp || fold,
    literal: !options.regexp && !fold,
  });
  return { query, error: null };
}

export interface EditionMatch {
  storyId: string;
  from: number;
  to: number;
  before: string;
  match: string;
  after: string;
}

const CONTEXT = 16;

function matchesIn(state: EditorState, query: SearchQuery): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  const end = state.doc.content.size;
  for (let pos = 0; pos <= end; ) {
    const next = query.findNext(state, pos, end);
    if (!next) break;
    if (next.to > next.from) out.push({ from: next.from, to: next.to });
    pos = Math.max(next.to, pos + 1);
  }
  return out;
}

/** Parsed story docs by their JSON object (a story's doc is replaced, never mutated); owned by the caller. */
export type DocCache = WeakMap<DocJSON, PMNode>;

function nodeOf(doc: DocJSON, cache?: DocCache): PMNode {
  let node = cache?.get(doc);
  if (!node) {
    node = storySchema.nodeFromJSON(doc);
    cache?.set(doc, node);
  }
  return node;
}

/** Every match in every story, in edition order, with a little text either side. */
export function findInEdition(stories: readonly { id: string; doc: DocJSON }[], options: FindOptions, cache?: DocCache): EditionMatch[] {
  const { query } = findQuery(options);
  if (!query) return [];
  const out: EditionMatch[] = [];
  for (const story of stories) {
    const state = EditorState.create({ doc: nodeOf(story.doc, cache) });
    for (const m of matchesIn(state, query)) {
      const $from = state.doc.resolve(m.from);
      const start = $from.start();
      const end = $from.end();
      out.push({
        storyId: story.id,
        from: m.from,
        to: m.to,
        before: state.doc.textBetween(Math.max(start, m.from - CONTEXT), m.from),
        match: state.doc.textBetween(m.from, m.to),
        after: state.doc.textBetween(m.to, Math.min(end, m.to + CONTEXT)),
      });
    }
  }
  return out;
}

/** The number of matches in a doc. */
export function countMatches(doc: PMNode, options: FindOptions): number {
  const { query } = findQuery(options);
  return query ? matchesIn(EditorState.create({ doc }), query).length : 0;
}

/**
 * Replace every match in one story's doc, in one transaction (one undo step if
 * the doc is open in an editor). Null when nothing matched.
 */
export function replaceAllInDoc(doc: DocJSON, options: FindOptions): { doc: DocJSON; count: number } | null {
  const { query } = findQuery(options);
  if (!query) return null;
  const state = EditorState.create({ doc: storySchema.nodeFromJSON(doc), plugins: [search({ initialQuery: query })] });
  const count = matchesIn(state, query).length;
  if (!count) return null;
  let next: EditorState = state;
  replaceAll(state, (tr) => (next = state.apply(tr)));
  return { doc: next.doc.toJSON() as DocJSON, count };
}
