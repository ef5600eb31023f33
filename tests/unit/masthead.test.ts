// The masthead title's size (components/layout/masthead.ts): the band's size unless the paper's
// name would run into the date and the issue number; then as large as fits between them.
import { describe, expect, it } from 'vitest';
import { gridMetrics, gridPreset, mastheadOf } from '../../src/lib/layout/geometry';
import { mastheadTitlePt, SIDE_PT, titleTrackingEm } from '../../src/components/layout/masthead';
import { fontMetrics, widthEm } from '../../src/lib/typeset/measure';
import type { Edition } from '../../src/lib/model/edition';

const edition = (title: string, language: 'zh' | 'en') => ({ title, language, date: '2026-11-30', issueNumber: 1234 }) as unknown as Edition;

describe('the masthead title', () => {
  for (const preset of ['duikai', 'berliner', 'sikai', 'a3']) {
    it(`an English name fits between the date and the issue number (${preset})`, () => {
      const m = gridMetrics(gridPreset(preset));
      const mh = mastheadOf(edition('The Morning Galley', 'en'), m);
      const pt = mastheadTitlePt(mh, m);
      const title = pt * (widthEm(fontMetrics('latin', 700), mh.title) + titleTrackingEm('en') * mh.title.length);
      const side = SIDE_PT * widthEm(fontMetrics('latin', 400), mh.dateText);
      expect(title + 2 * side).toBeLessThan(m.typeArea.width);
      expect(pt).toBeGreaterThan(20);
    });
  }

  it('a short name keeps the size of the band', () => {
    const m = gridMetrics(gridPreset('duikai'));
    const band = Math.round(mastheadOf(edition('人民日报', 'zh'), m).lines * m.leadingPt * 0.56);
    expect(mastheadTitlePt(mastheadOf(edition('人民日报', 'zh'), m), m)).toBe(band);
    expect(mastheadTitlePt(mastheadOf(edition('The Sun', 'en'), m), m)).toBe(band);
  });
});
