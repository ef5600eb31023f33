// The typesetting bench page (bench/typeset.html, what `npm run bench` reports as
// page_from_scratch_ms, browser_page_from_scratch_ms, prepare_ms …) for several checkouts
// in turns, in one Chromium: before/after on a shared machine, where the load moves from
// minute to minute and falls on each checkout alike.
//   npx tsx bench/typeset-turns.ts --root /tmp/before --root . [--rounds 3]
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';

const roots = process.argv.flatMap((a, i) => (a === '--root' ? [resolve(process.argv[i + 1])] : []));
if (!roots.length) roots.push(resolve('.'));
const r = process.argv.indexOf('--rounds');
const rounds = r > 0 ? Number(process.argv[r + 1]) : 3;
// Ports from GALLEY_E2E_PORT (each helper has its own), so that two runs at once do not share a server.
const PORT = Number(process.env.GALLEY_E2E_PORT ?? 14429) + 1;
const KEYS = ['page_from_scratch_ms', 'page_from_scratch_ms_min', 'page_from_scratch_back_to_back_ms', 'browser_page_from_scratch_ms', 'browser_page_from_scratch_ms_min', 'prepare_ms', 'typeset_ms', 'rebreak_all_ms', 'browser_rebreak_all_ms', 'resize_one_ms', 'browser_resize_one_ms'];

async function up(url: string): Promise<void> {
  for (let t = 0; t < 300; t++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`no answer from ${url}`);
}

const servers: ChildProcess[] = roots.map((root, i) =>
  spawn('npx', ['vite', '--port', String(PORT + i), '--strictPort', '--host', '127.0.0.1', '--logLevel', 'error'], { cwd: root, stdio: 'ignore', detached: true }),
);
const stop = () => servers.forEach((s) => s.pid && (() => { try { process.kill(-s.pid!, 'SIGTERM'); } catch { /* gone */ } })());
process.on('exit', stop);
try {
  const bases = roots.map((_, i) => `http://127.0.0.1:${PORT + i}`);
  for (const b of bases) await up(`${b}/bench/typeset.html`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const figures = roots.map((): Record<string, number>[] => []);
  const load: number[] = [loadavg()[0]];
  for (let k = 0; k < rounds; k++) {
    for (const [i, base] of bases.entries()) {
      const page = await browser.newPage();
      // Cross-origin isolated, as bench/run.ts serves it: performance.now() at 5 µs.
      await page.route(`${base}/bench/typeset.html`, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
      });
      await page.goto(`${base}/bench/typeset.html`, { waitUntil: 'load', timeout: 180_000 });
      await page.waitForFunction(() => (window as unknown as { galley?: { ready: boolean } }).galley?.ready === true, null, { timeout: 180_000 });
      figures[i].push(await page.evaluate(() => (window as unknown as { galley: { bench(): Promise<Record<string, number>> } }).galley.bench()));
      await page.close();
    }
    load.push(loadavg()[0]);
  }
  await browser.close();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(JSON.stringify({ load_avg_1m: load.map((x) => Math.round(x * 10) / 10), results: roots.map((root, i) => ({ root, ...Object.fromEntries(KEYS.map((key) => [key, figures[i].map((f) => f[key])]).map(([key, xs]) => [key, { median: median(xs as number[]), runs: xs }])) })) }, null, 1));
} finally {
  stop();
}
