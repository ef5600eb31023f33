import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { LayoutCache, autoLayout, gridMetrics, layoutEdition, newEdition, photoBounds, photoDepth, placeStory, type ModuleLayout } from '../../src/lib/layout';
import { importText, storiesFromImport } from '../../src/lib/import';
import { Typesetter } from '../../src/lib/typeset';
import { FixedWidthTypesetter, block, makeStory, para } from './layout-helpers';

// A photo box is kept between a 6:1 strip and a 4:5 portrait of its width; the text around it takes the rest.
const HAN = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈';
const text = (n: number, seed = 0) => Array.from({ length: n }, (_, i) => HAN[(i * 7 + seed) % HAN.length]).join('');
const L = 13.5;

/** The box's depth in grid lines, and the bounds its width allows. */
function boxOf(m: ModuleLayout) {
  return { lines: Math.round(m.photo!.rect.height / L), ...photoBounds(m.photo!.rect.width, L) };
}

describe('photo box depth', () => {
  it('is what the text leaves, kept between the strip and the portrait of its width', () => {
    const b = photoBounds(600, L); // 600 pt wide: at least 100 pt (8 lines), at most 750 pt (55 lines)
    expect(b).toEqual({ least: 8, most: 55 });
    expect(photoDepth(b, 40, 20)).toBe(20); // the text leaves 20 lines: the box takes them
    expect(photoDepth(b, 40, 35)).toBe(8); // the text wants more than the box can give up: the box keeps its least
    expect(photoDepth(b, 90, 10)).toBe(55); // a deep module: the box stops at the portrait, the text fills the rest
    expect(photoDepth(b, 6, 0)).toBe(6); // a module too shallow even for the least box: as deep as it has room
    expect(photoDepth(b, -2, 0)).toBe(0);
  });

  // Real pages (People's Daily web edition, see tests/fixtures/layout-cases/README.md) laid out as the CLI does.
  const laidOut = (file: string) => {
    const result = importText(readFileSync(`tests/fixtures/layout-cases/${file}`, 'utf8'));
    const ts = new Typesetter();
    const cache = new LayoutCache();
    const ed = autoLayout(newEdition({ stories: storiesFromImport(result), language: result.language, grid: 'duikai' }), ts, {}, cache);
    return layoutEdition(ed, ts, cache);
  };

  it('a photo story of a caption alone gets a module deep enough for its box (not a caption under a zero-height box)', () => {
    const laid = laidOut('photo-caption-only.txt');
    const photos = laid.pages.flatMap((p) => p.modules).filter((m) => m.photo);
    expect(photos).toHaveLength(1);
    const box = boxOf(photos[0]);
    expect(box.lines).toBeGreaterThanOrEqual(box.least);
    expect(box.lines).toBeLessThanOrEqual(box.most);
    expect(laid.problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  it('on a last page a photo story is fitted, not stretched into a box the page deep', () => {
    const laid = laidOut('photo-last-page.txt');
    const photos = laid.pages.flatMap((p) => p.modules).filter((m) => m.photo);
    expect(photos).toHaveLength(1);
    const box = boxOf(photos[0]);
    expect(box.lines).toBeGreaterThanOrEqual(box.least);
    expect(box.lines).toBeLessThanOrEqual(box.most);
    expect(photos[0].overset.chars).toBe(0);
    expect(laid.problems.filter((p) => p.level === 'error')).toEqual([]);
  });

  it('a module a person drew too shallow keeps the least box and shows the text it cannot hold as overset', () => {
    const story = makeStory('s', [block('headline', '图片新闻'), para(text(450)), block('caption', '图为一景。')]);
    const ed = placeStory(newEdition({ stories: [story], language: 'zh', pages: 2, date: '2022-01-08' }), 'page-2', 's', { column: 0, span: 2, line: 0, lines: 20 })!;
    const m = layoutEdition(ed, new FixedWidthTypesetter()).pages[1].modules[0];
    const box = boxOf(m)
    expect(box.lines).toBe(box.least);
    expect(m.overset.chars).toBeGreaterThan(0);
    expect(gridMetrics(ed.pages[1].grid).leadingPt).toBe(L);
  });
});
