// Regression tests for the QA pass on layout: source jump lines reported,
// bilingual problems, headlines kept inside their modules, balanced columns,
// auto-layout of a large edition without inconsistency, drop placement.
import { describe, it, expect } from 'vitest';
import {
  autoLayout, continueStory, continueStoryFitted, dropRect, layoutEdition, newEdition, placeStory, storyTitle, type ModuleLayout,
} from '../../src/lib/layout';
import type { Edition, Story } from '../../src/lib/model/edition';
import { translate } from '../../src/lib/i18n/catalog';
import { FixedWidthTypesetter, block, makeStory, para } from './layout-helpers';

const HAN = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈';
function text(n: number, seed = 0): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HAN[(i * 7 + seed) % HAN.length];
  return s;
}
const setup = (stories: Story[], pages = 3): Edition => newEdition({ stories, language: 'zh', pages, date: '2022-01-08' });
const depths = (m: ModuleLayout) => m.columns.map((c) => c.filter((l) => l.role !== 'jump_line').length);
const jumpLine = (page: number) => ({ type: 'jump_line', attrs: { direction: 'continuedTo', page } });

describe('jump lines carried by the source', () => {
  const story = makeStory('s', [block('headline', '学思践悟'), para(text(400)), jumpLine(2)]);

  it('are not flowed, not listed as jumps, and are reported as info when the layout does not continue the story', () => {
    // The module as deep as its text (a deeper one would be reported as underfilled).
    const ts = new FixedWidthTypesetter();
    const placed = (lines: number) => placeStory(setup([story]), 'page-1', 's', { column: 0, span: 4, line: 20, lines })!;
    let lines = 4;
    while (layoutEdition(placed(lines), ts).problems.some((p) => p.kind === 'overset')) lines++;
    const layout = layoutEdition(placed(lines), ts);
    const m = layout.pages[0].modules[0];
    expect(m.jumps).toEqual([]);
    expect(m.columns.flat().some((l) => l.text.includes('转'))).toBe(false);
    expect(layout.problems).toHaveLength(1);
    const p = layout.problems[0];
    expect(p).toMatchObject({ kind: 'source-jump', level: 'info', storyId: 's', page: 1, params: { target: 2, title: '学思践悟' } });
    expect(p.code).toBe('problem.source-jump');
    expect(translate('zh', p.code, p.params)).toContain('第2版');
    expect(translate('zh', p.code, p.params)).toContain('学思践悟');
    expect(translate('en', p.code, p.params)).toContain('continued on page 2 in the source');
  });

  it('are replaced silently by the generated jump lines when the layout continues the story', () => {
    let ed = placeStory(setup([story]), 'page-1', 's', { column: 0, span: 2, line: 20, lines: 8 })!;
    ed = continueStory(ed, ed.pages[0].placements[0].id, 2)!;
    const layout = layoutEdition(ed, new FixedWidthTypesetter());
    expect(layout.problems.filter((p) => p.kind === 'source-jump')).toEqual([]);
    expect(layout.pages[0].modules[0].jumps.map((j) => j.text)).toEqual(['（下转第2版）']);
  });
});

describe('problems in both UI languages', () => {
  it('carry kind, params and a code the catalog words in zh and en', () => {
    const story = makeStory('s', [para(text(1000))]);
    const ed = placeStory(setup([story]), 'page-2', 's', { column: 0, span: 2, line: 0, lines: 10 })!;
    const [p] = layoutEdition(ed, new FixedWidthTypesetter()).problems;
    expect(p.kind).toBe('overset');
    expect(p.level).toBe('error');
    expect(p.params).toMatchObject({ page: 2, lines: 58, chars: 742 });
    expect(p.code).toBe('problem.overset');
    expect(translate('zh', p.code, p.params)).toBe('第2版：超出 58 行（742 字）未排完');
    expect(translate('en', p.code, p.params)).toBe('page 2: 58 lines (742 characters) overset');
  });
});

describe('headline group taller than its module', () => {
  const story = makeStory('h', [block('kicker', '引题'), block('headline', text(60)), block('subtitle', text(40)), para(text(600))]);

  it('is reported and marked clipped after a manual resize', () => {
    const ed = placeStory(setup([story]), 'page-2', 'h', { column: 0, span: 2, line: 0, lines: 3 })!;
    const layout = layoutEdition(ed, new FixedWidthTypesetter());
    const m = layout.pages[1].modules[0];
    expect(m.headClipped?.need).toBeGreaterThan(3);
    expect(layout.problems.map((p) => p.kind)).toContain('headline-clipped');
  });

  it('never happens after auto-layout: every headline line lies inside its module', () => {
    const stories = Array.from({ length: 8 }, (_, i) =>
      makeStory(`t${i}`, [block('kicker', text(20, i)), block('headline', text(50, i)), block('subtitle', text(30, i)), para(text(300 + 200 * i, i))], i + 1),
    );
    const ts = new FixedWidthTypesetter();
    const layout = layoutEdition(autoLayout(setup(stories, 1), ts), ts);
    for (const p of layout.pages)
      for (const m of p.modules) {
        expect(m.headClipped).toBeUndefined();
        for (const l of m.headline) expect(l.y).toBeLessThanOrEqual(m.rect.y + m.rect.height);
      }
  });
});

