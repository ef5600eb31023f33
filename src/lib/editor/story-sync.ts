// y-prosemirror's ySyncPlugin, made to respect an open IME composition.
//
// Left alone, ySync writes every intermediate state of a pinyin composition
// ("z", "zh", "zho") into the document — every other tab and desk receives
// them as separate edits — and a remote edit arriving in the same paragraph
// re-renders that paragraph under the composition, which breaks it (the
// pinyin is left in the text and the committed character is lost).
// y-prosemirror's open pull request #107 only defers the local write, which
// its maintainer points out lets a remote edit wipe the composition.
//
// So while the view is composing, both directions wait: nothing is written
// to the fragment and remote changes are not rendered. Nor are other desks'
// carets: yCursorPlugin redraws them on every presence message, and such a
// redraw of the paragraph under the IME can make Chrome lose the composition
// without a compositionend; the commit then lands as plain text beside the
// pinyin ("zhong中": seen under load, when a caret move arrived between the last
// composition update and the commit). Moves that arrive meanwhile are drawn
// once the composition settles (they would be misplaced meanwhile anyway: the
// composed text is not yet in the fragment their positions point into).
// When the composition ends:
// - nothing arrived meanwhile: ySync writes the committed text as usual (one edit);
// - something did: the committed text is inserted into the fragment at the
//   Yjs relative position the caret had when the composition began (so it
//   lands between the remote characters exactly where it was typed), and the
//   view is re-rendered from the fragment with the caret after it.
// Written here rather than patched into y-prosemirror so the package stays
// as published; it uses the binding's documented-as-internal members
// (`_observeFunction`, `_forceRerender`, `mux`), pinned by the e2e test
// tests/e2e/composition.spec.ts.
import { Plugin, TextSelection, type EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import * as Y from 'yjs';
import { ySyncPlugin, ySyncPluginKey, yCursorPluginKey, getRelativeSelection, relativePositionToAbsolutePosition, type ProsemirrorBinding } from 'y-prosemirror';

/** What is held while a composition is open. */
interface Held {
  /** The editor's doc when the composition began (then equal to the fragment). */
  base: PMNode;
  from: number;
  to: number;
  /** Where the composition began, as Yjs relative positions (they stay put when remote text is inserted around them). */
  relFrom: Y.RelativePosition | null;
  relTo: Y.RelativePosition | null;
  /** A remote change to the fragment arrived and was not rendered. */
  remote: boolean;
}

type RelativeSelection = ReturnType<typeof getRelativeSelection>;

export function storySync(fragment: Y.XmlFragment): Plugin {
  const sync = ySyncPlugin(fragment);
  const spec = sync.spec;
  /** Whether the view is composing or its composition is not settled yet (set by the plugin's view). */
  let holding = (): boolean => false;
  /** Other desks' carets moved while holding: drawn once the composition settles. */
  let caretsMoved = false;
  return new Plugin({
    ...spec,
    filterTransaction(tr, state) {
      if (holding() && (tr.getMeta(yCursorPluginKey) as { awarenessUpdated?: boolean } | undefined)?.awarenessUpdated) {
        caretsMoved = true;
        return false;
      }
      return spec.filterTransaction?.call(this, tr, state) ?? true;
    },
    view(view) {
      const binding = (ySyncPluginKey.getState(view.state) as { binding: ProsemirrorBinding }).binding;
      let held: Held | null = null;
      holding = () => view.composing || held !== null;
      /** Draw the carets that moved while holding, after the view update that settled (not from inside it). */
      const drawMovedCarets = (): void => {
        if (!caretsMoved) return;
        void Promise.resolve().then(() => {
          if (!caretsMoved || holding() || view.isDestroyed) return;
          caretsMoved = false;
          view.dispatch(view.state.tr.setMeta(yCursorPluginKey, { awarenessUpdated: true }));
        });
      };

      const hold = (state: EditorState, relative: RelativeSelection | null): Held => {
        const rel = relative ?? getRelativeSelection(binding, state);
        const { from, to } = state.selection;
        const forward = state.selection.head >= state.selection.anchor;
        return {
          base: state.doc,
          from,
          to,
          relFrom: (forward ? rel.anchor : rel.head) as Y.RelativePosition | null,
          relTo: (forward ? rel.head : rel.anchor) as Y.RelativePosition | null,
          remote: false,
        };
      };

      // Remote changes wait while composing. The binding registers this function in initView (called by ySync's view below).
      const render = binding._observeFunction as (events: Y.YEvent<Y.XmlFragment>[], tr: Y.Transaction) => void;
      binding._observeFunction = (events: Y.YEvent<Y.XmlFragment>[], tr: Y.Transaction) => {
        if (!held && view.composing && tr.origin !== ySyncPluginKey) {
          // The fragment has already changed: the caret as it was before this transaction is the binding's.
          held = hold(view.state, binding.beforeTransactionSelection as RelativeSelection | null);
        }
        if (held) held.remote = true;
        else render(events, tr);
      };

      const inner = spec.view!(view);

      const settle = (): void => {
        const h = held;
        if (!h || view.composing || binding.prosemirrorView !== view) return;
        held = null;
        drawMovedCarets();
        if (!h.remote) {
          // Nothing arrived meanwhile: ySync writes the committed text as one edit.
          inner.update?.(view, view.state);
          return;
        }
        const caret = insertComposed(binding, fragment, h, view.state.doc);
        // Render the fragment (the remote changes and the composed text), the caret after the composed text.
        binding._forceRerender();
        const pos = caret && relativePositionToAbsolutePosition(binding.doc, fragment, caret, binding.mapping);
        if (pos !== null && pos !== undefined && pos <= view.state.doc.content.size) {
          view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, pos)).setMeta('addToHistory', false));
        }
      };

      const onCompositionEnd = () => {
        // ProseMirror reads the last DOM change of the composition in a microtask after compositionend.
        setTimeout(settle, 0);
      };
      view.dom.addEventListener('compositionend', onCompositionEnd);

      return {
        update(v: EditorView, prev: EditorState) {
          if (v.composing) {
            // The first change of a composition: remember where it began, before any of it is written.
            if (!held && v.state.doc !== prev.doc) held = hold(prev, null);
            if (held) return;
          }
          if (!held) inner.update?.(v, prev);
          // Re-rendering dispatches: not from inside this view update.
          else if (held.remote) void Promise.resolve().then(settle);
          else settle();
        },
        destroy() {
          view.dom.removeEventListener('compositionend', onCompositionEnd);
          if (held) {
            // Closed mid-composition: keep what was typed.
            const h = held;
            held = null;
            if (h.remote) insertComposed(binding, fragment, h, view.state.doc);
            else inner.update?.(view, view.state);
          }
          inner.destroy?.();
        },
      };
    },
  });
}

