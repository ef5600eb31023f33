// Plain typed text as a ProseMirror transaction, not through the browser's editing.
//
// Why: left to itself, Chromium inserts a typed character with its InsertTextCommand
// (tens of forced style/layout updates and a selection sync inside the `textInput` event,
// ≈ 4.5 ms a key on a 20,000-character story); ProseMirror's DOMObserver then reads the
// changed DOM back (prosemirror-view domobserver.ts `flush` → domchange.ts `readDOMChange`,
// which parses the changed range and diffs it against the doc to find the edit) and dispatches
// `tr.insertText(text, from, to)` with the state's marks (domchange.ts: the "text-only change
// in one textblock" branch, after `handleTextInput`). Here the same transaction is made from
// `beforeinput` and the browser's own insertion is prevented; ProseMirror then patches the
// one text node it changes (viewdesc.ts, TextViewDesc.update) and puts the caret back
// (selection.ts, selectionToDOM).
//
// What prosemirror-view does with `beforeinput` itself (input.ts `handlers.beforeinput`): only
// an Android backspace workaround, which it skips when a handleDOMEvents prop has handled the
// event (input.ts `runCustomHandler`). With the insertion prevented no `input` event
// follows and no mutation reaches the DOMObserver: nothing is read back. ProseMirror does the
// same for typed keys it cannot leave to the browser (input.ts `editHandlers.keypress`: a
// selection across blocks → `tr.insertText` + preventDefault).
//
// Left to the browser (and ProseMirror's read-back) as before: IME composition
// (`isComposing`, `view.composing`: Chromium owns the composition's DOM until it ends),
// every other inputType (replacement text, dictation, deletion, paragraphs), text with line
// breaks, a selection that is not text inside one textblock, and a key whose target range
// is not the editor's selection (a selection change ProseMirror has not read yet).
import { Plugin, TextSelection, type Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

/** Meta on the transactions made here: the caret is not where the browser put it, so the view must scroll to it. */
const TYPED_BY_EDITOR = 'typedByEditor';

/** Whether `tr` inserted typed text on the editor's side (the browser did not move the caret into view). */
export function typedByEditor(tr: Transaction): boolean {
  return tr.getMeta(TYPED_BY_EDITOR) === true;
}

/**
 * The insertion `event` asks for, as ProseMirror positions, when it can be made as a
 * transaction; null when it is left to the browser.
 */
export function typedInsertion(view: EditorView, event: InputEvent): { from: number; to: number; text: string } | null {
  if (event.inputType !== 'insertText' || event.isComposing || view.composing) return null;
  const text = event.data;
  if (!text || /[\r\n]/.test(text)) return null;
  const sel = view.state.selection;
  if (!(sel instanceof TextSelection) || !sel.$from.sameParent(sel.$to) || !sel.$from.parent.inlineContent) return null;
  // Where the browser would insert: it must be the selection ProseMirror holds.
  const ranges = event.getTargetRanges();
  if (ranges.length !== 1) return null;
  const r = ranges[0];
  if (!view.dom.contains(r.startContainer) || !view.dom.contains(r.endContainer)) return null;
  let from: number, to: number;
  try {
    from = view.posAtDOM(r.startContainer, r.startOffset);
    to = r.collapsed ? from : view.posAtDOM(r.endContainer, r.endOffset);
  } catch {
    return null; // a position inside a node view or widget ProseMirror does not map
  }
  if (from !== sel.from || to !== sel.to) return null;
  return { from, to, text };
}

/** Typed text into the doc: `handleTextInput` props (input rules) first, as ProseMirror's read-back runs them. */
export function insertTypedText(view: EditorView, from: number, to: number, text: string): void {
  const deflt = () => view.state.tr.insertText(text, from, to);
  if (view.someProp('handleTextInput', (f) => f(view, from, to, text, deflt))) return;
  // insertText leaves the caret after the text (a range selection collapses there), as the browser's would.
  view.dispatch(deflt().setMeta(TYPED_BY_EDITOR, true).scrollIntoView());
}

export function typedTextPlugin(): Plugin {
  return new Plugin({
    props: {
      handleDOMEvents: {
        beforeinput(view, event) {
          const insertion = typedInsertion(view, event);
          if (!insertion) return false;
          event.preventDefault();
          insertTypedText(view, insertion.from, insertion.to, insertion.text);
          return true;
        },
      },
    },
  });
}
