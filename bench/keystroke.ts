// Keystroke → the frame that shows it, in the Stories view, on the production build in
// headless Chromium (bench/run.ts runs it on the preview it builds).
//
// Setup: a new user's app (sample edition); the story 工会领导机关干部… is opened and
// its text pasted after itself (a real paste event, plain text) until the story
// holds ≥ 20,000 characters; the cursor is put at the end of a paragraph in the
// middle of the story, so edits shift the warnings after them. The mouse rests where
// it clicked, over the text (as a typist's usually does: Chromium hit-tests it after
// every layout change).
//
// Per key (a Playwright key press: keydown, beforeinput, input, keyup as a person types):
// - frame: from `beforeinput` (performance.now() in a capturing listener) to the first
//   task after the next animation frame's callbacks. The key's DOM change is made in the
//   key's task, so the next rendering update is the one that shows it; a task posted from
//   its rAF callback runs after that update's style, layout, paint and commit on the main
//   thread. Not included: raster and the display compositor's draw on other threads
//   (bench/keystroke-trace.ts measures those per key from a trace: ≈ 1–3 ms more).
// - Two browsers, two figures:
//   `keystroke_ms_*_20k` (the "typing within a frame"): Chromium launched with
//   `--disable-frame-rate-limit --disable-gpu-vsync`, so frames are produced as soon as
//   they are asked for and the figure is the key's own work plus its frame's;
//   `keystroke_ms_*_20k_vsync60`: the default 60 Hz begin-frame clock, so the figure also
//   holds the wait for the next vsync (uniform 0–16.7 ms): what a person on a 60 Hz
//   screen sees, but its p95 exceeds 16 ms as soon as a key does any work at all.
// - task: from `beforeinput` to whichever comes first, the first task after the key's own
//   task or the key's frame's rAF callbacks (with unlimited frames the frame often runs
//   before any other task): the editor's handling, its microtasks and the app's reactive
//   updates, i.e. the main-thread work the key causes before its frame (from the
//   unlimited-frame browser). frame − task is then mostly the frame's own rendering.
// The harness polls for the figures on a timer (never by rAF), so it drives no frames itself.
// 10 keys first (warm-up: JIT, caches, the first render of each panel); then 60 keys
// measured, each after a random pause of 40–120 ms (a typist's pace, and a random
// phase against vsync). Warm figures: the warm-up is not counted.
// Throttled: the same with CDP Emulation.setCPUThrottlingRate 4 (a slower laptop).
//
// Standalone: `npx tsx bench/keystroke.ts --url http://127.0.0.1:4173/ [--url …]` measures
// previews already running (before/after side by side: the URLs are measured in turns);
// `--root <checkout> [--root …]` builds each checkout (its own vite, into a temporary
// folder) and previews it first. `--runs N` repeats the turns; the figures of every run
// and their medians are printed. On a loaded machine, bench/keystroke-paired.ts compares two
// builds key for key instead (the keys alternate between them).
import { chromium, type Browser, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const STORY = '工会领导机关干部蹲点工作将实现常态化制度化';
const TARGET_CHARS = 20_000;
const WARMUP = 10;
const KEYS = 60;

export interface KeystrokeFigures {
  chars: number;
  frame: number[];
  task: number[];
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * q) - 1))];
}
export const p50 = (xs: number[]) => quantile(xs, 0.5);
export const p95 = (xs: number[]) => quantile(xs, 0.95);
const round = (x: number) => Math.round(x * 100) / 100;

