// `npm run bench`: serves the bench pages with Vite, runs them in headless
// Chromium, prints a table (or with --json one JSON object on stdout, nothing else).
//
// Benches are a list: each names its page and turns the page's figures into
// named results. The layout bench (page-drag figures such as
// layout_relayout_ms_p95, frame_ms_p95) adds itself here by appending to BENCHES.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { chromium, type Page } from '@playwright/test';
import { layoutDragBench } from './layout-drag';
import { benchFirstLoad } from './first-load';
import { benchKeystroke } from './keystroke';
import { documentBench } from './document-open';

const PORT = 5199;
const BASE = `http://127.0.0.1:${PORT}`;
const json = process.argv.includes('--json');
const log = (...a: unknown[]) => {
  if (!json) console.error(...a);
};

export interface Bench {
  name: string;
  /** Path of the page under the Vite root. */
  page: string;
  /** Serve the page cross-origin isolated (COOP + COEP), so performance.now() has 5 µs resolution, not 100 µs. */
  isolate?: boolean;
  /** Run on the loaded page; returns flat named figures. */
  run(page: Page): Promise<Record<string, unknown>>;
}

export const BENCHES: Bench[] = [
  {
    name: 'typeset',
    page: '/bench/typeset.html',
    isolate: true,
    async run(page) {
      await page.waitForFunction(() => (window as unknown as { galley?: { ready: boolean } }).galley?.ready === true, null, { timeout: 60_000 });
      return page.evaluate(() => (window as unknown as { galley: { bench(): Promise<Record<string, unknown>> } }).galley.bench());
    },
  },
];

// The Layout view's page-drag bench (bench/layout-drag.ts): layout_relayout_ms_p95, frame_ms_p95.
BENCHES.push(layoutDragBench);

// The edition document (bench/document-open.ts): open_edition_ms_50x20k, persist_keystroke_main_ms, doc_memory_mb.
BENCHES.push(documentBench);

