// The edition as one file a desk keeps, sends or reopens (`.galley.json`).
// Reading checks the WHOLE file before anything is opened, and says every
// problem with its place in the file, so a file is either opened complete or
// not at all. Story text is only ever data for the story schema (text nodes,
// never HTML), so markup typed into a story stays characters.
// Hand-written checks rather than a schema library: the story doc is checked by
// the story schema itself, the rest is a dozen flat fields, and the problems
// must be catalog codes the desk reads in its own language.
import { storySchema } from './schema';
import type { DocJSON, Edition, Grid, Page } from './edition';
import { isPhotoRecord } from './photo';

export const EDITION_FILE_FORMAT = 'galley-edition';
/**
 * 1: the first export (edition + damaged records). 2: optional page sections, story language and jump
 * templates; the app that wrote it. 3: the photos' bytes (`photoBytes`), so a file reopened elsewhere
 * (or kept as a backup) has its photos.
 */
export const EDITION_FILE_VERSION = 3;
export const EDITION_FILE_SUFFIX = '.galley.json';
/**
 * Larger than any edition with its photos (a front page's dozen press photos in base64); a bigger
 * file is refused before it is read. Also below what a browser can hold as one string (V8: 2^29 chars).
 */
export const DEFAULT_MAX_FILE_BYTES = 400 * 1024 * 1024;
/** More problems than this are summed up: a wrong file would otherwise list thousands. */
const MAX_PROBLEMS = 20;

/** A record the browser's storage could not read, kept in the file as it was (version 1 exports carry them). */
export interface KeptRecord {
  store: string;
  id: string;
  [key: string]: unknown;
}

export interface EditionFile {
  format: typeof EDITION_FILE_FORMAT;
  version: typeof EDITION_FILE_VERSION;
  exportedAt: string;
  app: 'galley';
  edition: Edition;
  damagedRecords: KeptRecord[];
  /** The bytes of the edition's photos, base64, by their SHA-256 (a photo record's `hash`); version 3. */
  photoBytes?: PhotoBytes;
}

/** Photo bytes as a file carries them: base64 by the SHA-256 (hex) of the bytes. */
export type PhotoBytes = Record<string, string>;

type N = string | number;
/** What is wrong with a file: codes of the message catalog (`file.<code>`), `path` naming the place in the file. */
export interface EditionFileParams {
  tooLarge: { size: N; max: N };
  notJson: { detail: N };
  truncated: Record<never, never>;
  notEdition: Record<never, never>;
  newer: { version: N; supported: N };
  badVersion: Record<never, never>;
  missing: { path: N };
  wrongType: { path: N; expected: N };
  badValue: { path: N };
  duplicateId: { path: N; id: N };
  unknownStory: { path: N; id: N };
  badDoc: { path: N; detail: N };
  more: { n: N };
}
export type EditionFileCode = keyof EditionFileParams;
export type EditionFileMessages = { [C in EditionFileCode as `file.${C}`]: EditionFileParams[C] };

export interface EditionFileProblem {
  code: `file.${EditionFileCode}`;
  params: Record<string, N>;
}

export type EditionFileResult =
  | {
      ok: true;
      edition: Edition;
      damagedRecords: KeptRecord[];
      /** Photo bytes the file carries (empty for files before version 3); a hash is checked against its bytes when they are stored. */
      photoBytes: PhotoBytes;
      /** The version the file was written in, when it was migrated. */
      migratedFrom?: number;
    }
  | { ok: false; problems: EditionFileProblem[] };

function problem<C extends EditionFileCode>(code: C, params: EditionFileParams[C]): EditionFileProblem {
  return { code: `file.${code}`, params: params as Record<string, N> };
}

/** The edition as a file's text, with the photo bytes given (by hash). */
export function writeEditionFile(edition: Edition, damagedRecords: readonly KeptRecord[] = [], now = new Date(), photoBytes: PhotoBytes = {}): string {
  const file: EditionFile = {
    format: EDITION_FILE_FORMAT,
    version: EDITION_FILE_VERSION,
    exportedAt: now.toISOString(),
    app: 'galley',
    edition,
    damagedRecords: [...damagedRecords],
  };
  return withPhotoBytes(JSON.stringify(file, null, 2), photoBytes);
}

/**
 * An edition file's text with the photo bytes added as its last field (none: the text as it is).
 * Last and unindented, so the edition above stays readable in a text editor, and the edition is
 * not written again to add them.
 */
