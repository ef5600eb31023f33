// What the Import dialog lets the desk do to the importer's result before
// accepting it: drop a story, merge a story into the one before it. Plain
// functions over the importer's plain data, so they are tested in Node.
import type { ImportedStory } from './pipeline';

/** Text above this size goes to the Web Worker, so the tab never freezes on a parse. */
export const WORKER_THRESHOLD_BYTES = 256 * 1024;
/** Larger input is refused: the preview and the edition would not stay responsive. */
export const IMPORT_LIMIT_BYTES = 20 * 1024 * 1024;

/** UTF-8 size of a text, computed natively (a Blob) rather than by copying it into an array. */
export function textBytes(text: string): number {
  return new Blob([text]).size;
}

export function dropStory(stories: readonly ImportedStory[], index: number): ImportedStory[] {
  return stories.filter((_, i) => i !== index);
}

/**
 * Merge story `index + 1` into story `index`. The second story's headline
 * group becomes a subhead (the usual reason for a wrong split is a subhead
 * taken for a headline) and its dateline/byline go back in front of its text,
 * so no character is lost.
 */
export function mergeWithNext(stories: readonly ImportedStory[], index: number): ImportedStory[] {
  const a = stories[index];
  const b = stories[index + 1];
  if (!a || !b) return [...stories];
  const headGroup = [b.kicker, ...b.headline, b.subtitle].filter((x): x is string => !!x && !!x.trim()).join(' ');
  const prefix = [b.dateline, b.byline ? `（${b.byline}）` : ''].filter(Boolean).join(' ');
  const bBody = [...b.body];
  if (prefix) bBody[0] = bBody.length ? `${prefix} ${bBody[0]}` : prefix;
  const offset = a.body.length;
  const subheads = [
    ...a.subheads,
    ...(headGroup ? [{ text: headGroup, beforeParagraph: offset }] : []),
    ...b.subheads.map((s) => ({ ...s, beforeParagraph: s.beforeParagraph + offset })),
  ];
  const merged: ImportedStory = {
    ...a,
    subheads,
    body: [...a.body, ...bBody],
    caption: a.caption ?? b.caption,
    jumps: [...a.jumps, ...b.jumps],
    // A cut-off warning on the first part no longer holds once its rest follows.
    warnings: [...a.warnings.filter((w) => w.kind !== 'truncated'), ...b.warnings],
    raw: `${a.raw}\n\n${b.raw}`,
  };
  return [...stories.slice(0, index), merged, ...stories.slice(index + 2)];
}

/** The roles the preview lists for one story, in reading order. */
export function previewRoles(story: ImportedStory): { role: 'kicker' | 'headline' | 'subtitle' | 'dateline' | 'byline'; text: string }[] {
  const out: { role: 'kicker' | 'headline' | 'subtitle' | 'dateline' | 'byline'; text: string }[] = [];
  if (story.kicker) out.push({ role: 'kicker', text: story.kicker });
  for (const h of story.headline) out.push({ role: 'headline', text: h });
  if (story.subtitle) out.push({ role: 'subtitle', text: story.subtitle });
  if (story.dateline) out.push({ role: 'dateline', text: story.dateline });
  if (story.byline) out.push({ role: 'byline', text: story.byline });
  return out;
}
