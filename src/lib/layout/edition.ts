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

export function newEdition(o: NewEditionOptions): Edition {
  const grid = typeof o.grid === 'object' ? o.grid : gridPreset(o.grid ?? 'duikai');
  const pages = Math.max(1, o.pages ?? 1);
  return {
    id: o.id ?? 'edition-1',
    title: o.title ?? (o.language === 'en' ? 'The Galley' : '新闻报'),
    date: o.date ?? new Date().toISOString().slice(0, 10),
    issueNumber: o.issueNumber ?? 1,
    language: o.language,
    pages: Array.from({ length: pages }, (_, i) => ({ id: `page-${i + 1}`, number: i + 1, grid: { ...grid, margins: { ...grid.margins } }, placements: [], ...(o.sections?.[i]?.trim() ? { section: o.sections[i].trim() } : {}) })),
    stories: o.stories,
    revision: 0,
    updatedAt: 0,
  };
}
