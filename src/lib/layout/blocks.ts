// From a story's ProseMirror JSON to the blocks the typesetter sets, sorted by
// where layout puts them: the headline group across the module, the photo's
// caption under the photo, and the body that flows through the columns.
// Imported jump_line nodes are not flowed: layout writes its own jump lines.
import type { DocJSON } from '../model/edition';
import type { InlineRun, SourceBlock } from '../typeset/types';

const HEAD_ROLES = new Set(['kicker', 'headline', 'subtitle']);
const PHOTO_ROLES = new Set(['caption', 'credit']);

function runsOf(node: DocJSON): InlineRun[] {
  const runs: InlineRun[] = [];
  for (const child of node.content ?? []) {
    if (child.type === 'text' && child.text) {
      runs.push({ text: child.text, marks: (child.marks ?? []).map((m) => m.type) });
    } else if (child.type === 'hard_break') {
      runs.push({ text: '\n', marks: [] });
    }
  }
  return runs;
}

/** Every text block of a story doc in order (jump lines left out), keyed by position. */
export function storyBlocks(doc: DocJSON): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  (doc.content ?? []).forEach((node, i) => {
    if (node.type === 'jump_line') return;
    const runs = runsOf(node);
    if (!runs.some((r) => r.text.trim())) return;
    blocks.push({ key: `b${i}`, role: node.type, runs });
  });
  return blocks;
}

export interface StoryParts {
  head: SourceBlock[];
  photo: SourceBlock[];
  body: SourceBlock[];
}

export function splitStory(doc: DocJSON): StoryParts {
  const parts: StoryParts = { head: [], photo: [], body: [] };
  for (const b of storyBlocks(doc)) {
    if (HEAD_ROLES.has(b.role)) parts.head.push(b);
    else if (PHOTO_ROLES.has(b.role)) parts.photo.push(b);
    else parts.body.push(b);
  }
  return parts;
}

/** A caption in the story means it came with a photo (its box is kept on part 1). */
export function comesWithPhoto(doc: DocJSON): boolean {
  return (doc.content ?? []).some((n) => n.type === 'caption');
}

export function blockText(b: SourceBlock): string {
  return b.runs.map((r) => r.text).join('');
}

/** The runs of a block from a UTF-16 offset on (the rest of a cut paragraph). */
export function sliceRuns(runs: InlineRun[], from: number): InlineRun[] {
  const out: InlineRun[] = [];
  let pos = 0;
  for (const r of runs) {
    const end = pos + r.text.length;
    if (end > from) out.push({ text: r.text.slice(Math.max(0, from - pos)), marks: r.marks });
    pos = end;
  }
  return out;
}

/** Plain text of the story's headline group, for a jump headline. */
export function headlineText(doc: DocJSON): string {
  const head = splitStory(doc).head;
  const main = head.filter((b) => b.role === 'headline');
  return (main.length ? main : head).map(blockText).join(' ');
}

/**
 * What the desk calls a story in lists and messages: its headline, or for a
 * story that has none (an item the importer could not head) its first words,
 * so no list row or message names a story “”.
 */
export function storyTitle(doc: DocJSON, words = 16): string {
  const head = headlineText(doc);
  if (head) return head;
  const first = splitStory(doc).body.map(blockText).find((t) => t.trim());
  if (!first) return '';
  const t = first.trim();
  return t.length > words ? `${t.slice(0, words)}…` : t;
}

/** The jump lines the source carried (imported jump_line nodes), in order. */
export function sourceJumpsOf(doc: DocJSON): { direction: 'continuedTo' | 'continuedFrom'; page: number | null }[] {
  return (doc.content ?? [])
    .filter((n) => n.type === 'jump_line')
    .map((n) => {
      const page = n.attrs?.page;
      return { direction: n.attrs?.direction === 'continuedFrom' ? ('continuedFrom' as const) : ('continuedTo' as const), page: typeof page === 'number' ? page : null };
    });
}