async function waitForServer(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite did not answer on ${url}`);
}

async function importFigures(): Promise<{ mb1_mb_s: number; mb10_mb_s: number } | null> {
  try {
    const path = './import.ts';
    const mod = (await import(path)) as { benchImport?: () => Promise<{ mb1_mb_s: number; mb10_mb_s: number }> };
    return mod.benchImport ? await mod.benchImport() : null;
  } catch (e) {
    log('import bench unavailable:', (e as Error).message);
    return null;
  }
}

async function main(): Promise<void> {
  const results: Record<string, unknown> = {};
  // The machine is shared: the load when the run starts says how much to trust a p95.
  results.load_avg_1m_at_start = Math.round(loadavg()[0] * 100) / 100;
  const imp = await importFigures();
  results.import_mb_s = imp ? imp.mb1_mb_s : null;
  results.import_mb_s_10mb = imp ? imp.mb10_mb_s : null;
  // Auto-layout at 30/100/300 stories in Node (bench/autolayout.ts): autolayout_ms_30/100/300 (warm), autolayout_cold_ms_*.
  try {
    Object.assign(results, await (await import('./autolayout')).benchAutoLayout());
  } catch (e) {
    results.autolayout_error = (e as Error).message.split('\n')[0];
  }

  const vite: ChildProcess = spawn('npx', ['vite', '--port', String(PORT), '--strictPort', '--host', '127.0.0.1', '--logLevel', 'error'], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let viteErr = '';
  vite.stderr?.on('data', (d) => (viteErr += d));
  const stop = () => {
    if (vite.pid && vite.exitCode === null) {
      try {
        process.kill(-vite.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', stop);
  try {
    await waitForServer(`${BASE}/bench/typeset.html`, 60_000);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      for (const bench of BENCHES) {
        const page = await browser.newPage();
        page.on('pageerror', (e) => log(`[${bench.name}] page error:`, e.message));
        if (bench.isolate) {
          await page.route(BASE + bench.page, async (route) => {
            const response = await route.fetch();
            await route.fulfill({ response, headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
          });
        }
        try {
          await page.goto(BASE + bench.page, { waitUntil: 'load', timeout: 120_000 });
          log(`running ${bench.name} …`);
          Object.assign(results, await bench.run(page));
        } catch (e) {
          // One broken bench must not lose the others' figures.
          results[`${bench.name}_error`] = (e as Error).message.split('\n')[0];
          log(`[${bench.name}] failed:`, (e as Error).message);
        }
        await page.close();
      }
      // First load on the production build (bench/first-load.ts): first_load_bytes, first_laid_out_ms, first_load_long_tasks_max_ms;
      // then on the same preview keystroke → frame (bench/keystroke.ts): keystroke_ms_p95_20k, keystroke_ms_p95_20k_throttled4x (frames
      // not held for vsync: a browser of its own) and the same at 60 Hz on this browser (keystroke_ms_*_vsync60).
      try {
        log('running first-load and keystroke (vite build + preview) …');
        Object.assign(
          results,
          await benchFirstLoad(browser, 5198, async (base) => {
            try {
              return await benchKeystroke(browser, base);
            } catch (e) {
              results.keystroke_error = (e as Error).message.split('\n')[0];
              log('[keystroke] failed:', (e as Error).message);
              return {};
            }
          }),
        );
      } catch (e) {
        results.first_load_error = (e as Error).message.split('\n')[0];
        log('[first-load] failed:', (e as Error).message);
      }
      results.chromium = browser.version();
    } finally {
      await browser.close();
    }
  } catch (e) {
    if (viteErr) log(viteErr);
    throw e;
  } finally {
    stop();
  }
  results.load_avg_1m_at_end = Math.round(loadavg()[0] * 100) / 100;
  results.machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', mem_gb: Math.round(totalmem() / 2 ** 30), node: process.version };

  if (json) {
    process.stdout.write(JSON.stringify(results) + '\n');
    return;
  }
  const fmt = (v: unknown) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : JSON.stringify(v));
  // Each label says what is warm (JIT, caches) and what is cold; a ratio compares medians of the same task.
  const rows: [string, string, string][] = [
    ['first load, returning user on the Layout view, cold HTTP cache: bytes', 'first_load_bytes', 'bytes'],
    ['  navigation → laid-out page painted, HTTP/1.1 (vite preview)', 'first_laid_out_ms', 'ms (median of 3)'],
    ['  longest main-thread task until 1 s after it', 'first_load_long_tasks_max_ms', 'ms'],
    ['  the same over HTTP/2 (bench/preview-h2.ts, as production serves it)', 'first_laid_out_ms_h2', 'ms (median of 3)'],
    ['  longest task, HTTP/2', 'first_load_long_tasks_max_ms_h2', 'ms'],
    ['  HTTP/1.1 over one shared 20 Mbit/s, 20 ms line (bench/office-link.ts proxy)', 'first_laid_out_ms_20mbps', 'ms (median of 3)'],
    ['engine: prepare 12 stories (new Typesetter, warm JIT)', 'prepare_ms', 'ms (median of 5)'],
    ['engine: typeset all modules, break caches cleared (warm JIT)', 'typeset_ms', 'ms (median of 5)'],
    ['like for like, page from scratch: engine (new Typesetter, warm JIT)', 'page_from_scratch_ms', 'ms (median of 21, each in its own task)'],
    ['  browser: new multicol elements, layout, Range cuts (warm JIT, warm shaping)', 'browser_page_from_scratch_ms', 'ms (median of 21, each in its own task)'],
    ['like for like, every module resized: engine, all breaks cleared', 'rebreak_all_ms', 'ms (median of 21)'],
    ['  browser: every module restyled, reflow, Range cuts', 'browser_rebreak_all_ms', 'ms (median of 21)'],
    ['like for like, one module resized: engine, its breaks cleared', 'resize_one_ms', 'ms (median of 200)'],
    ['  browser: one module restyled, reflow, Range cuts', 'browser_resize_one_ms', 'ms (median of 5)'],
    ['  browser ÷ engine, one module resized (medians)', 'speedup_vs_dom_reflow', '×'],
    ['engine: one module resized, p95', 'relayout_ms_p95', 'ms p95 of 200'],
    ['engine: one module resized, warm break caches, p95', 'relayout_warm_ms_p95', 'ms p95 of 200'],
    ['naive DOM truncate-and-reflow search, 12 cuts (not like for like)', 'naive_dom_ms', 'ms (median of 5)'],
    ['keystroke → its frame, 20k-char story (warm, frames not held for vsync), p50', 'keystroke_ms_p50_20k', 'ms'],
    ['keystroke → its frame, 20k-char story (warm, frames not held for vsync), p95', 'keystroke_ms_p95_20k', 'ms'],
    ['  same, CPU throttled 4×, p50', 'keystroke_ms_p50_20k_throttled4x', 'ms'],
    ['  same, CPU throttled 4×, p95', 'keystroke_ms_p95_20k_throttled4x', 'ms'],
    ['keystroke → next frame at 60 Hz (incl. the wait for vsync), p50', 'keystroke_ms_p50_20k_vsync60', 'ms'],
    ['keystroke → next frame at 60 Hz (incl. the wait for vsync), p95', 'keystroke_ms_p95_20k_vsync60', 'ms'],
    ['  same, CPU throttled 4×, p95', 'keystroke_ms_p95_20k_throttled4x_vsync60', 'ms'],
    ['open an edition of 50 stories + 20,000 edits (IndexedDB → first snapshot), median of 5', 'open_edition_ms_50x20k', 'ms'],
    ['persisting one keystroke, main-thread time (incl. IndexedDB callbacks, compaction)', 'persist_keystroke_main_ms', 'ms'],
    ['JS heap of that open edition (after − before the open)', 'doc_memory_mb', 'MB'],
    ['import 1 MB (warm)', 'import_mb_s', 'MB/s'],
    ['import 10 MB (warm)', 'import_mb_s_10mb', 'MB/s'],
  ];
  const known = new Set(rows.map((r) => r[1]));
  for (const k of Object.keys(results)) if (!known.has(k) && typeof results[k] === 'number') rows.push([k, k, '']);
  console.log(`Galley benchmarks — Chromium ${results.chromium}, ${JSON.stringify(results.machine)}`);
  console.log(`front page: ${JSON.stringify(results.front)}\n`);
  for (const [label, key, unit] of rows) if (key in results) console.log(`${label.padEnd(72)} ${fmt(results[key]).padStart(10)} ${unit}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
