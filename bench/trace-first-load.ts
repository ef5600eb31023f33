// Where a first load's time goes: a Chrome trace of the Layout view's cold load
// (returning user, HTTP cache cleared, as bench/first-load.ts measures it), summarised:
// main-thread tasks over 50 ms, the JS functions that fill them (self and total time from
// the trace's CPU profile samples), and when the fonts arrived.
//   npx tsx bench/trace-first-load.ts --url http://127.0.0.1:4173/ [--out /tmp/trace.json]
// Several --url and/or --runs N: no details, only each load's main-thread figures, the builds
// traced in turns, and their medians. Thread time (CPU the page's main thread ran) does not
// count the time other processes held the core: on a busy shared machine it compares builds
// where wall time cannot. drawing_cpu_ms / drawing_wall_ms: the part from the page's faces
// being ready (PageSurface's mark) to laid out, where a build has the mark. page_written_ms: the
// page's lines all written (hidden), the app's own way done; the faces-ready mark waits for that
// too, so faces_ready_ms ≈ page_written_ms says the app gated the page, ≈ fonts_last_received_ms the fonts.
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { returningToLayout } from './first-load';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const urls = process.argv.flatMap((a, i) => (a === '--url' ? [process.argv[i + 1]] : []));
if (!urls.length) urls.push('http://127.0.0.1:4173/');
const runs = Number(arg('--runs', '1'));
const out = arg('--out', '');

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: Record<string, unknown> } & Record<string, unknown>;
  id?: string;
}
interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface Figures {
  laid_out_ms: number;
  main_thread_cpu_ms_until_laid_out: number;
  longest_task_cpu_ms: number;
  longest_task_wall_ms: number;
  tasks_over_50ms_cpu: number;
  /**
   * From the page's faces being ready (PageSurface's `galley:page-faces-ready` mark) to laid out:
   * the drawing's main-thread CPU and wall time; null for a build without the mark.
   */
  drawing_cpu_ms: number | null;
  drawing_wall_ms: number | null;
  /**
   * The drawing's main-thread CPU by the browser's phase (from the faces-ready mark to laid out): each
   * trace event's own time (less its children's) counted to the nearest phase it is inside: style
   * (UpdateLayoutTree), layout (Layout), prepaint (PrePaint), paint (Paint), parse (ParseHTML), script
   * (FunctionCall, RunMicrotasks, timers, frame callbacks: JS less the style and layout it forced), other
   * (the rest of the tasks: scheduling, commit, …). Null for a build without the mark.
   */
  drawing_phases_cpu_ms: Record<'style' | 'layout' | 'prepaint' | 'paint' | 'parse' | 'script' | 'other', number> | null;
  /**
   * Where the wait is (page clock, ms): the document's module script and module preloads all
   * received; the first font piece asked for and the last one received before the page; the
   * page's faces ready (the mark). A page whose faces are ready just after its last piece waits
   * for the fonts, not for its code.
   */
  code_received_ms: number | null;
  fonts_first_asked_ms: number | null;
  fonts_last_received_ms: number | null;
  /** The stylesheets' own font files (slices.css's Latin slices, Noto Serif: not pieces) before the page: first asked, last received. */
  stylesheet_fonts_asked_ms: number | null;
  stylesheet_fonts_received_ms: number | null;
  faces_ready_ms: number | null;
  /**
   * The page's lines all written (hidden) into the page (PageSurface's `galley:page-written` mark):
   * the app's own way from the code to the page done, fonts aside; and the main thread's CPU until then.
   */
  page_written_ms: number | null;
  main_thread_cpu_ms_until_written: number | null;
  /** Every `galley:*` mark the app set before the page (page clock, ms): the app's way from `main` to the page, step by step. */
  marks: Record<string, number>;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });

const PHASE_OF: Record<string, 'style' | 'layout' | 'prepaint' | 'paint' | 'parse' | 'script'> = {
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'prepaint',
  Paint: 'paint',
  ParseHTML: 'parse',
  FunctionCall: 'script',
  RunMicrotasks: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  FireIdleCallback: 'script',
  EventDispatch: 'script',
  EvaluateScript: 'script',
};