/** `story`: another sample story's headline (keystroke-paired.ts); the bench's figures use STORY. */
export async function openLongStory(page: Page, base: string, story = STORY): Promise<number> {
  await page.goto(base);
  const row = page.locator('.story-row').filter({ hasText: story });
  await row.first().waitFor({ timeout: 60_000 });
  await row.first().click();
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await editor.waitFor();
  // Paste the story's own body after its end until it is long enough.
  // In-page code as source text: tsx would wrap named functions in a helper the page lacks.
  const chars = (await page.evaluate(`(async (target) => {
    const el = document.querySelector('.story-text');
    const body = [...el.querySelectorAll('p.role-paragraph')].map((p) => p.textContent ?? '').filter((t) => t.trim());
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    for (let guard = 0; (el.textContent ?? '').length < target && guard < 50; guard++) {
      const last = el.querySelector('p.role-paragraph:last-of-type') ?? el.lastElementChild;
      const range = document.createRange();
      range.selectNodeContents(last);
      range.collapse(false);
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      el.focus();
      await frame();
      const dt = new DataTransfer();
      dt.setData('text/plain', '\\n' + body.join('\\n\\n'));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      await frame();
    }
    return (el.textContent ?? '').length;
  })(${TARGET_CHARS})`)) as number;
  // The cursor at the end of the middle paragraph.
  const paras = editor.locator('p.role-paragraph');
  const n = await paras.count();
  const mid = paras.nth(Math.floor(n / 2));
  await mid.click();
  await page.keyboard.press('End');
  await page.evaluate(`(() => {
    window.__keys = [];
    const after = (f) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = f;
      ch.port2.postMessage(0);
    };
    document.querySelector('.story-text').addEventListener('beforeinput', () => {
      const rec = { t0: performance.now(), task: 0, frame: 0 };
      window.__keys.push(rec);
      // Whichever comes first: the next task, or the key's frame (unlimited frames can run it first).
      const done = () => (rec.task ||= performance.now() - rec.t0);
      after(done);
      requestAnimationFrame(() => {
        done();
        after(() => (rec.frame = performance.now() - rec.t0));
      });
    }, { capture: true });
  })()`);
  // Let the paste's deferred work (saves, counts, layout) settle before typing.
  await page.waitForTimeout(3000);
  return chars;
}

export async function typeKeys(page: Page, count: number): Promise<{ task: number; frame: number }[]> {
  const keys = 'abcdefghij';
  const out: { task: number; frame: number }[] = [];
  for (let i = 0; i < count; i++) {
    await page.waitForTimeout(40 + Math.random() * 80);
    const before = await page.evaluate(() => (window as unknown as { __keys: unknown[] }).__keys.length);
    await page.keyboard.press(keys[i % keys.length]);
    const rec = await page.waitForFunction(
      (n) => {
        const k = (window as unknown as { __keys: { task: number; frame: number }[] }).__keys;
        return k.length > n && k[n].frame > 0 && k[n].task > 0 ? { task: k[n].task, frame: k[n].frame } : null;
      },
      before,
      // A timer, not rAF: polling by rAF would keep the page producing frames between keys.
      { polling: 10, timeout: 30_000 },
    );
    out.push((await rec.jsonValue())!);
  }
  return out;
}

/** One fresh page: open, grow the story, warm up, measure, at the given CPU throttle. */
export async function measureKeystrokes(browser: Browser, base: string, throttle = 1): Promise<KeystrokeFigures> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    const chars = await openLongStory(page, base);
    const cdp = await context.newCDPSession(page);
    if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    await typeKeys(page, WARMUP);
    const keys = await typeKeys(page, KEYS);
    if (throttle !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return { chars, frame: keys.map((k) => k.frame), task: keys.map((k) => k.task) };
  } finally {
    await context.close();
  }
}

/** Chromium's switches that stop it holding frames for a 60 Hz vsync (checked headless: rAF every 1–3 ms). */
export const UNLIMITED_FRAMES = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];
export const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchUnlimitedFrames(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BROWSER_ARGS, ...UNLIMITED_FRAMES] });
}

export interface KeystrokeRun {
  plain: KeystrokeFigures;
  throttled: KeystrokeFigures;
  plain60: KeystrokeFigures;
  throttled60: KeystrokeFigures;
}

