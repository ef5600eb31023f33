// The layout desk's gestures in Node: each returns the edition the pure core
// computed (null when refused), never writes it; the desk's own view state
// (shown page, selection, drag draft and ghost) follows.
import { describe, it, expect, beforeEach, vi } from 'vitest';
import { LayoutCache, findPlacement, gridMetrics, layoutEdition, newEdition, placeStory, type GridRect } from '../../src/lib/layout';
import type { Edition, Story } from '../../src/lib/model/edition';
import { LayoutDesk } from '../../src/lib/state/layout-desk.svelte';
import { FixedWidthTypesetter, block, makeStory, para } from './layout-helpers';

const HAN = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈';
const text = (n: number) => Array.from({ length: n }, (_, i) => HAN[(i * 7) % HAN.length]).join('');

const stories: Story[] = [
  makeStory('a', [block('headline', '甲'), para(text(300))], 1),
  makeStory('b', [block('headline', '乙'), para(text(200))], 2),
  makeStory('long', [block('headline', '丙'), para(text(4000))], 3),
];

/** Page 1 with story a at columns 0–3, lines 20–49; page 2 empty. */
function base(): Edition {
  return placeStory(newEdition({ stories, language: 'zh', pages: 2, date: '2022-01-08' }), 'page-1', 'a', { column: 0, span: 4, line: 20, lines: 30 })!;
}

const rectOf = (ed: Edition, id: string): GridRect => {
  const p = findPlacement(ed, id)!.placement;
  return { column: p.column, span: p.span, line: p.line, lines: p.lines };
};

