// The engine's "page from scratch" (page_from_scratch_ms of bench/typeset-page.ts) in Node:
// a new Typesetter (only the fonts' metric tables loaded), prepare all 12 stories of the
// bench front page, typeset them and cut the 12 modules. For profiling (`node --cpu-prof`)
// and for before/after in one process: `npx tsx bench/page-scratch.ts --root A --root B`
// loads each checkout's engine and times them in turns (the load falls on both alike).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Engine = typeof import('../src/lib/typeset');
type Layout = typeof import('../src/lib/layout');
type Front = typeof import('./typeset-front');

const roots: string[] = [];
process.argv.forEach((a, i) => {
  if (a === '--root') roots.push(resolve(process.argv[i + 1]));
});
if (!roots.length) roots.push(join(import.meta.dirname, '..'));
const r = process.argv.indexOf('--runs');
const runs = r > 0 ? Number(process.argv[r + 1]) : 40;

/** Read a line's fields as layout's positioned() copies them; the number of its runs. */
function read(l: { text: string; naturalWidth: number; stretch: number; runs: unknown[] }): number {
  return Number.isNaN(l.naturalWidth + l.stretch) || typeof l.text !== 'string' ? 0 : l.runs.length;
}

async function load(root: string) {
  const mod = async <T>(p: string): Promise<T> => (await import(pathToFileURL(join(root, p)).href)) as T;
  const ts = await mod<Engine>('src/lib/typeset/index.ts');
  const { cutColumns } = await mod<Layout>('src/lib/layout/index.ts');
  const { buildFront, moduleWidthPt } = await mod<Front>('bench/typeset-front.ts');
  const front = buildFront(readFileSync(join(root, 'src/lib/sample/front-page-zh.txt'), 'utf8'));
  /** One page from scratch; returns the lines and runs drawn (the same on every checkout whose breaks agree). */
  return (): string => {
    const t = new ts.Typesetter();
    const memo = new Map<string, ReturnType<Engine['houseStyle']>>();
    const styleOf = (role: string) => {
      let s = memo.get(role);
      if (!s) memo.set(role, (s = ts.houseStyle(role, { language: 'zh', bodySizePt: front.bodySizePt, leadingPt: front.leadingPt, headlinePt: front.bodySizePt * 2.6 })));
      return s;
    };
    let lines = 0;
    let runs = 0;
    for (const m of front.modules) {
      const blocks = front.stories[m.story];
      const head = blocks.filter((b) => b.role === 'headline');
      const body = blocks.filter((b) => b.role !== 'headline');
      const h = t.typeset(head, styleOf, { widthPt: moduleWidthPt(front, m.span) });
      const flow = t.typeset(body, styleOf, { widthPt: front.columnWidthPt }).map((line) => {
        const role = body[line.block].role;
        return { line, role, continued: false, style: styleOf(role), key: body[line.block].key, slots: Math.max(1, Math.round(line.leadingPt / front.leadingPt)), end: line.lastOfBlock ? { block: line.block + 1, offset: 0 } : { block: line.block, offset: line.to } };
      });
      const headSlots = Math.ceil(h.reduce((s, l) => s + l.leadingPt, 0) / front.leadingPt - 1e-6);
      const placed = cutColumns(flow, m.span, Math.max(0, m.lines - headSlots), false, false).placed;
      // What layout's positioned() reads of each line the page draws (the engine places a line's text
      // and runs when they are first read): the headline's lines and the body lines the columns took.
      for (const l of h) runs += read(l);
      for (let i = 0; i < placed; i++) runs += read(flow[i].line);
      lines += h.length + placed;
    }
    return `${lines} lines, ${runs} runs`;
  };
}

const pages = await Promise.all(roots.map(load));
const ms: number[][] = roots.map(() => []);
// CPU time of the process during the run (user + system): on a shared machine the wall time
// includes the time other processes held the core; the CPU time does not (it does include GC threads).
const cpu: number[][] = roots.map(() => []);
// Minor page faults during the run: fresh memory's first touches (the records' slabs), which the load does not change.
const faults: number[][] = roots.map(() => []);
const lines: string[] = roots.map(() => '');
for (let k = -3; k < runs; k++) {
  pages.forEach((page, i) => {
    const f0 = process.resourceUsage().minorPageFault;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    lines[i] = page();
    const dt = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const f = process.resourceUsage().minorPageFault - f0;
    if (k >= 0) {
      faults[i].push(f);
      ms[i].push(dt);
      cpu[i].push((c.user + c.system) / 1000);
    }
  });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p25 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 4)];
const r2 = (x: number) => Math.round(x * 100) / 100;
console.log(JSON.stringify(roots.map((root, i) => ({ root, lines: lines[i], page_from_scratch_ms_node: r2(median(ms[i])), cpu_ms_median: r2(median(cpu[i])), cpu_ms_p25: r2(p25(cpu[i])), minor_faults_median: median(faults[i]), min_ms: r2(Math.min(...ms[i])) }))));
