// The story editor's state: the story schema plus history, keymaps and lint.
// Pure ProseMirror state — the Svelte component only owns the EditorView.
import { EditorState } from 'prosemirror-state';
import { history } from 'prosemirror-history';
import { dropCursor } from 'prosemirror-dropcursor';
import { gapCursor } from 'prosemirror-gapcursor';
import { storySchema } from '../model/schema';
import type { DocJSON, Language } from '../model/edition';
import { baseStoryKeymap, storyKeymap } from './keymap';
import { lintPlugin, type LintFunction } from './lint';
import { search } from 'prosemirror-search';
import { changesPlugin } from './changes';
import { jumpPagesPlugin, type LayoutJumps } from './jump-line';
import { pastePlugin } from './paste';
import { houseStylePlugin, applyHouseStyleAtCursor, HOUSE_STYLE_FIX_KEY } from './house-style';
import type { HouseStyleEntry } from '../lint/house-style';
import { keymap } from 'prosemirror-keymap';
import { commentMarkersPlugin, type CommentMarker } from './comment-markers';

export * from './commands';
export { storyKeymap, baseStoryKeymap, ROLE_SHORTCUTS, MARK_SHORTCUTS, JUMP_LINE_SHORTCUT, describeShortcut } from './keymap';
export { lintPlugin, lintKey, lintWarnings } from './lint';
export type { LintState, LintFunction } from './lint';
export { changesPlugin, changesState, changeCount, showChanges, revertChange, revertAllChanges, acceptAllChanges } from './changes';
export type { ChangesState } from './changes';

export interface StoryStateOptions {
  /** The doc "show changes" compares against (the story as imported); the doc itself when absent. */
  original?: DocJSON | null;
  /** The pages layout computed for the story's jumps, if it is placed. */
  layoutJumps?: LayoutJumps;
  /** The edition's house-style list. */
  houseStyle?: readonly HouseStyleEntry[];
  /** Review comments on the story's text, as margin markers. */
  comments?: readonly CommentMarker[];
}

export function createStoryState(doc: DocJSON, language: Language, lint?: LintFunction, options: StoryStateOptions = {}): EditorState {
  return EditorState.create({
    doc: storySchema.nodeFromJSON(doc),
    plugins: [
      storyKeymap(),
      baseStoryKeymap(),
      history(),
      dropCursor(),
      gapCursor(),
      lintPlugin(language, lint),
      search(),
      changesPlugin(options.original ? storySchema.nodeFromJSON(options.original) : null),
      jumpPagesPlugin(options.layoutJumps),
      pastePlugin(language),
      houseStylePlugin(options.houseStyle ?? []),
      keymap({ [HOUSE_STYLE_FIX_KEY]: applyHouseStyleAtCursor }),
      commentMarkersPlugin(options.comments),
    ],
  });
}
export { jumpPagesPlugin, jumpPagesKey, setLayoutJumps, setJumpLine, layoutPageOf, jumpLineNodeView, JumpLineView } from './jump-line';
export type { LayoutJumps, JumpLineWords } from './jump-line';
export { pastePlugin, clipboardParser, cleanPastedHTML, plainTextSlice, fitPastedSlice } from './paste';
export { houseStylePlugin, houseStyleKey, houseStyleHits, setHouseStyle, applyHouseStyle, applyHouseStyleAtCursor, HOUSE_STYLE_FIX_KEY } from './house-style';
export { STARTER_HOUSE_STYLE, checkHouseStyle, parseHouseStyle, type HouseStyleEntry, type HouseStyleHit } from '../lint/house-style';
export { commentMarkersPlugin, commentMarkersKey, setCommentMarkers, type CommentMarker } from './comment-markers';
