// What the find bar holds between stories: the query, its scope and the last
// replace-all (for its report and Undo). It outlives the StoryEditor, which is
// re-created whenever another story is opened from the results list.
import type { DocJSON } from '../../lib/model/edition';
import { EMPTY_FIND, type FindOptions } from '../../lib/editor/find';

export interface ReplaceReport {
  replacements: number;
  stories: number;
  /** Per story: the doc before and the doc the replace made (Undo restores only unchanged ones). */
  changed: { storyId: string; before: DocJSON; after: DocJSON }[];
  /** The open story was replaced through its editor: Undo there is a history step. */
  openStoryId: string | null;
}

export class FindSession {
  open = $state(false);
  replaceOpen = $state(false);
  options = $state<FindOptions>({ ...EMPTY_FIND });
  scope = $state<'story' | 'edition'>('story');
  report = $state.raw<ReplaceReport | null>(null);
  /** A result in another story, to select once its editor exists. */
  goto = $state.raw<{ storyId: string; from: number; to: number } | null>(null);
  /** Bumped to ask the bar to focus its search field. */
  focusTick = $state(0);

  show(replace: boolean): void {
    this.open = true;
    if (replace) this.replaceOpen = true;
    this.focusTick++;
  }

  close(): void {
    this.open = false;
    this.report = null;
  }
}