/** Figures.drawing_phases_cpu_ms: the CPU of `tasks` (the main thread's, from the faces-ready mark on) by phase. */
function drawingPhases(events: TraceEvent[], main: { pid: number; tid: number }, tasks: TraceEvent[]): NonNullable<Figures['drawing_phases_cpu_ms']> {
  const out = { style: 0, layout: 0, prepaint: 0, paint: 0, parse: 0, script: 0, other: 0 };
  type Timed = TraceEvent & { tdur?: number };
  const spans = tasks.map((t) => [t.ts, t.ts + (t.dur ?? 0)] as const);
  const inside = (events as Timed[])
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.tdur !== undefined && spans.some(([a, b]) => e.ts >= a && e.ts + (e.dur ?? 0) <= b))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Each event's own CPU (less its children's), counted to its nearest phase (its own, or an enclosing event's).
  const stack: { e: Timed; phase: keyof typeof out; own: number }[] = [];
  const close = (s: (typeof stack)[number]) => (out[s.phase] += Math.max(0, s.own));
  for (const e of inside) {
    while (stack.length && stack[stack.length - 1].e.ts + (stack[stack.length - 1].e.dur ?? 0) <= e.ts) close(stack.pop()!);
    const parent = stack[stack.length - 1];
    if (parent) parent.own -= e.tdur!;
    stack.push({ e, phase: PHASE_OF[e.name] ?? parent?.phase ?? 'other', own: e.tdur! });
  }
  while (stack.length) close(stack.pop()!);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v / 1000)])) as typeof out;
}

