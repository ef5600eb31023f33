// The English OCR pages scored the way the shared scorer tools/check_import_en.py (run by hand, never read here) scores them:
// every expected jump {direction, page} and dateline (case, spacing and trailing
// ".—-,:" aside) must be found among the imported stories, counted with multiplicity.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { importText } from '../../src/lib/import/index';

interface Expected {
  files: { source: string; jumps: { direction: string; page: number | null }[]; datelines: { text: string }[] }[];
}

const dir = new URL('../fixtures/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('en-ocr-pages.expected.json', dir), 'utf8')) as Expected;

/** The scorer's key: whitespace runs as one space, trailing punctuation dropped, lower case. */
function key(t: string): string {
  return t.replace(/[\s\u00a0]+/g, ' ').trim().replace(/[.\-—,:\s]+$/, '').toLowerCase();
}

/** How many of `want` are found in `got`, each found item used once (Counter intersection). */
function matched(got: string[], want: string[]): number {
  const pool = new Map<string, number>();
  for (const g of got) pool.set(g, (pool.get(g) ?? 0) + 1);
  let n = 0;
  for (const w of want) {
    const left = pool.get(w) ?? 0;
    if (left > 0) {
      n++;
      pool.set(w, left - 1);
    }
  }
  return n;
}

describe('English OCR front pages (check_import_en answer file)', () => {
  it('covers the five English fixtures', () => {
    expect(expected.files.map((f) => f.source).sort()).toEqual(
      ['en-ocr-1898.txt', 'en-ocr-1905-noisy.txt', 'en-ocr-1910s.txt', 'en-ocr-1913.txt', 'en-ocr-1921.txt'],
    );
  });

  for (const file of expected.files) {
    it(`${file.source}: every jump and dateline is found`, () => {
      const text = readFileSync(new URL(file.source, dir), 'utf8');
      const { stories } = importText(text, {});
      const gotJumps = stories.flatMap((s) => s.jumps.map((j) => `${j.direction}:${j.page}`));
      const wantJumps = file.jumps.map((j) => `${j.direction}:${j.page}`);
      expect(matched(gotJumps, wantJumps), `jumps found: ${gotJumps.join(', ')}`).toBe(wantJumps.length);
      const gotDatelines = stories.filter((s) => s.dateline).map((s) => key(s.dateline!));
      const wantDatelines = file.datelines.map((d) => key(d.text));
      expect(matched(gotDatelines, wantDatelines), `datelines found: ${gotDatelines.join(' | ')}`).toBe(wantDatelines.length);
      // Precision too: the answer file lists every jump and dateline on the page, so
      // anything found beyond them is a false positive (a headline read as a dateline…).
      expect(gotJumps, 'no jump beyond the answer file').toHaveLength(wantJumps.length);
      expect(gotDatelines, 'no dateline beyond the answer file').toHaveLength(wantDatelines.length);
    });
  }
});

describe('a "continued from" head standing alone above the jump headline', () => {
  // English papers print the jump head ("Continued from Page One.") over the continuation's own
  // headline: it is the top of that story, not a story of its own with nothing in it.
  const page = [
    'LAST STORY ON THE PAGE',
    '',
    'The text of the last story ends here',
    'in a finished sentence.',
    '',
    '',
    '(Continued from Page One.)',
    '',
    'HARBOUR BRIDGE',
    '',
    'The rest of the harbour story runs on',
    'in this column and ends here.',
    '',
  ].join('\n');

  it('belongs to the story whose headline follows', () => {
    const { stories } = importText(page, { language: 'en' });
    const cont = stories.filter((s) => s.jumps.some((j) => j.direction === 'continuedFrom'));
    expect(cont).toHaveLength(1);
    expect(cont[0].headline).toEqual(['HARBOUR BRIDGE']);
    expect(cont[0].body.join(' ')).toContain('harbour story');
    expect(stories.filter((s) => !s.headline.length && !s.body.length)).toEqual([]);
  });

  for (const source of ['en-ocr-1898.txt', 'en-ocr-1905-noisy.txt', 'en-ocr-1921.txt']) {
    it(`${source}: the continuation has its headline, its text and its jump`, () => {
      const { stories } = importText(readFileSync(new URL(source, dir), 'utf8'), {});
      const cont = stories.filter((s) => s.jumps.some((j) => j.direction === 'continuedFrom'));
      expect(cont).toHaveLength(1);
      expect(cont[0].headline.length).toBeGreaterThan(0);
      expect(cont[0].body.length).toBeGreaterThan(0);
    });
  }
});
