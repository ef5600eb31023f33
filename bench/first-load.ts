// First load as a person waits for it, on the production build (`vite build`
// + `vite preview`) in headless Chromium:
//
// - first_load_bytes: bytes transferred (HTTP transferSize of the document and
//   every resource whose response ended) until the first laid-out page;
// - first_laid_out_ms: navigation start → the frame after the Layout view's
//   page surface carries `data-laid-out` (the app sets it once the engine's
//   lines are drawn and every face they use has loaded, see PageSurface);
// - first_load_long_tasks_max_ms: the longest main-thread task from navigation
//   until 1 s after that page.
//
// Cold cache, returning user: the session (IndexedDB) says the Layout view was
// open, so the app opens on the laid-out front page; the HTTP cache is cleared
// (CDP Network.clearBrowserCache) before each measured load. Median of 3 loads.
// first_laid_out_ms_20mbps: the same Layout-view load over a 20 Mbit/s link with
// 20 ms round trip that all the page's connections share (bench/office-link.ts, a TCP proxy
// between browser and preview; the setup visit goes through it unshaped), as bytes cost time
// off localhost. Until session 9 this was Chromium's emulation (CDP Network.emulateNetworkConditions,
// per request), which stalled the load with the font hint present. first_laid_out_ms_h2 (and _bytes_h2, _long_tasks_max_ms_h2): the same
// load from the same build served over HTTP/2 (bench/preview-h2.ts), as production serves it;
// `vite preview` speaks HTTP/1.1, where Chromium queues a page's ~130 font pieces on six connections. The stories_* figures are a new user's first load (empty IndexedDB, the
// Stories view): navigation → the frame where every text element on screen
// has its web faces loaded (`document.fonts.check`).
//
// Standalone: `npx tsx bench/first-load.ts --url http://127.0.0.1:4173 [--url …] [--legacy-url …] [--runs N] [--legacy] [--layout-only]`
// measures previews already running (several: in turns); --legacy is for builds from before the
// `data-laid-out` marker (the page counts as laid out when its lines exist and
// `document.fonts.check` is true for every line's face and text).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { previewOverHttp2 } from './preview-h2';
import { officeLink, type Link } from './office-link';

export type { Link };

export interface FirstLoad {
  bytes: number;
  laidOutMs: number;
  longTaskMaxMs: number;
  /** Font files fetched before the laid-out page, with their transfer sizes. */
  fonts: { file: string; bytes: number }[];
}

interface Probe {
  laidOut?: number;
  longTasks: { start: number; duration: number }[];
}

/**
 * Runs in the page before any of its scripts: records long tasks, and the time
 * of the first animation frame after the page counts as laid out.
 * `mode`: 'marker' waits for [data-laid-out]; 'legacy' for page lines whose
 * faces are loaded; 'screen' for every text element on screen with its faces loaded.
 */
function installProbe(mode: 'marker' | 'legacy' | 'screen'): void {
  const probe: Probe = { longTasks: [] };
  (window as unknown as { __firstLoad: Probe }).__firstLoad = probe;
  performance.setResourceTimingBufferSize(2000);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  const facesLoaded = (els: Element[]): boolean =>
    els.every((el) => {
      const cs = getComputedStyle(el);
      const text = el.textContent ?? '';
      return !text.trim() || document.fonts.check(`${cs.fontStyle} ${cs.fontWeight} 16px ${cs.fontFamily}`, text);
    });
  const ready = (): boolean => {
    if (mode === 'marker') return !!document.querySelector('[data-laid-out]');
    if (mode === 'legacy') {
      const lines = [...document.querySelectorAll('.sheet .ln')];
      return lines.length > 0 && facesLoaded(lines);
    }
    const editor = document.querySelector('.ProseMirror');
    if (!editor || !editor.textContent?.trim()) return false;
    // Leaves only: an element whose text is its own (not its children's).
    const leaves = [...document.querySelectorAll('#app *')].filter(
      (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim()) && el.getClientRects().length > 0,
    );
    return facesLoaded(leaves);
  };
  const tick = () => {
    if (document.readyState !== 'loading' && ready()) {
      // This frame shows the state just checked; its paint is done by the next frame's start.
      requestAnimationFrame(() => (probe.laidOut = performance.now()));
      return;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

async function measure(page: Page, url: string, mode: 'marker' | 'legacy' | 'screen'): Promise<FirstLoad> {
  // tsx names functions through a `__name` helper the page lacks: give it one.
  await page.addInitScript({ content: `var __name = (f) => f; (${installProbe.toString()})(${JSON.stringify(mode)});` });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __firstLoad?: Probe }).__firstLoad?.laidOut !== undefined, null, { timeout: 300_000, polling: 100 });
  await page.waitForTimeout(1000);
  return page.evaluate(() => {
    const probe = (window as unknown as { __firstLoad: Probe }).__firstLoad;
    const t = probe.laidOut!;
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) => r.responseEnd <= t);
    return {
      bytes: nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0),
      laidOutMs: Math.round(t),
      longTaskMaxMs: Math.round(Math.max(0, ...probe.longTasks.filter((l) => l.start <= t + 1000).map((l) => l.duration))),
      fonts: res.filter((r) => /\.woff2?(\?|$)/.test(r.name)).map((r) => ({ file: r.name.split('/').pop()!.replace(/\?.*$/, ''), bytes: r.transferSize })),
    };
  });
}

