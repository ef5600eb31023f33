import { describe, it, expect } from 'vitest';
import {
  addPage, canPlace, continueStory, freeCells, freeRects, gridMetrics, mastheadLines, moveModule, movePage, newEdition,
  partsOf, placeStory, removeModule, removePage, resizeModule, snapRect, roomForPhoto, layoutEdition, LayoutCache,
} from '../../src/lib/layout';
import { fitLines, START } from '../../src/lib/layout/flow';
import { flowContext } from '../../src/lib/layout/context';
import { withStoryPhoto } from '../../src/lib/model/photo';
import { photoRecord } from './photo-helpers';
import type { Edition } from '../../src/lib/model/edition';
import { FixedWidthTypesetter, makeStory, para } from './layout-helpers';

function edition(pages = 2): Edition {
  const stories = ['a', 'b', 'c'].map((id, i) => makeStory(id, [para('文'.repeat(100))], i + 1));
  return newEdition({ stories, language: 'zh', pages });
}

const M = mastheadLines(gridMetrics(edition().pages[0].grid));

describe('modules on the grid', () => {
  it('places a story and refuses overlap, the masthead and the page edge', () => {
    const ed = edition();
    const p1 = ed.pages[0].id;
    const placed = placeStory(ed, p1, 'a', { column: 0, span: 3, line: M, lines: 20 })!;
    expect(placed).not.toBeNull();
    expect(ed.pages[0].placements).toHaveLength(0); // the old edition is untouched
    const page = placed.pages[0];
    expect(page.placements[0]).toMatchObject({ storyId: 'a', part: 1, column: 0, span: 3, line: M, lines: 20 });
    expect(canPlace(page, { column: 2, span: 2, line: M + 5, lines: 5 })).toBe(false);
    expect(canPlace(page, { column: 3, span: 2, line: M + 5, lines: 5 })).toBe(true);
    expect(canPlace(page, { column: 3, span: 2, line: M - 1, lines: 5 })).toBe(false); // under the masthead
    expect(canPlace(page, { column: 7, span: 2, line: M, lines: 5 })).toBe(false); // off the right edge
    expect(canPlace(page, { column: 0, span: 3, line: M, lines: 20 }, page.placements[0].id)).toBe(true);
    expect(placeStory(placed, p1, 'b', { column: 1, span: 3, line: M + 10, lines: 5 })).toBeNull();
    expect(placeStory(placed, p1, 'a', { column: 4, span: 3, line: M, lines: 5 })).toBeNull(); // already placed
    // Page 2 has no masthead.
    expect(canPlace(placed.pages[1], { column: 0, span: 1, line: 0, lines: 1 })).toBe(true);
  });

  it('moves, resizes and removes modules without overlap', () => {
    let ed = placeStory(edition(), 'page-1', 'a', { column: 0, span: 2, line: M, lines: 10 })!;
    ed = placeStory(ed, 'page-1', 'b', { column: 2, span: 2, line: M, lines: 10 })!;
    const [a, b] = ed.pages[0].placements;
    expect(moveModule(ed, a.id, { column: 1, line: M })).toBeNull();
    const moved = moveModule(ed, a.id, { column: 4, line: M + 3 })!;
    expect(moved.pages[0].placements.find((p) => p.id === a.id)).toMatchObject({ column: 4, line: M + 3, span: 2, lines: 10 });
    expect(resizeModule(moved, b.id, { span: 3, lines: 10 })).toBeNull(); // would run into a
    const resized = resizeModule(moved, b.id, { span: 2, lines: 30 })!;
    expect(resized.pages[0].placements.find((p) => p.id === b.id)!.lines).toBe(30);
    const toPage2 = moveModule(resized, a.id, { column: 0, line: 0, pageId: 'page-2' })!;
    expect(toPage2.pages[0].placements.map((p) => p.id)).toEqual([b.id]);
    expect(toPage2.pages[1].placements.map((p) => p.id)).toEqual([a.id]);
    const removed = removeModule(toPage2, b.id)!;
    expect(removed.pages[0].placements).toHaveLength(0);
  });

  it('lists free cells and maximal free rectangles', () => {
    const ed = placeStory(edition(), 'page-1', 'a', { column: 0, span: 8, line: M, lines: 50 })!;
    const page = ed.pages[0];
    const free = freeCells(page);
    const m = gridMetrics(page.grid);
    expect(free[M][0]).toBe(false);
    expect(free[0][0]).toBe(false); // masthead
    expect(free[M + 50][7]).toBe(true);
    const rects = freeRects(page);
    expect(rects).toEqual([{ column: 0, span: 8, line: M + 50, lines: m.linesPerColumn - M - 50 }]);
    const ed2 = placeStory(ed, 'page-1', 'b', { column: 0, span: 3, line: M + 50, lines: 10 })!;
    const rects2 = freeRects(ed2.pages[0]);
    // The L-shaped rest is two maximal rectangles, none inside another.
    expect(rects2).toHaveLength(2);
    for (const r of rects2) expect(canPlace(ed2.pages[0], r)).toBe(true);
    expect(rects2.map((r) => r.span * r.lines)).toEqual([...rects2.map((r) => r.span * r.lines)].sort((x, y) => y - x));
  });

  it('snaps a dragged rectangle in pt to columns and lines', () => {
    const ed = edition();
    const m = gridMetrics(ed.pages[0].grid);
    const pitch = m.columnWidthPt + m.gutterPt;
    expect(snapRect(ed.pages[0].grid, { x: 2 * pitch + 10, y: 20 * m.leadingPt + 4, width: 3 * pitch - 20, height: 12.4 * m.leadingPt })).toEqual({
      column: 2, span: 3, line: 20, lines: 12,
    });
  });

  it('continues a story on another page and renumbers parts when one is removed', () => {
    let ed = placeStory(edition(1), 'page-1', 'a', { column: 0, span: 3, line: M, lines: 10 })!;
    ed = continueStory(ed, ed.pages[0].placements[0].id, 2)!;
    expect(ed.pages).toHaveLength(2); // page 2 was added
    expect(partsOf(ed, 'a').map((x) => [x.placement.part, ed.pages.indexOf(x.page) + 1])).toEqual([[1, 1], [2, 2]]);
    ed = continueStory(ed, partsOf(ed, 'a')[1].placement.id, 3)!;
    expect(partsOf(ed, 'a').map((x) => x.placement.part)).toEqual([1, 2, 3]);
    // Removing part 2 makes the old part 3 the new part 2.
    const gone = removeModule(ed, partsOf(ed, 'a')[1].placement.id)!;
    expect(partsOf(gone, 'a').map((x) => [x.placement.part, gone.pages.indexOf(x.page) + 1])).toEqual([[1, 1], [2, 3]]);
  });

  it('adds, removes and reorders pages, keeping numbers in order', () => {
    let ed = addPage(edition(1));
    ed = addPage(ed);
    expect(ed.pages.map((p) => p.number)).toEqual([1, 2, 3]);
    ed = placeStory(ed, 'page-3', 'b', { column: 0, span: 2, line: 0, lines: 5 })!;
    const moved = movePage(ed, 'page-3', 1)!;
    expect(moved.pages.map((p) => p.id)).toEqual(['page-1', 'page-3', 'page-2']);
    expect(moved.pages.map((p) => p.number)).toEqual([1, 2, 3]);
    // Moving it to the front would put the module under the masthead: refused.
    expect(movePage(ed, 'page-3', 0)).toBeNull();
    const fewer = removePage(moved, 'page-3')!;
    expect(fewer.pages.map((p) => p.id)).toEqual(['page-1', 'page-2']);
    expect(partsOf(fewer, 'b')).toHaveLength(0);
  });
});