describe('balanced columns', () => {
  it('spread a story that ends in its module evenly, the last column at most one line shorter', () => {
    // 10 lines of text in a 4-column module 20 lines deep: greedy filling gave 10, 0, 0, 0.
    const story = makeStory('b', [para(text(11 + 9 * 13))]);
    const ed = placeStory(setup([story]), 'page-2', 'b', { column: 0, span: 4, line: 0, lines: 20 })!;
    const m = layoutEdition(ed, new FixedWidthTypesetter()).pages[1].modules[0];
    expect(depths(m)).toEqual([3, 3, 2, 2]);
    expect(m.columns.flat().map((l) => l.text).join('')).toBe(text(11 + 9 * 13));
  });

  it('give a short story alone on a page only the columns it can fill (no empty column)', () => {
    const ts = new FixedWidthTypesetter();
    const layout = layoutEdition(autoLayout(setup([makeStory('a', [block('headline', '短讯'), para(text(40))])], 1), ts), ts);
    const m = layout.pages[0].modules[0];
    for (const d of depths(m)) expect(d).toBeGreaterThan(0);
  });
});

describe('auto-layout of a large edition', () => {
  it('places 24 stories over as many pages as needed with zero problems besides source-jump notes', () => {
    const stories = Array.from({ length: 24 }, (_, i) => {
      const paras = Array.from({ length: 1 + (i * 5) % 9 }, (_, k) => para(text(120 + ((i * 37 + k * 53) % 400), i + k)));
      const head = [block('headline', text(8 + ((i * 11) % 40), i))];
      if (i % 4 === 1) head.unshift(block('kicker', text(16, i)));
      if (i % 3 === 0) head.push(block('subtitle', text(24, i)));
      return makeStory(`x${i}`, [...head, ...paras, ...(i % 5 === 0 ? [jumpLine(3)] : [])], 1 + (i % 7));
    });
    const ts = new FixedWidthTypesetter();
    const ed = autoLayout(setup(stories, 1), ts);
    const layout = layoutEdition(ed, ts);
    expect(layout.problems.filter((p) => p.kind !== 'source-jump')).toEqual([]);
    expect(layout.unplaced).toEqual([]);
    expect(layout.pages.length).toBeGreaterThanOrEqual(2);
    for (const p of layout.pages) for (const m of p.modules) expect(m.headClipped).toBeUndefined();
  });
});

describe('dropping a story on the page', () => {
  it('takes the free area around the drop cell, sized to the text, not a tiny module at the cell', () => {
    const filler = makeStory('f', [para(text(10))]);
    // Page 2 full but for a hole of 3 columns × 20 lines at column 2, line 30.
    let ed = setup([filler]);
    const page = ed.pages[1];
    const rects = [
      { column: 0, span: 8, line: 0, lines: 30 },
      { column: 0, span: 2, line: 30, lines: 20 },
      { column: 5, span: 3, line: 30, lines: 20 },
      { column: 0, span: 8, line: 50, lines: page.grid ? 200 : 0 },
    ];
    ed = {
      ...ed,
      pages: ed.pages.map((p, i) => (i === 1 ? { ...p, placements: rects.map((r, k) => ({ id: `f:${k}`, storyId: 'f', part: k + 1, ...r })) } : p)),
    };
    // The text needs 60 column-lines: 20 lines at 3 columns, 30 at 2.
    const need = (span: number) => Math.ceil(60 / span);
    const rect = dropRect(ed.pages[1], { column: 3, line: 40 }, need);
    expect(rect).toEqual({ column: 2, span: 3, line: 30, lines: 20 });
  });
});

describe('转版 from the desk', () => {
  it('sizes the continuation to the rest of the text: no empty column, no hole below it', () => {
    const story = makeStory('c', [block('headline', '第九次全国职工队伍状况调查'), ...Array.from({ length: 6 }, (_, i) => para(text(150, i)))]);
    let ed = placeStory(setup([story]), 'page-1', 'c', { column: 0, span: 2, line: 20, lines: 12 })!;
    const ts = new FixedWidthTypesetter();
    ed = continueStoryFitted(ed, ed.pages[0].placements[0].id, 2, ts)!;
    const layout = layoutEdition(ed, ts);
    expect(layout.problems).toEqual([]);
    const cont = layout.pages[1].modules[0];
    expect(cont.part).toBe(2);
    const d = depths(cont);
    for (const n of d) expect(n).toBeGreaterThan(0);
    expect(Math.max(...d) - Math.min(...d)).toBeLessThanOrEqual(1);
    // The module ends with its text: the deepest column reaches the module's last grid line.
    const lastBaseline = Math.max(...cont.columns.flat().map((l) => l.y));
    expect(cont.rect.y + cont.rect.height - lastBaseline).toBeLessThan(13.5);
  });

  it('refuses to continue a part that already continues (its rest flows into the next part)', () => {
    const story = makeStory('c', [block('headline', '第九次全国职工队伍状况调查'), ...Array.from({ length: 6 }, (_, i) => para(text(150, i)))]);
    let ed = placeStory(setup([story]), 'page-1', 'c', { column: 0, span: 2, line: 20, lines: 12 })!;
    const ts = new FixedWidthTypesetter();
    ed = continueStoryFitted(ed, ed.pages[0].placements[0].id, 2, ts)!;
    expect(continueStoryFitted(ed, ed.pages[0].placements[0].id, 2, ts)).toBeNull();
    expect(continueStoryFitted(ed, ed.pages[0].placements[0].id, 3, ts)).toBeNull();
    expect(layoutEdition(ed, ts).problems).toEqual([]);
  });
});

describe('story titles', () => {
  it('name a story without a headline by its first words', () => {
    const headed = makeStory('h', [block('headline', '西安：保障生活物资供应'), para('为全力做好居民生活物资供应。')]);
    const headless = makeStory('x', [para('The House committee on banking and currency met today to hear the bankers.')]);
    expect(storyTitle(headed.doc)).toBe('西安：保障生活物资供应');
    expect(storyTitle(headless.doc)).toBe('The House commit…');
  });
});
