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
  it('covers the English fixtures, the real OCR pages among them', () => {
    expect(expected.files.map((f) => f.source).sort()).toEqual([
      'en-ocr-1898.txt',
      'en-ocr-1905-noisy.txt',
      'en-ocr-1910s.txt',
      'en-ocr-1913.txt',
      'en-ocr-1921.txt',
      'en-ocr-real/en-ocr-1916-evening-star.txt',
      'en-ocr-real/en-ocr-1916-harrisburg.txt',
      'en-ocr-real/en-ocr-1916-ottumwa.txt',
      'en-ocr-real/en-ocr-1916-public-ledger.txt',
      'en-ocr-real/en-ocr-1916-washington-times.txt',
      'en-ocr-real/en-ocr-1922-atlanta.txt',
    ]);
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
