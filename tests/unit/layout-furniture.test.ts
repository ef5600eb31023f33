// Page furniture: folio lines follow the pages' order; English papers read English.
import { describe, it, expect } from 'vitest';
import { addPage, folioOf, gridMetrics, layoutEdition, mastheadOf, movePage, newEdition, removePage, setJumpTemplates, setPageSection } from '../../src/lib/layout';
import { FixedWidthTypesetter } from './layout-helpers';

describe('folio', () => {
  const zh = newEdition({ stories: [], language: 'zh', pages: 3, date: '2022-01-08', title: '新闻报', sections: ['要闻', '国内', ''] });
  const en = newEdition({ stories: [], language: 'en', pages: 2, date: '2022-01-08', title: 'The Galley', issueNumber: 12, sections: ['News', 'Sports'] });

  it('names paper, date, page and section in the paper’s language', () => {
    expect(folioOf(zh, 1)).toEqual({ pageText: '第2版', section: '国内', title: '新闻报', dateText: '2022年1月8日 星期六', side: 'left', language: 'zh' });
    expect(folioOf(zh, 2).section).toBe('');
    expect(zh.pages[2].section).toBeUndefined();
    expect(folioOf(en, 0)).toEqual({ pageText: 'Page 1', section: 'News', title: 'The Galley', dateText: 'Saturday, January 8, 2022', side: 'right', language: 'en' });
    const m = mastheadOf(en, gridMetrics(en.pages[0].grid));
    expect(m).toMatchObject({ dateText: 'January 8, 2022', weekday: 'Saturday', issueText: 'No. 12', language: 'en' });
  });

  it('stays right when pages are added, removed or reordered', () => {
    const folios = (ed: typeof zh) => layoutEdition(ed, new FixedWidthTypesetter()).pages.map((p) => `${p.folio.pageText}${p.folio.section}`);
    expect(folios(zh)).toEqual(['第1版要闻', '第2版国内', '第3版']);
    const moved = movePage(zh, 'page-2', 0)!;
    expect(folios(moved)).toEqual(['第1版国内', '第2版要闻', '第3版']);
    expect(layoutEdition(moved, new FixedWidthTypesetter()).pages[0].masthead).toBeDefined();
    expect(folios(removePage(zh, 'page-1')!)).toEqual(['第1版国内', '第2版']);
    expect(folios(addPage(zh, 1))).toEqual(['第1版要闻', '第2版', '第3版国内', '第4版']);
  });

  it('sets and clears a page’s section and the paper’s jump templates', () => {
    const named = setPageSection(zh, 'page-3', ' 国际 ')!;
    expect(named.pages[2].section).toBe('国际');
    expect(setPageSection(named, 'page-3', '国际')).toBeNull();
    expect(setPageSection(named, 'nope', 'x')).toBeNull();
    expect('section' in setPageSection(named, 'page-3', '')!.pages[2]).toBe(false);
    const t = setJumpTemplates(en, { continuedTo: 'See {page}', continuedFrom: ' From {page} ' });
    expect(t.jumpTemplates).toEqual({ continuedTo: 'See {page}', continuedFrom: 'From {page}' });
    expect('jumpTemplates' in setJumpTemplates(t, { continuedTo: '', continuedFrom: '' })).toBe(false);
  });
});
