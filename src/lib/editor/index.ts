// The story editor's state: the story schema plus undo, keymaps and lint.
// Pure ProseMirror state — the Svelte component only owns the EditorView.
// Bound to the edition document, the text lives in the story's Y.XmlFragment:
// y-prosemirror's ySyncPlugin writes every edit there (and shows other tabs'
// and desks' edits), and its yUndoPlugin keeps undo per story and never undoes
// anyone else's edits. With a newsroom link, yCursorPlugin draws the other
// desks' carets and selections in the story (from the link's awareness).
import { EditorState, type Command } from 'prosemirror-state';
import { history, undo as historyUndo, redo as historyRedo, undoDepth, redoDepth } from 'prosemirror-history';
import { yUndoPlugin, yUndoPluginKey, yCursorPlugin, undoCommand, redoCommand } from 'y-prosemirror';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { dropCursor } from 'prosemirror-dropcursor';
import { gapCursor } from 'prosemirror-gapcursor';
import { storySchema } from '../model/schema';
import type { DocJSON, Language } from '../model/edition';
import { baseStoryKeymap, storyKeymap } from './keymap';
import { lintPlugin, type BlockLinted, type LintFunction } from './lint';
import { search } from 'prosemirror-search';
import { changesPlugin } from './changes';
import { jumpPagesPlugin, type LayoutJumps } from './jump-line';
import { pastePlugin } from './paste';
import { houseStylePlugin, applyHouseStyleAtCursor, HOUSE_STYLE_FIX_KEY } from './house-style';
import type { HouseStyleEntry } from '../lint/house-style';
import { keymap } from 'prosemirror-keymap';
import { commentMarkersPlugin, type CommentMarker } from './comment-markers';
import { storySync } from './story-sync';
import { typedTextPlugin } from './typed-text';
import { caretBlockPlugin } from './caret-block';
import { seenSelectionPlugin } from './seen-selection';

export * from './commands';
export { storyKeymap, baseStoryKeymap, ROLE_SHORTCUTS, MARK_SHORTCUTS, JUMP_LINE_SHORTCUT, describeShortcut } from './keymap';
export { caretInSight } from './caret-in-sight';
export { lintPlugin, lintKey, lintWarnings, lintedWarnings, placeWarning } from './lint';
export type { LintState, LintFunction, BlockLinted } from './lint';
export { changesPlugin, changesState, changeCount, showChanges, revertChange, revertAllChanges, acceptAllChanges } from './changes';
export type { ChangesState } from './changes';

export interface StoryStateOptions {
  /** The doc "show changes" compares against (the story as imported); the doc itself when absent. */
  original?: DocJSON | null;
  /** The pages layout computed for the story's jumps, if it is placed. */
  layoutJumps?: LayoutJumps;
  /** The edition's house-style list. */
  houseStyle?: readonly HouseStyleEntry[];
  /** The story's text in the edition document: bind to it (ySync + per-story yUndo) instead of a local history. */
  fragment?: Y.XmlFragment;
  /** Review comments on the story's text, as margin markers. */
  comments?: readonly CommentMarker[];
  /** The newsroom link's awareness (its `user` is {name, color}): other desks' carets in this story. Needs `fragment`. */
  awareness?: Awareness | null;
  /** Told each block the lint re-checks after an edit, with its warning count (the story list's counts). */
  onBlockLinted?: BlockLinted;
}

function boundToDocument(state: EditorState): boolean {
  return !!yUndoPluginKey.getState(state);
}

/** Undo in the story: the document's per-story undo when bound to it, else the local history. */
export const undoStory: Command = (state, dispatch) => (boundToDocument(state) ? !!undoCommand(state, dispatch) : historyUndo(state, dispatch));
export const redoStory: Command = (state, dispatch) => (boundToDocument(state) ? !!redoCommand(state, dispatch) : historyRedo(state, dispatch));
export const canUndoStory = (state: EditorState): boolean => (boundToDocument(state) ? !!undoCommand(state) : undoDepth(state) > 0);
export const canRedoStory = (state: EditorState): boolean => (boundToDocument(state) ? !!redoCommand(state) : redoDepth(state) > 0);

/**
 * Another desk's caret. Unlike y-prosemirror's default, the name is drawn by
 * CSS (`attr(data-name)`), not as text nodes: a widget's text would read as part
 * of the story to copy, find, innerText and screen readers.
 */
function remoteCaret(user: { name?: unknown; color?: unknown }): HTMLElement {
  const caret = document.createElement('span');
  caret.className = 'remote-caret';
  caret.setAttribute('aria-hidden', 'true');
  caret.dataset.name = typeof user.name === 'string' ? user.name : '';
  caret.style.setProperty('--caret', typeof user.color === 'string' ? user.color : '#888');
  return caret;
}

export function createStoryState(doc: DocJSON, language: Language, lint?: LintFunction, options: StoryStateOptions = {}): EditorState {
  return EditorState.create({
    doc: storySchema.nodeFromJSON(doc),
    plugins: [
      seenSelectionPlugin(),
      typedTextPlugin(),
      storyKeymap({ undo: undoStory, redo: redoStory }),
      baseStoryKeymap(),
      ...(options.fragment ? [storySync(options.fragment), yUndoPlugin()] : [history()]),
      ...(options.fragment && options.awareness ? [yCursorPlugin(options.awareness, { cursorBuilder: remoteCaret })] : []),
      dropCursor(),
      gapCursor(),
      lintPlugin(language, lint, options.onBlockLinted),
      search(),
      changesPlugin(options.original ? storySchema.nodeFromJSON(options.original) : null),
      jumpPagesPlugin(options.layoutJumps),
      pastePlugin(language),
      houseStylePlugin(options.houseStyle ?? []),
      keymap({ [HOUSE_STYLE_FIX_KEY]: applyHouseStyleAtCursor }),
      commentMarkersPlugin(options.comments),
      caretBlockPlugin(),
    ],
  });
}
export { jumpPagesPlugin, jumpPagesKey, setLayoutJumps, setJumpLine, layoutPageOf, jumpLineNodeView, JumpLineView } from './jump-line';
export type { LayoutJumps, JumpLineWords } from './jump-line';
export { pastePlugin, clipboardParser, cleanPastedHTML, plainTextSlice, fitPastedSlice } from './paste';
export { houseStylePlugin, houseStyleKey, houseStyleHits, setHouseStyle, applyHouseStyle, applyHouseStyleAtCursor, HOUSE_STYLE_FIX_KEY } from './house-style';
export { STARTER_HOUSE_STYLE, starterHouseStyle, checkHouseStyle, parseHouseStyle, type HouseStyleEntry, type HouseStyleHit } from '../lint/house-style';
export { typedTextPlugin, typedInsertion, insertTypedText, typedByEditor } from './typed-text';
export { seenSelectionPlugin, domTextSelection } from './seen-selection';
export { caretBlockPlugin, caretBlockKey, caretBlockAt, CARET_BLOCK_CLASS } from './caret-block';
export { commentMarkersPlugin, commentMarkersKey, setCommentMarkers, type CommentMarker } from './comment-markers';