describe('LayoutDesk gestures', () => {
  let edition: Edition;
  let desk: LayoutDesk;
  let ts: FixedWidthTypesetter;
  beforeEach(() => {
    edition = base();
    ts = new FixedWidthTypesetter();
    desk = new LayoutDesk(() => edition, ts, new LayoutCache());
    desk.keepPageShown();
  });

  it('shows the first page and lays it out with its own typesetter, once per edition', () => {
    expect(desk.pageId).toBe('page-1');
    expect(desk.pageLayout?.modules.map((m) => m.placementId)).toEqual(['a:1']);
    expect(ts.calls).toBeGreaterThan(0);
    expect(desk.layout).toBe(desk.layout);
  });

  it('moves and resizes a module, refusing spots off the grid', () => {
    const moved = desk.move('a:1', { column: 2, line: 30 });
    expect(rectOf(moved!, 'a:1')).toEqual({ column: 2, span: 4, line: 30, lines: 30 });
    expect(edition.pages[0].placements[0].column).toBe(0); // the committed edition is untouched
    expect(desk.move('a:1', { column: 99, line: 30 })).toBeNull();
    expect(rectOf(desk.resize('a:1', { span: 2, lines: 10 })!, 'a:1')).toEqual({ column: 0, span: 2, line: 20, lines: 10 });
    expect(desk.resize('a:1', { span: 0, lines: 10 })).toBeNull();
  });

  it('nudges with the arrow keys: a line, five with alt, resizing with shift', () => {
    expect(rectOf(desk.nudge('a:1', 'ArrowDown')!, 'a:1').line).toBe(21);
    expect(rectOf(desk.nudge('a:1', 'ArrowDown', { alt: true })!, 'a:1').line).toBe(25);
    expect(rectOf(desk.nudge('a:1', 'ArrowRight', { shift: true })!, 'a:1').span).toBe(5);
    expect(desk.nudge('a:1', 'ArrowLeft')).toBeNull(); // already at column 0
    expect(desk.selectedId).toBe('a:1');
  });

  it('drags on the grid: the draft follows snapped steps, a refused spot shows a ghost, release gives the draft', () => {
    const m = gridMetrics(edition.pages[0].grid, 'zh');
    const pitch = m.columnWidthPt + m.gutterPt;
    expect(desk.startDrag('a:1', 'move')).toBe(true);
    expect(desk.freeAreas.length).toBeGreaterThan(0);
    // 1.4 columns and 2.6 lines snap to 1 column and 3 lines.
    const draft = desk.dragBy(1.4 * pitch, 2.6 * m.leadingPt);
    expect(rectOf(draft!, 'a:1')).toEqual({ column: 1, span: 4, line: 23, lines: 30 });
    expect(desk.edition).toBe(draft);
    expect(desk.pageLayout?.modules[0].grid.column).toBe(1);
    desk.dragBy(-5 * pitch, 0);
    expect(desk.ghost).toEqual({ column: -5, span: 4, line: 20, lines: 30 }); // from where the drag began
    expect(desk.draft).toBe(draft);
    const { next, refused } = desk.endDrag();
    expect(refused).toBe(false);
    expect(next).toBe(draft);
    expect(desk.draft).toBeNull();
    expect(desk.ghost).toBeNull();
    expect(desk.freeAreas).toEqual([]);
  });

  it('resizes from the corner handle', () => {
    const m = gridMetrics(edition.pages[0].grid, 'zh');
    desk.startDrag('a:1', 'corner');
    const next = desk.dragBy(-(m.columnWidthPt + m.gutterPt), -10 * m.leadingPt);
    expect(rectOf(next!, 'a:1')).toEqual({ column: 0, span: 3, line: 20, lines: 20 });
  });

  it('sends a module let go over another page there, or refuses', () => {
    desk.startDrag('a:1', 'move');
    const { next, refused } = desk.endDrag('page-2');
    expect(refused).toBe(false);
    expect(findPlacement(next!, 'a:1')!.page.id).toBe('page-2');
    expect(desk.pageId).toBe('page-2');
  });

  it('drops a story from the tray sized to its text, and selects it', () => {
    const next = desk.drop('b', { column: 6, line: 40 });
    const p = findPlacement(next!, 'b:1')!.placement;
    expect(p.column).toBeGreaterThanOrEqual(4);
    expect(desk.selectedId).toBe('b:1');
    expect(layoutEdition(next!, new FixedWidthTypesetter()).pages[0].modules.find((m) => m.storyId === 'b')!.overset.chars).toBe(0);
    expect(desk.drop('a')).toBeNull(); // placed already
  });

  it('removes a module; 转版 continues its story on another page', () => {
    expect(desk.remove('a:1')!.pages[0].placements).toEqual([]);
    expect(desk.remove('nope')).toBeNull();
    edition = placeStory(edition, 'page-1', 'long', { column: 4, span: 4, line: 20, lines: 20 })!;
    const next = desk.continueOn('long:1', 2);
    const part2 = findPlacement(next!, 'long:2');
    expect(part2?.page.id).toBe('page-2');
    const layout = layoutEdition(next!, new FixedWidthTypesetter());
    expect(layout.pages[0].modules.find((m) => m.placementId === 'long:1')!.jumps[0]).toMatchObject({ direction: 'continuedTo', page: 2 });
  });

  it('moves a module to another page and sets its headline size', () => {
    const moved = desk.moveToPage('a:1', 2);
    expect(findPlacement(moved!, 'a:1')!.page.id).toBe('page-2');
    expect(desk.moveToPage('a:1', 9)).toBeNull();
    expect(findPlacement(desk.setHeadline('a:1', 30)!, 'a:1')!.placement.headlineSizePt).toBe(30);
  });

  it('auto-lays out the edition from the stories’ priorities', () => {
    desk.selectedId = 'a:1';
    const next = desk.autoLayout();
    expect(next.pages[0].placements.map((p) => p.storyId)).toContain('a');
    expect(layoutEdition(next, new FixedWidthTypesetter()).problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(desk.selectedId).toBeNull();
  });

  it('adds, removes and reorders pages, with deterministic ids', () => {
    const added = desk.addPage();
    expect(added.pages.map((p) => p.id)).toEqual(['page-1', 'page-3', 'page-2']);
    expect(desk.pageId).toBe('page-3');
    edition = added;
    const removed = desk.removePage()!;
    expect(removed.pages.map((p) => p.id)).toEqual(['page-1', 'page-2']);
    expect(desk.pageId).toBe('page-1');
    edition = removed;
    expect(desk.movePage('page-2', 0)!.pages.map((p) => p.id)).toEqual(['page-2', 'page-1']);
    // A module at the top of page 2 would sit under the masthead on the front page: refused.
    edition = placeStory(edition, 'page-2', 'b', { column: 0, span: 4, line: 0, lines: 10 })!;
    expect(desk.movePage('page-2', 0)).toBeNull();
    edition = { ...edition, pages: [edition.pages[0]] };
    expect(desk.removePage()).toBeNull(); // never the last page
  });
});

describe('LayoutDesk.pageRemoval: what removing the shown page takes with it', () => {
  it('names the stories wholly on the page and those continued elsewhere; an empty page asks nothing', () => {
    let edition = placeStory(base(), 'page-1', 'b', { column: 4, span: 4, line: 60, lines: 20 })!;
    edition = new LayoutDesk(() => edition, new FixedWidthTypesetter(), new LayoutCache()).continueOn('a:1', 2)!;
    edition = placeStory(edition, 'page-2', 'long', { column: 4, span: 4, line: 10, lines: 20 })!;
    const desk = new LayoutDesk(() => edition, new FixedWidthTypesetter(), new LayoutCache());
    desk.pageId = 'page-2';
    expect(desk.pageRemoval).toEqual({ pageNumber: 2, modules: 2, placed: ['丙'], continued: ['甲'] });
    desk.pageId = 'page-1';
    expect(desk.pageRemoval).toEqual({ pageNumber: 1, modules: 2, placed: ['乙'], continued: ['甲'] });
    edition = { ...edition, pages: [...edition.pages, { ...edition.pages[1], id: 'page-3', placements: [] }] };
    desk.pageId = 'page-3';
    expect(desk.pageRemoval).toBeNull();
  });
});

describe('LayoutDesk on a newly opened edition', () => {
  /** Story `long` on page 1, continued on page 2: page 2's text starts where page 1's stops. */
  function continued(): Edition {
    const ed = placeStory(base(), 'page-1', 'long', { column: 4, span: 4, line: 20, lines: 30 })!;
    return new LayoutDesk(() => ed, new FixedWidthTypesetter(), new LayoutCache()).continueOn('long:1', 2)!;
  }

  it('lays out the page in view at once and every other page in later idle moments, the same as all at once', async () => {
    let edition = continued();
    const desk = new LayoutDesk(() => edition, new FixedWidthTypesetter(), new LayoutCache());
    desk.keepPageShown();
    const whole = layoutEdition(edition, new FixedWidthTypesetter(), new LayoutCache());
    expect(desk.layoutSoon).toBeNull();
    expect(desk.pageLayout).toEqual(whole.pages[0]);
    await vi.waitFor(() => expect(desk.layoutSoon).not.toBeNull());
    expect(desk.layoutSoon).toEqual(whole);
    desk.pageId = 'page-2';
    expect(desk.pageLayout?.modules.map((m) => m.placementId)).toContain('long:2');
    expect(desk.pageLayout).toEqual(whole.pages[1]);
    // Later editions of the same edition are laid out at once, as before.
    edition = desk.move('a:1', { column: 0, line: 21 })!;
    expect(desk.layoutSoon).toEqual(layoutEdition(edition, new FixedWidthTypesetter(), new LayoutCache()));
  });

  it('lays out the page in view story by story ahead of showing it: the page then typesets nothing more, and is the same', async () => {
    const edition = continued();
    const typesetter = new FixedWidthTypesetter();
    const desk = new LayoutDesk(() => edition, typesetter, new LayoutCache());
    desk.keepPageShown();
    const stories = new Set(desk.page!.placements.map((p) => p.storyId));
    expect(stories.size).toBeGreaterThan(1);
    const ahead = desk.layOutPageInView();
    // The first story in the call's own task, the others in later ones.
    const first = typesetter.calls;
    expect(first).toBeGreaterThan(0);
    await ahead;
    expect(typesetter.calls).toBeGreaterThan(first);
    const calls = typesetter.calls;
    expect(desk.pageLayout).toEqual(layoutEdition(edition, new FixedWidthTypesetter(), new LayoutCache()).pages[0]);
    expect(typesetter.calls).toBe(calls);
  });

  it('an edit while the page in view is laid out ahead: the rest is left to the newer edition', async () => {
    let edition = continued();
    const typesetter = new FixedWidthTypesetter();
    const desk = new LayoutDesk(() => edition, typesetter, new LayoutCache());
    desk.keepPageShown();
    const ahead = desk.layOutPageInView();
    const first = typesetter.calls;
    edition = desk.move('a:1', { column: 0, line: 25 })!;
    await ahead;
    expect(typesetter.calls).toBe(first);
    expect(desk.pageLayout?.modules.find((m) => m.placementId === 'a:1')?.grid.line).toBe(25);
  });

  it('an edit while the pages are still being laid out: the newer edition is the one laid out', async () => {
    let edition = continued();
    const desk = new LayoutDesk(() => edition, new FixedWidthTypesetter(), new LayoutCache());
    desk.keepPageShown();
    expect(desk.layoutSoon).toBeNull();
    edition = desk.move('a:1', { column: 0, line: 25 })!;
    expect(desk.layoutSoon).toBeNull();
    await vi.waitFor(() => expect(desk.layoutSoon).not.toBeNull());
    expect(desk.layoutSoon).toEqual(layoutEdition(edition, new FixedWidthTypesetter(), new LayoutCache()));
    expect(desk.pageLayout?.modules.find((m) => m.placementId === 'a:1')?.grid.line).toBe(25);
  });
});