describe('room for a new photo', () => {
  const ts = new FixedWidthTypesetter();
  /** Story a in a module just deep enough for its text, story b below it with `gap` free lines between. */
  function fitted(gap: number | null): Edition {
    const ed0 = edition(1);
    const fits = fitLines(flowContext(ed0, ed0.pages[0], ts, new LayoutCache()), { story: ed0.stories[0], part: 1, span: 2, hasPrev: false, hasNext: false, photo: false }, START, 100);
    let ed = placeStory(ed0, 'page-1', 'a', { column: 0, span: 2, line: M, lines: fits })!;
    if (gap !== null) ed = placeStory(ed, 'page-1', 'b', { column: 0, span: 2, line: M + fits + gap, lines: 5 })!;
    return ed;
  }
  const withPhoto = (ed: Edition) => withStoryPhoto(ed, 'a', photoRecord('ph', { width: 1200, height: 800 }))!;
  const linesOf = (ed: Edition) => ed.pages[0].placements.find((p) => p.storyId === 'a')!.lines;
  const oversetOf = (ed: Edition) => layoutEdition(ed, ts).pages[0].modules.find((m) => m.storyId === 'a')!.overset.lines;

  it('grows the module down by what the photo box takes, when the lines below are free', () => {
    const before = withPhoto(fitted(null));
    expect(oversetOf(before)).toBeGreaterThan(0);
    const after = roomForPhoto(before, 'a', ts);
    expect(linesOf(after)).toBeGreaterThan(linesOf(before));
    expect(oversetOf(after)).toBe(0);
  });

  it('grows only into free lines: up to the next module, whose place is kept; no room, no change', () => {
    const tight = withPhoto(fitted(3));
    const after = roomForPhoto(tight, 'a', ts);
    expect(linesOf(after)).toBe(linesOf(tight) + 3);
    expect(after.pages[0].placements.find((p) => p.storyId === 'b')).toEqual(tight.pages[0].placements.find((p) => p.storyId === 'b'));
    const none = withPhoto(fitted(0));
    expect(roomForPhoto(none, 'a', ts)).toBe(none);
    // A story that still fits (no photo asked for more) is left alone.
    const plain = fitted(null);
    expect(roomForPhoto(plain, 'a', ts)).toBe(plain);
  });
});