/** Font files fetched and their bytes per face (song-400, hei-700, kai-500, latin-400…), from the file names. */
export function fontsByFace(fonts: FirstLoad['fonts']): Record<string, { files: number; bytes: number }> {
  const out: Record<string, { files: number; bytes: number }> = {};
  for (const f of fonts) {
    const piece = /^((?:song|hei|kai)-\d{3})-/.exec(f.file);
    const noto = /^noto-(serif|sans)(-sc)?-.*?(\d{3})-normal/.exec(f.file);
    const key = piece ? piece[1] : /^kai-\d+/.test(f.file) ? 'kai-500' : noto ? `${noto[2] ? (noto[1] === 'serif' ? 'song' : 'hei') : 'latin'}-${noto[3]}` : 'other';
    out[key] ??= { files: 0, bytes: 0 };
    out[key].files++;
    out[key].bytes += f.bytes;
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function summarise(runs: FirstLoad[]): FirstLoad {
  const mid = [...runs].sort((a, b) => a.laidOutMs - b.laidOutMs)[Math.floor(runs.length / 2)];
  return { bytes: median(runs.map((r) => r.bytes)), laidOutMs: median(runs.map((r) => r.laidOutMs)), longTaskMaxMs: median(runs.map((r) => r.longTaskMaxMs)), fonts: mid.fonts };
}

const VIEWPORT = { width: 1440, height: 900 };

/** How long a new tab is left to finish starting before the measured navigation (see returningToLayout). */
const TAB_SETTLE_MS = 4000;

/**
 * A returning user's tab: one visit stores a session that opens on the Layout
 * view, then a new page with the HTTP cache cleared (the fonts come again).
 */
export async function returningToLayout(context: BrowserContext, base: string, legacy = false): Promise<{ page: Page; cdp: CDPSession }> {
  const setup = await context.newPage();
  await setup.goto(base);
  await setup.getByRole('tab', { name: /版面|Layout/ }).click();
  // A visit that saw its page laid out (what a returning desk has behind it), not merely begun.
  await setup.locator(legacy ? '.sheet .ln' : '[data-laid-out]').first().waitFor({ timeout: 60_000 });
  await setup.getByRole('status').filter({ hasText: /^(已保存|Saved)$/ }).waitFor({ timeout: 30_000 });
  // … and that left its page's fonts for the next start (faces-ready.svelte.ts writes them an idle
  // moment after the page is drawn): closed before, the next load often had no hint
  // (its font pieces then asked for ~1 s later); a desk that worked on its page has one.
  // GALLEY_NO_FONT_HINT=1 measures a start without it (the hint removed); a build from before the
  // hint writes none and is measured without, after 10 s.
  if (!legacy) await setup.waitForFunction(() => localStorage.getItem('galley-first-face-files') !== null, null, { timeout: 10_000 }).catch(() => {});
  if (process.env.GALLEY_NO_FONT_HINT === '1') await setup.evaluate(() => ['galley-first-face-files', 'galley-first-faces'].forEach((k) => localStorage.removeItem(k)));
  await setup.close();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  // A person opens a tab and then types the address: the tab's own start-up is behind them. Chromium
  // (156, headless) starts each new tab's WebUI toolbar and omnibox popup in a renderer of their own
  // (~390 requests, ~1.8 s of CPU on this 2-core machine over the next ~2.5 s); navigating at once
  // made the app's first load share the cores with it. GALLEY_TAB_SETTLE_MS=0 measures it that way.
  const settle = Number(process.env.GALLEY_TAB_SETTLE_MS ?? TAB_SETTLE_MS);
  if (settle) await page.waitForTimeout(settle);
  return { page, cdp };
}

/** Returning user on the Layout view, HTTP cache cleared before each load; over `link` if given (else localhost as is). */
export async function layoutFirstLoad(browser: Browser, base: string, legacy = false, runs = 3, link?: Link): Promise<FirstLoad> {
  const out: FirstLoad[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: VIEWPORT, ignoreHTTPSErrors: true });
    // Over a link: the browser talks to the preview through the office line (a proxy of its own
    // origin, so the setup visit stores its session there too, unshaped), shaped for the measured load.
    const line = link ? await officeLink(base) : null;
    try {
      const origin = line?.url ?? base;
      const { page } = await returningToLayout(context, origin, legacy);
      line?.shape(link!);
      out.push(await measure(page, origin, legacy ? 'legacy' : 'marker'));
    } finally {
      await context.close();
      await line?.close();
    }
  }
  return summarise(out);
}

