// Edits of the edition's story list that Undo must be able to reverse exactly,
// as pure functions over the edition (the app commits and remembers them).
import type { Edition, Story } from '../model/edition';
import type { RemovedStory } from './app-options';

/** The edition without a story and its placements, and what was taken (for Undo); null if there is no such story. */
export function takeStoryOut(edition: Edition, id: string): { edition: Edition; removed: RemovedStory } | null {
  const index = edition.stories.findIndex((s) => s.id === id);
  if (index < 0) return null;
  const story = edition.stories[index];
  const placements: RemovedStory['placements'] = [];
  for (const page of edition.pages) {
    page.placements.forEach((placement, at) => {
      if (placement.storyId === id) placements.push({ pageId: page.id, at, placement });
    });
  }
  const stories = edition.stories.filter((s) => s.id !== id);
  // Every part goes, so no continuation is left to renumber.
  const pages = edition.pages.map((p) => (p.placements.some((pl) => pl.storyId === id) ? { ...p, placements: p.placements.filter((pl) => pl.storyId !== id) } : p));
  return { edition: { ...edition, stories, pages }, removed: { story, index, placements } };
}

/** A removed story back in its place, its modules back where they stood (on the pages still there). */
export function putStoryBack(edition: Edition, removed: RemovedStory): Edition {
  const stories = [...edition.stories];
  stories.splice(Math.min(removed.index, stories.length), 0, removed.story);
  const pages = edition.pages.map((p) => {
    const back = removed.placements.filter((r) => r.pageId === p.id);
    if (!back.length) return p;
    const placements = [...p.placements];
    for (const r of back) placements.splice(Math.min(r.at, placements.length), 0, r.placement);
    return { ...p, placements };
  });
  return { ...edition, stories, pages };
}

/** Stories with ids that avoid `avoid` (a -2, -3… suffix where one is taken). */
export function withFreshIds(stories: Story[], avoid: Set<string>): Story[] {
  const taken = new Set(avoid);
  return stories.map((s) => {
    let id = s.id;
    for (let n = 2; taken.has(id); n++) id = `${s.id}-${n}`;
    taken.add(id);
    return id === s.id ? s : { ...s, id };
  });
}
