// Auto-layout as a desk signs it off: every page but the last covered by
// modules to the foot (no empty column, no hole), no headline clipped, nothing
// overset, the lead on top of page 1 under the biggest headline, the same page
// for the same input, and a person's pinned modules left where they are.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { autoLayout, layoutEdition, newEdition, LayoutCache, type EditionLayout, type PageLayout } from '../../src/lib/layout';
import { HOUSE_HEADLINE_SCALE, headlineSize } from '../../src/lib/typeset/styles';
import { Typesetter } from '../../src/lib/typeset';
import { decodeBytes, importText, storiesFromImport } from '../../src/lib/import';
import type { Edition, Story } from '../../src/lib/model/edition';
import { FixedWidthTypesetter, block, makeStory, para } from './layout-helpers';

const HAN = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈';
function text(n: number, seed = 0): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HAN[(i * 7 + seed) % HAN.length];
  return s;
}

/** 24 stories of 1 to 9 paragraphs, some with kicker or subtitle, priorities 1 to 7. */
function edition24(): Edition {
  const stories = Array.from({ length: 24 }, (_, i) => {
    const paras = Array.from({ length: 1 + ((i * 5) % 9) }, (_, k) => para(text(120 + ((i * 37 + k * 53) % 400), i + k)));
    const head = [block('headline', text(8 + ((i * 11) % 40), i))];
    if (i % 4 === 1) head.unshift(block('kicker', text(16, i)));
    if (i % 3 === 0) head.push(block('subtitle', text(24, i)));
    return makeStory(`x${i}`, [...head, ...paras], 1 + (i % 7));
  });
  return newEdition({ stories, language: 'zh', date: '2022-01-08' });
}

/** Share of the page's grid covered by modules (the masthead counts as covered). */
function coverage(p: PageLayout): number {
  const cells = new Set<string>();
  for (const m of p.modules)
    for (let c = m.grid.column; c < m.grid.column + m.grid.span; c++) for (let l = m.grid.line; l < m.grid.line + m.grid.lines; l++) cells.add(`${c},${l}`);
  return (cells.size + (p.masthead?.lines ?? 0) * p.metrics.columns) / (p.metrics.columns * p.metrics.linesPerColumn);
}

/** Columns of a page with no module cell at all. */
function emptyColumns(p: PageLayout): number[] {
  return Array.from({ length: p.metrics.columns }, (_, c) => c).filter((c) => !p.modules.some((m) => c >= m.grid.column && c < m.grid.column + m.grid.span));
}

function expectSignedOff(layout: EditionLayout, ed: Edition): void {
  expect(layout.problems.filter((p) => p.level === 'error')).toEqual([]);
  expect(layout.unplaced).toEqual([]);
  for (const p of layout.pages.slice(0, -1)) {
    expect(coverage(p), `page ${p.number} coverage`).toBeGreaterThanOrEqual(0.95);
    expect(emptyColumns(p), `page ${p.number} empty columns`).toEqual([]);
  }
  for (const p of layout.pages) for (const m of p.modules) {
    expect(m.headClipped).toBeUndefined();
    expect(m.overset.chars).toBe(0);
  }
  // The lead: on page 1, at the top of the type area, its headline the biggest on the page.
  const lead = [...ed.stories].sort((a, b) => a.meta.priority - b.meta.priority)[0];
  const page1 = layout.pages[0];
  const leadModule = page1.modules.find((m) => m.storyId === lead.id && m.part === 1)!;
  expect(leadModule).toBeDefined();
  expect(leadModule.grid.line).toBe(page1.masthead?.lines ?? 0);
  const size = (m: (typeof page1.modules)[number]) => Math.max(0, ...m.headline.filter((l) => l.role === 'headline').map((l) => l.style.sizePt));
  for (const m of page1.modules) if (m !== leadModule) expect(size(m)).toBeLessThanOrEqual(size(leadModule));
}

describe('auto-layout of a 24-story edition', () => {
  const ts = new FixedWidthTypesetter();
  const ed = autoLayout(edition24(), ts);
  const layout = layoutEdition(ed, ts);

  it('covers every page but the last, with no empty column, nothing clipped or overset, the lead on top', () => {
    expect(layout.pages.length).toBeGreaterThanOrEqual(3);
    expectSignedOff(layout, ed);
  });

  it('is the same edition for the same input', () => {
    expect(autoLayout(edition24(), new FixedWidthTypesetter())).toEqual(ed);
  });

  it('leaves pinned modules (and their stories) where a person put them and fills around them', () => {
    const base = edition24();
    const pinned = { id: 'x5:1', storyId: 'x5', part: 1, column: 2, span: 3, line: 20, lines: 40, pinned: true };
    const withPin: Edition = { ...base, pages: [...base.pages, { id: 'page-2', number: 2, grid: base.pages[0].grid, placements: [pinned] }] };
    const out = autoLayout(withPin, ts);
    const page2 = out.pages[1];
    expect(page2.placements.find((p) => p.id === 'x5:1')).toEqual(pinned);
    expect(out.pages.flatMap((p) => p.placements).filter((p) => p.storyId === 'x5')).toEqual([pinned]);
    const laid = layoutEdition(out, ts);
    expect(laid.problems.filter((p) => p.kind === 'overlap' || p.kind === 'off-grid')).toEqual([]);
    expect(laid.unplaced).toEqual([]);
  });
});