export function keystrokeKeys({ plain, throttled, plain60, throttled60 }: KeystrokeRun): Record<string, number> {
  return {
    keystroke_story_chars: plain.chars,
    keystroke_ms_p50_20k: round(p50(plain.frame)),
    keystroke_ms_p95_20k: round(p95(plain.frame)),
    keystroke_task_ms_p50_20k: round(p50(plain.task)),
    keystroke_task_ms_p95_20k: round(p95(plain.task)),
    keystroke_ms_p50_20k_throttled4x: round(p50(throttled.frame)),
    keystroke_ms_p95_20k_throttled4x: round(p95(throttled.frame)),
    keystroke_task_ms_p50_20k_throttled4x: round(p50(throttled.task)),
    keystroke_task_ms_p95_20k_throttled4x: round(p95(throttled.task)),
    keystroke_ms_p50_20k_vsync60: round(p50(plain60.frame)),
    keystroke_ms_p95_20k_vsync60: round(p95(plain60.frame)),
    keystroke_ms_p50_20k_throttled4x_vsync60: round(p50(throttled60.frame)),
    keystroke_ms_p95_20k_throttled4x_vsync60: round(p95(throttled60.frame)),
  };
}

/**
 * bench/run.ts: every condition on one preview. `browser60` is a browser with the default
 * 60 Hz frame clock; the unlimited-frame browser is launched here (its switches are per process).
 */
export async function benchKeystroke(browser60: Browser, base: string): Promise<Record<string, number>> {
  const unlimited = await launchUnlimitedFrames();
  try {
    return keystrokeKeys({
      plain: await measureKeystrokes(unlimited, base),
      throttled: await measureKeystrokes(unlimited, base, 4),
      plain60: await measureKeystrokes(browser60, base),
      throttled60: await measureKeystrokes(browser60, base, 4),
    });
  } finally {
    await unlimited.close();
  }
}

/** Build `root` (a checkout with its node_modules) and preview it on `port`; resolves to its URL and a stop. */
async function previewOf(root: string, port: number): Promise<{ url: string; stop: () => void }> {
  const outDir = mkdtempSync(join(tmpdir(), 'galley-keystroke-'));
  const vite = join(resolve(root), 'node_modules', '.bin', 'vite');
  execFileSync(vite, ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const preview: ChildProcess = spawn(vite, ['preview', '--outDir', outDir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { cwd: root, stdio: 'ignore', detached: true });
  const url = `http://127.0.0.1:${port}/`;
  const stop = () => {
    try {
      if (preview.pid) process.kill(-preview.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    rmSync(outDir, { recursive: true, force: true });
  };
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      /* not up yet */
    }
  }
  stop();
  throw new Error(`preview of ${root} did not answer on ${url}`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (process.argv[1]?.endsWith('keystroke.ts')) {
  const args = (flag: string) => process.argv.flatMap((a, i) => (process.argv[i - 1] === flag ? [a] : []));
  const r = process.argv.indexOf('--runs');
  const runs = r > 0 ? Number(process.argv[r + 1]) : 1;
  const p = process.argv.indexOf('--port');
  const firstPort = p > 0 ? Number(process.argv[p + 1]) : 4180;
  const previews = [];
  const targets: { name: string; url: string }[] = args('--url').map((url) => ({ name: url, url }));
  try {
    for (const [i, root] of args('--root').entries()) {
      const preview = await previewOf(root, firstPort + i);
      previews.push(preview);
      targets.push({ name: resolve(root), url: preview.url });
    }
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: BROWSER_ARGS });
    try {
      const results: Record<string, { runs: Record<string, number>[]; median: Record<string, number>; load_avg_1m: number[] }> = {};
      for (let run = 0; run < runs; run++) {
        // In turns, so the machine's load falls on every build alike.
        for (const t of targets) {
          const entry = (results[t.name] ??= { runs: [], median: {}, load_avg_1m: [] });
          entry.runs.push(await benchKeystroke(browser, t.url));
          entry.load_avg_1m.push(Math.round(loadavg()[0] * 100) / 100);
        }
      }
      for (const entry of Object.values(results)) {
        for (const key of Object.keys(entry.runs[0])) entry.median[key] = round(median(entry.runs.map((x) => x[key])));
      }
      console.log(JSON.stringify(results, null, 1));
    } finally {
      await browser.close();
    }
  } finally {
    for (const preview of previews) preview.stop();
  }
}
