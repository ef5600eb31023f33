// Import throughput: MB of UTF-8 source per second, on 1 MB and 10 MB inputs
// built from the three samples (the real Chinese page, the Chinese web dump,
// the English OCR page). Median of 5 runs each. `npx tsx bench/import.ts` prints them.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { importText } from '../src/lib/import/index';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

function inputOf(bytes: number): string {
  const unit = [read('src/lib/sample/front-page-zh.txt'), read('tests/fixtures/zh-web-dump.txt'), read('tests/fixtures/en-ocr-1910s.txt')].join('\n\n\n');
  return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)));
}

function medianRate(text: string, runs = 5): number {
  const mb = Buffer.byteLength(text) / (1 << 20);
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    importText(text);
    rates.push(mb / ((performance.now() - t) / 1000));
  }
  return rates.sort((a, b) => a - b)[runs >> 1];
}

/**
 * Time of 4× the input over 1× (400k against 1.6M characters), fastest of five interleaved
 * runs, for inputs shaped to catch a quadratic importer: linear gives about 4, quadratic 16.
 * Here, not in the unit tests: a timing on a shared machine is a figure, not a pass/fail.
 */
function linearity(unit: string): number {
  const repeatTo = (chars: number) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars);
  const small = repeatTo(400_000);
  const large = repeatTo(1_600_000);
  importText(small);
  let ts = Infinity;
  let tl = Infinity;
  for (let i = 0; i < 5; i++) {
    let t = performance.now();
    importText(large);
    tl = Math.min(tl, performance.now() - t);
    t = performance.now();
    importText(small);
    ts = Math.min(ts, performance.now() - t);
  }
  return Math.round((tl / ts) * 10) / 10;
}

export async function benchImport(): Promise<{ mb1_mb_s: number; mb10_mb_s: number; linearity_4x: Record<string, number> }> {
  const small = inputOf(1 << 20);
  const large = inputOf(10 << 20);
  for (let i = 0; i < 3; i++) importText(small); // warm the JIT (and let the young heap settle) before measuring
  const round = (x: number) => Math.round(x * 10) / 10;
  const zh = read('src/lib/sample/front-page-zh.txt');
  const linearity_4x = {
    zh_page: linearity(`${zh}\n\n`),
    en_ocr_page: linearity(`${read('tests/fixtures/en-ocr-1910s.txt')}\n\n`),
    one_long_line: linearity(zh.replace(/\s+/g, '')),
    hard_wrapped_en: linearity('and the gov-\nernment of the day went on to say that the\n'),
    unbalanced_brackets: linearity('《（“'.repeat(40) + '）》”'.repeat(20) + '』'.repeat(50)),
    blank_lines: linearity('\n'),
  };
  return { mb1_mb_s: round(medianRate(small)), mb10_mb_s: round(medianRate(large)), linearity_4x };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchImport().then((r) => console.log(JSON.stringify(r)));
}
