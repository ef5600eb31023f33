// Layout-view state shared by the Layout and Proof views: the tab's one
// Typesetter (its caches are what make a re-layout after a drag cheap) and a
// memo of the laid-out edition, so both views and the page strip read the
// same EditionLayout object for the same edition object.
import type { Edition } from '../model/edition';
import { Typesetter } from '../typeset';
import { layoutEdition, type EditionLayout } from '../layout';

/** One Typesetter per tab: prepared blocks and cut modules are cached in it. */
export const typesetter = new Typesetter();

const memo = new WeakMap<Edition, EditionLayout>();

/** The layout of an edition (the edition is immutable plain data, so identity is a safe key). */
export function layoutOf(edition: Edition): EditionLayout {
  let l = memo.get(edition);
  if (!l) memo.set(edition, (l = layoutEdition(edition, typesetter)));
  return l;
}

/** What the Layout view shows and which module the desk is working on. */
export class LayoutDesk {
  /** Id of the page shown large. */
  pageId = $state<string | null>(null);
  /** Id of the selected module (placement). */
  selectedId = $state<string | null>(null);
  /** Column and baseline guides. */
  guides = $state(true);
  /** 'fit' scales the page to the window; a number is a fixed scale (1 = print size on screen). */
  zoom = $state<'fit' | number>('fit');
}
