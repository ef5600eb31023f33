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

export * from './commands';
export { storyKeymap, baseStoryKeymap, ROLE_SHORTCUTS, MARK_SHORTCUTS, JUMP_LINE_SHORTCUT, describeShortcut } from './keymap';
export { lintPlugin, lintKey, lintWarnings } from './lint';
export type { LintState, LintFunction } from './lint';

export function createStoryState(doc: DocJSON, language: Language, lint?: LintFunction): EditorState {
  return EditorState.create({
    doc: storySchema.nodeFromJSON(doc),
    plugins: [storyKeymap(), baseStoryKeymap(), history(), dropCursor(), gapCursor(), lintPlugin(language, lint)],
  });
}
