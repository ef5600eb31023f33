// A Chrome trace over keystrokes (bench/keystroke.ts's setup, unlimited-frame browser unless
// `--vsync60`): main-thread time per event name per key, so native work (style, layout,
// paint) shows beside the script; and per key, the cross-check of bench/keystroke.ts's
// figure: beforeinput → end of the main thread's frame (commit) and → the display
// compositor's draw of that frame, both read from the trace.
// `npx tsx bench/keystroke-trace.ts <url> [out.json] [throttle] [css to add, for trying a style] [--vsync60]`
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { BROWSER_ARGS, openLongStory, typeKeys, UNLIMITED_FRAMES } from './keystroke';

const argv = process.argv.filter((a) => a !== '--vsync60');
const vsync60 = argv.length !== process.argv.length;
const url = argv[2];
const out = argv[3] ?? '/tmp/keystroke-trace.json';
const throttle = Number(argv[4] ?? 1);
const KEYS = 20;
type TraceEvent = { name: string; cat: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: any };
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BROWSER_ARGS, ...(vsync60 ? [] : UNLIMITED_FRAMES)] });
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await openLongStory(page, url);
  if (argv[5]) await page.addStyleTag({ content: argv[5] });
  const cdp = await context.newCDPSession(page);
  if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await typeKeys(page, 10);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8.execute', 'viz', 'cc', 'benchmark'] });
  const keys = await typeKeys(page, KEYS);
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
  writeFileSync(out, JSON.stringify(trace));
  const ev = trace.traceEvents;
  const names = ev.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mains = new Set(names.map((e) => `${e.pid}:${e.tid}`));
  const onMain = (e: TraceEvent) => mains.has(`${e.pid}:${e.tid}`);
  const by = new Map<string, { n: number; dur: number }>();
  for (const e of ev) {
    if (e.ph !== 'X' || !onMain(e) || !e.dur) continue;
    const s = by.get(e.name) ?? { n: 0, dur: 0 };
    s.n++;
    s.dur += e.dur;
    by.set(e.name, s);
  }
  for (const [name, s] of [...by].sort((a, b) => b[1].dur - a[1].dur).slice(0, 30)) {
    console.log(`${(s.dur / 1000 / KEYS).toFixed(2).padStart(8)} ms/key ${String(s.n).padStart(6)}x  ${name}`);
  }
  // Per key: beforeinput → the end of the first main-thread Commit after the key's task, and →
  // the first display draw after that commit.
  const inputs = ev.filter((e) => onMain(e) && e.name === 'EventDispatch' && e.args?.data?.type === 'beforeinput').sort((a, b) => a.ts - b.ts);
  const tasks = ev.filter((e) => onMain(e) && e.name === 'RunTask' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const commits = ev.filter((e) => onMain(e) && e.name === 'Commit' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const draws = ev.filter((e) => /^(Display::DrawAndSwap|DisplayScheduler::DrawAndSwap)$/.test(e.name)).sort((a, b) => a.ts - b.ts);
  const rows: string[] = [];
  const toCommit: number[] = [];
  const toDraw: number[] = [];
  const cpu: number[] = [];
  const thread: number[] = [];
  for (const [i, bi] of inputs.entries()) {
    const task = tasks.findLast((t) => t.ts <= bi.ts && t.ts + (t.dur ?? 0) >= bi.ts);
    const taskEnd = task ? task.ts + (task.dur ?? 0) : bi.ts;
    const commit = commits.find((c) => c.ts >= taskEnd);
    const commitEnd = commit ? commit.ts + (commit.dur ?? 0) : NaN;
    const draw = draws.find((d) => d.ts >= commitEnd);
    // Main-thread time between the key's task start and its frame's commit end (its own tasks, not waiting).
    const own = tasks.filter((t) => t.ts >= (task?.ts ?? bi.ts) && t.ts < commitEnd);
    const busy = own.reduce((s, t) => s + (t.dur ?? 0), 0);
    // Thread time (CPU the main thread got, not waiting for a core): the figure to read on a loaded machine.
    const cpuTime = own.reduce((s, t) => s + (t.tdur ?? t.dur ?? 0), 0);
    toCommit.push((commitEnd - bi.ts) / 1000);
    toDraw.push(draw ? (draw.ts + (draw.dur ?? 0) - bi.ts) / 1000 : NaN);
    cpu.push(busy / 1000);
    thread.push(cpuTime / 1000);
    rows.push(`key ${String(i).padStart(2)}: page ${keys[i]?.frame.toFixed(1).padStart(6)}  trace: task ${((taskEnd - bi.ts) / 1000).toFixed(1).padStart(6)}  commit end ${toCommit[i].toFixed(1).padStart(6)}  drawn ${toDraw[i].toFixed(1).padStart(6)}  main busy ${cpu[i].toFixed(1).padStart(6)}  cpu ${thread[i].toFixed(1).padStart(6)}`);
  }
  console.log(rows.join('\n'));
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(`median: page frame ${med(keys.map((k) => k.frame)).toFixed(1)}, trace commit end ${med(toCommit).toFixed(1)}, drawn ${med(toDraw).toFixed(1)}, main busy ${med(cpu).toFixed(1)}, main-thread CPU ${med(thread).toFixed(1)} ms (p95 ${[...thread].sort((a, b) => a - b)[Math.ceil(thread.length * 0.95) - 1].toFixed(1)})`);
} finally {
  await browser.close();
}
