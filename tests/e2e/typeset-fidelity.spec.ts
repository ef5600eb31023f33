// Fidelity of the typesetting engine in the browser: the lines the engine
// breaks (in Node or here) are drawn by Chromium with the bundled fonts exactly
// as measured. The page is bench/typeset.html (a build input of vite.config.ts).
import { test, expect } from '@playwright/test';
import type { FidelityReport as Report } from '../../bench/typeset-page';

test('engine lines render without wrapping or overflow in the bundled fonts', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/bench/typeset.html');
  await page.waitForFunction(() => (window as unknown as { galley?: { ready: boolean } }).galley?.ready === true);
  const report = (await page.evaluate(() => (window as unknown as { galley: { fidelity(): Promise<unknown> } }).galley.fidelity())) as Report;

  // The faces are really loaded (not a fallback font).
  const loaded = await page.evaluate(() => ['400 12pt "Noto Serif SC"', '700 12pt "Noto Sans SC"', '500 12pt "LXGW WenKai"', '400 12pt "Noto Serif"'].map((f) => document.fonts.check(f, '中A')));
  expect(loaded).toEqual([true, true, true, true]);

  expect(errors).toEqual([]);
  expect(report.lines).toBeGreaterThan(300);
  expect(report.runs).toBeGreaterThan(report.lines);
  // One line box per engine line: the browser, given the line's text in a box of the column width, does not wrap it.
  expect(report.wrapped).toEqual([]);
  // No drawn run passes the column's right edge.
  expect(report.overflowing).toEqual([]);
  // Every run is drawn exactly as wide as the engine's table says (advances + letter-spacing).
  expect(report.runMismatches).toEqual([]);
  expect(report.maxRunErrorPx).toBeLessThan(0.75);
  // Canvas measureText agrees with the tables within 0.5 %.
  expect(report.canvas.length).toBe(6);
  for (const c of report.canvas) expect(c.errorPct, `${c.font} ${c.text}: canvas ${c.canvas} table ${c.table}`).toBeLessThan(0.5);

  await page.screenshot({ path: 'screenshots/typeset-fidelity.png', fullPage: false });
});
