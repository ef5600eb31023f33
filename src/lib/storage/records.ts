// Shape checks for what comes back from IndexedDB. A record may have been
// written by an older build, a buggy one, or edited by hand: nothing read from
// disk is trusted until the story schema itself accepts it.
import { storySchema } from '../model/schema';
import type { Edition, Story } from '../model/edition';
import type { EditionRecord, StoryRecord } from './db';

const STATUSES = ['raw', 'edited', 'approved'];

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Why a story record cannot be opened, or the story it holds. */
export function checkStoryRecord(record: unknown): Checked<StoryRecord> {
  if (!isObject(record)) return { ok: false, reason: 'not an object' };
  if (typeof record.id !== 'string' || !record.id) return { ok: false, reason: 'missing id' };
  if (typeof record.editionId !== 'string') return { ok: false, reason: 'missing editionId' };
  if (typeof record.slug !== 'string') return { ok: false, reason: 'slug is not text' };
  if (typeof record.raw !== 'string') return { ok: false, reason: 'raw text missing' };
  const meta = record.meta;
  if (!isObject(meta)) return { ok: false, reason: 'metadata missing' };
  if (typeof meta.section !== 'string') return { ok: false, reason: 'section is not text' };
  if (typeof meta.priority !== 'number' || !Number.isInteger(meta.priority) || meta.priority < 1) {
    return { ok: false, reason: 'priority is not a positive whole number' };
  }
  if (!STATUSES.includes(meta.status as string)) return { ok: false, reason: `unknown status ${String(meta.status)}` };
  if (!isStringArray(meta.tags)) return { ok: false, reason: 'tags are not a list of text' };
  if (!isObject(record.doc)) return { ok: false, reason: 'story text missing' };
  try {
    const node = storySchema.nodeFromJSON(record.doc);
    node.check();
    if (node.type.name !== 'doc') return { ok: false, reason: 'story text is not a document' };
  } catch (error) {
    return { ok: false, reason: `invalid story text: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ok: true, value: record as unknown as StoryRecord };
}

export function checkEditionRecord(record: unknown): Checked<EditionRecord> {
  if (!isObject(record)) return { ok: false, reason: 'not an object' };
  if (typeof record.id !== 'string' || !record.id) return { ok: false, reason: 'missing id' };
  if (typeof record.title !== 'string') return { ok: false, reason: 'title is not text' };
  if (typeof record.date !== 'string') return { ok: false, reason: 'date is not text' };
  if (typeof record.issueNumber !== 'number') return { ok: false, reason: 'issue number missing' };
  if (record.language !== 'zh' && record.language !== 'en') return { ok: false, reason: 'unknown language' };
  if (typeof record.revision !== 'number' || typeof record.updatedAt !== 'number') {
    return { ok: false, reason: 'revision missing' };
  }
  if (!isStringArray(record.storyIds)) return { ok: false, reason: 'story list missing' };
  if (record.photos !== undefined && (!isObject(record.photos) || !Object.values(record.photos).every((v) => typeof v === 'string'))) {
    return { ok: false, reason: 'photos are not a map of images' };
  }
  if (!Array.isArray(record.pages)) return { ok: false, reason: 'pages missing' };
  for (const page of record.pages) {
    if (!isObject(page) || typeof page.id !== 'string' || typeof page.number !== 'number') {
      return { ok: false, reason: 'a page has no id or number' };
    }
    if (!isObject(page.grid)) return { ok: false, reason: `page ${page.number} has no grid` };
    if (!Array.isArray(page.placements)) return { ok: false, reason: `page ${page.number} has no placements` };
    for (const p of page.placements) {
      if (!isObject(p) || typeof p.storyId !== 'string' || typeof p.column !== 'number' || typeof p.line !== 'number') {
        return { ok: false, reason: `a placement on page ${page.number} is malformed` };
      }
    }
  }
  return { ok: true, value: record as unknown as EditionRecord };
}

export function toEditionRecord(edition: Edition): EditionRecord {
  const { stories, ...rest } = edition;
  return { ...rest, storyIds: stories.map((s) => s.id) };
}

export function toStoryRecord(story: Story, editionId: string): StoryRecord {
  return { ...story, editionId };
}

export function fromStoryRecord(record: StoryRecord): Story {
  const { editionId: _editionId, ...story } = record;
  return story;
}

/** A human name for a record that failed its checks: its slug or headline if readable, else its id. */
export function nameOfRecord(record: unknown): string {
  if (!isObject(record)) return '?';
  if (typeof record.slug === 'string' && record.slug) return record.slug;
  if (typeof record.title === 'string' && record.title) return record.title;
  return typeof record.id === 'string' ? record.id : '?';
}
