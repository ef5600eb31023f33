import { describe, it, expect } from 'vitest';
import { GRID_PRESETS, customGrid, gridMetrics, gridPreset, mastheadOf, mmToPt, spanWidth, weekdayOf } from '../../src/lib/layout';
import { newEdition } from '../../src/lib/layout';

describe('page geometry', () => {
  it('converts millimetres to points at 72/25.4', () => {
    expect(mmToPt(25.4)).toBeCloseTo(72, 10);
    expect(mmToPt(350)).toBeCloseTo(992.126, 2);
  });

  it('derives the 对开 grid: 8 columns of whole body em, type area edges kept', () => {
    const m = gridMetrics(gridPreset('duikai'), 'zh');
    expect(m.columns).toBe(8);
    expect(m.columnWidthPt / 9).toBe(Math.round(m.columnWidthPt / 9));
    expect(m.columnEm).toBe(13);
    // The last column ends exactly at the type area's right edge.
    expect(m.columnX[7] + m.columnWidthPt).toBeCloseTo(mmToPt(350), 6);
    expect(m.gutterPt).toBeGreaterThanOrEqual(4.5);
    // 500 mm at a 13.5 pt line pitch: 104 whole lines.
    expect(m.linesPerColumn).toBe(Math.floor(mmToPt(500) / 13.5));
    expect(m.linesPerColumn).toBe(104);
    expect(m.typeArea.height).toBe(104 * 13.5);
  });

  it('does not snap Latin columns to whole em', () => {
    const m = gridMetrics(gridPreset('duikai'), 'en');
    const exact = (mmToPt(350) - 7 * mmToPt(2.5)) / 8;
    expect(m.columnWidthPt).toBeCloseTo(exact, 6);
    expect(m.gutterPt).toBeCloseTo(mmToPt(2.5), 6);
  });

  it('has the other presets with sensible column counts', () => {
    expect(Object.keys(GRID_PRESETS).sort()).toEqual(['a3', 'berliner', 'duikai', 'sikai']);
    for (const name of Object.keys(GRID_PRESETS)) {
      const m = gridMetrics(gridPreset(name));
      expect(m.columns).toBe(GRID_PRESETS[name].columns);
      expect(m.columnWidthPt).toBeGreaterThan(60);
      expect(spanWidth(m, m.columns)).toBeLessThanOrEqual(m.typeArea.width + 1e-6);
    }
    expect(gridMetrics(gridPreset('sikai')).columns).toBe(5);
  });

  it('takes custom values and gives a copy of presets', () => {
    const g = customGrid(gridPreset('duikai'), { columns: 6, bodySizePt: 10, leadingPt: 15 });
    const m = gridMetrics(g);
    expect(g.preset).toBe('custom');
    expect(m.columns).toBe(6);
    expect(m.columnWidthPt % 10).toBe(0);
    expect(m.linesPerColumn).toBe(Math.floor(mmToPt(500) / 15));
    const a = gridPreset('duikai');
    a.margins.top = 99;
    expect(GRID_PRESETS.duikai.margins.top).toBe(20);
  });

  it('computes the masthead weekday from the date', () => {
    expect(weekdayOf('2022-01-08', 'zh')).toBe('星期六');
    expect(weekdayOf('2022-01-08', 'en')).toBe('Saturday');
    expect(weekdayOf('2024-02-29', 'zh')).toBe('星期四');
    const ed = { ...newEdition({ stories: [], language: 'zh', date: '2022-01-08', title: '工人日报', issueNumber: 12345 }) };
    const mh = mastheadOf(ed, gridMetrics(ed.pages[0].grid));
    expect(mh).toMatchObject({ title: '工人日报', dateText: '2022年1月8日', weekday: '星期六', issueText: '第12345期' });
    expect(mh.lines).toBeGreaterThan(4);
    expect(mh.lines).toBeLessThan(20);
  });
});
