// The edition document end to end: a killed browser loses at most a second of
// continuous typing; two tabs typing into one story keep every character of
// both; layout steps (a resize, a whole auto-layout) undo and redo one at a time.
import { test, expect, chromium, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, shot, waitSaved } from './app-helpers';
import { openLayout } from './layout-helpers';

test.setTimeout(240_000);

const BASE_URL = `http://127.0.0.1:${Number(process.env.GALLEY_E2E_PORT ?? 4173)}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** A character the sample text does not hold, so its count is what was typed. */
const MARK = 'q';

function editor(page: Page) {
  return page.getByRole('textbox', { name: /稿件正文|Story text/ });
}

async function markCount(page: Page): Promise<number> {
  const text = (await editor(page).textContent()) ?? '';
  return [...text].filter((c) => c === MARK).length;
}

/** Chromium on a profile directory, as a desk's browser: its own process group, so one signal kills all of it. */
async function launch(profile: string): Promise<{ proc: ChildProcess; page: Page; close: () => Promise<void> }> {
  const proc = spawn(
    CHROMIUM,
    [`--user-data-dir=${profile}`, '--remote-debugging-port=0', '--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', 'about:blank'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const endpoint = await new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no DevTools endpoint: ${err}`)), 30_000);
    proc.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1440, height: 900 });
  return {
    proc,
    page,
    close: async () => {
      await browser.close().catch(() => {});
      const exited = proc.exitCode !== null || proc.signalCode !== null ? Promise.resolve() : new Promise((resolve) => proc.once('exit', resolve));
      try {
        process.kill(-proc.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      // The profile is removed next: wait until Chromium no longer writes into it.
      await exited;
    },
  };
}

test('kill -9 while typing continuously loses at most the last second', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'galley-kill-'));
  const results: { typed: number; survived: number; lostTypingMs: number }[] = [];
  try {
    let expected = 0;
    for (let round = 1; round <= 5; round++) {
      const desk = await launch(profile);
      const page = desk.page;
      await page.goto(BASE_URL);
      await expect(editor(page)).toBeVisible();
      await waitSaved(page);
      expect(await markCount(page), `round ${round}: what earlier rounds kept`).toBe(expected);
      // Type at the end of the first paragraph, one key after another with no pause.
      await editor(page).locator('p.role-paragraph').first().click();
      await page.keyboard.press('End');
      const times: number[] = [];
      const start = Date.now();
      while (Date.now() - start < 3000) {
        await page.keyboard.type(MARK);
        times.push(Date.now());
      }
      await page.waitForTimeout(200);
      const killedAt = Date.now();
      process.kill(-desk.proc.pid!, 'SIGKILL');
      await new Promise((resolve) => desk.proc.once('exit', resolve));

      const again = await launch(profile);
      await again.page.goto(BASE_URL);
      await expect(editor(again.page)).toBeVisible();
      const survived = (await markCount(again.page)) - expected;
      // What was lost was typed in the last second before the kill (keys are in order, so the survivors are a prefix).
      const lostSince = survived < times.length ? times[survived] : killedAt;
      results.push({ typed: times.length, survived, lostTypingMs: survived < times.length ? times[times.length - 1] - times[survived] : 0 });
      expect(survived, `round ${round}: ${JSON.stringify(results.at(-1))}`).toBeGreaterThanOrEqual(0);
      expect(killedAt - lostSince, `round ${round}: lost typing from ${killedAt - lostSince} ms before the kill`).toBeLessThanOrEqual(1000 + 200);
      expected += survived;
      await again.close();
    }
    console.log('kill -9 rounds', JSON.stringify(results));
  } finally {
    // Chromium's helper processes may still be closing files in the profile a moment after the browser exits.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

test('closing the tab right after typing keeps every key (the typing that waits for a pause is written as the page goes)', async ({ context }) => {
  const page = await context.newPage();
  await openApp(page);
  await expect(editor(page)).toBeVisible();
  await waitSaved(page);
  const before = await markCount(page);
  await editor(page).locator('p.role-paragraph').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(MARK.repeat(12));
  expect(await markCount(page)).toBe(before + 12);
  // At once, before any pause: nothing of the burst has been written yet.
  await page.close();
  const again = await context.newPage();
  await openApp(again);
  await expect(editor(again)).toBeVisible();
  expect(await markCount(again)).toBe(before + 12);
});

test('two tabs type into the same story at once; after reloading both, every character of both is there', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openApp(a);
  await waitSaved(a);
  await openApp(b);
  await expect(editor(a)).toBeVisible();
  await expect(editor(b)).toBeVisible();
  const before = await markCount(a);
  const count = (page: Page, ch: string) => editor(page).evaluate((el, c) => [...(el.textContent ?? '')].filter((x) => x === c).length, ch);
  const baseX = await count(a, 'x');
  const baseZ = await count(a, 'z');
  // Both in the first paragraph of the same story, one at its end, one at its start.
  await editor(a).locator('p.role-paragraph').first().click();
  await a.keyboard.press('End');
  await editor(b).locator('p.role-paragraph').first().click();
  await b.keyboard.press('Home');
  const N = 30;
  await Promise.all([a.keyboard.type('x'.repeat(N)), b.keyboard.type('z'.repeat(N))]);
  // Each tab shows the other's typing live.
  await expect.poll(() => count(a, 'z')).toBe(baseZ + N);
  await expect.poll(() => count(b, 'x')).toBe(baseX + N);
  await waitSaved(a);
  await waitSaved(b);
  await shot(a, 'two-tabs');
  await a.reload();
  await b.reload();
  for (const page of [a, b]) {
    await expect(editor(page)).toBeVisible();
    expect(await count(page, 'x')).toBe(baseX + N);
    expect(await count(page, 'z')).toBe(baseZ + N);
  }
  expect(await markCount(a)).toBe(before);
});

test('layout undo: a resize and a whole auto-layout undo one step each, and redo', async ({ page }) => {
  await openLayout(page);
  const undo = page.getByRole('toolbar', { name: /版面|Layout/ }).getByRole('button', { name: /^(撤销|Undo)$/ });
  const redo = page.getByRole('toolbar', { name: /版面|Layout/ }).getByRole('button', { name: /^(重做|Redo)$/ });
  await expect(undo).toBeDisabled();
  await expect(redo).toBeDisabled();
  const positions = () =>
    page.locator('[data-frame]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-frame')}@${(e as HTMLElement).style.cssText}`).sort().join('\n'));
  const original = await positions();
  const first = page.locator('[data-frame]').first();
  await first.focus();
  // One resize (a line shorter: always room for it), one undo step.
  await page.keyboard.press('Shift+ArrowUp');
  await expect.poll(positions).not.toBe(original);
  const moved = await positions();
  await expect(undo).toBeEnabled();
  await page.getByRole('button', { name: /自动排版|Auto layout/ }).click();
  await expect.poll(positions).not.toBe(moved);
  const laidOut = await positions();
  await shot(page, 'layout-undo-before');

  await page.locator('.canvas').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect.poll(positions).toBe(moved);
  await page.keyboard.press('Control+z');
  await expect.poll(positions).toBe(original);
  await expect(undo).toBeDisabled();
  await expect(redo).toBeEnabled();
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(positions).toBe(moved);
  await redo.click();
  await expect.poll(positions).toBe(laidOut);
  await expect(redo).toBeDisabled();
  await shot(page, 'layout-undo-after');
});
