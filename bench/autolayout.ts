// Auto-layout at 30, 100 and 300 stories (issue 13 item 3), in Node with the
// real typesetting engine, median of RUNS runs. autolayout_ms_N is warm: the
// command run again on the same stories with the typesetter and layout cache
// kept (what the desk waits for when it presses auto-layout a second time:
// placement and cutting, lines from the memo). autolayout_cold_ms_N is from a
// new typesetter and layout cache (every story typeset at every width tried;
// only the fonts' metric tables, loaded once before, are warm — they are in the
// browser too). Stories come from the corpus fixtures, cycled, each with its own
// id, so the text is real copy. autolayout_cpu_ms_N is the warm run's CPU time
// of this process (less disturbed by other work on a shared machine).
// Standalone: `npx tsx bench/autolayout.ts [--json] [--root DIR]...`; with
// several --root (e.g. a checkout of the commit before), each tree is measured
// in turn, round by round, in one run, and the keys get the tree's index.
// `npm run bench` adds the keys autolayout_ms_30 / _100 / _300.
import { readFileSync, readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Story } from '../src/lib/model/edition';

const RUNS = 5;
const SIZES = [30, 100, 300];
const HERE = new URL('../', import.meta.url);

interface Tree {
  autoLayout: typeof import('../src/lib/layout').autoLayout;
  newEdition: typeof import('../src/lib/layout').newEdition;
  LayoutCache: typeof import('../src/lib/layout').LayoutCache;
  Typesetter: typeof import('../src/lib/typeset').Typesetter;
  importText: typeof import('../src/lib/import').importText;
  decodeBytes: typeof import('../src/lib/import').decodeBytes;
  storiesFromImport: typeof import('../src/lib/import').storiesFromImport;
}

async function loadTree(root: URL): Promise<Tree> {
  const layout = await import(new URL('src/lib/layout/index.ts', root).href);
  const typeset = await import(new URL('src/lib/typeset/index.ts', root).href);
  const imp = await import(new URL('src/lib/import/index.ts', root).href);
  return { ...layout, ...typeset, ...imp };
}

function corpusStories(t: Tree): Story[] {
  const dir = new URL('tests/fixtures/', HERE);
  const files = [
    ...readdirSync(new URL('corpus/', dir)).filter((f) => f.endsWith('.txt')).map((f) => new URL(`corpus/${f}`, dir)),
    ...readdirSync(new URL('layout/', dir)).filter((f) => f.endsWith('.txt')).map((f) => new URL(`layout/${f}`, dir)),
  ];
  return files.flatMap((f) => t.storiesFromImport(t.importText(t.decodeBytes(readFileSync(f)).text)));
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

function warmFonts(t: Tree): void {
  new t.Typesetter().typeset([{ key: 'warm', role: 'paragraph', runs: [{ text: '字体度量表', marks: [] }] }], () => ({ face: 'song', weight: 400, sizePt: 9, leadingPt: 13.5, indentEm: 2, align: 'justify' }), { widthPt: 100 });
}

/** One round for one tree at one size: a cold run, then a warm run on the same caches. */
function round(t: Tree, stories: Story[]): { cold: number; warm: number; cpu: number; pages: number } {
  const ed = t.newEdition({ stories, language: 'zh', date: '2020-01-01' });
  const ts = new t.Typesetter();
  // A checkout from before the explicit LayoutCache (12ca971, when issue 13 was filed) keeps no cache between runs.
  const cache = t.LayoutCache ? new t.LayoutCache() : undefined;
  let t0 = performance.now();
  const pages = t.autoLayout(ed, ts, {}, cache).pages.length;
  const cold = performance.now() - t0;
  const c0 = process.cpuUsage();
  t0 = performance.now();
  t.autoLayout(ed, ts, {}, cache);
  const warm = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { cold, warm, cpu: (c.user + c.system) / 1000, pages };
}

/** Figures per tree, rounds interleaved across trees so load on the machine falls on all alike. */
export async function benchAutoLayouts(roots: URL[]): Promise<Record<string, number>[]> {
  const trees = await Promise.all(roots.map(loadTree));
  const pool = corpusStories(trees[0]);
  trees.forEach(warmFonts);
  const out = trees.map(() => ({}) as Record<string, number>);
  for (const n of SIZES) {
    const stories = storiesOf(pool, n);
    const got = trees.map(() => ({ cold: [] as number[], warm: [] as number[], cpu: [] as number[], pages: 0 }));
    for (let r = 0; r < RUNS; r++)
      trees.forEach((t, k) => {
        const x = round(t, stories);
        got[k].cold.push(x.cold);
        got[k].warm.push(x.warm);
        got[k].cpu.push(x.cpu);
        got[k].pages = x.pages;
      });
    got.forEach((g, k) => {
      out[k][`autolayout_ms_${n}`] = Math.round(median(g.warm));
      out[k][`autolayout_cpu_ms_${n}`] = Math.round(median(g.cpu));
      out[k][`autolayout_cold_ms_${n}`] = Math.round(median(g.cold));
      out[k][`autolayout_pages_${n}`] = g.pages;
    });
  }
  return out;
}

export async function benchAutoLayout(): Promise<Record<string, number>> {
  return (await benchAutoLayouts([HERE]))[0];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const roots: URL[] = [];
  for (let i = 2; i < process.argv.length; i++) if (process.argv[i] === '--root') roots.push(pathToFileURL(`${process.argv[++i].replace(/\/$/, '')}/`));
  const results = await benchAutoLayouts(roots.length ? roots : [HERE]);
  const flat: Record<string, number> = roots.length > 1 ? Object.assign({}, ...results.map((r, k) => Object.fromEntries(Object.entries(r).map(([key, v]) => [`${key}@${k}`, v])))) : results[0];
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(flat) + '\n');
  else for (const [k, v] of Object.entries(flat)) console.log(k.padEnd(28), v);
}
