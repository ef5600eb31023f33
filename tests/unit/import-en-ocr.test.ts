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

describe('the banks of an English headline parted by short dashes', () => {
  // 1890s–1910s papers stack a headline in banks, a short dash ("—", "---") between them; a
  // mixed-case deck may wrap with a hyphen. It is one story's headline group, not a story a bank.
  const page = [
    'HARBOUR BRIDGE OPENED.',
    '',
    '---',
    '',
    'Governor Cuts the Ribbon Be-',
    'fore a Great Crowd.',
    '',
    '---',
    '',
    'TRAFFIC FLOWS BY NOON',
    '',
    'PORTLAND, Me., Jan. 8.—The new bridge',
    'over the harbour was opened today.',
    '',
  ].join('\n');

  it('is one headline group over its dateline and text', () => {
    const { stories } = importText(page, { language: 'en' });
    expect(stories).toHaveLength(1);
    expect(stories[0].headline).toEqual(['HARBOUR BRIDGE OPENED.', 'TRAFFIC FLOWS BY NOON']);
    expect(stories[0].subtitle).toBe('Governor Cuts the Ribbon Before a Great Crowd.');
    expect(stories[0].dateline).toBe('PORTLAND, Me., Jan. 8.—');
    expect(stories[0].body.join(' ')).toContain('opened today');
  });

  it('a dash under a finished paragraph still parts two stories', () => {
    const two = ['FIRST ITEM', '', 'The first item ends here in a full', 'sentence.', '', '---', '', 'SECOND ITEM', '', 'The second item is short.', ''].join('\n');
    expect(importText(two, { language: 'en' }).stories.map((s) => s.headline)).toEqual([['FIRST ITEM'], ['SECOND ITEM']]);
  });

  for (const source of ['en-ocr-1898.txt', 'en-ocr-1905-noisy.txt']) {
    it(`${source}: no story is a bank of another's headline (each dateline under a headline)`, () => {
      const { stories } = importText(readFileSync(new URL(source, dir), 'utf8'), {});
      const lead = stories[0];
      expect(lead.headline.length).toBeGreaterThanOrEqual(4);
      expect(lead.subtitle).toBeTruthy();
      expect(lead.dateline).toBeTruthy();
      expect(lead.jumps.map((j) => j.direction)).toEqual(['continuedTo']);
      expect(stories.filter((s) => !s.headline.length && !s.dateline)).toEqual([]);
    });
  }
});

describe('small heads set in upper and lower case over a credit and a dateline', () => {
  // en-ocr-real/en-ocr-1916-harrisburg.txt: real OCR of the Harrisburg Telegraph, 1 Jan 1916 (see the README there).
  const text = readFileSync(new URL('en-ocr-real/en-ocr-1916-harrisburg.txt', dir), 'utf8');
  const { stories } = importText(text, {});

  it('head their story instead of closing the story above', () => {
    const s = stories.find((x) => x.dateline?.startsWith('Millersburg'));
    expect(s?.headline).toEqual(['Millersburg Minister', 'Dies After Long Illness']);
    expect(s?.byline).toBe('Special to the Telegraph');
    const t = stories.find((x) => x.dateline?.startsWith('Bridgeton'));
    expect(t?.headline).toEqual(['Carries Money in Her', 'Stocking and Is Robbed']);
    expect(stories.some((x) => x.body.join(' ').includes('Dies After Long Illness'))).toBe(false);
  });

  // hand-written
  it('lines of a paragraph still open stay text', () => {
    const r = importText('FIRE AT MILL\n\nLOWELL, Mass., Jan. 7.—The mill owned by the\nAmerican Woolen Company\nof New England\nBoston, Jan. 7.—The loss is great.\n', { language: 'en' });
    expect(r.stories.every((s) => !s.headline.includes('American Woolen Company'))).toBe(true);
  });
});

describe('a word whose line-end hyphen the page text lost', () => {
  // en-ocr-real/en-ocr-1916-ottumwa.txt: real Chronicling America text, which drops the hyphen ("re" / "ceived").
  it('is joined where the text prints the word whole inside a line', () => {
    const text = readFileSync(new URL('en-ocr-real/en-ocr-1916-ottumwa.txt', dir), 'utf8');
    const body = importText(text, {}).stories.map((s) => s.body.join(' ')).join(' ');
    expect(body).toContain("Austria's");
    expect(body).not.toMatch(/\bAus tria's/);
  });

  // hand-written
  it('is not joined where a half is a word of its own, or the word is printed nowhere else', () => {
    const head = 'FIRE AT MILL\n\nLOWELL, Mass., Jan. 7.—The mill burned and';
    const joined = importText(`${head} the assur\nances of the owner were given.\nThe owner gave assurances to all.\n`, { language: 'en' }).stories[0].body.join(' ');
    expect(joined).toContain('the assurances of the owner');
    const some = importText(`${head} they found some\nthing in the ashes and some of it\nwas something else entirely.\n`, { language: 'en' }).stories[0].body.join(' ');
    expect(some).toContain('some thing in the ashes');
    const nowhere = importText(`${head} the assur\nances of the owner were given.\n`, { language: 'en' }).stories[0].body.join(' ');
    expect(nowhere).toContain('assur ances');
  });
});
