// The typesetter's en-us patterns: at once in Node (the CLIs and tests typeset English as
// always), on demand in the browser build (`#hyphen-patterns` → hyphen-patterns.browser.ts),
// where typesetting English before loadHyphenation() is a bug that says so, and a chunk
// that cannot be fetched leaves words whole until the patterns come.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { hyphenateSync as patterns } from '../../src/lib/typeset/hyphen-en-us';

const SOFT = { hyphenChar: '\u00ad', minWordLength: 6 };

afterEach(() => {
  vi.doUnmock('#hyphen-patterns');
  vi.resetModules();
});

describe('hyphenation', () => {
  it('has the patterns from the start in Node', async () => {
    const { hyphenateSync, hyphenationReady, loadHyphenation } = await import('../../src/lib/typeset/hyphenation');
    expect(hyphenationReady()).toBe(true);
    expect(hyphenateSync('typesetting', SOFT)).toBe('type\u00adset\u00adting');
    await loadHyphenation();
    expect(hyphenateSync('newspaper', SOFT)).toBe(patterns('newspaper', SOFT));
  });

  it('the browser build fetches the same patterns and UAX #14 breaker on demand', async () => {
    const browser = await import('../../src/lib/typeset/hyphen-patterns.browser');
    expect(browser.patternsAtStart).toBeNull();
    const english = await browser.loadPatterns();
    expect(english.hyphenate).toBe(patterns);
    expect(english.LineBreaker).toBe((await import('linebreak')).default);
  });

  it('in the browser: refuses to hyphenate before the patterns, leaves words whole when they cannot be fetched, hyphenates once they come', async () => {
    let fetchable = false;
    vi.doMock('#hyphen-patterns', async () => {
      const browser = await import('../../src/lib/typeset/hyphen-patterns.browser');
      return { ...browser, loadPatterns: () => (fetchable ? browser.loadPatterns() : Promise.reject(new Error('Failed to fetch dynamically imported module'))) };
    });
    const { englishBreaker, hyphenateSync, hyphenationReady, loadHyphenation } = await import('../../src/lib/typeset/hyphenation');
    const { houseStyle, layoutBlock, prepareBlock } = await import('../../src/lib/typeset');
    const style = houseStyle('paragraph', { language: 'en', bodySizePt: 9, leadingPt: 12, headlinePt: 20 });
    const text = 'The typesetting engine measures every word, from the bundled fonts, so that a line broken on the server is the line the press prints.';
    const block = { key: 'p', role: 'paragraph', runs: [{ text, marks: [] }] };
    expect(hyphenationReady()).toBe(false);
    expect(() => hyphenateSync('typesetting', SOFT)).toThrow(/loadHyphenation/);
    expect(() => englishBreaker()).toThrow(/loadHyphenation/);
    expect(() => prepareBlock(block, style)).toThrow(/loadHyphenation/);

    await expect(loadHyphenation()).rejects.toThrow(/fetch/);
    expect(hyphenationReady()).toBe(true);
    expect(hyphenateSync('typesetting', SOFT)).toBe('typesetting');
    // Without the UAX #14 breaker English breaks at spaces only, words whole.
    expect(englishBreaker()).toBeNull();
    const loose = layoutBlock(prepareBlock(block, style), 120);
    expect(loose.length).toBeGreaterThan(2);
    expect(loose.map((l) => l.text).join(' ').split(/\s+/)).toEqual(text.split(/\s+/));
    expect(loose.some((l) => l.text.endsWith('prints.'))).toBe(true);

    fetchable = true;
    await loadHyphenation();
    expect(hyphenateSync('typesetting', SOFT)).toBe('type\u00adset\u00adting');
    expect(englishBreaker()).toBe((await import('linebreak')).default);
  });
});
