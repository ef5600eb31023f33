// The engine's page from scratch (as bench/page-scratch.ts does it in Node) in headless
// Chromium, for several checkouts in turns call by call: one Vite dev server and one page per
// checkout, then the pages are timed alternately, one page from scratch each, so a shared
// machine's load falls on every checkout alike (typeset-turns.ts alternates whole bench pages,
// a minute apart). Also the first call in a fresh page (cold JIT, ICU's dictionary not loaded)
// and the prepare step alone (body paragraphs; headlines, which the dictionary segmenter
// dominates). Beside each call's wall time, the renderer main thread's CPU time during the call
// (Linux schedstat, nanoseconds): on a shared machine the wall time is mostly the load, the CPU
// time is the work. `--profile` prints the last checkout's self time by function (CDP Profiler).
//   npx tsx bench/page-scratch-chromium.ts --root /tmp/before --root . [--runs 60] [--profile [--lines]] [--alloc] [--samples] [--idle]
// `--idle` waits before each timed call as bench/typeset-page.ts does (20 ms, then the page's idle time, up to
// 200 ms): what a user's one page meets (caches and clock gone cold, the thread asleep), and times a second call
// right after it (back to back) in the same turn, with each call's wait in the run queue (schedstat).
// `--alloc` prints the JS heap bytes a page allocates, by function; `--samples` every call's time.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';

const roots = process.argv.flatMap((a, i) => (a === '--root' ? [resolve(process.argv[i + 1])] : []));
if (!roots.length) roots.push(resolve('.'));
const r = process.argv.indexOf('--runs');
const runs = r > 0 ? Number(process.argv[r + 1]) : 60;
const PORT = Number(process.env.GALLEY_E2E_PORT ?? 4440) + 1;
const IDLE = process.argv.includes('--idle');

// Page code as a string: tsx would wrap functions passed to evaluate() with helpers the page lacks.
const SETUP = `(async () => {
  const ts = await import('/src/lib/typeset/index.ts');
  const { cutColumns } = await import('/src/lib/layout/index.ts');
  const { buildFront, moduleWidthPt } = await import('/bench/typeset-front.ts');
  const front = buildFront((await import('/src/lib/sample/front-page-zh.txt?raw')).default);
  const styles = () => {
    const memo = new Map();
    return (role) => {
      let s = memo.get(role);
      // A checkout from before houseStyle (12ca971, when issue 13 was filed) has defaultStyles: the same sizes,
      // no balanced headline breaking (less work on its side).
      if (!s) memo.set(role, (s = ts.houseStyle ? ts.houseStyle(role, { language: 'zh', bodySizePt: front.bodySizePt, leadingPt: front.leadingPt, headlinePt: front.bodySizePt * 2.6 }) : ts.defaultStyles('zh', front.bodySizePt, front.leadingPt)[role]));
      return s;
    };
  };
  const read = (l) => (Number.isNaN(l.naturalWidth + l.stretch) || typeof l.text !== 'string' ? 0 : l.runs.length);
  window.drawnRuns = 0;
  window.pageFromScratch = () => {
    const t0 = performance.now();
    const t = new ts.Typesetter();
    const styleOf = styles();
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
      for (const l of h) window.drawnRuns += read(l);
      for (let i = 0; i < placed; i++) window.drawnRuns += read(flow[i].line);
    }
    return performance.now() - t0;
  };
  window.prepareOnly = () => {
    const t = new ts.Typesetter();
    const styleOf = styles();
    const t0 = performance.now();
    for (const blocks of front.stories) t.prepareAll(blocks.filter((b) => b.role !== 'headline'), styleOf);
    const t1 = performance.now();
    for (const blocks of front.stories) t.prepareAll(blocks.filter((b) => b.role === 'headline'), styleOf);
    return [t1 - t0, performance.now() - t1];
  };
})()`;

