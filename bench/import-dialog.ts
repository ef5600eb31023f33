// Import dialog responsiveness: how long the main thread is blocked (long
// tasks, PerformanceObserver 'longtask') while the desk imports a large text.
//
//   npx tsx bench/import-dialog.ts [--root DIR] [--port N] [--runs N] [--json]
//
// Builds the app from DIR (default: this checkout) with Vite into a temp
// folder, serves it with `vite preview`, and in headless Chromium:
//   paste245k  – 245 KB typed into the textarea, then “识别稿件” (Detect stories)
//   paste1mb   – a 1 MB paste event (the worker path), until the preview shows
//   paste3mb   – a 3 MB paste event; also the paste handler's own time
// For each: the longest long task, their sum, and the time until the preview heading.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const root = resolve(opt('root', '.'));
const port = Number(opt('port', '4394'));
const runs = Number(opt('runs', '3'));
const json = args.includes('--json');
const log = (...a: unknown[]) => {
  if (!json) console.error(...a);
};

const SAMPLE = readFileSync(resolve(root, 'src/lib/sample/front-page-zh.txt'), 'utf8');

interface Figures {
  longest_ms: number;
  total_ms: number;
  preview_ms: number;
  handler_ms?: number;
}

/** Observe long tasks from now until `done()` resolves, plus 300 ms for the last frames. */
async function measure(page: Page, kind: 'fill' | 'paste', bytes: number): Promise<Figures> {
  return page.evaluate(
    async ([kind, bytes]) => {
      const w = window as unknown as { __sample: string };
      const text = w.__sample.repeat(Math.max(1, Math.floor((bytes as number) / new Blob([w.__sample]).size)));
      const area = document.querySelector('#import-text') as HTMLTextAreaElement;
      if (kind === 'fill') {
        area.value = text;
        area.dispatchEvent(new Event('input', { bubbles: true }));
        await new Promise((r) => setTimeout(r, 300));
      }
      const tasks: number[] = [];
      const po = new PerformanceObserver((l) => tasks.push(...l.getEntries().map((e) => e.duration)));
      po.observe({ type: 'longtask' });
      const t0 = performance.now();
      let handler: number | undefined;
      if (kind === 'fill') {
        [...document.querySelectorAll('dialog button')].find((b) => /识别稿件|Detect stories/.test(b.textContent ?? ''))!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      } else {
        const dt = new DataTransfer();
        dt.setData('text/plain', text);
        const h0 = performance.now();
        area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
        handler = performance.now() - h0;
      }
      while (!document.querySelector('#preview-title') && performance.now() - t0 < 60_000) await new Promise((r) => setTimeout(r, 5));
      const preview = performance.now() - t0;
      await new Promise((r) => setTimeout(r, 1500));
      po.disconnect();
      // (No named helper functions in here: tsx would wrap them in a __name() the page lacks.)
      return {
        longest_ms: Math.round(Math.max(0, ...tasks) * 10) / 10,
        total_ms: Math.round(tasks.reduce((a, b) => a + b, 0) * 10) / 10,
        preview_ms: Math.round(preview * 10) / 10,
        ...(handler === undefined ? {} : { handler_ms: Math.round(handler * 10) / 10 }),
      };
    },
    [kind, bytes] as const,
  );
}

async function waitFor(url: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no answer from ${url}`);
}

async function main() {
  const out = mkdtempSync(join(tmpdir(), 'galley-import-bench-'));
  log(`building ${root} → ${out}`);
  execFileSync('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', out, '--emptyOutDir'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const server: ChildProcess = spawn('npx', ['vite', 'preview', '--outDir', out, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid!);
    } catch {
      /* gone */
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const results: Record<string, Figures[]> = { paste245k: [], paste1mb: [], paste3mb: [] };
  try {
    await waitFor(url, 60_000);
    for (let run = 0; run < runs; run++) {
      for (const [name, kind, bytes] of [
        ['paste245k', 'fill', 245 * 1024],
        ['paste1mb', 'paste', 1024 * 1024],
        ['paste3mb', 'paste', 3 * 1024 * 1024],
      ] as const) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        await page.goto(url);
        await page.locator('.story-row').first().waitFor({ timeout: 60_000 });
        await page.waitForTimeout(1500); // first-run save and list linting settle
        await page.evaluate((s) => ((window as unknown as { __sample: string }).__sample = s), SAMPLE);
        await page.getByRole('banner').getByRole('button', { name: '导入稿件' }).click();
        await page.locator('#import-text').waitFor();
        const f = await measure(page, kind, bytes);
        log(name, run + 1, JSON.stringify(f));
        results[name].push(f);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    stop();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const summary: Record<string, unknown> = { load_avg_1m_at_start: Math.round(loadavg()[0] * 100) / 100, runs };
  for (const [name, list] of Object.entries(results)) {
    for (const key of ['longest_ms', 'total_ms', 'preview_ms', 'handler_ms'] as const) {
      const xs = list.map((f) => f[key]).filter((x): x is number => typeof x === 'number');
      if (xs.length) summary[`${name}_${key}_median`] = median(xs);
    }
  }
  console.log(JSON.stringify(summary, null, json ? 0 : 2));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