describe('auto-layout of real pages (the paper the desk sets)', () => {
  const ts = new Typesetter();
  // subhead-short-column: a lead whose subhead, kept off a column's foot, left a column 3 lines short at its fitted
  // depth; the lead then stood nowhere and page 1 was set with the empty-lines rule waived (underfilled).
  for (const name of ['layout/rmrb-20200103-01.txt', 'layout/rmrb-20200110-02.txt', 'layout/four-pages.txt', 'layout-cases/subhead-short-column.txt']) {
    it(`signs off ${name}`, () => {
      const src = importText(decodeBytes(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))).text);
      const ed = autoLayout(newEdition({ stories: storiesFromImport(src), language: src.language, date: '2020-01-03' }), ts, {}, new LayoutCache());
      expectSignedOff(layoutEdition(ed, ts), ed);
    });
  }
});

describe('headline scale', () => {
  const story = (priority: number): Story => makeStory(`p${priority}`, [block('kicker', '引题引题'), block('headline', '主题'), block('subtitle', '副题副题'), para(text(300))], priority);
  const sizes = (ed: Edition) => {
    const m = layoutEdition(ed, new FixedWidthTypesetter()).pages[1].modules[0];
    return Object.fromEntries(m.headline.map((l) => [l.role, l.style.sizePt]));
  };
  const place = (s: Story, headlines?: NonNullable<Edition['typography']>['headlines']): Edition => {
    const ed = newEdition({ stories: [s], language: 'zh', pages: 2, date: '2022-01-08' });
    const page = ed.pages[1];
    return { ...ed, typography: headlines && { headlines }, pages: [ed.pages[0], { ...page, placements: [{ id: 'a', storyId: s.id, part: 1, column: 0, span: 4, line: 0, lines: 40 }] }] };
  };

  it('sizes a headline by width and priority, the lead a step above, briefs a step below', () => {
    expect(sizes(place(story(1))).headline).toBe(32.5); // four columns: 26 pt × 1.25
    expect(sizes(place(story(2))).headline).toBe(26);
    expect(sizes(place(story(6))).headline).toBe(22.1); // 26 pt × 0.85
    expect(headlineSize(HOUSE_HEADLINE_SCALE, 8, 1)).toBeGreaterThan(headlineSize(HOUSE_HEADLINE_SCALE, 8, 2));
  });

  it('takes an edition’s sizes and 引题/副题 ratios over the house scale', () => {
    const s = sizes(place(story(2), { bySpanPt: [20, 20, 24, 28, 32, 36, 40], kickerRatio: 0.5, subtitleRatio: 0.6 }));
    expect(s.headline).toBe(32);
    expect(s.kicker).toBe(16);
    expect(s.subtitle).toBe(19.2);
  });
});

describe('a story no page holds as it stands', () => {
  // An English page read as Chinese copy (unindented lines are headlines in a print dump) gave a story of some
  // seventy headline lines: it fitted no page, and auto-layout made 120 empty pages with nothing on them.
  const other = makeStory('after', [block('headline', text(12, 3)), ...Array.from({ length: 6 }, (_, k) => para(text(300, k)))], 2);
  const tall = (n: number) => makeStory('tall', [...Array.from({ length: n }, (_, k) => block('headline', text(30, k))), para(text(400))], 1);

  it('sets a headline group deeper than the page smaller, down to the body size, and places the stories after it', () => {
    const ts = new FixedWidthTypesetter();
    const ed = autoLayout(newEdition({ stories: [tall(60), other], language: 'zh', date: '2022-01-08' }), ts, {}, new LayoutCache());
    const laid = layoutEdition(ed, ts);
    expect(laid.unplaced).toEqual([]);
    expect(laid.pages.length).toBeLessThanOrEqual(3);
    expect(laid.problems.filter((p) => p.level === 'error')).toEqual([]);
    const m = laid.pages[0].modules.find((x) => x.storyId === 'tall')!;
    expect(m.headClipped).toBeUndefined();
    const size = m.headline.find((l) => l.role === 'headline')!.style.sizePt;
    expect(size).toBeLessThan(headlineSize(HOUSE_HEADLINE_SCALE, m.grid.span, 1));
  });

  it('leaves a story it cannot place at any size unplaced rather than stop the edition', () => {
    const ts = new FixedWidthTypesetter();
    const ed = autoLayout(newEdition({ stories: [tall(400), other], language: 'zh', date: '2022-01-08' }), ts, {}, new LayoutCache());
    const laid = layoutEdition(ed, ts);
    expect(laid.unplaced).toEqual(['tall']);
    expect(laid.pages.length).toBeLessThanOrEqual(2);
    expect(laid.pages.flatMap((p) => p.modules).some((x) => x.storyId === 'after')).toBe(true);
  });
});
