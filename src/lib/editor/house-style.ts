// The house-style list checked as you type: a plugin holding the list and its
// hits over the story (decorations like the lint's), and commands that apply a
// hit's preferred form — from the warnings panel or with one key at the cursor.
import { Plugin, PluginKey, type Command, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { checkHouseStyle, type HouseStyleEntry, type HouseStyleHit } from '../lint/house-style';

export interface HouseStyleState {
  entries: readonly HouseStyleEntry[];
  /** Hits in doc positions. */
  hits: HouseStyleHit[];
  decorations: DecorationSet;
}

export const houseStyleKey = new PluginKey<HouseStyleState>('galley-house-style');

export const HOUSE_STYLE_FIX_KEY = 'Mod-.';

function run(doc: PMNode, entries: readonly HouseStyleEntry[]): HouseStyleState {
  const hits: HouseStyleHit[] = [];
  if (entries.length) {
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      const text = node.textBetween(0, node.content.size, undefined, '\n');
      for (const h of checkHouseStyle(text, entries)) hits.push({ ...h, from: h.from + pos + 1, to: h.to + pos + 1 });
      return false;
    });
  }
  const decorations = DecorationSet.create(
    doc,
    hits.map((h) => Decoration.inline(h.from, h.to, { class: 'lint lint-house-style', 'data-preferred': h.params.preferred })),
  );
  return { entries, hits, decorations };
}

export function houseStylePlugin(entries: readonly HouseStyleEntry[] = []): Plugin<HouseStyleState> {
  return new Plugin<HouseStyleState>({
    key: houseStyleKey,
    state: {
      init: (_config, state) => run(state.doc, entries),
      apply(tr, old) {
        const next = tr.getMeta(houseStyleKey) as readonly HouseStyleEntry[] | undefined;
        if (next) return run(tr.doc, next);
        return tr.docChanged ? run(tr.doc, old.entries) : old;
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

export function houseStyleHits(state: EditorState): HouseStyleHit[] {
  return houseStyleKey.getState(state)?.hits ?? [];
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