export function withPhotoBytes(fileText: string, photoBytes: PhotoBytes): string {
  if (!Object.keys(photoBytes).length) return fileText;
  return `${fileText.slice(0, fileText.lastIndexOf('}')).trimEnd()},\n  "photoBytes": ${JSON.stringify(photoBytes)}\n}`;
}

export function editionFileName(edition: Pick<Edition, 'id' | 'date' | 'title'>): string {
  const name = `${edition.date || 'edition'}-${edition.title}`.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '');
  return `${name || edition.id}${EDITION_FILE_SUFFIX}`;
}

/** A size refused before reading (the File's size, or a text's length as a lower bound of its bytes). */
export function sizeProblem(bytes: number, maxBytes = DEFAULT_MAX_FILE_BYTES): EditionFileProblem | null {
  const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  return bytes > maxBytes ? problem('tooLarge', { size: mb(bytes), max: mb(maxBytes) }) : null;
}

/** Whether a text looks like an edition file (the import dialog hands such a text to `readEditionFile`). */
export function looksLikeEditionFile(text: string): boolean {
  return /^\s*\{[\s\S]{0,400}?"format"\s*:\s*"galley-edition"/.test(text.slice(0, 2000));
}

/** Read an edition file: the edition when the whole file is sound, else every problem found. */
export function readEditionFile(text: string, opts: { maxBytes?: number } = {}): EditionFileResult {
  // UTF-16 code units never exceed UTF-8 bytes, so this refuses only files that are surely too big.
  const tooBig = sizeProblem(text.length, opts.maxBytes);
  if (tooBig) return { ok: false, problems: [tooBig] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const truncated = /end of (JSON )?input|Unterminated/i.test(detail) || !/\}\s*$/.test(text);
    return { ok: false, problems: [truncated ? problem('truncated', {}) : problem('notJson', { detail })] };
  }
  if (!isObject(data) || data.format !== EDITION_FILE_FORMAT) return { ok: false, problems: [problem('notEdition', {})] };
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) return { ok: false, problems: [problem('badVersion', {})] };
  if (data.version > EDITION_FILE_VERSION) return { ok: false, problems: [problem('newer', { version: data.version, supported: EDITION_FILE_VERSION })] };
  const checks = new Checks();
  const edition = checks.edition(data.edition, 'edition');
  const damagedRecords = checks.kept(data.damagedRecords, 'damagedRecords');
  const photoBytes = checks.photoBytes(data.photoBytes, 'photoBytes');
  if (!edition || checks.problems.length) return { ok: false, problems: checks.summary() };
  return { ok: true, edition: migrate(edition, data.version), damagedRecords, photoBytes, ...(data.version < EDITION_FILE_VERSION ? { migratedFrom: data.version } : {}) };
}

/**
 * Bring an older file's edition to this version. Version 1 differs only in
 * fields version 2 added as optional, so its edition is read as it is; an
 * empty page section or jump template that a hand edit left is dropped.
 */
function migrate(edition: Edition, _from: number): Edition {
  return { ...edition, pages: edition.pages.map((p) => (p.section === '' ? withoutSection(p) : p)) };
}

