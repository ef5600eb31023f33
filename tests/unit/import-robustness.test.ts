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

/** Fastest of a few interleaved timings of a and b, in ms: the minimum is the figure least disturbed by a shared box. */
function timeBoth(a: () => void, b: () => void): [number, number] {
  let ta = Infinity;
  let tb = Infinity;
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    a();
    ta = Math.min(ta, performance.now() - t);
    t = performance.now();
    b();
    tb = Math.min(tb, performance.now() - t);
  }
  return [ta, tb];
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

describe('time grows linearly with input', () => {
  // Measured within one test, 4× the input against 1×; lenient because the box is shared.
  it.each([
    ['Chinese page', `${ZH}\n\n`],
    ['English OCR page', `${EN}\n\n`],
    ['one long line', ZH.replace(/\s+/g, '')],
    ['one long hard-wrapped English paragraph', 'and the gov-\nernment of the day went on to say that the\n'],
    ['openers never closed, closers never opened', '《（“'.repeat(40) + '）》”'.repeat(20) + '』'.repeat(50)],
  ])('%s', (_, unit) => {
    // 400k against 1.6M characters: a much smaller input fits in cache and flatters the 1× time.
    const small = repeatTo(unit, 400_000);
    const large = repeatTo(unit, 1_600_000);
    importText(small); // warm up
    const [tLarge, tSmall] = timeBoth(() => importText(large), () => importText(small));
    const ratio = tLarge / tSmall;
    // Linear gives 4, quadratic 16: 10 splits them with room for a busy CI box
    // (the minimum of five interleaved runs already discards most preemption).
    expect(ratio).toBeLessThan(10);
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
