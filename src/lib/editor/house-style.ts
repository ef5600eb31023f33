// The house-style list checked as you type: a plugin holding the list and its
// hits over the story (decorations like the lint's, kept the same incremental
// way: old hits are mapped through each transaction and only the textblocks it
// touched are checked again), and commands that apply a hit's preferred form —
// from the warnings panel or with one key at the cursor.
import { Plugin, PluginKey, type Command, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { checkHouseStyle, type HouseStyleEntry, type HouseStyleHit } from '../lint/house-style';
import { blocksTouching, changedRanges } from '../lint/incremental';
import { swapDecorations } from './decorations';

export interface HouseStyleState {
  entries: readonly HouseStyleEntry[];
  /** One decoration per hit; the hit (positions as found) rides in its spec. */
  decorations: DecorationSet;
}

export const houseStyleKey = new PluginKey<HouseStyleState>('galley-house-style');

export const HOUSE_STYLE_FIX_KEY = 'Mod-.';

/** The hits of one textblock at `pos`, as decorations. */
function checkBlock(node: PMNode, pos: number, entries: readonly HouseStyleEntry[], out: Decoration[]): void {
  const text = node.textBetween(0, node.content.size, undefined, '\n');
  for (const h of checkHouseStyle(text, entries)) {
    const hit: HouseStyleHit = { ...h, from: h.from + pos + 1, to: h.to + pos + 1 };
    out.push(Decoration.inline(hit.from, hit.to, { class: 'lint lint-house-style', 'data-preferred': hit.params.preferred }, { hit }));
  }
}

function run(doc: PMNode, entries: readonly HouseStyleEntry[]): HouseStyleState {
  const decorations: Decoration[] = [];
  if (entries.length) {
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      checkBlock(node, pos, entries, decorations);
      return false;
    });
  }
  return { entries, decorations: DecorationSet.create(doc, decorations) };
}

function incremental(tr: Transaction, old: HouseStyleState): HouseStyleState {
  if (!old.entries.length) return old;
  let set = old.decorations.map(tr.mapping, tr.doc);
  const fresh: Decoration[] = [];
  const stale: Decoration[] = [];
  for (const { node, pos } of blocksTouching(tr.doc, changedRanges(tr.mapping))) {
    stale.push(...set.find(pos, pos + node.nodeSize));
    checkBlock(node, pos, old.entries, fresh);
  }
  return { entries: old.entries, decorations: swapDecorations(set, tr.doc, stale, fresh) };
}

export function houseStylePlugin(entries: readonly HouseStyleEntry[] = []): Plugin<HouseStyleState> {
  return new Plugin<HouseStyleState>({
    key: houseStyleKey,
    state: {
      init: (_config, state) => run(state.doc, entries),
      apply(tr, old) {
        const next = tr.getMeta(houseStyleKey) as readonly HouseStyleEntry[] | undefined;
        if (next) return run(tr.doc, next);
        return tr.docChanged ? incremental(tr, old) : old;
      },
    },
    props: { decorations: (state) => houseStyleKey.getState(state)?.decorations },
  });
}

/** The list changed (edited in the panel): recheck the story against it. */
export function setHouseStyle(entries: readonly HouseStyleEntry[]): Command {
  return (state, dispatch) => {
    if (dispatch) dispatch(state.tr.setMeta(houseStyleKey, entries).setMeta('addToHistory', false));
    return true;
  };
}

// One list per plugin state: the panel asks on every render, the state changes only with the doc.
const hitLists = new WeakMap<HouseStyleState, HouseStyleHit[]>();

/** The story's hits in doc order, at their current positions. */
export function houseStyleHits(state: EditorState): HouseStyleHit[] {
  const style = houseStyleKey.getState(state);
  if (!style) return [];
  let list = hitLists.get(style);
  if (!list) {
    list = style.decorations.find().map((d) => {
      const hit = (d.spec as { hit: HouseStyleHit }).hit;
      return hit.from === d.from && hit.to === d.to ? hit : { ...hit, from: d.from, to: d.to };
    });
    list.sort((a, b) => a.from - b.from);
    hitLists.set(style, list);
  }
  return list;
}

/** Replace one hit by its preferred form, if that text is still there. */
export function applyHouseStyle(hit: HouseStyleHit): Command {
  return (state, dispatch) => {
    if (hit.to > state.doc.content.size || state.doc.textBetween(hit.from, hit.to) !== hit.params.wrong) return false;
    if (dispatch) dispatch(state.tr.insertText(hit.params.preferred, hit.from, hit.to).scrollIntoView());
    return true;
  };
}

/** One key: fix the hit at (or touching) the cursor. */
export const applyHouseStyleAtCursor: Command = (state, dispatch) => {
  const { from, to } = state.selection;
  const hit = houseStyleHits(state).find((h) => h.from <= from && to <= h.to);
  return hit ? applyHouseStyle(hit)(state, dispatch) : false;
};
