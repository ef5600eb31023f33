// The free-room index auto-layout fills pages with (PageRoom: free runs per
// column, updated as modules are placed) against the grid scan it replaced
// (the free-cell grid of the page, scanned whole for every story): for any
// modules on any grid, the same next spot and the same free runs. And the
// rules it serves: a module's columns end at most two lines short (the
// empty-lines rule, reported as 'underfilled'), no story continues on the page
// it starts on, and auto-layout keeps both and is the same for the same input.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  PageRoom, MAX_EMPTY_LINES, autoLayout, continueStory, freeCells, freeColumnRuns, gridPreset, layoutEdition, mastheadLines, gridMetrics, newEdition, placeStory, reservedTop,
  type GridRect,
} from '../../src/lib/layout';
import type { Edition, Page } from '../../src/lib/model/edition';
import { FixedWidthTypesetter, block, makeStory, para } from './layout-helpers';

/** The old scan: the first free spot of a page, top first then left, from its free-cell grid. */
function scanFirstSpot(free: boolean[][], columns: number): { column: number; width: number; line: number; room: number } | null {
  const lines = free.length;
  const topOf = (c: number) => {
    for (let l = 0; l < lines; l++) if (free[l][c]) return l;
    return lines;
  };
  const tops = Array.from({ length: columns }, (_, c) => topOf(c));
  let column = -1;
  for (let c = 0; c < columns; c++) if (tops[c] < lines && (column < 0 || tops[c] < tops[column])) column = c;
  if (column < 0) return null;
  const line = tops[column];
  let width = 0;
  while (column + width < columns && tops[column + width] === line) width++;
  let room = 0;
  while (line + room < lines && free[line + room].slice(column, column + width).every(Boolean)) room++;
  return { column, width, line, room };
}

const grid = { ...gridPreset('duikai'), columns: 6 };
const L = gridMetrics(grid).linesPerColumn;

/** Modules that do not overlap (each one kept only if it clears those before it). */
const rects = fc.array(
  fc.record({ column: fc.integer({ min: 0, max: 5 }), span: fc.integer({ min: 1, max: 6 }), line: fc.integer({ min: 0, max: L - 1 }), lines: fc.integer({ min: 1, max: 60 }) }),
  { maxLength: 14 },
);

function pageWith(number: number, taken: GridRect[]): Page {
  const placements: Page['placements'] = [];
  for (const r of taken) {
    const rect = { ...r, span: Math.min(r.span, 6 - r.column), lines: Math.min(r.lines, L - r.line) };
    const clash = placements.some((p) => p.column < rect.column + rect.span && rect.column < p.column + p.span && p.line < rect.line + rect.lines && rect.line < p.line + p.lines);
    if (!clash) placements.push({ id: `m${placements.length}`, storyId: `s${placements.length}`, part: 1, ...rect });
  }
  return { id: `page-${number}`, number, grid, placements };
}

describe('the free-room index (PageRoom)', () => {
  it('finds the same next spot and free runs as a scan of the free-cell grid, for any modules on the page', () => {
    fc.assert(
      fc.property(rects, fc.integer({ min: 1, max: 2 }), (taken, number) => {
        const page = pageWith(number, taken);
        const m = gridMetrics(grid);
        const room = new PageRoom(m.columns, m.linesPerColumn, reservedTop(page, m), page.placements);
        const free = freeCells(page);
        expect(room.firstSpot()).toEqual(scanFirstSpot(free, m.columns));
        expect(Array.from({ length: m.columns }, (_, c) => room.runsOf(c)).flat()).toEqual(freeColumnRuns(page));
        expect(room.free).toBe(free.flat().filter(Boolean).length);
      }),
      { numRuns: 200, seed: 1208 },
    );
  });

  it('stays equal to the scan as modules are placed one by one in its spots (the way auto-layout fills a page)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ span: fc.integer({ min: 1, max: 6 }), lines: fc.integer({ min: 1, max: 50 }) }), { maxLength: 30 }), (sizes) => {
        const m = gridMetrics(grid);
        let page: Page = { id: 'page-1', number: 1, grid, placements: [] };
        const room = new PageRoom(m.columns, m.linesPerColumn, reservedTop(page, m));
        sizes.forEach((size, i) => {
          const spot = room.firstSpot();
          expect(spot).toEqual(scanFirstSpot(freeCells(page), m.columns));
          if (!spot) return;
          const rect = { column: spot.column, line: spot.line, span: Math.min(size.span, spot.width), lines: Math.min(size.lines, spot.room) };
          room.take(rect);
          page = { ...page, placements: [...page.placements, { id: `m${i}`, storyId: `s${i}`, part: 1, ...rect }] };
        });
        expect(room.firstSpot()).toEqual(scanFirstSpot(freeCells(page), m.columns));
      }),
      { numRuns: 200, seed: 1209 },
    );
  });

  it('widens a spot over the columns beside it free a few lines lower, and names the strip lost above them', () => {
    const room = new PageRoom(4, 100, 0, [{ column: 0, span: 1, line: 0, lines: 10 }, { column: 2, span: 2, line: 0, lines: 14 }]);
    const spot = room.firstSpot()!;
    expect(spot).toEqual({ column: 1, width: 1, line: 0, room: 100 });
    const wide = room.widened(spot, 20)!;
    expect(wide.spot).toEqual({ column: 0, width: 4, line: 14, room: 86 });
    expect(wide.strip).toEqual([
      { column: 0, span: 1, line: 10, lines: 4 },
      { column: 1, span: 1, line: 0, lines: 14 },
    ]);
    expect(room.widened(spot, 5)).toEqual(null);
  });
});

