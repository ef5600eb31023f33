// Auto-layout at 30, 100 and 300 stories (issue 13 item 3), in Node with the
// real typesetting engine, median of 3 runs. autolayout_ms_N is warm: the
// command run again on the same stories with the typesetter and layout cache
// kept (what the desk waits for when it presses auto-layout a second time:
// placement and cutting, lines from the memo). autolayout_cold_ms_N is from
// new caches (every story typeset at every width tried). The fonts' metric
// tables are loaded once before (they are in the browser too). Stories come from the
// corpus fixtures, cycled, each with its own id, so the text is real copy.
// Standalone: `npx tsx bench/autolayout.ts [--json]`; `npm run bench` adds the keys
// autolayout_ms_30 / _100 / _300 (and autolayout_pages_300).
import { readFileSync, readdirSync } from 'node:fs';
import { autoLayout, newEdition, LayoutCache } from '../src/lib/layout';
import { Typesetter } from '../src/lib/typeset';
import { decodeBytes, importText, storiesFromImport } from '../src/lib/import';
import type { Story } from '../src/lib/model/edition';

const DIR = new URL('../tests/fixtures/', import.meta.url);
const RUNS = 3;

function corpusStories(): Story[] {
  const files = [
    ...readdirSync(new URL('corpus/', DIR)).filter((f) => f.endsWith('.txt')).map((f) => new URL(`corpus/${f}`, DIR)),
    ...readdirSync(new URL('layout/', DIR)).filter((f) => f.endsWith('.txt')).map((f) => new URL(`layout/${f}`, DIR)),
  ];
  return files.flatMap((f) => storiesFromImport(importText(decodeBytes(readFileSync(f)).text)));
}

function storiesOf(pool: Story[], n: number): Story[] {
  return Array.from({ length: n }, (_, i) => {
    const s = pool[i % pool.length];
    return { ...s, id: `b${i}`, slug: `b${i}`, doc: structuredClone(s.doc), meta: { ...s.meta, priority: i === 0 ? 1 : 2 + (i % 5) } };
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function benchAutoLayout(): Record<string, number> {
  const pool = corpusStories();
  const out: Record<string, number> = {};
  new Typesetter().typeset([{ key: 'warm', role: 'paragraph', runs: [{ text: '字体度量表', marks: [] }] }], () => ({ face: 'song', weight: 400, sizePt: 9, leadingPt: 13.5, indentEm: 2, align: 'justify' }), { widthPt: 100 });
  for (const n of [30, 100, 300]) {
    const cold: number[] = [];
    const warm: number[] = [];
    let pages = 0;
    const ed = newEdition({ stories: storiesOf(pool, n), language: 'zh', date: '2020-01-01' });
    for (let r = 0; r < RUNS; r++) {
      const ts = new Typesetter();
      const cache = new LayoutCache();
      let t0 = performance.now();
      pages = autoLayout(ed, ts, {}, cache).pages.length;
      cold.push(performance.now() - t0);
      t0 = performance.now();
      autoLayout(ed, ts, {}, cache);
      warm.push(performance.now() - t0);
    }
    out[`autolayout_ms_${n}`] = Math.round(median(warm));
    out[`autolayout_cold_ms_${n}`] = Math.round(median(cold));
    out[`autolayout_pages_${n}`] = pages;
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchAutoLayout();
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(r) + '\n');
  else for (const [k, v] of Object.entries(r)) console.log(k.padEnd(24), v);
}
