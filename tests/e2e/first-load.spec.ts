// A returning desk that left the Layout view open: the start lays out the page in view first and
// the other pages in later tasks (LayoutDesk.layoutSoon), builds the side panels and the page
// strip's thumbnails a task after the page, and asks early for the fonts the page used last time
// (FIRST_FACES_KEY). None of that may lose anything: the later pages do get laid out, and an edit
// made as soon as the page is there is kept.
import { test, expect, type Page } from '@playwright/test';
import { continueOnPage2, openLayout, showPage } from './layout-helpers';
import { waitSaved } from './app-helpers';

test.setTimeout(180_000);

const strip = (page: Page) => page.getByRole('navigation', { name: /版面缩略图|Page thumbnails/ });

test('reopened on the Layout view: page 2 laid out after page 1, its thumbnail too, and an edit right after load is kept', async ({ page }) => {
  await openLayout(page);
  const part1 = await continueOnPage2(page);
  const story = part1.replace(/:\d+$/, '');
  await waitSaved(page);
  // The page last drawn left its fonts and characters for the next start.
  await expect
    .poll(() => page.evaluate(() => Object.values(JSON.parse(localStorage.getItem('galley-first-faces') ?? '{}') as Record<string, { text: string }>).map((f) => f.text).join('').length))
    .toBeGreaterThan(100);

  await page.reload();
  const sheet = page.getByTestId('layout-page');
  await expect(sheet).toHaveAttribute('data-page', '1');
  // An edit as soon as the page's modules are there (its other page may still be being laid out):
  // the continued story's first part one line down.
  const frame = page.locator(`[data-frame="${part1}"]`);
  await frame.focus();
  const top = await frame.evaluate((el) => el.style.top);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => frame.evaluate((el) => el.style.top)).not.toBe(top);
  const moved = await frame.evaluate((el) => el.style.top);
  await expect(page.locator('[data-laid-out]')).toHaveCount(1);

  // Page 2's thumbnail is drawn from its layout (not the blank sheet shown while it waits) …
  await expect(strip(page).getByRole('button', { name: /^(第2版|Page 2)$/ }).locator('.thumb .mod').first()).toBeVisible();
  await expect(strip(page).locator('.thumb-wait')).toHaveCount(0);
  // … and page 2 shows the continuation with its lines.
  await showPage(page, 2);
  const part2 = page.locator(`[data-frame="${story}:2"]`);
  await expect(part2).toBeVisible();
  await expect(page.locator(`.module-text[data-placement="${story}:2"] .ln`).first()).toBeVisible();

  // The edit made right after the load was kept.
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId('layout-page')).toHaveAttribute('data-page', '1');
  await expect.poll(() => page.locator(`[data-frame="${part1}"]`).evaluate((el) => el.style.top)).toBe(moved);
});

// The Layout view's first page loads without the Stories view's editor (ProseMirror's view, its
// plugins), the dialogs and the importer: they come in chunks of their own (App.svelte). The
// scripts the page's entry names (its module and the modulepreload links: what loads at once)
// must not hold prosemirror-view, whose selection class is in its code.
test('the entry scripts hold neither the editor nor the importer; Stories right after a Layout-view load types', async ({ page, request }) => {
  const html = await (await request.get('/')).text();
  const entry = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  expect(entry.length).toBeGreaterThan(1);
  for (const path of entry) {
    const code = await (await request.get(`/${path}`)).text();
    expect(code, path).not.toContain('ProseMirror-hideselection');
    // The importer's jump-line pattern (src/lib/import/jumps.ts): loaded with the import dialog.
    expect(code, path).not.toContain('p[ao]g[eo]|pg');
  }

  await openLayout(page);
  await waitSaved(page);
  await page.reload();
  // At once, before the page is laid out and before the Stories view's chunk is fetched in an idle moment.
  await page.getByRole('tab', { name: /稿件|Stories/ }).click();
  const editor = page.getByRole('textbox', { name: /稿件正文|Story text/ });
  await expect(editor).toBeVisible();
  await editor.locator('p').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type('试一试');
  await expect(editor).toContainText('试一试');
});
