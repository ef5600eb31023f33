// The caret counts as in sight exactly where ProseMirror's scrollRectIntoView would move nothing:
// it scrolls when the caret's top is above the box's top, its bottom below the box's bottom, or the same
// across (edges touching do not scroll).
import { describe, expect, it } from 'vitest';
import { within } from '../../src/lib/editor/caret-in-sight';

const box = { left: 0, right: 100, top: 0, bottom: 200 };

describe('caret in sight', () => {
  it('inside, and touching the edges, is in sight', () => {
    expect(within({ left: 10, right: 11, top: 50, bottom: 70 }, box)).toBe(true);
    expect(within({ left: 0, right: 100, top: 0, bottom: 200 }, box)).toBe(true);
  });
  it('past any edge is not', () => {
    expect(within({ left: 10, right: 11, top: -1, bottom: 19 }, box)).toBe(false);
    expect(within({ left: 10, right: 11, top: 190, bottom: 210 }, box)).toBe(false);
    expect(within({ left: -2, right: -1, top: 50, bottom: 70 }, box)).toBe(false);
    expect(within({ left: 99, right: 101, top: 50, bottom: 70 }, box)).toBe(false);
  });
});