const servers = roots.map((root, i) => spawn('npx', ['vite', '--port', String(PORT + i), '--strictPort', '--host', '127.0.0.1', '--logLevel', 'error'], { cwd: root, stdio: 'ignore', detached: true }));
const stop = () => servers.forEach((s) => { try { process.kill(-s.pid!, 'SIGTERM'); } catch { /* gone */ } });
process.on('exit', stop);
async function up(url: string): Promise<void> {
  for (let t = 0; t < 300; t++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not yet */ }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`no answer from ${url}`);
}
/** A renderer's main-thread CPU time in ms (its thread id is the process id), from /proc's schedstat. */
const cpuMs = (pid: number) => Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
/** Its time runnable but waiting for a core (schedstat's second field): the load's share of a call's wall time. */
const queuedMs = (pid: number) => Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
/** The renderer process of a page: the one whose main thread is busy while the page spins for 150 ms. */
async function rendererOf(page: Page, renderers: () => Promise<number[]>): Promise<number> {
  const pids = await renderers();
  const before = pids.map(cpuMs);
  await page.evaluate('(() => { const t = performance.now(); while (performance.now() - t < 150); })()');
  const grew = pids.map((pid, i) => cpuMs(pid) - before[i]);
  return pids[grew.indexOf(Math.max(...grew))];
}
/** A renderer process's minor page faults so far (/proc's stat, field 10): fresh memory's first touches, whatever the load. */
const minorFaults = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[7]);
/** Wall and main-thread CPU time of one call in the page, and the renderer's minor page faults during it. */
async function timed(page: Page, pid: number, call: string): Promise<[number, number, number]> {
  const f0 = minorFaults(pid);
  const c0 = cpuMs(pid);
  const wall = (await page.evaluate(call)) as number;
  return [wall, cpuMs(pid) - c0, minorFaults(pid) - f0];
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p25 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 4)];
const r2 = (x: number) => Math.round(x * 100) / 100;
try {
  for (let i = 0; i < roots.length; i++) await up(`http://127.0.0.1:${PORT + i}/bench/typeset.html`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const pages: Page[] = [];
  const pids: number[] = [];
  const cdp = await browser.newBrowserCDPSession();
  const renderers = async () => ((await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] }).processInfo.filter((p) => p.type === 'renderer').map((p) => p.id);
  for (let i = 0; i < roots.length; i++) {
    const page = await browser.newPage();
    const base = `http://127.0.0.1:${PORT + i}`;
    // Cross-origin isolated, as bench/run.ts serves the bench page: performance.now() at 5 µs.
    await page.route(`${base}/bench/typeset.html`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
    });
    await page.goto(`${base}/bench/typeset.html`, { waitUntil: 'load', timeout: 180_000 });
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.evaluate(SETUP);
    pages.push(page);
    pids.push(await rendererOf(page, renderers));
  }
  const load = [loadavg()[0]];
  const first: number[] = [];
  // Runs the first page drew (read): the same on every checkout whose lines agree.
  const drawn: number[] = [];
  for (const page of pages) {
    first.push((await page.evaluate('window.pageFromScratch()')) as number);
    drawn.push((await page.evaluate('window.drawnRuns')) as number);
  }
  const ms: number[][] = roots.map(() => []);
  const cpu: number[][] = roots.map(() => []);
  const faults: number[][] = roots.map(() => []);
  // What a call costs the main thread beyond the page's own work (the evaluate round trip), to subtract.
  const idleCpu: number[][] = roots.map(() => []);
  const after = { wall: roots.map((): number[] => []), cpu: roots.map((): number[] => []), queued: roots.map((): number[] => []), btbQueued: roots.map((): number[] => []) };
  for (let k = 0; k < runs; k++)
    for (const [i, page] of pages.entries()) {
      if (IDLE) {
        // The wait is a call of its own, untimed: its idle-time work (garbage collection) is not the page's.
        await page.evaluate('new Promise((ok) => setTimeout(() => requestIdleCallback(() => ok(0), { timeout: 200 }), 20))');
        const q0 = queuedMs(pids[i]);
        const [w, c] = await timed(page, pids[i], 'window.pageFromScratch()');
        after.queued[i].push(queuedMs(pids[i]) - q0);
        after.wall[i].push(w);
        after.cpu[i].push(c);
      }
      const q0 = queuedMs(pids[i]);
      const [wall, c, pf] = await timed(page, pids[i], 'window.pageFromScratch()');
      after.btbQueued[i].push(queuedMs(pids[i]) - q0);
      ms[i].push(wall);
      cpu[i].push(c);
      faults[i].push(pf);
      idleCpu[i].push((await timed(page, pids[i], '0'))[1]);
    }
  // `--in-page`: 21 pages in one evaluate, as bench/typeset-page.ts runs them (each in a task of its own, after
  // setTimeout 0 or after idle time), with the main thread's CPU and run-queue time over all of them.
  const inPage = process.argv.includes('--in-page')
    ? await (async () => {
        const out: Record<string, number>[] = [];
        for (const [i, page] of pages.entries()) {
          const row: Record<string, number> = {};
          for (const [name, wait] of [['task', 'new Promise((ok) => setTimeout(ok, 0))'], ['sleep', 'new Promise((ok) => setTimeout(ok, 40))'], ['idle', 'new Promise((ok) => setTimeout(() => requestIdleCallback(() => ok(0), { timeout: 200 }), 20))']]) {
            const c0 = cpuMs(pids[i]);
            const q0 = queuedMs(pids[i]);
            const walls = (await page.evaluate(`(async () => { const w = []; for (let k = 0; k < 21; k++) { await ${wait}; w.push(window.pageFromScratch()); } return w; })()`)) as number[];
            row[`${name}_wall_median`] = r2(median(walls));
            row[`${name}_wall_mean`] = r2(walls.reduce((a, b) => a + b, 0) / 21);
            row[`${name}_cpu_mean_incl_waits`] = r2((cpuMs(pids[i]) - c0) / 21);
            row[`${name}_queued_mean`] = r2((queuedMs(pids[i]) - q0) / 21);
          }
          out.push(row);
        }
        return out;
      })()
    : null;
  const body: number[][] = roots.map(() => []);
  const head: number[][] = roots.map(() => []);
  for (let k = 0; k < runs; k++)
    for (const [i, page] of pages.entries()) {
      const [b, h] = (await page.evaluate('window.prepareOnly()')) as number[];
      body[i].push(b);
      head[i].push(h);
    }
  load.push(loadavg()[0]);
  console.log(JSON.stringify({ load_avg_1m: load.map((x) => Math.round(x * 10) / 10), runs, idle: IDLE, results: roots.map((root, i) => ({ root, drawn_runs: drawn[i], first_call_cold_jit_ms: r2(first[i]), page_from_scratch_ms: r2(median(ms[i])), page_from_scratch_ms_p25: r2(p25(ms[i])), page_from_scratch_ms_min: r2(Math.min(...ms[i])), main_thread_cpu_ms: r2(median(cpu[i])), main_thread_cpu_ms_p25: r2(p25(cpu[i])), main_thread_cpu_ms_round_trip: r2(median(idleCpu[i])), minor_faults: median(faults[i]), ...(IDLE ? { queued_ms: r2(median(after.btbQueued[i])), after_idle_ms: r2(median(after.wall[i])), after_idle_ms_min: r2(Math.min(...after.wall[i])), after_idle_cpu_ms: r2(median(after.cpu[i])), after_idle_queued_ms: r2(median(after.queued[i])) } : {}), prepare_body_ms: r2(median(body[i])), prepare_headlines_ms: r2(median(head[i])), ...(inPage ? { in_page: inPage[i] } : {}) })) }, null, 1));
  if (process.argv.includes('--samples')) for (const [i, root] of roots.entries()) console.log(root, 'wall', ms[i].map(r2).join(' '), '\ncpu', cpu[i].map(r2).join(' '));
  if (process.argv.includes('--profile')) {
    // A fresh page with the profiler on before any of the engine is compiled: V8 keeps the
    // source positions of optimised code (per-line ticks) only for code compiled while profiling.
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${PORT + roots.length - 1}/bench/typeset.html`, { waitUntil: 'load', timeout: 180_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.evaluate(SETUP);
    // The first pages load ICU's word-break data and compile the engine (tens of ms once per tab):
    // left out, so that the profile is what a warm page from scratch spends (code compiled now keeps
    // its source positions when the profiler starts again).
    await page.evaluate('(() => { for (let k = 0; k < 5; k++) window.pageFromScratch(); })()');
    await cdp.send('Profiler.stop');
    await cdp.send('Profiler.start');
    await page.evaluate('(() => { for (let k = 0; k < 150; k++) window.pageFromScratch(); })()');
    const { profile } = await cdp.send('Profiler.stop');
    const dt = new Map<number, number>();
    profile.samples!.forEach((s, i) => dt.set(s, (dt.get(s) ?? 0) + (profile.timeDeltas![i] ?? 0)));
    const self = new Map<string, number>();
    let total = 0;
    for (const n of profile.nodes) {
      const t = dt.get(n.id) ?? 0;
      total += t;
      const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + t);
    }
    for (const [key, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${((100 * t) / total).toFixed(1).padStart(5)} %  ${key}`);
    if (process.argv.includes('--lines')) {
      // Samples by source line (CDP positionTicks) for the engine's files: where inside a function the time goes.
      const ticks = new Map<string, number>();
      let all = 0;
      for (const n of profile.nodes) {
        for (const p of n.positionTicks ?? []) {
          all += p.ticks;
          const key = `${n.callFrame.url.split('/').pop()?.split('?')[0]}:${p.line}`;
          ticks.set(key, (ticks.get(key) ?? 0) + p.ticks);
        }
      }
      for (const [key, t] of [...ticks].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_LINES ?? 40))) console.log(`${((100 * t) / all).toFixed(1).padStart(5)} %  ${key}`);
    }
  }
  if (process.argv.includes('--alloc')) {
    // Whose garbage: V8's sampling heap profiler over 50 pages from scratch, counting objects the
    // minor and major GCs have collected too, so the bytes are what each function allocates (JS heap;
    // typed arrays' backing stores are outside it). Bytes per page by allocating function.
    const page = pages[pages.length - 1];
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: 512, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    const PAGES = 50;
    await page.evaluate(`(() => { for (let k = 0; k < ${PAGES}; k++) window.pageFromScratch(); })()`);
    const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as { profile: { head: AllocNode } };
    type AllocNode = { callFrame: { functionName: string; url: string; lineNumber: number }; selfSize: number; children: AllocNode[] };
    const self = new Map<string, number>();
    let total = 0;
    const walk = (n: AllocNode) => {
      total += n.selfSize;
      const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()?.split('?')[0]}:${n.callFrame.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + n.selfSize);
      n.children.forEach(walk);
    };
    walk(profile.head);
    console.log(`JS heap allocated per page: ${(total / PAGES / 1024).toFixed(0)} KB`);
    for (const [key, b] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(b / PAGES / 1024).toFixed(1).padStart(7)} KB  ${key}`);
  }
  await browser.close();
} finally {
  stop();
}
