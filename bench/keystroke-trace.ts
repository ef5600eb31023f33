// A Chrome trace over keystrokes (bench/keystroke.ts's setup): main-thread time per event
// name, per key, so native work (style, layout, paint) shows beside the script.
// `npx tsx bench/keystroke-trace.ts <url> [out.json] [throttle] [css to add, for trying a style]`
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { openLongStory, typeKeys } from './keystroke';

const url = process.argv[2];
const out = process.argv[3] ?? '/tmp/keystroke-trace.json';
const throttle = Number(process.argv[4] ?? 1);
const KEYS = 20;
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await openLongStory(page, url);
  if (process.argv[5]) await page.addStyleTag({ content: process.argv[5] });
  const cdp = await context.newCDPSession(page);
  if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await typeKeys(page, 10);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8.execute'] });
  await typeKeys(page, KEYS);
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: { name: string; ph: string; dur?: number; pid: number; tid: number; args?: any }[] };
  writeFileSync(out, JSON.stringify(trace));
  // The renderer's main thread: the one running the most FunctionCall/RunTask time with CrRendererMain name.
  const names = trace.traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const mains = new Set(names.map((e) => `${e.pid}:${e.tid}`));
  const by = new Map<string, { n: number; dur: number }>();
  for (const e of trace.traceEvents) {
    if (e.ph !== 'X' || !mains.has(`${e.pid}:${e.tid}`) || !e.dur) continue;
    const s = by.get(e.name) ?? { n: 0, dur: 0 };
    s.n++;
    s.dur += e.dur;
    by.set(e.name, s);
  }
  for (const [name, s] of [...by].sort((a, b) => b[1].dur - a[1].dur).slice(0, 30)) {
    console.log(`${(s.dur / 1000 / KEYS).toFixed(2).padStart(8)} ms/key ${String(s.n).padStart(6)}x  ${name}`);
  }
} finally {
  await browser.close();
}
