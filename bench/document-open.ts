// The edition document in headless Chromium, against the Vite dev server:
// opening an edition with its history, persisting keystrokes, and the doc's memory.
//
// Setup (not timed): the 50-story edition of bench/document-fixture.ts is stored
// through `openPersistedEdition` (the app's IndexedDB store, with its own
// compaction), then typed into: 20,000 edits, one transaction each, as the
// editor writes them. The last 499 are typed after the store had time to
// compact, so the open finds what it finds in the worst case between two
// compactions.
//
// - open_edition_ms_50x20k: in a fresh page (the document modules already
//   imported: loading code is the first-load bench's business), from
//   `openPersistedEdition(id)` to the first `snapshot()` returned. Median of 5
//   pages (each a cold JIT, as an app start is). open_edition_apply_ms and
//   open_edition_snapshot_ms split it.
// - doc_memory_mb: JS heap used after the open minus before it (doc_heap_before_open_mb,
//   doc_heap_after_open_mb: the page's whole heap, document modules loaded; CDP
//   Runtime.getHeapUsage after HeapProfiler.collectGarbage): the doc, its
//   snapshot and the store's handles.
// - persist_keystroke_main_ms: main-thread time persisting costs per keystroke,
//   all of it — the write in the transaction, IndexedDB's callbacks, and the
//   compaction when it comes (500 keys measured, so one compaction falls in
//   them). CDP Performance.getMetrics TaskDuration over 500 keys typed into the
//   stored doc, minus the same 500 keys typed into an in-memory copy, ÷ 500.
//   Typed with the editor's origin (ySync's key), so the store batches the
//   writes as it does a desk's keys (one IndexedDB transaction per burst).
//   persist_keystroke_sync_ms_p50/_p95: the part inside the keystroke's own
//   transaction (with − without, per key). persist_longest_task_ms: the
//   longest main-thread task while the stored doc was typed into (a
//   compaction shows here).
//
// In `npm run bench` (bench/run.ts). Standalone, before/after side by side:
// `npx tsx bench/document-open.ts --root /tmp/before-docspeed --root . [--runs 2]`
// starts a Vite dev server on each root and measures them in turns (the bench
// files are copied into a root that lacks them).
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { Bench } from './run';

const EDITS = 20_000;
const TAIL = 499;
const KEYS = 500;
const OPENS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Store the edition and type its history (in the page). Returns the records the store holds. */
export async function setup(page: Page, id: string): Promise<{ records: number; bytes: number }> {
  return page.evaluate(
    async ({ id, edits, tail }) => {
      // By dev-server URL (no helper functions here: tsx would wrap them in a helper the page lacks).
      const urls = ['/src/lib/document/index.ts', '/bench/document-fixture.ts'];
      const docs: typeof import('../src/lib/document/index') = await import(/* @vite-ignore */ urls[0]);
      const fx: typeof import('./document-fixture') = await import(/* @vite-ignore */ urls[1]);
      const name = docs.editionDatabaseName(id);
      await new Promise((r) => {
        const req = indexedDB.deleteDatabase(name);
        req.onsuccess = req.onerror = req.onblocked = r;
      });
      const stored = await docs.openPersistedEdition(id);
      stored.document.dispatch(fx.benchEdition(id), docs.ORIGIN.load);
      for (let i = 0; i < edits - tail; i++) {
        fx.typeEdit(stored.document.doc, i);
        if (i % 50 === 49) await new Promise((r) => setTimeout(r, 0));
      }
      await stored.settled();
      // Give the store its time to compact (its timers run at most a second or two after the last write).
      await new Promise((r) => setTimeout(r, 3000));
      await stored.compacted();
      await stored.settled();
      for (let i = edits - tail; i < edits; i++) {
        fx.typeEdit(stored.document.doc, i);
        if (i % 50 === 49) await new Promise((r) => setTimeout(r, 0));
      }
      await stored.settled();
      await stored.close();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const all = await new Promise<Uint8Array[]>((resolve, reject) => {
        const req = db.transaction('updates').objectStore('updates').getAll();
        req.onsuccess = () => resolve(req.result as Uint8Array[]);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return { records: all.length, bytes: all.reduce((n, u) => n + u.byteLength, 0) };
    },
    { id, edits: EDITS, tail: TAIL },
  );
}

export async function importModules(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const urls = ['/src/lib/document/index.ts', '/bench/document-fixture.ts'];
    const w = window as unknown as { docs: unknown; fx: unknown };
    w.docs = await import(/* @vite-ignore */ urls[0]);
    w.fx = await import(/* @vite-ignore */ urls[1]);
  });
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

/** Open the stored edition in this page; the doc stays open as window.opened. */
export async function openStored(page: Page, id: string): Promise<{ apply: number; snapshot: number; stories: number }> {
  return page.evaluate(async (id) => {
    const w = window as unknown as { docs: typeof import('../src/lib/document/index'); opened: unknown };
    const t0 = performance.now();
    const stored = await w.docs.openPersistedEdition(id);
    const t1 = performance.now();
    const edition = stored.document.snapshot();
    const t2 = performance.now();
    w.opened = stored;
    return { apply: t1 - t0, snapshot: t2 - t1, stories: edition.stories.length };
  }, id);
}

/** Main-thread task time so far (ms), from one CDP session kept enabled over the measurement. */
async function taskDuration(cdp: import('@playwright/test').CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? NaN) * 1000;
}

