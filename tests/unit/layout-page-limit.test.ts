import { describe, it, expect } from 'vitest';
import { autoLayout, layoutEdition, newEdition } from '../../src/lib/layout';
import type { Grid } from '../../src/lib/model/edition';
import { FixedWidthTypesetter, block, makeStory, para } from './layout-helpers';

const HAN = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈';
const text = (n: number, seed = 0) => Array.from({ length: n }, (_, i) => HAN[(i * 7 + seed) % HAN.length]).join('');

// A small page (3 columns of some 20 lines) so that a modest edition needs many pages: the limit must follow the text.
const SMALL: Grid = { preset: 'custom', widthMm: 120, heightMm: 140, margins: { top: 10, right: 10, bottom: 10, left: 10 }, columns: 3, gutterMm: 3, bodySizePt: 9, leadingPt: 13.5 };

describe('auto-layout page limit', () => {
  it('fills as many pages as the text needs, past any fixed count (every story placed, nothing overset)', () => {
    const stories = Array.from({ length: 180 }, (_, i) => makeStory(`s${i}`, [block('headline', `消息${i}`), para(text(420, i))], 2));
    const ts = new FixedWidthTypesetter();
    const ed = autoLayout(newEdition({ stories, language: 'zh', grid: SMALL, pages: 1, date: '2022-01-08' }), ts);
    const laid = layoutEdition(ed, ts);
    expect(laid.pages.length).toBeGreaterThan(130);
    expect(laid.unplaced).toEqual([]);
    expect(laid.problems.filter((p) => p.level === 'error')).toEqual([]);
  });
});
