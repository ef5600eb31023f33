// Editing commands in ProseMirror's own style: (state, dispatch) => boolean,
// so the same function drives a toolbar button, a shortcut and a test.
import { setBlockType, toggleMark } from 'prosemirror-commands';
import type { MarkType } from 'prosemirror-model';
import type { Command, EditorState } from 'prosemirror-state';
import { storySchema, type JumpDirection } from '../model/schema';
import type { LintFix } from '../lint';

/** Roles a text block can take (the jump line is an atom, not a text role). */
export const TEXT_ROLES = ['kicker', 'headline', 'subtitle', 'byline', 'subhead', 'paragraph', 'caption', 'credit'] as const;
export type TextRole = (typeof TEXT_ROLES)[number];

export const INLINE_MARKS = ['dateline', 'byline_mark', 'em', 'strong'] as const;
export type InlineMark = (typeof INLINE_MARKS)[number];

/** Make every text block in the selection a `role` block, keeping its text and marks. */
export function setBlockRole(role: TextRole): Command {
  return setBlockType(storySchema.nodes[role]);
}

export function toggleInlineMark(mark: InlineMark): Command {
  return toggleMark(storySchema.marks[mark]);
}

/** The role of the text blocks in the selection: one role, 'mixed', or null (no text block). */
export function activeBlockRole(state: EditorState): TextRole | 'mixed' | null {
  const { from, to } = state.selection;
  let role: TextRole | 'mixed' | null = null;
  state.doc.nodesBetween(from, to, (node) => {
    if (!node.isTextblock) return true;
    const name = node.type.name as TextRole;
    role = role === null || role === name ? name : 'mixed';
    return false;
  });
  if (role === null) {
    const parent = state.selection.$from.parent;
    if (parent.isTextblock) role = parent.type.name as TextRole;
  }
  return role;
}

export function isMarkActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection;
  if (empty) return !!type.isInSet(state.storedMarks ?? $from.marks());
  return state.doc.rangeHasMark(from, to, type);
}

/**
 * Insert a jump line (下转第N版 / 上接第N版) after the block holding the cursor.
 * A jump line records where the story continues; it is never typed text.
 */
export function insertJumpLine(direction: JumpDirection = 'continuedTo', page: number | null = null): Command {
  return (state, dispatch) => {
    const { $to, to } = state.selection;
    // After the top-level block the selection ends in (depth 1 is a story block);
    // a selected jump line sits at depth 0, so the new one goes right after it.
    const pos = $to.depth >= 1 ? $to.after(1) : to;
    const node = storySchema.nodes.jump_line.create({ direction, page });
    if (dispatch) dispatch(state.tr.insert(pos, node).scrollIntoView());
    return true;
  };
}

/**
 * Apply a lint warning's suggested replacement, if the text it was computed on
 * is still there (the doc may have changed since the warning was shown).
 */
export function applyLintFix(fix: LintFix, expected?: string): Command {
  return (state, dispatch) => {
    const size = state.doc.content.size;
    if (fix.from < 0 || fix.to > size || fix.from > fix.to) return false;
    if (expected !== undefined && state.doc.textBetween(fix.from, fix.to) !== expected) return false;
    if (dispatch) {
      const tr = fix.insert ? state.tr.insertText(fix.insert, fix.from, fix.to) : state.tr.delete(fix.from, fix.to);
      dispatch(tr.scrollIntoView());
    }
    return true;
  };
}