/** Type `keys` edits into the opened doc (stored) or into an in-memory copy; per-key time inside the transaction. */
async function type(page: Page, stored: boolean, from: number, keys: number): Promise<{ perKey: number[]; longest: number }> {
  return page.evaluate(
    async ({ stored, from, keys }) => {
      const w = window as unknown as {
        fx: typeof import('./document-fixture');
        opened: import('../src/lib/document/index').PersistedEdition;
        copy?: import('yjs').Doc;
      };
      const doc = stored ? w.opened.document.doc : (w.copy ??= w.fx.copyDoc(w.opened.document.doc));
      let longest = 0;
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) longest = Math.max(longest, e.duration);
      });
      observer.observe({ type: 'longtask' });
      const perKey: number[] = [];
      for (let i = from; i < from + keys; i++) {
        const t = performance.now();
        // With the editor's origin, so the store takes the path a desk's keys take (written in batches).
        w.fx.typeEdit(doc, i, w.fx.EDITOR_TYPING);
        perKey.push(performance.now() - t);
        // A typist's keys are separate tasks: IndexedDB's callbacks and timers run between them.
        await new Promise((r) => setTimeout(r, 0));
      }
      if (stored) {
        await w.opened.settled();
        // The compaction's timer and its work.
        await new Promise((r) => setTimeout(r, 3000));
        await w.opened.settled();
      }
      await new Promise((r) => setTimeout(r, 100));
      observer.disconnect();
      return { perKey, longest };
    },
    { stored, from, keys },
  );
}

/** The bench in its own browser context (one origin's IndexedDB shared by its pages). */
export async function benchDocument(context: BrowserContext, base: string): Promise<Record<string, number>> {
  const id = `bench-${Date.now()}`;
  const page = await context.newPage();
  await page.goto(`${base}/bench/document.html`);
  const stored = await setup(page, id);
  await page.close();
  const opens: { apply: number; snapshot: number }[] = [];
  const memory: number[] = [];
  const heapBefore: number[] = [];
  let persist: Record<string, number> = {};
  for (let r = 0; r < OPENS; r++) {
    const fresh = await context.newPage();
    await fresh.goto(`${base}/bench/document.html`);
    await importModules(fresh);
    const before = await heapUsed(fresh);
    opens.push(await openStored(fresh, id));
    memory.push((await heapUsed(fresh)) - before);
    heapBefore.push(before);
    if (r === OPENS - 1) {
      // Keystrokes on the last opened page: the in-memory baseline, then the stored doc.
      await type(fresh, false, EDITS, 50); // warm-up of the copy (JIT), not counted
      const cdp = await context.newCDPSession(fresh);
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      const t0 = await taskDuration(cdp);
      const bare = await type(fresh, false, EDITS + 50, KEYS);
      const t1 = await taskDuration(cdp);
      const withStore = await type(fresh, true, EDITS, KEYS);
      const t2 = await taskDuration(cdp);
      await cdp.detach();
      const diffs = withStore.perKey.map((t, i) => t - bare.perKey[i]);
      const sorted = [...diffs].sort((a, b) => a - b);
      persist = {
        persist_keystroke_main_ms: round(Math.max(0, t2 - t1 - (t1 - t0)) / KEYS, 3),
        persist_keystroke_sync_ms_p50: round(Math.max(0, median(withStore.perKey) - median(bare.perKey)), 3),
        persist_keystroke_sync_ms_p95: round(Math.max(0, sorted[Math.ceil(sorted.length * 0.95) - 1]), 3),
        persist_longest_task_ms: round(withStore.longest, 0),
      };
    }
    await fresh.close();
  }
  return {
    open_edition_ms_50x20k: round(median(opens.map((o) => o.apply + o.snapshot)), 0),
    open_edition_apply_ms: round(median(opens.map((o) => o.apply)), 0),
    open_edition_snapshot_ms: round(median(opens.map((o) => o.snapshot)), 0),
    doc_memory_mb: round(median(memory) / 2 ** 20, 1),
    doc_heap_before_open_mb: round(median(heapBefore) / 2 ** 20, 1),
    doc_heap_after_open_mb: round((median(heapBefore) + median(memory)) / 2 ** 20, 1),
    doc_stored_records: stored.records,
    doc_stored_kb: round(stored.bytes / 1024, 0),
    ...persist,
  };
}

export const documentBench: Bench = {
  name: 'document',
  page: '/bench/document.html',
  async run(page) {
    const context = await page.context().browser()!.newContext();
    try {
      return await benchDocument(context, new URL(page.url()).origin);
    } finally {
      await context.close();
    }
  },
};

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no server at ${url}`);
}

if (process.argv[1]?.endsWith('document-open.ts')) {
  const roots = process.argv.flatMap((a, i) => (process.argv[i - 1] === '--root' ? [resolve(a)] : []));
  if (!roots.length) roots.push(process.cwd());
  const r = process.argv.indexOf('--runs');
  const runs = r > 0 ? Number(process.argv[r + 1]) : 1;
  const here = resolve(import.meta.dirname);
  const servers = roots.map((root, i) => {
    for (const f of ['document.html', 'document-fixture.ts']) if (!existsSync(join(root, 'bench', f))) copyFileSync(join(here, f), join(root, 'bench', f));
    const port = 5211 + i;
    const proc = spawn('npx', ['vite', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--logLevel', 'error'], { cwd: root, stdio: 'ignore', detached: true });
    return { root, base: `http://127.0.0.1:${port}`, proc };
  });
  const stop = () => servers.forEach((s) => s.proc.pid && process.kill(-s.proc.pid, 'SIGTERM'));
  process.on('exit', stop);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  try {
    for (const s of servers) await waitFor(`${s.base}/bench/document.html`);
    for (let run = 0; run < runs; run++) {
      for (const s of servers) {
        const context = await browser.newContext();
        const load = loadavg()[0];
        const figures = await benchDocument(context, s.base);
        console.log(JSON.stringify({ root: s.root, run, load_avg_1m: round(load, 2), ...figures }));
        await context.close();
      }
    }
  } finally {
    await browser.close();
    stop();
  }
}
