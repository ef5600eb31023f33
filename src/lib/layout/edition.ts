// A new edition around a set of stories: one page on a preset grid.
import type { Edition, Grid, Language, Story } from '../model/edition';
import { gridPreset } from './geometry';

export interface NewEditionOptions {
  stories: Story[];
  language: Language;
  id?: string;
  title?: string;
  /** ISO date; today (UTC) when absent. */
  date?: string;
  issueNumber?: number;
  /** A preset name or a whole grid. */
  grid?: string | Grid;
  pages?: number;
  /** Section of each page, in order (要闻, 国际 / News, Sports); a page without one shows none. */
  sections?: string[];
}

/**
 * The calendar date at `now` where the desk is (its local time zone), as ISO: a desk at
 * 00:30 in Beijing makes tomorrow's paper, and one at 20:00 in New York today's —
 * toISOString's UTC date is a day off for both.
 */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function newEdition(o: NewEditionOptions): Edition {
  const grid = typeof o.grid === 'object' ? o.grid : gridPreset(o.grid ?? 'duikai');
  const pages = Math.max(1, o.pages ?? 1);
  return {
    id: o.id ?? 'edition-1',
    title: o.title ?? (o.language === 'en' ? 'The Galley' : '新闻报'),
    date: o.date ?? localIsoDate(new Date()),
    issueNumber: o.issueNumber ?? 1,
    language: o.language,
    pages: Array.from({ length: pages }, (_, i) => ({ id: `page-${i + 1}`, number: i + 1, grid: { ...grid, margins: { ...grid.margins } }, placements: [], ...(o.sections?.[i]?.trim() ? { section: o.sections[i].trim() } : {}) })),
    stories: o.stories,
    revision: 0,
    updatedAt: 0,
  };
}

/** ISO date one day later (UTC arithmetic, so no time zone moves it); an unreadable date stays as it is. */
export function nextDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
}

/**
 * Tomorrow's edition from today's: the same paper, grid, page sections, jump
 * templates and house style, the next date and issue number, empty pages and
 * no stories, ready for import.
 */
export function nextDayEdition(edition: Edition, id: string): Edition {
  const { photos: _photos, ...kept } = edition;
  return {
    ...kept,
    id,
    date: nextDay(edition.date),
    issueNumber: edition.issueNumber + 1,
    pages: edition.pages.map((p, i) => ({ ...p, id: `page-${i + 1}`, number: i + 1, placements: [] })),
    stories: [],
    revision: 0,
    updatedAt: 0,
  };
}
