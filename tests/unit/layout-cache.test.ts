// The layout memo is an explicit, bounded object: over a long session of drags,
// resizes and edits its tables stay within their limits (memory stays flat),
// evicting never changes a layout, and page ids follow from the edition alone.
import { describe, it, expect } from 'vitest';
import { BoundedMap, LayoutCache, addPage, continueStory, layoutEdition, moveModule, newEdition, placeStory, relayoutPage, removePage, resizeModule } from '../../src/lib/layout';
import type { Edition } from '../../src/lib/model/edition';
import { FixedWidthTypesetter, block, makeStory, para } from './layout-helpers';

const HAN = '天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜金生丽水玉出昆冈';
const text = (n: number, seed = 0) => Array.from({ length: n }, (_, i) => HAN[(i * 7 + seed) % HAN.length]).join('');

function edition(): Edition {
  const stories = [makeStory('a', [block('headline', '甲'), para(text(900)), para(text(700, 3))]), makeStory('b', [block('headline', '乙'), para(text(300))])];
  let ed = newEdition({ stories, language: 'zh', pages: 2, date: '2022-01-08' });
  ed = placeStory(ed, 'page-1', 'a', { column: 0, span: 4, line: 20, lines: 30 })!;
  ed = placeStory(ed, 'page-1', 'b', { column: 4, span: 3, line: 20, lines: 30 })!;
  return continueStory(ed, 'a:1', 2, { span: 4, lines: 40 })!;
}

describe('BoundedMap', () => {
  it('forgets the least recently used entry beyond its limit', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('x', 1);
    m.set('y', 2);
    expect(m.get('x')).toBe(1); // x is now the most recent
    m.set('z', 3);
    expect(m.size).toBe(2);
    expect(m.get('y')).toBeUndefined();
    expect(m.get('x')).toBe(1);
    expect(m.get('z')).toBe(3);
  });
});

describe('LayoutCache over 10,000 relayouts', () => {
  it('stays within its limits, and a layout from a full cache equals one from an empty cache', () => {
    const limits = { docs: 3, perDoc: 24, shared: 8 };
    const ts = new FixedWidthTypesetter();
    const cache = new LayoutCache(limits);
    let ed = edition();
    const seen: number[] = [];
    const most = { docs: 0, perDocMax: 0, single: 0 };
    for (let i = 0; i < 10_000; i++) {
      // Drag part 1 about, resize part 2 through more depths than the cache holds, and edit a story now and then (a new doc).
      const moved = moveModule(ed, 'a:1', { column: i % 4, line: 20 + (i % 7) }) ?? ed;
      const next = resizeModule(moved, 'a:2', { span: 4, lines: 12 + (Math.floor(i / 10) % 50) }) ?? moved;
      ed = i % 250 === 0 ? { ...next, stories: next.stories.map((s) => (s.id === 'b' ? { ...s, doc: structuredClone(s.doc) } : s)) } : next;
      relayoutPage(ed, i % 2 ? 'page-1' : 'page-2', ts, cache);
      const sizes = cache.sizes();
      for (const k of Object.keys(most) as (keyof typeof most)[]) most[k] = Math.max(most[k], sizes[k]);
      if (i % 1000 === 999) seen.push(sizes.entries);
    }
    expect(most.docs).toBeLessThanOrEqual(limits.docs);
    expect(most.perDocMax).toBe(limits.perDoc); // full, and no fuller
    expect(most.single).toBeLessThanOrEqual(limits.shared);
    // Flat: the entries held after 2,000 relayouts are as many as after 10,000 (the tables are full and evicting).
    expect(Math.max(...seen.slice(1))).toBeLessThanOrEqual(limits.docs * limits.perDoc * 4);
    expect(seen.at(-1)).toBe(seen[1]);
    const warm = layoutEdition(ed, ts, cache);
    const cold = layoutEdition(ed, new FixedWidthTypesetter(), new LayoutCache());
    expect(warm.pages).toEqual(cold.pages);
    expect(warm.problems).toEqual(cold.problems);
  });

  it('starts over when used with another typesetter', () => {
    const cache = new LayoutCache();
    const ed = edition();
    layoutEdition(ed, new FixedWidthTypesetter(), cache);
    expect(cache.sizes().entries).toBeGreaterThan(0);
    const other = new FixedWidthTypesetter();
    layoutEdition(ed, other, cache);
    expect(other.calls).toBeGreaterThan(0);
  });
});

describe('page ids', () => {
  it('follow from the edition, not from how often pages were added', () => {
    const ed = edition();
    expect(addPage(ed).pages.map((p) => p.id)).toEqual(['page-1', 'page-2', 'page-3']);
    expect(addPage(ed).pages.map((p) => p.id)).toEqual(addPage(ed).pages.map((p) => p.id));
    // With page-1 removed, the next page is not called page-2 again.
    const gap = removePage(ed, 'page-1')!;
    expect(addPage(gap, 0).pages.map((p) => p.id)).toEqual(['page-3', 'page-2']);
    expect(addPage(ed, 2, undefined, 'page-2').pages[2].id).toBe('page-3');
  });
});