/** One traced load of `base`; with `details`, where its time went is printed too. */
async function traceLoad(base: string, details: boolean): Promise<Figures> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ignoreHTTPSErrors: true });
  const { page } = await returningToLayout(context, base);
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'loading', 'toplevel'],
  });
  // The frame after the page counts as laid out, noted by a query each frame in the page (as
  // first-load.ts does): a locator's wait would run Playwright's selector engine in the page on
  // every DOM change, which the trace then counted as the page's own main-thread time.
  // As text: tsx would wrap a function's inner functions in a `__name` helper the page lacks.
  await page.addInitScript({
    content: `(function tick() {
      if (document.querySelector('[data-laid-out]')) requestAnimationFrame(() => (window.__laidOut = performance.now()));
      else requestAnimationFrame(tick);
    })();
    // The document's own code (module script and preloads), before the app adds preloads of its later chunks.
    document.addEventListener('DOMContentLoaded', () => {
      window.__code = [...document.querySelectorAll('script[type="module"][src], link[rel="modulepreload"]')].map((el) => el.src || el.href);
    });`,
  });
  await page.goto(base, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __laidOut?: number }).__laidOut !== undefined, null, { timeout: 120_000, polling: 250 });
  const laidOut = await page.evaluate(() => (window as unknown as { __laidOut: number }).__laidOut);
  const code = await page.evaluate(() => (window as unknown as { __code?: string[] }).__code ?? []);
  await page.waitForTimeout(1500);
  const buf = await browser.stopTracing();
  if (out) writeFileSync(out, buf);
  const events = (JSON.parse(buf.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  // The renderer's main thread: where the navigation's first TracingStartedInBrowser / the page's frame runs.
  const nav = events.find((e) => e.name === 'navigationStart' && (e.args?.data as { isLoadingMainFrame?: boolean })?.isLoadingMainFrame);
  const main = nav ? { pid: nav.pid, tid: nav.tid } : null;
  if (!main) throw new Error('no navigationStart in trace');
  const t0 = nav!.ts;
  const ms = (us: number) => Math.round(us / 100) / 10;
  const tasks = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask' && (e.dur ?? 0) > 50_000);
  // Thread time (tdur: CPU time the main thread ran) does not count the time other processes held
  // the core, so on a shared machine it says what the page's own work costs; wall time does not.
  const laidOutTs = t0 + laidOut * 1000;
  const before = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.name === 'RunTask' && e.ts <= laidOutTs);
  const cpu = (e: TraceEvent & { tdur?: number }) => e.tdur ?? 0;
  const figures: Figures = {
    laid_out_ms: Math.round(laidOut),
    main_thread_cpu_ms_until_laid_out: Math.round(before.reduce((s, e) => s + cpu(e), 0) / 1000),
    longest_task_cpu_ms: Math.round(Math.max(0, ...before.map(cpu)) / 1000),
    longest_task_wall_ms: Math.round(Math.max(0, ...before.map((e) => e.dur ?? 0)) / 1000),
    tasks_over_50ms_cpu: before.filter((e) => cpu(e) > 50_000).length,
    drawing_cpu_ms: null,
    drawing_wall_ms: null,
    drawing_phases_cpu_ms: null,
    code_received_ms: null,
    fonts_first_asked_ms: null,
    fonts_last_received_ms: null,
    stylesheet_fonts_asked_ms: null,
    stylesheet_fonts_received_ms: null,
    faces_ready_ms: null,
    page_written_ms: null,
    main_thread_cpu_ms_until_written: null,
    marks: Object.fromEntries(
      events
        .filter((e) => e.name.startsWith('galley:') && e.pid === main.pid && e.ts <= laidOutTs)
        .sort((a, b) => a.ts - b.ts)
        .map((e) => [e.name.slice('galley:'.length), ms(e.ts - t0)]),
    ),
  };
  // The renderer's resource events, by request id: url, asked for, finished.
  const requests = new Map<string, { url?: string; sent?: number; done?: number }>();
  for (const e of events) {
    if (e.name !== 'ResourceSendRequest' && e.name !== 'ResourceFinish') continue;
    const data = e.args?.data as { requestId?: string; url?: string } | undefined;
    if (!data?.requestId) continue;
    const r = requests.get(data.requestId) ?? {};
    if (e.name === 'ResourceSendRequest') Object.assign(r, { url: data.url, sent: e.ts });
    else r.done = e.ts;
    requests.set(data.requestId, r);
  }
  const page_ms = (ts: number) => Math.round((ts - t0) / 1000);
  const codeDone = [...requests.values()].filter((r) => r.url && code.includes(r.url) && r.done);
  if (codeDone.length) figures.code_received_ms = page_ms(Math.max(...codeDone.map((r) => r.done!)));
  const pieces = [...requests.values()].filter((r) => r.url?.includes('/fonts/') && r.sent !== undefined && r.sent <= laidOutTs);
  if (pieces.length) figures.fonts_first_asked_ms = page_ms(Math.min(...pieces.map((r) => r.sent!)));
  const piecesDone = pieces.filter((r) => r.done !== undefined && r.done <= laidOutTs);
  if (piecesDone.length) figures.fonts_last_received_ms = page_ms(Math.max(...piecesDone.map((r) => r.done!)));
  const sheetFonts = [...requests.values()].filter((r) => r.url?.endsWith('.woff2') && !r.url.includes('/fonts/pieces/') && r.sent !== undefined && r.sent <= laidOutTs);
  if (sheetFonts.length) figures.stylesheet_fonts_asked_ms = page_ms(Math.min(...sheetFonts.map((r) => r.sent!)));
  const sheetFontsDone = sheetFonts.filter((r) => r.done !== undefined && r.done <= laidOutTs);
  if (sheetFontsDone.length) figures.stylesheet_fonts_received_ms = page_ms(Math.max(...sheetFontsDone.map((r) => r.done!)));
  const writtenMark = events.find((e) => e.name === 'galley:page-written' && e.pid === main.pid);
  if (writtenMark) {
    figures.page_written_ms = page_ms(writtenMark.ts);
    figures.main_thread_cpu_ms_until_written = Math.round(before.filter((e) => e.ts <= writtenMark.ts).reduce((s, e) => s + cpu(e), 0) / 1000);
  }
  const ready = events.find((e) => e.name === 'galley:page-faces-ready' && e.pid === main.pid);
  if (ready) {
    // Tasks begun from the mark's task on (the mark's own task counted whole).
    const from = before.filter((e) => e.ts + (e.dur ?? 0) >= ready.ts);
    figures.drawing_cpu_ms = Math.round(from.reduce((s, e) => s + cpu(e), 0) / 1000);
    figures.drawing_wall_ms = Math.round(laidOut - (ready.ts - t0) / 1000);
    figures.drawing_phases_cpu_ms = drawingPhases(events, main, from);
    figures.faces_ready_ms = page_ms(ready.ts);
  }
  await context.close();
  if (!details) return figures;
  console.log(JSON.stringify(figures));
  console.log(`laid out (page clock) ${Math.round(laidOut)} ms; tasks over 50 ms on the main thread:`);
  for (const t of tasks) console.log(`  ${ms(t.ts - t0)} ms +${ms(t.dur!)} ms`);
  // CPU profile from ProfileChunk events.
  const nodes = new Map<number, ProfileNode>();
  const samples: { node: number; ts: number }[] = [];
  let ts = 0;
  // The main thread's profile (a worker has its own, with its own id).
  const profile = events.find((e) => e.name === 'Profile' && e.pid === main.pid && e.tid === main.tid);
  if (profile) ts = (profile.args?.data as { startTime: number }).startTime;
  for (const e of events) {
    // Profile ids are per process (another renderer's profile may also be 0x1): match the process too.
    if (e.name !== 'ProfileChunk' || e.id !== profile?.id || e.pid !== main.pid) continue;
    const d = e.args!.data as { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] };
    for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const s = d.cpuProfile?.samples ?? [];
    s.forEach((id, i) => {
      ts += d.timeDeltas?.[i] ?? 0;
      samples.push({ node: id, ts });
    });
  }
  const label = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${(n.callFrame.url ?? '').split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let prev = samples[0]?.ts ?? 0;
  const inTask = (t: number) => tasks.some((k) => t >= k.ts && t <= k.ts + k.dur!);
  for (const s of samples) {
    const dt = s.ts - prev;
    prev = s.ts;
    if (!inTask(s.ts)) continue;
    const n = nodes.get(s.node);
    if (!n) continue;
    self.set(label(n), (self.get(label(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let c: ProfileNode | undefined = n; c; c = c.parent !== undefined ? nodes.get(c.parent) : undefined) {
      const l = label(c);
      if (!seen.has(l)) total.set(l, (total.get(l) ?? 0) + dt);
      seen.add(l);
    }
  }
  // --tasks: every main-thread task over 5 ms before the page, with the functions filling it
  // (total time by call frame, the task's own top few), to say what each costs and whether the page needs it.
  if (process.argv.includes('--tasks')) {
    const fnTotals = (from: number, to: number) => {
      const m = new Map<string, number>();
      let last = from;
      for (const s of samples) {
        if (s.ts < from || s.ts > to) continue;
        const dt = s.ts - last;
        last = s.ts;
        const seen = new Set<string>();
        for (let c = nodes.get(s.node); c; c = c.parent !== undefined ? nodes.get(c.parent) : undefined) {
          const l = label(c);
          if (!seen.has(l) && !/^\((root|program|idle)\)/.test(l)) m.set(l, (m.get(l) ?? 0) + dt);
          seen.add(l);
        }
      }
      return [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(arg('--per-task', '6'))).map(([l, us]) => `${ms(us)} ${l}`).join(' | ');
    };
    console.log('tasks over 5 ms before the page (start, wall, cpu):');
    for (const t of before.filter((e) => (e.dur ?? 0) > 5000)) console.log(`  ${ms(t.ts - t0)} +${ms(t.dur!)} cpu ${ms((t as { tdur?: number }).tdur ?? 0)}: ${fnTotals(t.ts, t.ts + t.dur!)}`);
  }
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([l, us]) => `  ${String(ms(us)).padStart(7)} ms  ${l}`).join('\n');
  console.log(`inside those tasks, self time:\n${top(self, 25)}\ntotal time:\n${top(total, Number(arg("--top", "40")))}`);
  const fonts = events.filter((e) => e.name === 'ResourceFinish' && e.pid === main.pid);
  console.log(`resources finished: ${fonts.length}, last at ${fonts.length ? ms(Math.max(...fonts.map((f) => f.ts)) - t0) : 0} ms`);
  return figures;
}

try {
  if (urls.length === 1 && runs === 1) await traceLoad(urls[0], true);
  else {
    const all = urls.map((): Figures[] => []);
    for (let k = 0; k < runs; k++) {
      for (const [i, url] of urls.entries()) {
        all[i].push(await traceLoad(url, false));
        console.log(url, JSON.stringify(all[i].at(-1)));
      }
    }
    const median = (xs: (number | null)[]) => {
      const ns = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
      return ns.length ? ns[Math.floor(ns.length / 2)] : null;
    };
    const keys = (Object.keys(all[0][0]) as (keyof Figures)[]).filter((key) => key !== 'marks' && key !== 'drawing_phases_cpu_ms');
    const phaseMedians = (loads: Figures[]) =>
      loads[0].drawing_phases_cpu_ms &&
      Object.fromEntries(Object.keys(loads[0].drawing_phases_cpu_ms).map((k) => [k, median(loads.map((f) => f.drawing_phases_cpu_ms?.[k as 'style'] ?? null))]));
    const markMedians = (loads: Figures[]) => {
      const names = [...new Set(loads.flatMap((f) => Object.keys(f.marks)))];
      return Object.fromEntries(names.map((name) => [name, median(loads.map((f) => f.marks[name] ?? null))]));
    };
    console.log(
      JSON.stringify(
        urls.map((url, i) => ({ url, runs: all[i].length, ...Object.fromEntries(keys.map((key) => [`${key}_median`, median(all[i].map((f) => f[key] as number | null))])), marks_median: markMedians(all[i]), drawing_phases_cpu_ms_median: phaseMedians(all[i]) })),
        null,
        1,
      ),
    );
  }
} finally {
  await browser.close();
}
