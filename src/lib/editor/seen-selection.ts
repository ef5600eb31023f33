// A key acts on the selection the user sees.
//
// Why: browsers report a selection change with an asynchronous `selectionchange` event, and
// ProseMirror reads the DOM selection into its state only then (domobserver.ts
// `onSelectionChange`). Chromium runs input before queued events, so a key pressed right after a
// Shift+Arrow, a click or a double click (a quick typist; a busy laptop) reaches the keymaps while
// the state still holds the selection from before: a comment made on five of the six characters
// selected, bold set on nothing, a fix applied at the old caret. prosemirror-view flushes pending
// DOM changes on keydown (input.ts `editHandlers.keydown` → `forceFlush`), but not a selection
// change it has not been told of, and its DOMObserver is internal; so the first keydown handler
// reads the DOM selection through the view's public `posAtDOM` and, where it differs from a text
// selection in the state, dispatches it before any command runs.
import { Plugin, TextSelection, type Selection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/** The DOM selection as a selection of the doc (TextSelection.between: text where it can be), when it lies in the editor and maps; else null. */
export function domTextSelection(view: EditorView): Selection | null {
  const sel = view.dom.ownerDocument.getSelection();
  if (!sel || !sel.anchorNode || !sel.focusNode) return null;
  if (!view.dom.contains(sel.anchorNode) || !view.dom.contains(sel.focusNode)) return null;
  try {
    const anchor = view.posAtDOM(sel.anchorNode, sel.anchorOffset);
    const head = view.posAtDOM(sel.focusNode, sel.focusOffset);
    const { doc } = view.state;
    if (anchor < 0 || head < 0 || anchor > doc.content.size || head > doc.content.size) return null;
    return TextSelection.between(doc.resolve(anchor), doc.resolve(head));
  } catch {
    // A DOM position ProseMirror cannot map (inside a widget or an uneditable node view): leave it to ProseMirror.
    return null;
  }
}

/** Where a DOM selection's ends are, to tell whether it moved. */
interface DomEnds {
  anchorNode: Node | null;
  anchorOffset: number;
  focusNode: Node | null;
  focusOffset: number;
}

function domEnds(view: EditorView): DomEnds | null {
  const sel = view.dom.ownerDocument.getSelection();
  return sel ? { anchorNode: sel.anchorNode, anchorOffset: sel.anchorOffset, focusNode: sel.focusNode, focusOffset: sel.focusOffset } : null;
}

const sameEnds = (a: DomEnds | null, b: DomEnds | null) =>
  !!a && !!b && a.anchorNode === b.anchorNode && a.anchorOffset === b.anchorOffset && a.focusNode === b.focusNode && a.focusOffset === b.focusOffset;

/**
 * Put first among the plugins: its keydown handler runs before every keymap's. Like
 * ProseMirror's own observer it acts only on a DOM selection that moved since ProseMirror last
 * saw it (drawn by the view's last update, or read on a `selectionchange`), so a selection
 * ProseMirror draws in its own way (a cursor beside a widget, a stored mark's wrapper) is left
 * as it is.
 */
export function seenSelectionPlugin(): Plugin {
  // The DOM selection ProseMirror last saw, per view (one plugin instance may serve a view again after a reconfigure).
  const seen = new WeakMap<EditorView, DomEnds | null>();
  return new Plugin({
    view(view) {
      const record = () => seen.set(view, domEnds(view));
      const doc = view.dom.ownerDocument;
      // Registered after the view's own listener (the view starts observing before its plugin views exist), so it runs after ProseMirror has read the change.
      doc.addEventListener('selectionchange', record);
      record();
      return { update: record, destroy: () => doc.removeEventListener('selectionchange', record) };
    },
    props: {
      handleKeyDown(view, event) {
        // A composition's DOM and selection are the browser's until it ends (as typed-text.ts leaves them).
        if (view.composing || event.isComposing || event.keyCode === 229) return false;
        // Only a text selection can be stale this way; a node selection or gap cursor is drawn by ProseMirror.
        if (!(view.state.selection instanceof TextSelection) || !view.hasFocus()) return false;
        if (sameEnds(domEnds(view), seen.get(view) ?? null)) return false;
        const now = domTextSelection(view);
        if (now && !now.eq(view.state.selection)) view.dispatch(view.state.tr.setSelection(now));
        return false;
      },
    },
  });
}