/** New user (empty storage, fresh context: cold cache), the Stories view. */
export async function storiesFirstLoad(browser: Browser, base: string, runs = 3): Promise<FirstLoad> {
  const out: FirstLoad[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: VIEWPORT, ignoreHTTPSErrors: true });
    out.push(await measure(await context.newPage(), base, 'screen'));
    await context.close();
  }
  return summarise(out);
}

/** A newsroom's office line, for the time the bytes take off localhost. */
export const OFFICE_LINK: Link = { mbps: 20, latencyMs: 20 };

export function firstLoadKeys(layout: FirstLoad, stories: FirstLoad, layoutOverLink?: FirstLoad, layoutOverHttp2?: FirstLoad): Record<string, number> {
  return {
    ...(layoutOverLink ? { first_laid_out_ms_20mbps: layoutOverLink.laidOutMs } : {}),
    ...(layoutOverHttp2
      ? { first_load_bytes_h2: layoutOverHttp2.bytes, first_laid_out_ms_h2: layoutOverHttp2.laidOutMs, first_load_long_tasks_max_ms_h2: layoutOverHttp2.longTaskMaxMs }
      : {}),
    first_load_bytes: layout.bytes,
    first_laid_out_ms: layout.laidOutMs,
    first_load_long_tasks_max_ms: layout.longTaskMaxMs,
    first_load_stories_bytes: stories.bytes,
    first_paint_stories_ms: stories.laidOutMs,
    first_load_stories_long_tasks_max_ms: stories.longTaskMaxMs,
  };
}

