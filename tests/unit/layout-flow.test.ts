import { describe, it, expect } from 'vitest';
import {
  autoLayout, checkEdition, continueStory, freeCells, freeRects, gridMetrics, layoutEdition, mastheadLines, moveModule, movePage, newEdition, placeStory,
  relayoutPage, resizeModule, LayoutCache, updateModule, type EditionLayout, type ModuleLayout,
} from '../../src/lib/layout';
import type { Edition, Story } from '../../src/lib/model/edition';
import { FixedWidthTypesetter, block, makeStory, para } from './layout-helpers';

// The fixed-width line source sets 13 characters a line in a 13-em column; a paragraph's first line holds 11 (2 em indent).
const HAN = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈';
function text(n: number, seed = 0): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HAN[(i * 7 + seed) % HAN.length];
  return s;
}

const bodyText = (m: ModuleLayout) => m.columns.flat().filter((l) => l.role !== 'jump_line').map((l) => l.text).join('');

function setup(stories: Story[], pages = 3): Edition {
  return newEdition({ stories, language: 'zh', pages, date: '2022-01-08' });
}

describe('flow inside a module', () => {
  it('fills columns in order and counts the overset', () => {
    const story = makeStory('s', [para(text(1000))]);
    const ed = placeStory(setup([story]), 'page-2', 's', { column: 0, span: 2, line: 0, lines: 10 })!;
    const ts = new FixedWidthTypesetter();
    const layout = layoutEdition(ed, ts);
    const m = layout.pages[1].modules[0];
    expect(m.headline).toHaveLength(0);
    expect(m.columns.map((c) => c.length)).toEqual([10, 10]);
    // Column 1 before column 2, lines in reading order, each on the next grid line.
    expect(bodyText(m)).toBe(text(1000).slice(0, 11 + 19 * 13));
    const col = m.columns[0];
    for (let i = 1; i < col.length; i++) expect(col[i].y - col[i - 1].y).toBeCloseTo(13.5, 9);
    expect(m.columns[1][0].x - m.columns[0][0].x).toBeCloseTo(gridMetrics(ed.pages[1].grid).columnWidthPt + gridMetrics(ed.pages[1].grid).gutterPt, 9);
    expect(m.overset.chars).toBe(1000 - 258);
    expect(m.overset.lines).toBe(Math.ceil((1000 - 258) / 13));
    expect(layout.problems.map((p) => p.kind)).toEqual(['overset']);
  });

  it('puts the headline group across the module, on whole grid lines, sized by span and priority', () => {
    const story = makeStory('s', [block('kicker', '引题'), block('headline', '主题'), para(text(40))]);
    let ed = placeStory(setup([story]), 'page-2', 's', { column: 1, span: 3, line: 4, lines: 20 })!;
    const ts = new FixedWidthTypesetter();
    const m = layoutEdition(ed, ts).pages[1].modules[0];
    expect(m.headline.map((l) => l.role)).toEqual(['kicker', 'headline']);
    // Three columns set a 22 pt headline; this story is the lead (priority 1), a step above: 22 × 1.25.
    expect(story.meta.priority).toBe(1);
    expect(m.headline[1].style.sizePt).toBe(27.5);
    expect(m.headline[1].measure).toBeCloseTo(m.rect.width, 9);
    expect(m.headline[0].x).toBeCloseTo(m.rect.x, 9);
    // Body starts on a grid line below the headline group.
    const first = m.columns[0][0];
    const slot = (first.y - m.rect.y - (13.5 - 9) / 2 - 0.88 * 9) / 13.5;
    expect(slot).toBeCloseTo(Math.round(slot), 9);
    expect(first.y).toBeGreaterThan(m.headline[1].y);
    ed = updateModule(ed, 's:1', { headlineSizePt: 30 })!;
    expect(layoutEdition(ed, ts).pages[1].modules[0].headline[1].style.sizePt).toBe(30);
  });

  it('does not flow imported jump lines and keeps a subhead with its text', () => {
    // 5 lines of paragraph, then a subhead (2 grid lines) that would end column 1 of a 7-line module.
    const story = makeStory('s', [
      para(text(11 + 4 * 13)),
      block('subhead', '小标题'),
      para(text(50, 3)),
      { type: 'jump_line', attrs: { direction: 'continuedTo', page: 2 } },
    ]);
    const ed = placeStory(setup([story]), 'page-2', 's', { column: 0, span: 2, line: 0, lines: 7 })!;
    const m = layoutEdition(ed, new FixedWidthTypesetter()).pages[1].modules[0];
    expect(m.columns.flat().some((l) => l.text.includes('转'))).toBe(false);
    expect(m.columns[0].map((l) => l.role)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(m.columns[1][0].role).toBe('subhead');
  });

  it('does not leave a paragraph’s first line alone at the foot of a column', () => {
    const story = makeStory('s', [para(text(11 + 3 * 13)), para(text(60, 5))]);
    const ed = placeStory(setup([story]), 'page-2', 's', { column: 0, span: 2, line: 0, lines: 5 })!;
    const m = layoutEdition(ed, new FixedWidthTypesetter()).pages[1].modules[0];
    expect(m.columns[0]).toHaveLength(4);
    expect(m.columns[1][0].firstOfBlock).toBe(true);
  });

  it('does not leave a paragraph’s last line alone at the head of the next column', () => {
    const story = makeStory('s', [para(text(11 + 5 * 13)), para(text(60, 5))]);
    const ed = placeStory(setup([story]), 'page-2', 's', { column: 0, span: 2, line: 0, lines: 5 })!;
    const m = layoutEdition(ed, new FixedWidthTypesetter()).pages[1].modules[0];
    expect(m.columns[0]).toHaveLength(4);
    expect(m.columns[1].slice(0, 2).map((l) => [l.firstOfBlock, l.lastOfBlock])).toEqual([[false, false], [false, true]]);
    expect(bodyText(m)).toBe((text(11 + 5 * 13) + text(60, 5)).slice(0, bodyText(m).length));
  });

  it('reserves a photo box under the headline with the caption below it', () => {
    const story = makeStory('s', [block('headline', '图片新闻'), para(text(100)), block('caption', '图为一景。'), block('credit', '记者 摄')]);
    let ed = placeStory(setup([story]), 'page-2', 's', { column: 0, span: 4, line: 0, lines: 60 })!;
    ed = updateModule(ed, 's:1', { photoId: 'p1' })!;
    const m = layoutEdition(ed, new FixedWidthTypesetter()).pages[1].modules[0];
    expect(m.photo).toBeDefined();
    expect(m.photo!.photoId).toBe('p1');
    expect(m.photo!.rect.width).toBeCloseTo(m.rect.width, 9);
    expect(m.photo!.rect.y).toBeGreaterThan(m.headline[0].y);
    expect(m.photo!.caption.map((l) => l.text).join('')).toBe('图为一景。记者 摄');
    expect(m.photo!.caption[0].y).toBeGreaterThan(m.photo!.rect.y + m.photo!.rect.height);
    expect(m.columns[0][0].y).toBeGreaterThan(m.photo!.caption[1].y);
    expect(bodyText(m)).toBe(text(100));
    expect(m.overset.chars).toBe(0);
  });
});

describe('jumps', () => {
  const long = () => makeStory('s', [block('headline', '长篇报道'), para(text(300)), para(text(300, 1)), para(text(200, 2))]);

  function continued(): Edition {
    const M = mastheadLines(gridMetrics(setup([]).pages[0].grid));
    const ed = placeStory(setup([long()]), 'page-1', 's', { column: 0, span: 2, line: M, lines: 12 })!;
    // Part 2 three columns wide and as deep as its text (a deeper module would leave its columns short: a problem).
    for (let lines = 4; ; lines++) {
      const out = continueStory(ed, 's:1', 2, { span: 3, lines })!;
      if (!layoutEdition(out, new FixedWidthTypesetter()).problems.some((p) => p.kind === 'overset')) return out;
    }
  }

  it('starts part 2 exactly where part 1 stopped, at a new width', () => {
    const ed = continued();
    const layout = layoutEdition(ed, new FixedWidthTypesetter());
    const [p1] = layout.pages[0].modules;
    const [p2] = layout.pages[1].modules;
    expect(p1.part).toBe(1);
    expect(p2.part).toBe(2);
    expect(p2.from).toEqual(p1.to);
    expect(bodyText(p1) + bodyText(p2)).toBe(text(300) + text(300, 1) + text(200, 2));
    // Part 2 is set at 3 columns; the cut paragraph goes on without an indent.
    expect(p2.columns[0][1].runs[0].x).toBe(0);
    // It is marked continued (a flag, its role stays the paragraph's); whole paragraphs are not.
    expect(p2.columns[0][1]).toMatchObject({ role: 'paragraph', continued: true });
    expect(p1.columns[0].every((l) => !l.continued)).toBe(true);
    const next = p2.columns.flat().find((l) => l.role === 'paragraph' && l.block !== p2.columns[0][1].block)!;
    expect(next.continued).toBe(false);
    expect(p2.headline[0].text).toBe('长篇报道');
    expect(p2.headline[0].role).toBe('jump_headline');
    expect(layout.problems).toEqual([]);
  });

  it('writes the jump lines in the last line of part 1 and the first of part 2', () => {
    const layout = layoutEdition(continued(), new FixedWidthTypesetter());
    const p1 = layout.pages[0].modules[0];
    const p2 = layout.pages[1].modules[0];
    expect(p1.jumps).toEqual([{ direction: 'continuedTo', page: 2, text: '（下转第2版）' }]);
    expect(p2.jumps).toEqual([{ direction: 'continuedFrom', page: 1, text: '（上接第1版）' }]);
    const lastCol = p1.columns[p1.columns.length - 1];
    const jumpTo = lastCol[lastCol.length - 1];
    expect(jumpTo.text).toBe('（下转第2版）');
    expect(jumpTo.y).toBeCloseTo(p1.rect.y + p1.rect.height - 13.5 + (13.5 - 9) / 2 + 0.88 * 9, 9);
    expect(p2.columns[0][0].text).toBe('（上接第1版）');
  });

  it('follows the continuation to another page and the pages’ order', () => {
    let ed = continued();
    ed = moveModule(ed, 's:2', { column: 0, line: 0, pageId: 'page-3' })!;
    let layout = layoutEdition(ed, new FixedWidthTypesetter());
    expect(layout.pages[0].modules[0].jumps[0].text).toBe('（下转第3版）');
    expect(layout.pages[2].modules[0].jumps[0].text).toBe('（上接第1版）');
    ed = movePage(ed, 'page-3', 1)!;
    layout = layoutEdition(ed, new FixedWidthTypesetter());
    expect(layout.pages[0].modules[0].jumps[0].page).toBe(2);
    expect(layout.pages[1].pageId).toBe('page-3');
    expect(layout.pages[1].modules[0].jumps[0].page).toBe(1);
    expect(checkEdition(layout)).toEqual([]);
  });

  it('says it in English for an English edition', () => {
    const ed = { ...continued(), language: 'en' as const };
    const layout = layoutEdition(ed, new FixedWidthTypesetter());
    expect(layout.pages[0].modules[0].jumps[0].text).toBe('Continued on Page 2');
    expect(layout.pages[1].modules[0].jumps[0].text).toBe('Continued from Page 1');
  });

  it('flags a jump whose other end is missing or on the wrong page', () => {
    const layout = layoutEdition(continued(), new FixedWidthTypesetter());
    const missing: EditionLayout = { ...layout, pages: layout.pages.map((p, i) => (i === 1 ? { ...p, modules: [] } : p)) };
    expect(checkEdition(missing).map((p) => p.kind)).toContain('jump-missing');
    const wrong: EditionLayout = {
      ...layout,
      pages: layout.pages.map((p, i) => (i === 0 ? { ...p, modules: p.modules.map((m) => ({ ...m, jumps: m.jumps.map((j) => ({ ...j, page: 3 })) })) } : p)),
    };
    expect(checkEdition(wrong).map((p) => p.kind)).toContain('jump-wrong-page');
  });

  it('flags an overset last part and an empty continuation', () => {
    let ed = continued();
    ed = resizeModule(ed, 's:2', { span: 1, lines: 5 })!;
    const problems = layoutEdition(ed, new FixedWidthTypesetter()).problems;
    expect(problems.map((p) => p.kind)).toEqual(['overset']);
    ed = resizeModule(continued(), 's:1', { span: 8, lines: 40 })!;
    expect(layoutEdition(ed, new FixedWidthTypesetter()).problems.map((p) => p.kind)).toContain('empty-part');
  });

  it('re-lays out a page after a move without typesetting again', () => {
    const ts = new FixedWidthTypesetter();
    const cache = new LayoutCache();
    const ed = continued();
    layoutEdition(ed, ts, cache);
    const calls = ts.calls;
    const moved = moveModule(ed, 's:2', { column: 4, line: 10 })!;
    const page = relayoutPage(moved, 'page-2', ts, cache)!;
    expect(ts.calls).toBe(calls);
    const full = layoutEdition(moved, ts);
    expect(page.modules).toEqual(full.pages[1].modules);
    expect(page.modules[0].rect.x).toBeCloseTo(gridMetrics(ed.pages[1].grid).columnX[4], 9);
  });
});

describe('auto-layout with the fixed-width line source', () => {
  it('runs a story too long for page 2 on to page 3 with a second jump, nothing overset', () => {
    const stories = [
      makeStory('lead', [block('headline', '头条'), para(text(300))], 1),
      makeStory('long', [block('headline', '长文'), ...Array.from({ length: 70 }, (_, i) => para(text(400, i)))], 2),
      makeStory('short', [block('headline', '短讯'), para(text(200, 9))], 3),
    ];
    const ts = new FixedWidthTypesetter();
    const ed = autoLayout(setup(stories, 1), ts);
    const layout = layoutEdition(ed, ts);
    expect(layout.problems).toEqual([]);
    expect(layout.unplaced).toEqual([]);
    const parts = layout.pages.flatMap((p) => p.modules.filter((m) => m.storyId === 'long').map((m) => ({ page: p.number, part: m.part, m })));
    parts.sort((a, b) => a.part - b.part);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    expect(parts[0].page).toBe(1);
    expect(parts[2].page).toBe(3);
    expect(parts[1].m.jumps.map((j) => j.text)).toEqual(['（上接第1版）', '（下转第3版）']);
    expect(parts.map((p) => bodyText(p.m)).join('')).toBe(Array.from({ length: 70 }, (_, i) => text(400, i)).join(''));
    // Every page but the last is covered to 95% at least (the checker's rule), and no part continues on its own page.
    for (const page of ed.pages.slice(0, -1)) {
      const free = freeCells({ ...page, number: ed.pages.indexOf(page) + 1 }).flat().filter(Boolean).length;
      expect(free / (page.grid.columns * layout.pages[0].metrics.linesPerColumn)).toBeLessThanOrEqual(0.05);
    }
    expect(layout.problems.filter((p) => p.kind === 'jump-same-page' || p.kind === 'underfilled')).toEqual([]);
  });
});
