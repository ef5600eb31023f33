// Page furniture: the folio line every page carries (paper, date, page number,
// section). It is derived from the edition and the page's position each time
// the edition is laid out, never stored, so adding, removing or reordering
// pages keeps every folio right by construction (as jump lines are).
import type { Edition, JumpTemplates, Language } from '../model/edition';
import { dateTextOf } from './geometry';

export interface Folio {
  /** 第2版 / Page 2 */
  pageText: string;
  /** The page's section as the desk named it, or empty. */
  section: string;
  /** The paper's name. */
  title: string;
  /** 2022年1月8日 星期六 / Saturday, January 8, 2022 */
  dateText: string;
  /** Which side of the sheet the page number stands on: outside edge, as papers print it. */
  side: 'left' | 'right';
  language: Language;
}

export function pageLabel(number: number, language: Language): string {
  return language === 'en' ? `Page ${number}` : `第${number}版`;
}

/** The folio of the page at `index` (0-based) of the edition. */
export function folioOf(edition: Pick<Edition, 'title' | 'date' | 'language' | 'pages'>, index: number): Folio {
  const number = index + 1;
  return {
    pageText: pageLabel(number, edition.language),
    section: edition.pages[index]?.section?.trim() ?? '',
    title: edition.title,
    dateText: dateTextOf(edition.date, edition.language, true),
    // Even pages are left-hand pages: the number goes on the outside edge.
    side: number % 2 === 0 ? 'left' : 'right',
    language: edition.language,
  };
}

/** The sections a desk picks from (it may type any other). */
export const SECTION_NAMES: Record<Language, readonly string[]> = {
  zh: ['要闻', '国内', '国际', '评论', '经济', '文化', '体育', '副刊'],
  en: ['News', 'World', 'Business', 'Opinion', 'Culture', 'Sports', 'Features'],
};

/** Name a page's section (empty: none). Null when the page is not there or nothing changes. */
export function setPageSection(edition: Edition, pageId: string, section: string): Edition | null {
  const page = edition.pages.find((p) => p.id === pageId);
  const value = section.trim();
  if (!page || (page.section ?? '') === value) return null;
  return {
    ...edition,
    pages: edition.pages.map((p) => {
      if (p.id !== pageId) return p;
      const { section: _old, ...rest } = p;
      return value ? { ...rest, section: value } : rest;
    }),
  };
}

/** Set the paper's jump-line templates; both blank: back to the standard wording. */
export function setJumpTemplates(edition: Edition, templates: JumpTemplates): Edition {
  const { jumpTemplates: _old, ...rest } = edition;
  const t = { continuedTo: templates.continuedTo.trim(), continuedFrom: templates.continuedFrom.trim() };
  return t.continuedTo || t.continuedFrom ? { ...rest, jumpTemplates: t } : rest;
}
