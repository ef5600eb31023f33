// Shortcuts of the story editor. Block roles sit on Mod-Alt-digit (as headings
// do in word processors); marks on the usual Mod-B / Mod-I plus Shift variants.
import { baseKeymap, chainCommands, exitCode } from 'prosemirror-commands';
import { redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { Command, Plugin } from 'prosemirror-state';
import { storySchema } from '../model/schema';
import { insertJumpLine, setBlockRole, toggleInlineMark, type TextRole } from './commands';

/** Which digit (with Mod-Alt) sets which role; shown in the toolbar's titles. */
export const ROLE_SHORTCUTS: Record<TextRole, string> = {
  paragraph: 'Mod-Alt-0',
  headline: 'Mod-Alt-1',
  kicker: 'Mod-Alt-2',
  subtitle: 'Mod-Alt-3',
  subhead: 'Mod-Alt-4',
  byline: 'Mod-Alt-5',
  caption: 'Mod-Alt-6',
  credit: 'Mod-Alt-7',
};

export const MARK_SHORTCUTS = {
  strong: 'Mod-b',
  em: 'Mod-i',
  dateline: 'Mod-Shift-d',
  byline_mark: 'Mod-Shift-b',
} as const;

export const JUMP_LINE_SHORTCUT = 'Mod-Shift-j';

const insertHardBreak: Command = chainCommands(exitCode, (state, dispatch) => {
  if (dispatch) dispatch(state.tr.replaceSelectionWith(storySchema.nodes.hard_break.create()).scrollIntoView());
  return true;
});

/** Undo and redo of the story: prosemirror-history's, or y-prosemirror's when the editor is bound to the edition document. */
export interface StoryUndo {
  undo: Command;
  redo: Command;
}

export function storyKeymap(history: StoryUndo = { undo, redo }): Plugin {
  const bindings: Record<string, Command> = {
    'Mod-z': history.undo,
    'Shift-Mod-z': history.redo,
    'Mod-y': history.redo,
    'Shift-Enter': insertHardBreak,
    [JUMP_LINE_SHORTCUT]: insertJumpLine('continuedTo', null),
  };
  for (const [role, key] of Object.entries(ROLE_SHORTCUTS)) bindings[key] = setBlockRole(role as TextRole);
  for (const [mark, key] of Object.entries(MARK_SHORTCUTS)) bindings[key] = toggleInlineMark(mark as keyof typeof MARK_SHORTCUTS);
  return keymap(bindings);
}

export function baseStoryKeymap(): Plugin {
  return keymap(baseKeymap);
}

/** A shortcut as the desk reads it on this platform: Ctrl+Alt+1 or ⌘⌥1. */
export function describeShortcut(key: string, mac = false): string {
  return key
    .split('-')
    .map((part) => {
      if (part === 'Mod') return mac ? '⌘' : 'Ctrl';
      if (part === 'Alt') return mac ? '⌥' : 'Alt';
      if (part === 'Shift') return mac ? '⇧' : 'Shift';
      return part.toUpperCase();
    })
    .join(mac ? '' : '+');
}