const HAN = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈';
function text(n: number, seed = 0): string {
  let s = '';
  for (let i = 0; i < n; i++) s += HAN[(i * 7 + seed) % HAN.length];
  return s;
}

describe('the empty-lines rule', () => {
  const story = makeStory('s', [block('headline', '短讯'), para(text(200)), para(text(150, 1))], 3);
  const ed = newEdition({ stories: [story], language: 'zh', pages: 2, date: '2022-01-08' });
  const ts = new FixedWidthTypesetter();
  const layoutAt = (lines: number) => layoutEdition(placeStory(ed, 'page-2', 's', { column: 0, span: 2, line: 0, lines })!, ts);

  it('reports a module whose columns end more than two lines short as underfilled, naming the column and the lines', () => {
    let fit = 3;
    while (layoutAt(fit).problems.some((p) => p.kind === 'overset')) fit++;
    expect(layoutAt(fit).problems).toEqual([]);
    expect(layoutAt(fit + 1).problems.filter((p) => p.kind === 'underfilled')).toEqual([]);
    const loose = layoutAt(fit + 6);
    const found = loose.problems.filter((p) => p.kind === 'underfilled');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ level: 'error', page: 2, storyId: 's', code: 'problem.underfilled' });
    expect(Number(found[0].params.lines)).toBeGreaterThan(MAX_EMPTY_LINES);
    expect(loose.pages[1].modules[0].emptyLines).toContain(Number(found[0].params.lines));
  });

  it('reports a story continued on the page it starts on', () => {
    const M = mastheadLines(gridMetrics(ed.pages[0].grid));
    const one = placeStory(ed, 'page-1', 's', { column: 0, span: 2, line: M, lines: 8 })!;
    const same = continueStory(one, 's:1', 1, { span: 2, lines: 10 })!;
    const kinds = layoutEdition(same, ts).problems.map((p) => p.kind);
    expect(kinds).toContain('jump-same-page');
    const other = continueStory(one, 's:1', 2, { span: 2, lines: 10 })!;
    expect(layoutEdition(other, ts).problems.map((p) => p.kind)).not.toContain('jump-same-page');
  });
});

describe('auto-layout keeps the rules', () => {
  /** 30 stories of 1 to 11 paragraphs, some with kicker or subtitle. */
  function edition30(): Edition {
    const stories = Array.from({ length: 30 }, (_, i) => {
      const paras = Array.from({ length: 1 + ((i * 7) % 11) }, (_, k) => para(text(100 + ((i * 41 + k * 67) % 500), i + k)));
      const head = [block('headline', text(6 + ((i * 13) % 30), i))];
      if (i % 5 === 2) head.unshift(block('kicker', text(14, i)));
      if (i % 4 === 0) head.push(block('subtitle', text(20, i)));
      return makeStory(`y${i}`, [...head, ...paras], 1 + (i % 6));
    });
    return newEdition({ stories, language: 'zh', date: '2022-01-08' });
  }

  it('fills every module (no column more than two lines short) and continues no story on its own page', () => {
    const ts = new FixedWidthTypesetter();
    const ed = autoLayout(edition30(), ts);
    const layout = layoutEdition(ed, ts);
    expect(layout.pages.length).toBeGreaterThan(2);
    expect(layout.problems.filter((p) => p.level === 'error')).toEqual([]);
    for (const m of layout.pages.flatMap((p) => p.modules)) expect(Math.max(...(m.emptyLines ?? [0]))).toBeLessThanOrEqual(MAX_EMPTY_LINES);
    const pageOf = new Map(layout.pages.flatMap((p) => p.modules.map((m) => [`${m.storyId}#${m.part}`, p.number] as const)));
    for (const [key, page] of pageOf) {
      const [id, part] = key.split('#');
      if (Number(part) > 1) expect(page).toBeGreaterThan(pageOf.get(`${id}#${Number(part) - 1}`)!);
    }
  });

  it('is the same edition for the same input, whatever the caches hold', () => {
    const ts = new FixedWidthTypesetter();
    const first = autoLayout(edition30(), ts);
    expect(autoLayout(edition30(), ts)).toEqual(first);
    expect(autoLayout(edition30(), new FixedWidthTypesetter())).toEqual(first);
  });
});
