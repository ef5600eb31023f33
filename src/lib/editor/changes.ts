// Changes against the original: prosemirror-changeset tracks what the story's
// doc changed since the text it was imported with; the plugin shows insertions
// and deletions as decorations (only while shown) and commands revert or accept them.
import { Plugin, PluginKey, type Command, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { StepMap } from 'prosemirror-transform';
import { closeHistory } from 'prosemirror-history';
import { ChangeSet, simplifyChanges, type Change } from 'prosemirror-changeset';
import { storySchema } from '../model/schema';
import type { DocJSON } from '../model/edition';
import { isHan } from '../model/unicode';

export interface ChangesState {
  original: PMNode;
  readonly changeset: ChangeSet;
  /** Simplified for reading: word-level replacements rather than scattered characters. */
  readonly changes: readonly Change[];
  shown: boolean;
  decorations: DecorationSet;
}

export const changesKey = new PluginKey<ChangesState>('galley-changes');

type ChangesMeta = { show: boolean } | { original: PMNode };

/** A stretch that differs: `fromA..toA` in the original, `fromB..toB` in the doc. */
interface Stretch {
  fromA: number;
  toA: number;
  fromB: number;
  toB: number;
}

/**
 * The stretches of blocks that differ, by a longest common run of equal blocks. Chunks of at
 * most a few hundred blocks, so the plain table is cheap; past that, the blocks between the
 * first and last difference are one stretch.
 */
function differingBlocks(a: PMNode, b: PMNode): Stretch[] {
  const n = a.childCount;
  const m = b.childCount;
  const startsA = [0];
  const startsB = [0];
  for (let i = 0; i < n; i++) startsA.push(startsA[i] + a.child(i).nodeSize);
  for (let j = 0; j < m; j++) startsB.push(startsB[j] + b.child(j).nodeSize);
  let lo = 0;
  while (lo < n && lo < m && a.child(lo).eq(b.child(lo))) lo++;
  let hiA = n;
  let hiB = m;
  while (hiA > lo && hiB > lo && a.child(hiA - 1).eq(b.child(hiB - 1))) hiA--, hiB--;
  const stretch = (i: number, i2: number, j: number, j2: number): Stretch => ({ fromA: startsA[i], toA: startsA[i2], fromB: startsB[j], toB: startsB[j2] });
  if (lo === hiA && lo === hiB) return [];
  const rows = hiA - lo;
  const cols = hiB - lo;
  if (rows === 0 || cols === 0 || rows * cols > 250_000) return [stretch(lo, hiA, lo, hiB)];
  // common[i][j]: the longest run of equal blocks in a[lo+i..hiA) and b[lo+j..hiB).
  const common = new Uint16Array((rows + 1) * (cols + 1));
  const at = (i: number, j: number) => i * (cols + 1) + j;
  for (let i = rows - 1; i >= 0; i--)
    for (let j = cols - 1; j >= 0; j--)
      common[at(i, j)] = a.child(lo + i).eq(b.child(lo + j)) ? common[at(i + 1, j + 1)] + 1 : Math.max(common[at(i + 1, j)], common[at(i, j + 1)]);
  const out: Stretch[] = [];
  let i = 0;
  let j = 0;
  let openI = -1;
  let openJ = -1;
  while (i < rows || j < cols) {
    if (i < rows && j < cols && a.child(lo + i).eq(b.child(lo + j))) {
      if (openI >= 0) out.push(stretch(lo + openI, lo + i, lo + openJ, lo + j)), (openI = -1);
      i++, j++;
      continue;
    }
    if (openI < 0) (openI = i), (openJ = j);
    if (j >= cols || (i < rows && common[at(i + 1, j)] >= common[at(i, j + 1)])) i++;
    else j++;
  }
  if (openI >= 0) out.push(stretch(lo + openI, hiA, lo + openJ, hiB));
  return out;
}

/** The set's changes diffed again, each stretch on its own (prosemirror-changeset diffs each change a step touches). */
function diffEach(set: ChangeSet, doc: PMNode, stretches: readonly Stretch[]): ChangeSet {
  if (stretches.length === 0) return set;
  // One map per stretch, last first, so each stretch's original positions hold when it is applied.
  const maps = stretches
    .slice()
    .reverse()
    .map((c) => new StepMap([c.fromA, c.toA - c.fromA, c.toB - c.fromB]));
  return set.addSteps(doc, maps, null);
}

/**
 * The changes from `original` to `doc`, as a function of the two texts alone: the story list
 * (which has only the stored docs) and the editor (which sees every step) must count one story's
 * changes alike. Built from steps, prosemirror-changeset diffs each edit in its own small range;
 * one diff of the whole document instead joins edits less than 15 characters apart (its minimum
 * unchanged run grows with the range diffed: ten replacements read as five) and gives up past
 * 2,500 characters between the first and last edit (a whole story as one change). So the blocks
 * are matched first, each stretch of differing blocks is diffed, and each change found is
 * diffed once more on its own, at its own size — near the step-by-step answer, and the same
 * however the edits were made.
 */
export function changesetBetween(original: PMNode, doc: PMNode): ChangeSet {
  const empty = ChangeSet.create(original);
  if (original.eq(doc)) return empty;
  const blocks = diffEach(empty, doc, differingBlocks(original, doc));
  return diffEach(empty, doc, blocks.changes);
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

function build(original: PMNode, doc: PMNode, shown: boolean): ChangesState {
  // Diffed and simplified when first read, not per key: while the marks are hidden only the
  // changes panel reads them, once typing pauses. Always from the two texts, never the steps
  // that led here, so the panel and the story list count alike (see changesetBetween).
  let changeset: ChangeSet | null = null;
  let changes: readonly Change[] | null = null;
  const state: ChangesState = {
    original,
    get changeset() {
      return (changeset ??= changesetBetween(original, doc));
    },
    get changes() {
      return (changes ??= readableChanges(this.changeset.changes, doc));
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
      init: (_config, state) => build(original ?? state.doc, state.doc, false),
      apply(tr, old, _oldState, newState) {
        const meta = tr.getMeta(changesKey) as ChangesMeta | undefined;
        if (meta && 'original' in meta) return build(meta.original, newState.doc, old.shown);
        const shown = meta && 'show' in meta ? meta.show : old.shown;
        if (!tr.docChanged && shown === old.shown) return old;
        return build(old.original, newState.doc, shown);
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