async function waitForServer(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${url}`);
}

/**
 * bench/run.ts: build the app into a temporary folder, preview it, measure both first loads,
 * then run `also` on the same preview (the keystroke bench: it wants the production build too).
 */
export async function benchFirstLoad(browser: Browser, port = 5198, also?: (base: string) => Promise<Record<string, number>>): Promise<Record<string, number>> {
  const outDir = mkdtempSync(join(tmpdir(), 'galley-first-load-'));
  execFileSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const preview = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  let h2: { url: string; close: () => Promise<void> } | null = null;
  try {
    const base = `http://127.0.0.1:${port}/`;
    await waitForServer(base, 60_000);
    // The same build over HTTP/2 (bench/preview-h2.ts), as it is served in production.
    h2 = await previewOverHttp2(outDir, port - 1);
    const figures = firstLoadKeys(
      await layoutFirstLoad(browser, base),
      await storiesFirstLoad(browser, base),
      await layoutFirstLoad(browser, base, false, 3, OFFICE_LINK),
      await layoutFirstLoad(browser, h2.url),
    );
    return also ? { ...figures, ...(await also(base)) } : figures;
  } finally {
    await h2?.close();
    if (preview.pid) {
      try {
        process.kill(-preview.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    rmSync(outDir, { recursive: true, force: true });
  }
}

// Not when another script imports this file (trace-first-load.ts also ends in first-load.ts).
if (/(^|[\\/])first-load\.ts$/.test(process.argv[1] ?? '')) {
  // Several --url: the builds are measured in turns (one load of each, then again), so a
  // machine whose load changes during the run weighs on each alike; a figure per build.
  // --legacy-url U: that build only is measured as --legacy measures every build (a build from before
  // the marker in turns with today's; today's can be given both ways to show the two definitions agree).
  const given = process.argv.flatMap((a, i) => (a === '--url' || a === '--legacy-url' ? [{ url: process.argv[i + 1], legacy: a === '--legacy-url' || process.argv.includes('--legacy') }] : []));
  if (!given.length) given.push({ url: 'http://127.0.0.1:4173/', legacy: process.argv.includes('--legacy') });
  const urls = given.map((g) => g.url);
  const isLegacy = given.map((g) => g.legacy);
  const r = process.argv.indexOf('--runs');
  const runs = r > 0 ? Number(process.argv[r + 1]) : 3;
  // --layout-only: only the returning user's Layout-view load (no Stories view, no shaped link), for comparing builds in turns.
  const layoutOnly = process.argv.includes('--layout-only');
  // --link-only: only the load over the office line; --link-latency/--link-burst change the line (checking it by hand).
  const linkOnly = process.argv.includes('--link-only');
  const opt = (name: string): number | undefined => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : undefined);
  const link: Link = { ...OFFICE_LINK, latencyMs: opt('--link-latency') ?? OFFICE_LINK.latencyMs, burstBytes: opt('--link-burst') ?? OFFICE_LINK.burstBytes };
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  try {
    const layout = urls.map((): FirstLoad[] => []);
    const stories = urls.map((): FirstLoad[] => []);
    const overLink = urls.map((): FirstLoad[] => []);
    for (let k = 0; k < runs; k++) {
      for (const [i, url] of urls.entries()) {
        const legacy = isLegacy[i];
        if (linkOnly) {
          overLink[i].push(await layoutFirstLoad(browser, url, legacy, 1, link));
          continue;
        }
        layout[i].push(await layoutFirstLoad(browser, url, legacy, 1));
        if (layoutOnly) continue;
        stories[i].push(await storiesFirstLoad(browser, url, 1));
        // The key is HTTP/1.1's, as in bench/run.ts (the office line carries TLS too).
        if (!url.startsWith('https:')) overLink[i].push(await layoutFirstLoad(browser, url, legacy, 1, link));
      }
    }
    const out = urls.map((url, i) => {
      if (linkOnly) {
        const o = summarise(overLink[i]);
        return { url, link, first_laid_out_ms_20mbps: o.laidOutMs, first_load_bytes_20mbps: o.bytes, first_load_long_tasks_max_ms_20mbps: o.longTaskMaxMs, runs_ms: overLink[i].map((x) => x.laidOutMs), runs_bytes: overLink[i].map((x) => x.bytes) };
      }
      const l = summarise(layout[i]);
      if (layoutOnly) return { url, legacy: isLegacy[i], first_load_bytes: l.bytes, first_laid_out_ms: l.laidOutMs, first_load_long_tasks_max_ms: l.longTaskMaxMs, first_laid_out_ms_runs: layout[i].map((x) => x.laidOutMs), long_task_max_ms_runs: layout[i].map((x) => x.longTaskMaxMs), layout_fonts_by_face: fontsByFace(l.fonts) };
      return { url, legacy: isLegacy[i], ...firstLoadKeys(l, summarise(stories[i]), overLink[i].length ? summarise(overLink[i]) : undefined), first_laid_out_ms_runs: layout[i].map((x) => x.laidOutMs), long_task_max_ms_runs: layout[i].map((x) => x.longTaskMaxMs), layout_fonts_by_face: fontsByFace(l.fonts), layout_fonts: l.fonts };
    });
    console.log(JSON.stringify(out.length === 1 ? out[0] : out, null, 1));
  } finally {
    await browser.close();
  }
}