/**
 * Write the text the composition put between `from` and `to` of the base doc
 * into the fragment at the relative positions the composition began at.
 * Returns the relative position right after it (for the caret), or null when
 * the change is not a text replacement inside one paragraph — then the
 * editor's doc is written whole, as ySync would.
 */
function insertComposed(binding: ProsemirrorBinding, fragment: Y.XmlFragment, h: Held, doc: PMNode): Y.RelativePosition | null {
  const ydoc = binding.doc;
  const end = h.to + (doc.content.size - h.base.content.size);
  const text = end >= h.from ? textBetween(h.base, doc, h.from, h.to, end) : null;
  const start = h.relFrom && Y.createAbsolutePositionFromRelativePosition(h.relFrom, ydoc);
  const stop = h.relTo && Y.createAbsolutePositionFromRelativePosition(h.relTo, ydoc);
  if (!text || !start || !stop || !(start.type instanceof Y.XmlText) || stop.type !== start.type || stop.index < start.index) {
    binding.mux(() => ydoc.transact(() => binding._prosemirrorChanged(doc), ySyncPluginKey));
    return null;
  }
  const ytext = start.type;
  let at = start.index;
  // Inside the binding's mutex: the fragment's observer must not render this half-way; settle renders it whole.
  binding.mux(() =>
    ydoc.transact(() => {
      if (stop.index > start.index) ytext.delete(start.index, stop.index - start.index);
      for (const run of text) {
        ytext.insert(at, run.text, run.attributes);
        at += run.text.length;
      }
    }, ySyncPluginKey),
  );
  return Y.createRelativePositionFromTypeIndex(ytext, at, -1);
}

/**
 * The text runs (with their marks as y-prosemirror stores them) that replace
 * [from, to) of `base` to give `doc`, or null when `doc` differs from `base`
 * anywhere else or the replacement is not plain text within one paragraph.
 */
function textBetween(base: PMNode, doc: PMNode, from: number, to: number, end: number): { text: string; attributes: Record<string, unknown> }[] | null {
  const $from = doc.resolve(from);
  const $end = doc.resolve(end);
  if (!$from.parent.isTextblock || $from.parent !== $end.parent) return null;
  if (!base.resolve(from).sameParent(base.resolve(to))) return null;
  if (!base.content.cut(0, from).eq(doc.content.cut(0, from)) || !base.content.cut(to).eq(doc.content.cut(end))) return null;
  const runs: { text: string; attributes: Record<string, unknown> }[] = [];
  const parent = $from.parent;
  const start = $from.start();
  let plain = true;
  parent.nodesBetween(from - start, end - start, (node, pos) => {
    if (!node.isText) {
      plain = false;
      return false;
    }
    const a = Math.max(from - start, pos) - pos;
    const b = Math.min(end - start, pos + node.nodeSize) - pos;
    const attributes: Record<string, unknown> = {};
    for (const mark of node.marks) {
      // Marks that may overlap are stored under a hashed name; none is expected in a composition — write the whole doc then.
      if (!mark.type.excludes(mark.type)) plain = false;
      attributes[mark.type.name] = mark.attrs;
    }
    if (b > a) runs.push({ text: node.text!.slice(a, b), attributes });
    return false;
  });
  return plain ? runs : null;
}
