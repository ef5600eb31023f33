// Shape checks for what comes back from IndexedDB. A record may have been
// written by an older build, a buggy one, or edited by hand: nothing read from
// disk is trusted until the story schema itself accepts it.
import { storySchema } from '../model/schema';
import type { Edition, Story } from '../model/edition';
import type { EditionRecord, StoryRecord } from './db';

const STATUSES = ['raw', 'edited', 'approved'];

type N = string | number;
/** A reason that needs no values. */
type None = Record<never, never>;

/**
 * Why a record was refused: a code with the values its text needs. The words
 * are in the message catalog (`reason.<code>` in src/lib/i18n).
 */
export interface ReasonParams {
  notObject: None;
  noId: None;
  noEditionId: None;
  slug: None;
  raw: None;
  meta: None;
  section: None;
  priority: None;
  status: { value: N };
  tags: None;
  noDoc: None;
  docInvalid: { detail: N };
  notDoc: None;
  title: None;
  date: None;
  issue: None;
  language: None;
  revision: None;
  storyIds: None;
  photos: None;
  pages: None;
  pageId: None;
  grid: { page: N };
  placements: { page: N };
  placement: { page: N };
}

export type ReasonCode = keyof ReasonParams;

/** The reasons as catalog messages (`reason.<code>`). */
export type ReasonMessages = { [C in ReasonCode as `reason.${C}`]: ReasonParams[C] };

/** A refusal: the reason's code and its values (the export keeps them beside an English sentence). */
export interface Refusal {
  ok: false;
  code: ReasonCode;
  params: Record<string, N>;
}

export type Checked<T> = { ok: true; value: T } | Refusal;

function fail<C extends ReasonCode>(code: C, ...params: keyof ReasonParams[C] extends never ? [] : [ReasonParams[C]]): Refusal {
  return { ok: false, code, params: params[0] ?? {} };
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
