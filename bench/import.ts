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

export async function benchImport(): Promise<{ mb1_mb_s: number; mb10_mb_s: number }> {
  const small = inputOf(1 << 20);
  const large = inputOf(10 << 20);
  for (let i = 0; i < 3; i++) importText(small); // warm the JIT (and let the young heap settle) before measuring
  const round = (x: number) => Math.round(x * 10) / 10;
  return { mb1_mb_s: round(medianRate(small)), mb10_mb_s: round(medianRate(large)) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  benchImport().then((r) => console.log(JSON.stringify(r)));
}
