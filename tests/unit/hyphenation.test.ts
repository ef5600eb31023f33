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

  it('the browser build fetches the same patterns on demand', async () => {
    const browser = await import('../../src/lib/typeset/hyphen-patterns.browser');
    expect(browser.patternsAtStart).toBeNull();
    expect(await browser.loadPatterns()).toBe(patterns);
  });

  it('in the browser: refuses to hyphenate before the patterns, leaves words whole when they cannot be fetched, hyphenates once they come', async () => {
    let fetchable = false;
    vi.doMock('#hyphen-patterns', async () => {
      const browser = await import('../../src/lib/typeset/hyphen-patterns.browser');
      return { ...browser, loadPatterns: () => (fetchable ? browser.loadPatterns() : Promise.reject(new Error('Failed to fetch dynamically imported module'))) };
    });
    const { hyphenateSync, hyphenationReady, loadHyphenation } = await import('../../src/lib/typeset/hyphenation');
    expect(hyphenationReady()).toBe(false);
    expect(() => hyphenateSync('typesetting', SOFT)).toThrow(/loadHyphenation/);

    await expect(loadHyphenation()).rejects.toThrow(/fetch/);
    expect(hyphenationReady()).toBe(true);
    expect(hyphenateSync('typesetting', SOFT)).toBe('typesetting');

    fetchable = true;
    await loadHyphenation();
    expect(hyphenateSync('typesetting', SOFT)).toBe('type\u00adset\u00adting');
  });
});
