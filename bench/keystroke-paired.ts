// Keystroke → frame on two builds, key for key: bench/keystroke.ts's setup in one page per URL
// (same browser, unlimited frames), then the keys alternate between the pages (A, B, A, B…),
// so the machine's load at any moment falls on both alike — on a shared, loaded machine the
// turns of bench/keystroke.ts (a minute per build) still differ by the load of that minute.
// Prints each page's frame/task p50 and p95 and the median of the per-pair difference (B − A), also of
// frame − task (the rendering after the key's task: where a change to paint or compositing shows).
// `npx tsx bench/keystroke-paired.ts <urlA> <urlB> [keys=60] [throttle=1] [story headline]`
import { chromium, type Page } from '@playwright/test';
import { loadavg } from 'node:os';
import { BROWSER_ARGS, openLongStory, p50, p95, typeKeys, UNLIMITED_FRAMES } from './keystroke';

const [urlA, urlB] = process.argv.slice(2, 4);
const keys = Number(process.argv[4] ?? 60);
const throttle = Number(process.argv[5] ?? 1);
const story = process.argv[6];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BROWSER_ARGS, ...UNLIMITED_FRAMES] });
try {
  const pages: Page[] = [];
  for (const url of [urlA, urlB]) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await openLongStory(page, url, story);
    const cdp = await context.newCDPSession(page);
    if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    pages.push(page);
  }
  // Each page's editor keeps the focus it had (pages in separate contexts are all "visible" headless).
  for (const page of pages) await typeKeys(page, 10);
  const out = pages.map(() => [] as { task: number; frame: number }[]);
  const load0 = loadavg()[0];
  for (let i = 0; i < keys; i++) {
    const order = i % 2 ? [1, 0] : [0, 1];
    for (const j of order) out[j].push(...(await typeKeys(pages[j], 1)));
  }
  const r = (x: number) => Math.round(x * 100) / 100;
  const med = (xs: number[]) => p50(xs);
  const result = {
    keys,
    throttle,
    story: story ?? 'bench/keystroke.ts STORY',
    load_avg_1m: [r(load0), r(loadavg()[0])],
    a: { url: urlA, frame_p50: r(p50(out[0].map((k) => k.frame))), frame_p95: r(p95(out[0].map((k) => k.frame))), task_p50: r(p50(out[0].map((k) => k.task))), task_p95: r(p95(out[0].map((k) => k.task))) },
    b: { url: urlB, frame_p50: r(p50(out[1].map((k) => k.frame))), frame_p95: r(p95(out[1].map((k) => k.frame))), task_p50: r(p50(out[1].map((k) => k.task))), task_p95: r(p95(out[1].map((k) => k.task))) },
    frame_diff_median_b_minus_a: r(med(out[1].map((k, i) => k.frame - out[0][i].frame))),
    task_diff_median_b_minus_a: r(med(out[1].map((k, i) => k.task - out[0][i].task))),
    // frame − task: the key's rendering (style, layout left over, paint, commit) without the key's own task.
    render_diff_median_b_minus_a: r(med(out[1].map((k, i) => k.frame - k.task - (out[0][i].frame - out[0][i].task)))),
  };
  console.log(JSON.stringify(result, null, 1));
} finally {
  await browser.close();
}
