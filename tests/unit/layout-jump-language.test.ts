// Jump lines speak the story's language, and the paper's house-style wording
// applies to stories in the paper's language.
import { describe, it, expect } from 'vitest';
import { continueStory, gridMetrics, layoutEdition, mastheadLines, newEdition, placeStory, storyLanguage, jumpText, defaultJumpTemplates } from '../../src/lib/layout';
import type { Edition, Language, Story } from '../../src/lib/model/edition';
import { FixedWidthTypesetter, block, makeStory, para } from './layout-helpers';

const ENGLISH = 'The council met on Tuesday and voted to widen the harbour road before the winter storms. '.repeat(12);
const HAN = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈'.repeat(8);

function story(id: string, body: string, language?: Language): Story {
  const s = makeStory(id, [block('headline', id), para(body), para(body)]);
  return { ...s, raw: body, ...(language ? { language } : {}) };
}

/** `s` placed small on page 1 and continued on page 2 of an edition in `language`. */
function continued(s: Story, language: Language, extra: Partial<Edition> = {}): Edition {
  const base = { ...newEdition({ stories: [s], language, pages: 2, date: '2022-01-08' }), ...extra };
  const M = mastheadLines(gridMetrics(base.pages[0].grid));
  const placed = placeStory(base, 'page-1', s.id, { column: 0, span: 2, line: M, lines: 8 })!;
  return continueStory(placed, `${s.id}:1`, 2, { span: 3, lines: 30 })!;
}

function jumpTexts(ed: Edition): string[] {
  const layout = layoutEdition(ed, new FixedWidthTypesetter());
  return layout.pages.flatMap((p) => p.modules.flatMap((m) => m.jumps.map((j) => j.text)));
}

describe('jump lines in the story’s language', () => {
  it('reads a story’s language off its text, or takes the stored one, or the edition’s', () => {
    expect(storyLanguage(story('a', ENGLISH), { language: 'zh' })).toBe('en');
    expect(storyLanguage(story('b', HAN), { language: 'en' })).toBe('zh');
    expect(storyLanguage(story('c', HAN, 'en'), { language: 'zh' })).toBe('en');
    expect(storyLanguage({ ...story('d', ''), raw: '' }, { language: 'en' })).toBe('en');
  });

  it('an English story in a Chinese edition jumps in English on both ends', () => {
    const texts = jumpTexts(continued(story('wire', ENGLISH), 'zh'));
    expect(texts).toEqual(['Continued on Page 2', 'Continued from Page 1']);
  });

  it('a Chinese story in an English edition jumps in Chinese', () => {
    expect(jumpTexts(continued(story('xinhua', HAN), 'en'))).toEqual(['（下转第2版）', '（上接第1版）']);
  });

  it('an English paper uses its house-style templates for English stories only', () => {
    const templates = { continuedTo: 'See {page}', continuedFrom: 'From page {page}' };
    expect(jumpTexts(continued(story('wire', ENGLISH), 'en', { jumpTemplates: templates }))).toEqual(['See 2', 'From page 1']);
    // The same templates on a Chinese story: its language's standard wording.
    expect(jumpTexts(continued(story('xinhua', HAN), 'en', { jumpTemplates: templates }))).toEqual(['（下转第2版）', '（上接第1版）']);
  });

  it('a blank template falls back to the standard wording; defaults round-trip', () => {
    const ed = { language: 'en' as const, jumpTemplates: { continuedTo: ' ', continuedFrom: 'Continued from Page {page}' } };
    expect(jumpText('continuedTo', 3, 'en', ed)).toBe('Continued on Page 3');
    expect(jumpText('continuedFrom', null, 'en', ed)).toBe('Continued from Page ?');
    expect(defaultJumpTemplates('en')).toEqual({ continuedTo: 'Continued on Page {page}', continuedFrom: 'Continued from Page {page}' });
    expect(defaultJumpTemplates('zh')).toEqual({ continuedTo: '（下转第{page}版）', continuedFrom: '（上接第{page}版）' });
  });
});
