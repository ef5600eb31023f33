// Whether the caret is already in sight, so a transaction's scrollIntoView has nothing to do.
//
// Why: ProseMirror's scrollToSelection (prosemirror-view domcoords.ts, scrollRectIntoView) measures the
// caret, then walks every ancestor of the caret's node up to the body, reading each one's box and computed
// position, to scroll whichever the caret lies outside of (≈ 1 ms a key at 1×, 3–5 ms at 4× on the Stories
// view). It scrolls an ancestor only when the caret's rect is outside that ancestor's visible box. While a
// desk types, the caret nearly always stays inside the editor's scroller and the window: then nothing
// would move, and the one measurement of the caret and of the scroller answers that. Otherwise ProseMirror
// scrolls as before. Used through the public `handleScrollToSelection` prop.
import { NodeSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';

export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Whether `inner` lies within `outer` (edges touching count as inside, as ProseMirror's own test reads). */
export function within(inner: Box, outer: Box): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}

/** The scroller's visible box, its scrollbars left out, scaled by any transform: prosemirror-view's clientRect. */
function visibleBox(el: HTMLElement): Box {
  const r = el.getBoundingClientRect();
  const scaleX = r.width / el.offsetWidth || 1;
  const scaleY = r.height / el.offsetHeight || 1;
  return { left: r.left, right: r.left + el.clientWidth * scaleX, top: r.top, bottom: r.top + el.clientHeight * scaleY };
}

/**
 * True when the selection's head is inside `scroller`'s visible box and the window's, so ProseMirror's
 * scroll would move nothing; false lets ProseMirror scroll. `scroller` is the editor's nearest scrolling
 * ancestor; the ones between it and the body do not scroll.
 */
export function caretInSight(view: EditorView, scroller: HTMLElement | null): boolean {
  if (!scroller || view.state.selection instanceof NodeSelection) return false;
  const box = visibleBox(scroller);
  const caret = view.coordsAtPos(view.state.selection.head, 1);
  const win = view.dom.ownerDocument.defaultView;
  const vp = win?.visualViewport;
  const screen: Box = { left: 0, top: 0, right: vp ? vp.width : (win?.innerWidth ?? 0), bottom: vp ? vp.height : (win?.innerHeight ?? 0) };
  return within(caret, box) && within(caret, screen);
}
