// Changes against the original: prosemirror-changeset tracks what the story's
// doc changed since the text it was imported with; the plugin shows insertions
// and deletions as decorations (only while shown) and commands revert or accept them.
import { Plugin, PluginKey, type Command, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { Slice, type Node as PMNode } from 'prosemirror-model';
import { ReplaceStep } from 'prosemirror-transform';
import { closeHistory } from 'prosemirror-history';
import { ChangeSet, simplifyChanges, type Change } from 'prosemirror-changeset';
import { storySchema } from '../model/schema';
import type { DocJSON } from '../model/edition';
import { isHan } from '../model/unicode';

export interface ChangesState {
  original: PMNode;
  changeset: ChangeSet;
  /** Simplified for reading: word-level replacements rather than scattered characters. */
  changes: readonly Change[];
  shown: boolean;
  decorations: DecorationSet;
}

export const changesKey = new PluginKey<ChangesState>('galley-changes');

type ChangesMeta = { show: boolean } | { original: PMNode };

/** A changeset from `original` to `doc`: one whole-document step, which the changeset diffs down to the real edits. */
export function changesetBetween(original: PMNode, doc: PMNode): ChangeSet {
  const set = ChangeSet.create(original);
  if (original.eq(doc)) return set;
  const step = new ReplaceStep(0, original.content.size, new Slice(doc.content, 0, 0));
  return set.addSteps(doc, [step.getMap()], null);
}

/**
 * The changes as a reader checks them. prosemirror-changeset's simplifyChanges widens an edit
 * inside a word to the whole word, and takes a run of Han characters for one word — so
 * 俄罗斯→俄国 showed as the whole clause struck and set again. Chinese has no spaces: each Han
 * character counts as a word here, and a widened change that only took in Han characters goes
 * back to the exact edits it joined. Latin text keeps its whole-word changes.
 */
export function readableChanges(raw: readonly Change[], doc: PMNode): Change[] {
  const out: Change[] = [];
  let r = 0;
  for (const c of simplifyChanges(raw, doc)) {
    // Both lists run in document order; a simplified change covers whole raw changes.
    while (r < raw.length && raw[r].fromB < c.fromB) r++;
    const inside: Change[] = [];
    while (r < raw.length && raw[r].toB <= c.toB) inside.push(raw[r++]);
    if (inside.length === 1 && inside[0] === c) {
      out.push(c);
      continue;
    }
    // What the widening took in: the new text between and around the raw edits.
    let added = '';
    let at = c.fromB;
    for (const e of inside) {
      added += doc.textBetween(at, Math.max(at, e.fromB), ' ', ' ');
      at = Math.max(at, e.toB);
    }
    added += doc.textBetween(at, Math.max(at, c.toB), ' ', ' ');
    const onlyHan = inside.length > 0 && [...added].every((ch) => isHan(ch.codePointAt(0)!));
    out.push(...(onlyHan ? inside : [c]));
  }
  return out;
}

/** How many changes a doc has against its original (the story list's count). */
export function changeCount(original: DocJSON, doc: DocJSON): number {
  if (original === doc) return 0;
  const a = storySchema.nodeFromJSON(original);
  const b = storySchema.nodeFromJSON(doc);
  return readableChanges(changesetBetween(a, b).changes, b).length;
}

function deletedText(original: PMNode, change: Change): string {
  return original.textBetween(change.fromA, change.toA, '¶', '␣');
}

function decorate(doc: PMNode, original: PMNode, changes: readonly Change[]): DecorationSet {
  const out: Decoration[] = [];
  changes.forEach((c, index) => {
    if (c.toB > c.fromB) out.push(Decoration.inline(c.fromB, c.toB, { class: 'change-inserted', 'data-change': String(index) }));
    if (c.toA > c.fromA) {
      const text = deletedText(original, c);
      out.push(
        Decoration.widget(
          c.fromB,
          () => {
            const del = document.createElement('del');
            del.className = 'change-deleted';
            del.dataset.change = String(index);
            del.textContent = text;
            return del;
          },
          { side: -1, key: `del-${index}-${c.fromA}-${text}`, marks: [] },
        ),
      );
    }
  });
  return DecorationSet.create(doc, out);
}

function build(original: PMNode, changeset: ChangeSet, doc: PMNode, shown: boolean): ChangesState {
  // Simplified when first read, not per key: simplifying reads the text of every change (a
  // pasted-in page is one 20,000-character change), and while the marks are hidden only the
  // changes panel reads them, once typing pauses.
  let changes: readonly Change[] | null = null;
  const state: ChangesState = {
    original,
    changeset,
    get changes() {
      return (changes ??= readableChanges(changeset.changes, doc));
    },
    shown,
    decorations: DecorationSet.empty,
  };
  if (shown) state.decorations = decorate(doc, original, state.changes);
  return state;
}

export function changesPlugin(original: PMNode | null): Plugin<ChangesState> {
  return new Plugin<ChangesState>({
    key: changesKey,
    state: {
      init: (_config, state) => {
        const start = original ?? state.doc;
        return build(start, changesetBetween(start, state.doc), state.doc, false);
      },
      apply(tr, old, _oldState, newState) {
        const meta = tr.getMeta(changesKey) as ChangesMeta | undefined;
        if (meta && 'original' in meta) return build(meta.original, changesetBetween(meta.original, newState.doc), newState.doc, old.shown);
        const shown = meta && 'show' in meta ? meta.show : old.shown;
        if (!tr.docChanged && shown === old.shown) return old;
        const changeset = tr.docChanged ? old.changeset.addSteps(newState.doc, tr.mapping.maps, null) : old.changeset;
        return build(old.original, changeset, newState.doc, shown);
      },
    },
    props: {
      decorations: (state) => changesKey.getState(state)?.decorations,
    },
  });
}

export function changesState(state: EditorState): ChangesState | undefined {
  return changesKey.getState(state);
}

export function showChanges(show: boolean): Command {
  return (state, dispatch) => {
    if (!changesKey.getState(state)) return false;
    if (dispatch) dispatch(state.tr.setMeta(changesKey, { show }));
    return true;
  };
}

/** Put one change back as the original had it. */
export function revertChange(index: number): Command {
  return (state, dispatch) => {
    const cs = changesKey.getState(state);
    const change = cs?.changes[index];
    if (!cs || !change) return false;
    // Each revert is its own undo step, never merged with typing or another revert.
    if (dispatch) dispatch(closeHistory(state.tr.replace(change.fromB, change.toB, cs.original.slice(change.fromA, change.toA))).scrollIntoView());
    return true;
  };
}

/** The story back to its original, as one undoable step. */
export const revertAllChanges: Command = (state, dispatch) => {
  const cs = changesKey.getState(state);
  if (!cs || !cs.changes.length) return false;
  if (dispatch) dispatch(closeHistory(state.tr.replaceWith(0, state.doc.content.size, cs.original.content)));
  return true;
};

/** Accept everything: the current text becomes the story's new original. */
export const acceptAllChanges: Command = (state, dispatch) => {
  const cs = changesKey.getState(state);
  if (!cs || !cs.changes.length) return false;
  if (dispatch) dispatch(state.tr.setMeta(changesKey, { original: state.doc }).setMeta('addToHistory', false));
  return true;
};
