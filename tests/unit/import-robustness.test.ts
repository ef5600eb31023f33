import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { importText, decodeBytes, ImportError, importInChunks } from '../../src/lib/import/index';

const read = (p: string) => readFileSync(new URL(`../../${p}`, import.meta.url), 'utf8');
const ZH = read('tests/fixtures/front-page-zh.txt');
const EN = read('tests/fixtures/en-ocr-1910s.txt');
const WEB = read('tests/fixtures/zh-web-dump.txt');

function repeatTo(s: string, chars: number): string {
  return s.repeat(Math.ceil(chars / (s.length + 2))).slice(0, chars);
}

describe('no exception escapes', () => {
  it('random bytes: decoded or refused with an ImportError, and imported when decoded', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        try {
          const { text } = decodeBytes(bytes);
          importText(text);
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('random unicode text in both language modes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom<'zh' | 'en'>('zh', 'en'), (s, language) => {
        const r = importText(s, { language });
        expect(r.language).toBe(language);
      }),
      { numRuns: 100 },
    );
  });

  it('an HTML page becomes its text: scripts and tags gone, never executed or kept as markup, the user told', () => {
    const html = '<html><body><h1>头条</h1>\n<script>document.body.innerHTML="<img src=x onerror=alert(1)>"</script>\n<p>本报讯 会议召开。</p>\n</body></html>\n';
    const r = importText(html);
    const all = JSON.stringify(r.stories);
    expect(all).not.toContain('<');
    expect(all).not.toContain('innerHTML');
    expect(r.stories[0].headline).toEqual(['头条']);
    expect(r.stories[0].dateline).toBe('本报讯');
    expect(r.stories[0].body).toEqual(['会议召开。']);
    expect(r.notices.map((n) => n.kind)).toEqual(['converted-html']);
  });

  it('a 1 MB line with no breaks', () => {
    const line = repeatTo(ZH.replace(/\s+/g, ''), 1 << 20);
    const r = importText(line);
    expect(r.stories.length).toBe(1);
    expect(r.stories[0].body.join('').length + (r.stories[0].headline.join('').length)).toBeGreaterThan(1_000_000);
    const en = importText(repeatTo(EN.replace(/\s+/g, ' '), 1 << 20), { language: 'en' });
    expect(en.stories.length).toBeGreaterThan(0);
  });

  it('a 50 MB file', () => {
    const unit = `${ZH}\n\n${EN}\n\n${WEB}\n\n`;
    const text = unit.repeat(Math.ceil((50 << 20) / Buffer.byteLength(unit)));
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(50 << 20);
    const r = importText(text);
    expect(r.stories.length).toBeGreaterThan(10_000);
  });
});

describe('work grows linearly with input (the timing itself is in bench/import.ts)', () => {
  // No wall clock here: a shared machine makes timings flaky. What a quadratic importer
  // does differently is structural: a unit's lines change how the next copy is read
  // (a paragraph never closed swallows the rest, a bracket never closed is looked for
  // again on every line). So 4 copies of a unit must give exactly 4 times the output of one,
  // story for story, and every character of the input must come back once.
  it.each([
    ['Chinese page', `${ZH}\n\n\n`],
    ['English OCR page', `${EN}\n\n\n`],
    ['web-edition page', `${read('tests/fixtures/corpus/rmrb-20200103-03.txt')}`],
  ])('%s: four copies give four times the stories, each the same', (_, unit) => {
    const one = importText(unit).stories;
    const four = importText(unit.repeat(4)).stories;
    expect(four).toHaveLength(4 * one.length);
    const strip = (s: { headline: string[]; body: string[] }) => [...s.headline, ...s.body].join('');
    for (let k = 0; k < 4; k++) expect(four.slice(k * one.length, (k + 1) * one.length).map(strip)).toEqual(one.map(strip));
  });

  it.each([
    ['one long line', ZH.replace(/\s+/g, '')],
    ['openers never closed, closers never opened', '《（“'.repeat(40) + '）》”'.repeat(20) + '』'.repeat(50)],
  ])('%s: one story whose text grows with the input, nothing lost', (_, unit) => {
    const text = repeatTo(unit, 400_000);
    const r = importText(text);
    const out = r.stories
      .flatMap((s) => [s.kicker ?? '', ...s.headline, s.subtitle ?? '', s.column ?? '', s.dateline ?? '', s.byline ?? '', ...s.subheads.map((h) => h.text), ...s.body, s.caption?.text ?? '', s.caption?.credit ?? '', ...s.jumps.map((j) => j.text)])
      .concat(r.dropped)
      .join('')
      .replace(/\s+/g, '').length;
    expect(out).toBe(text.replace(/\s+/g, '').length);
  });
});

describe('empty and whitespace-only input', () => {
  it.each([
    ['nothing', ''],
    ['spaces and indents', ' \u3000\u3000\u00a0\t '],
    ['100,000 blank lines', '\r\n'.repeat(100_000)],
  ])('%s: no story, the problem said as a code', (_, text) => {
    const r = importText(text);
    expect(r.stories).toEqual([]);
    expect(r.problem).toEqual({ code: 'empty-input' });
  });

  it('a page with text has no problem', () => {
    expect(importText(ZH).problem).toBeUndefined();
  });

  it('the chunked import (the Import dialog\'s worker) says the same', async () => {
    expect((await importInChunks('\n'.repeat(100_000)))?.problem).toEqual({ code: 'empty-input' });
  });
});

describe('importInChunks (the worker’s job)', () => {
  it('gives the same result as importText, with progress from 0 to 1', async () => {
    const text = repeatTo(`${ZH}\n\n${WEB}\n\n`, 400_000);
    const progress: number[] = [];
    const result = await importInChunks(text, (f) => progress.push(f));
    expect(result).toEqual(importText(text));
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((f, i) => i === 0 || f >= progress[i - 1])).toBe(true);
  });

  it('matches importText on English too, where compounds and the measure are page-wide', async () => {
    const text = repeatTo(`${EN}\n\n`, 600_000);
    expect(await importInChunks(text)).toEqual(importText(text));
  });

  it('stops when cancelled', async () => {
    const text = repeatTo(`${ZH}\n\n`, 2_000_000);
    let steps = 0;
    const result = await importInChunks(text, () => steps++, () => steps >= 2);
    expect(result).toBeNull();
    expect(steps).toBeLessThan(4);
  });
});
