// What the Import dialog lets the desk do to the importer's result before
// accepting it: drop a story, merge a story into the one before it. Plain
// functions over the importer's plain data, so they are tested in Node.
import type { ImportedStory } from './pipeline';

/**
 * Text above this size is parsed in the Web Worker. The importer takes about
 * 2 ms per KB on the main thread of a loaded machine, so 32 KB (a long
 * feature) stays under one frame budget's worth of jank; anything larger
 * would block the tab (a 245 KB paste blocked it for half a second).
 */
export const WORKER_THRESHOLD_BYTES = 32 * 1024;
/** Pasted text up to this size stays editable in the textarea; larger text is held aside (a textarea of MBs freezes layout). */
export const TEXTAREA_LIMIT_BYTES = 256 * 1024;
/** Larger input is refused: the preview and the edition would not stay responsive. */
export const IMPORT_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * UTF-8 size of a text, counted from its UTF-16 code units in one tight loop
 * (a few ms for 3 MB). Hand-written because `new Blob([text]).size` encodes
 * the whole text first and took ~75 ms for a 3 MB paste.
 */
export function textBytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * What to do with text of `length` UTF-16 code units without measuring it:
 * its UTF-8 size lies between `length` and `3 × length` (a surrogate pair is
 * 2 units and 4 bytes), so most sizes are decided by the length alone.
 */
export function sizeClass(length: number, limit: number): 'below' | 'above' | 'measure' {
  if (length * 3 <= limit) return 'below';
  if (length > limit) return 'above';
  return 'measure';
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
