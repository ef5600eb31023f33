// Shape checks for what comes back from IndexedDB. A record may have been
// written by an older build, a buggy one, or edited by hand: nothing read from
// disk is trusted until the story schema itself accepts it.
import { storySchema } from '../model/schema';
import type { Edition, Story } from '../model/edition';
import type { EditionRecord, StoryRecord } from './db';

const STATUSES = ['raw', 'edited', 'approved'];

/**
 * Why a record was refused, as a code the UI translates (`reason.<code>` in
 * i18n) and an English sentence kept in the export for whoever repairs it.
 */
export const REASONS = {
  notObject: 'not an object',
  noId: 'missing id',
  noEditionId: 'missing editionId',
  slug: 'slug is not text',
  raw: 'raw text missing',
  meta: 'metadata missing',
  section: 'section is not text',
  priority: 'priority is not a positive whole number',
  status: 'unknown status {value}',
  tags: 'tags are not a list of text',
  noDoc: 'story text missing',
  docInvalid: 'invalid story text: {detail}',
  notDoc: 'story text is not a document',
  title: 'title is not text',
  date: 'date is not text',
  issue: 'issue number missing',
  language: 'unknown language',
  revision: 'revision missing',
  storyIds: 'story list missing',
  photos: 'photos are not a map of images',
  pages: 'pages missing',
  pageId: 'a page has no id or number',
  grid: 'page {page} has no grid',
  placements: 'page {page} has no placements',
  placement: 'a placement on page {page} is malformed',
} as const;

export type ReasonCode = keyof typeof REASONS;
export type ReasonParams = Record<string, string | number>;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string; code: ReasonCode; params: ReasonParams };

function fail(code: ReasonCode, params: ReasonParams = {}): { ok: false; reason: string; code: ReasonCode; params: ReasonParams } {
  const reason = REASONS[code].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  return { ok: false, reason, code, params };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Why a story record cannot be opened, or the story it holds. */
export function checkStoryRecord(record: unknown): Checked<StoryRecord> {
  if (!isObject(record)) return fail('notObject');
  if (typeof record.id !== 'string' || !record.id) return fail('noId');
  if (typeof record.editionId !== 'string') return fail('noEditionId');
  if (typeof record.slug !== 'string') return fail('slug');
  if (typeof record.raw !== 'string') return fail('raw');
  const meta = record.meta;
  if (!isObject(meta)) return fail('meta');
  if (typeof meta.section !== 'string') return fail('section');
  if (typeof meta.priority !== 'number' || !Number.isInteger(meta.priority) || meta.priority < 1) {
    return fail('priority');
  }
  if (!STATUSES.includes(meta.status as string)) return fail('status', { value: String(meta.status) });
  if (!isStringArray(meta.tags)) return fail('tags');
  if (!isObject(record.doc)) return fail('noDoc');
  try {
    const node = storySchema.nodeFromJSON(record.doc);
    node.check();
    if (node.type.name !== 'doc') return fail('notDoc');
  } catch (error) {
    return fail('docInvalid', { detail: error instanceof Error ? error.message : String(error) });
  }
  return { ok: true, value: record as unknown as StoryRecord };
}

export function checkEditionRecord(record: unknown): Checked<EditionRecord> {
  if (!isObject(record)) return fail('notObject');
  if (typeof record.id !== 'string' || !record.id) return fail('noId');
  if (typeof record.title !== 'string') return fail('title');
  if (typeof record.date !== 'string') return fail('date');
  if (typeof record.issueNumber !== 'number') return fail('issue');
  if (record.language !== 'zh' && record.language !== 'en') return fail('language');
  if (typeof record.revision !== 'number' || typeof record.updatedAt !== 'number') {
    return fail('revision');
  }
  if (!isStringArray(record.storyIds)) return fail('storyIds');
  if (record.photos !== undefined && (!isObject(record.photos) || !Object.values(record.photos).every((v) => typeof v === 'string'))) {
    return fail('photos');
  }
  if (!Array.isArray(record.pages)) return fail('pages');
  for (const page of record.pages) {
    if (!isObject(page) || typeof page.id !== 'string' || typeof page.number !== 'number') {
      return fail('pageId');
    }
    if (!isObject(page.grid)) return fail('grid', { page: page.number });
    if (!Array.isArray(page.placements)) return fail('placements', { page: page.number });
    for (const p of page.placements) {
      if (!isObject(p) || typeof p.storyId !== 'string' || typeof p.column !== 'number' || typeof p.line !== 'number') {
        return fail('placement', { page: page.number });
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
