// What a first load fetches: the bundled faces come in unicode-range pieces, so
// the sample fetches only the pieces of the characters it shows, never a whole
// chinese-simplified file or the whole 7 MB LXGW WenKai; the typeset page says
// data-laid-out once every face its lines use has loaded; print and PDF carry
// every glyph in the bundled faces. (Timing is the bench's: bench/first-load.ts.)
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

test.setTimeout(180_000);

/** Font files the page fetches, by file name. */
function fontRequests(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (r) => {
    if (/\.woff2?(\?|$)/.test(r.url())) files.push(r.url().split('/').pop()!);
  });
  return files;
}

/** Every face and text the page's typeset lines use, and whether the browser has them loaded. */
async function linesFontsLoaded(page: Page): Promise<{ font: string; loaded: boolean }[]> {
  return page.evaluate(() => {
    const byFont = new Map<string, string>();
    for (const el of document.querySelectorAll<HTMLElement>('.sheet .ln')) {
      const cs = getComputedStyle(el);
      const font = `${cs.fontWeight} 16px ${cs.fontFamily}`;
      byFont.set(font, (byFont.get(font) ?? '') + el.textContent);
    }
    return [...byFont].map(([font, text]) => ({ font, loaded: document.fonts.check(font, text) }));
  });
}

const WHOLE_FILE = /chinese-simplified|lxgw-wenkai-latin/;

test('a new user: the Stories view fetches slices only, and its story text has its faces', async ({ page }) => {
  const files = fontRequests(page);
  await page.goto('/');
  const editor = page.locator('.ProseMirror');
  await expect(editor).toContainText('习近平');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter((f) => WHOLE_FILE.test(f))).toEqual([]);
  // The story is set in the bundled serif, and every character of it is loaded.
  const loaded = await editor.evaluate((el) => {
    const text = el.textContent ?? '';
    return document.fonts.check('400 16px "Noto Serif SC"', text);
  });
  expect(loaded).toBe(true);
});

test('the Layout view: the page is marked laid out once its faces have loaded, from slices only', async ({ page }) => {
  const files = fontRequests(page);
  await page.goto('/');
  await page.getByRole('tab', { name: /版面|Layout/ }).click();
  const sheet = page.getByTestId('layout-page').locator('.sheet');
  await expect(sheet).toHaveAttribute('data-laid-out');
  const fonts = await linesFontsLoaded(page);
  // Body (song), headlines (hei) and bylines (kai) are all on the sample front page.
  expect(fonts.map((f) => f.font).join('\n')).toMatch(/Noto Serif SC/);
  expect(fonts.map((f) => f.font).join('\n')).toMatch(/Noto Sans SC/);
  expect(fonts.map((f) => f.font).join('\n')).toMatch(/LXGW WenKai/);
  expect(fonts.filter((f) => !f.loaded)).toEqual([]);
  expect(files.filter((f) => WHOLE_FILE.test(f))).toEqual([]);
  // Kai comes in pieces (src/fonts/pieces/kai-500-*, a few kept kai-N slices): the page's bylines and captions need a few.
  const kai = files.filter((f) => /^kai-\d+/.test(f));
  expect(kai.length).toBeGreaterThan(0);
  expect(kai.length).toBeLessThan(40);

  // A returning user opens on the Layout view: the marker comes back on a fresh load.
  await expect(page.getByRole('status').filter({ hasText: /^(已保存|Saved)$/ })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('layout-page').locator('.sheet')).toHaveAttribute('data-laid-out');
  expect((await linesFontsLoaded(page)).filter((f) => !f.loaded)).toEqual([]);
});

test('the PDF of the proof embeds the bundled faces for every character printed', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: /版面|Layout/ }).click();
  await expect(page.getByTestId('layout-page').locator('.sheet')).toHaveAttribute('data-laid-out');
  await page.getByRole('tab', { name: /校样|Proof/ }).click();
  const sheets = page.getByTestId('proof-page').locator('.sheet');
  await expect(sheets.first()).toBeVisible();
  const count = await sheets.count();
  for (let i = 0; i < count; i++) await expect(sheets.nth(i)).toHaveAttribute('data-laid-out');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const printed = await page.evaluate(() => [...document.querySelectorAll('.sheet .ln')].map((el) => el.textContent).join(''));
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  mkdirSync('test-results', { recursive: true });
  const path = 'test-results/fonts-proof.pdf';
  writeFileSync(path, pdf);

  // pdffonts: every font embedded, and the page's text drawn only in the bundled faces (no system fallback).
  const rows = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  expect(rows.length).toBeGreaterThan(0);
  const names = rows.map((r) => r.split(/\s+/)[0]);
  for (const family of ['NotoSerifSC', 'NotoSansSC', 'LXGWWenKai']) expect(names.some((n) => n.includes(family)), `${family} in ${names.join(', ')}`).toBe(true);
  for (const r of rows) expect(r, 'embedded').toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  const han = (s: string) => new Set([...s].filter((c) => /\p{Script=Han}/u.test(c)));
  const missing = [...han(printed)].filter((c) => !text.includes(c));
  expect(missing).toEqual([]);
});
