import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { importText, type ImportResult } from '../../src/lib/import/index';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');
const SAMPLES = [read('tests/fixtures/front-page-zh.txt'), read('tests/fixtures/corpus/rmrb-20200124-01.txt'), read('tests/fixtures/corpus/rmrb-20200128-01.txt'), read('tests/fixtures/zh-web-dump.txt'), read('tests/fixtures/en-ocr-1910s.txt'), read('tests/fixtures/en-ocr-1913.txt')];

// Whitespace, indents and line-end hyphens are layout; every other character is content.
const strip = (s: string) => s.replace(/[\s\u00a0\u3000\ufeff-]/g, '');

/** Every text the import gives back: headline group, dateline, byline, subheads, body, caption, jump markers, dropped OCR marks. */
function outputTexts(r: ImportResult): string[] {
  return r.stories
    .flatMap((s) => [
      s.kicker ?? '',
      ...s.headline,
      s.subtitle ?? '',
      s.column ?? '',
      s.dateline ?? '',
      s.byline ?? '',
      ...s.subheads.map((h) => h.text),
      ...s.body,
      s.caption?.text ?? '',
      s.caption?.credit ?? '',
      ...s.jumps.map((j) => j.text),
    ])
    .concat(r.dropped, r.furniture.map((f) => f.text));
}

const sorted = (s: string) => [...s].sort().join('');

/** Whether `part` reads in order within `whole` (a paragraph rejoined across a column break or a credit line). */
function inOrder(part: string, whole: string): boolean {
  let at = 0;
  for (const c of part) {
    at = whole.indexOf(c, at);
    if (at < 0) return false;
    at += c.length;
  }
  return true;
}

/** No character of content added or lost, and each paragraph keeps the source's order. */
function expectConserved(source: string, language?: 'zh' | 'en') {
  const result = importText(source, { language });
  expect(sorted(strip(outputTexts(result).join('')))).toBe(sorted(strip(source)));
  const flat = strip(source);
  for (const s of result.stories) for (const p of s.body) expect(inOrder(strip(p), flat)).toBe(true);
}

describe('no character of content is added or lost', () => {
  it('over the three samples', () => {
    for (const s of SAMPLES) expectConserved(s);
  });

  it('over random slices of the samples', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (s, a, b) => {
        const [from, to] = [Math.floor(Math.min(a, b) * s.length), Math.ceil(Math.max(a, b) * s.length)];
        expectConserved(s.slice(from, to));
      }),
      { numRuns: 150 },
    );
  });

  it('over random shuffles of the samples’ lines, in either language mode', () => {
    const lines = SAMPLES.flatMap((s) => s.split(/\r?\n/));
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: 1, maxLength: 80 }), fc.constantFrom<'zh' | 'en' | undefined>('zh', 'en', undefined), (picked, language) => {
        expectConserved(picked.join('\n'), language);
      }),
      { numRuns: 150 },
    );
  });

  it('over random text made of the characters the rules look at', () => {
    const palette = [...'本报讯新华社北京1月7日电记者摄图为下转上接第版——。，、：；？！“”《》『』（）()|■ \n\n\u3000\u00a0-—.,WASHINGTON Jan. 7 Continued on Page Five By JOHN abc-\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...palette), { maxLength: 400 }), fc.constantFrom<'zh' | 'en' | undefined>('zh', 'en', undefined), (chars, language) => {
        expectConserved(chars.join(''), language);
      }),
      { numRuns: 300 },
    );
  });
});