function withoutSection(page: Page): Page {
  const { section: _s, ...rest } = page;
  return rest;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

const STATUSES = new Set(['raw', 'edited', 'approved']);
const LANGUAGES = new Set(['zh', 'en']);

/** Collects problems while walking the file; every check returns the value when sound. */
class Checks {
  problems: EditionFileProblem[] = [];

  summary(): EditionFileProblem[] {
    if (this.problems.length <= MAX_PROBLEMS) return this.problems;
    return [...this.problems.slice(0, MAX_PROBLEMS), problem('more', { n: this.problems.length - MAX_PROBLEMS })];
  }

  #type(value: unknown, path: string, expected: string, ok: boolean, optional = false): boolean {
    if (value === undefined) {
      if (!optional) this.problems.push(problem('missing', { path }));
      return false;
    }
    if (!ok) this.problems.push(problem('wrongType', { path, expected }));
    return ok;
  }

  string(o: Record<string, unknown>, key: string, path: string, optional = false): void {
    this.#type(o[key], `${path}.${key}`, 'text', typeof o[key] === 'string', optional);
  }

  number(o: Record<string, unknown>, key: string, path: string, opts: { optional?: boolean; integer?: boolean; min?: number } = {}): void {
    const v = o[key];
    if (!this.#type(v, `${path}.${key}`, opts.integer ? 'whole number' : 'number', typeof v === 'number' && Number.isFinite(v), opts.optional)) return;
    const n = v as number;
    if ((opts.integer && !Number.isInteger(n)) || (opts.min !== undefined && n < opts.min)) this.problems.push(problem('badValue', { path: `${path}.${key}` }));
  }

  array(value: unknown, path: string, optional = false): unknown[] | null {
    return this.#type(value, path, 'list', Array.isArray(value), optional) ? (value as unknown[]) : null;
  }

  object(value: unknown, path: string, optional = false): Record<string, unknown> | null {
    return this.#type(value, path, 'object', isObject(value), optional) ? (value as Record<string, unknown>) : null;
  }

  oneOf(o: Record<string, unknown>, key: string, path: string, allowed: Set<string>, optional = false): void {
    const v = o[key];
    if (v === undefined) {
      if (!optional) this.problems.push(problem('missing', { path: `${path}.${key}` }));
    } else if (typeof v !== 'string' || !allowed.has(v)) this.problems.push(problem('badValue', { path: `${path}.${key}` }));
  }

  /** Base64 text by a SHA-256 in hex; absent is none. Whether the bytes are a photo and match the hash is checked when they are stored. */
  photoBytes(value: unknown, path: string): PhotoBytes {
    const o = this.object(value, path, true);
    if (!o) return {};
    for (const [hash, b64] of Object.entries(o)) {
      if (!/^[0-9a-f]{64}$/.test(hash) || typeof b64 !== 'string' || b64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64))
        this.problems.push(problem('badValue', { path: `${path}.${hash}` }));
    }
    return o as PhotoBytes;
  }

  doc(value: unknown, path: string, optional = false): void {
    if (!this.object(value, path, optional)) return;
    try {
      const node = storySchema.nodeFromJSON(value as DocJSON);
      node.check();
      if (node.type.name !== 'doc') this.problems.push(problem('badValue', { path }));
    } catch (error) {
      this.problems.push(problem('badDoc', { path, detail: error instanceof Error ? error.message : String(error) }));
    }
  }

  edition(value: unknown, path: string): Edition | null {
    const e = this.object(value, path);
    if (!e) return null;
    this.string(e, 'id', path);
    this.string(e, 'title', path);
    this.string(e, 'date', path);
    if (typeof e.date === 'string' && e.date && !/^\d{4}-\d{2}-\d{2}$/.test(e.date)) this.problems.push(problem('badValue', { path: `${path}.date` }));
    this.number(e, 'issueNumber', path, { integer: true, min: 0 });
    this.oneOf(e, 'language', path, LANGUAGES);
    this.number(e, 'revision', path, { integer: true, min: 0 });
    this.number(e, 'updatedAt', path, { min: 0 });
    const photos = this.object(e.photos, `${path}.photos`, true);
    if (photos) {
      for (const [id, photo] of Object.entries(photos)) {
        // A record (the bytes stay in the browser that took the file in), or a data URL from an
        // older file, which the app moves into its photo store when it opens the edition.
        // Only image data: a photo is drawn as an <img>, and any other URL would be fetched.
        const legacy = typeof photo === 'string' && /^data:image\/(png|jpeg|gif|webp|svg\+xml);/.test(photo);
        if (!legacy && !(isPhotoRecord(photo) && photo.id === id)) this.problems.push(problem('badValue', { path: `${path}.photos.${id}` }));
      }
    }
    const house = this.array(e.houseStyle, `${path}.houseStyle`, true);
    house?.forEach((w, i) => {
      const o = this.object(w, `${path}.houseStyle[${i}]`);
      if (o) {
        this.string(o, 'wrong', `${path}.houseStyle[${i}]`);
        this.string(o, 'preferred', `${path}.houseStyle[${i}]`);
      }
    });
    const jt = this.object(e.jumpTemplates, `${path}.jumpTemplates`, true);
    if (jt) {
      this.string(jt, 'continuedTo', `${path}.jumpTemplates`);
      this.string(jt, 'continuedFrom', `${path}.jumpTemplates`);
    }
    const storyIds = new Set<string>();
    const stories = this.array(e.stories, `${path}.stories`);
    stories?.forEach((s, i) => this.story(s, `${path}.stories[${i}]`, storyIds));
    const placementIds = new Set<string>();
    const pageIds = new Set<string>();
    const pages = this.array(e.pages, `${path}.pages`);
    pages?.forEach((p, i) => this.page(p, `${path}.pages[${i}]`, pageIds, placementIds, storyIds));
    return this.problems.length ? null : (e as unknown as Edition);
  }

  #unique(ids: Set<string>, id: unknown, path: string): void {
    if (typeof id !== 'string') return;
    if (ids.has(id)) this.problems.push(problem('duplicateId', { path, id }));
    ids.add(id);
  }

  story(value: unknown, path: string, ids: Set<string>): void {
    const s = this.object(value, path);
    if (!s) return;
    this.string(s, 'id', path);
    this.#unique(ids, s.id, `${path}.id`);
    this.string(s, 'slug', path);
    this.string(s, 'raw', path);
    this.oneOf(s, 'language', path, LANGUAGES, true);
    this.doc(s.doc, `${path}.doc`);
    this.doc(s.original, `${path}.original`, true);
    const meta = this.object(s.meta, `${path}.meta`);
    if (!meta) return;
    const mp = `${path}.meta`;
    this.string(meta, 'section', mp);
    this.number(meta, 'priority', mp);
    this.oneOf(meta, 'status', mp, STATUSES);
    this.string(meta, 'column', mp, true);
    this.string(meta, 'photo', mp, true);
    const tags = this.array(meta.tags, `${mp}.tags`);
    tags?.forEach((t, i) => {
      if (typeof t !== 'string') this.problems.push(problem('wrongType', { path: `${mp}.tags[${i}]`, expected: 'text' }));
    });
  }

  page(value: unknown, path: string, pageIds: Set<string>, placementIds: Set<string>, storyIds: Set<string>): void {
    const p = this.object(value, path);
    if (!p) return;
    this.string(p, 'id', path);
    this.#unique(pageIds, p.id, `${path}.id`);
    this.number(p, 'number', path, { integer: true, min: 1 });
    this.string(p, 'section', path, true);
    this.grid(p.grid, `${path}.grid`);
    const placements = this.array(p.placements, `${path}.placements`);
    placements?.forEach((x, i) => this.placement(x, `${path}.placements[${i}]`, placementIds, storyIds));
  }

  grid(value: unknown, path: string): void {
    const g = this.object(value, path);
    if (!g) return;
    this.string(g, 'preset', path);
    const positive = { min: Number.MIN_VALUE };
    for (const key of ['widthMm', 'heightMm', 'bodySizePt', 'leadingPt'] satisfies (keyof Grid)[]) this.number(g, key, path, positive);
    this.number(g, 'gutterMm', path, { min: 0 });
    this.number(g, 'columns', path, { integer: true, min: 1 });
    const m = this.object(g.margins, `${path}.margins`);
    if (m) for (const key of ['top', 'right', 'bottom', 'left']) this.number(m, key, `${path}.margins`, { min: 0 });
  }

  placement(value: unknown, path: string, ids: Set<string>, storyIds: Set<string>): void {
    const x = this.object(value, path);
    if (!x) return;
    this.string(x, 'id', path);
    this.#unique(ids, x.id, `${path}.id`);
    this.string(x, 'storyId', path);
    if (typeof x.storyId === 'string' && !storyIds.has(x.storyId)) this.problems.push(problem('unknownStory', { path: `${path}.storyId`, id: x.storyId }));
    this.number(x, 'part', path, { integer: true, min: 1 });
    this.number(x, 'column', path, { integer: true, min: 0 });
    this.number(x, 'span', path, { integer: true, min: 1 });
    this.number(x, 'line', path, { integer: true, min: 0 });
    this.number(x, 'lines', path, { integer: true, min: 1 });
    this.number(x, 'headlineSizePt', path, { optional: true, min: Number.MIN_VALUE });
    this.string(x, 'photoId', path, true);
  }

  kept(value: unknown, path: string): KeptRecord[] {
    const list = this.array(value, path, true) ?? [];
    return list.filter((r, i): r is KeptRecord => {
      const o = this.object(r, `${path}[${i}]`);
      if (o) {
        this.string(o, 'store', `${path}[${i}]`);
        this.string(o, 'id', `${path}[${i}]`);
      }
      return !!o;
    });
  }
}

