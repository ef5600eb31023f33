// Auto-layout of two dozen stories in the app (issue 12): the sample's 8 and
// 16 from two People's Daily pages, pasted into the import dialog; auto layout
// gives pages that are covered to the foot but the last (measured from the
// page DOM: module frames over the type area, the masthead counted), no error
// in the Problems panel (which now lists underfilled modules and same-page
// jumps), and the lead on top of page 1. Screenshots go to /tmp for a person to look at.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './app-helpers';
import { showPage } from './layout-helpers';

test.setTimeout(240_000);

const PAGES = ['tests/fixtures/corpus/rmrb-20200103-03.txt', 'tests/fixtures/corpus/rmrb-20200103-04.txt', 'tests/fixtures/corpus/rmrb-20200124-01.txt'];

/** Share of the page shown that module frames (or the masthead) cover, sampled on a fine grid over the type area. */
async function coverage(page: Page): Promise<number> {
  return page.getByTestId('layout-page').evaluate((region) => {
    const area = region.querySelector('.type-area')!.getBoundingClientRect();
    const boxes = [...region.querySelectorAll('[data-testid=module], .masthead')].map((e) => e.getBoundingClientRect());
    const N = 120;
    let hit = 0;
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        const x = area.left + ((i + 0.5) * area.width) / N;
        const y = area.top + ((j + 0.5) * area.height) / N;
        if (boxes.some((b) => x >= b.left && x <= b.right && y >= b.top && y <= b.bottom)) hit++;
      }
    return hit / (N * N);
  });
}

test('auto layout of 24 stories: every page but the last covered, no problem, the lead on top', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: '导入稿件' }).click();
  const dialog = page.getByRole('dialog', { name: '导入稿件' });
  await dialog.getByRole('textbox', { name: '粘贴文本' }).fill(PAGES.map((f) => readFileSync(f, 'utf8')).join(''));
  await dialog.getByRole('button', { name: '识别稿件' }).click();
  await expect(dialog.getByRole('heading', { name: '识别出 18 篇稿件' })).toBeVisible();
  // Two fewer, for 24 in all with the sample's 8.
  await dialog.getByRole('button', { name: '删除此篇 18' }).click();
  await dialog.getByRole('button', { name: '删除此篇 17' }).click();
  await dialog.getByRole('button', { name: '添加 16 篇稿件' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('tab', { name: /版面|Layout/ }).click();
  await expect(page.getByTestId('layout-page')).toBeVisible();
  await page.getByRole('button', { name: /自动排版|Auto layout/ }).click();
  const strip = page.getByRole('navigation', { name: /版面缩略图|Page thumbnails/ });
  const pages = await strip.getByRole('button', { name: /^(第\d+版|Page \d+)$/ }).count();
  expect(pages).toBeGreaterThanOrEqual(3);

  const problems = page.getByRole('region', { name: /问题|Problems/ });
  await expect(problems.locator('[data-level=error]')).toHaveCount(0);
  let frames = 0;
  for (let n = 1; n <= pages; n++) {
    await showPage(page, n);
    const region = page.getByTestId('layout-page');
    await expect(region.getByTestId('module').first()).toBeVisible();
    frames += await region.getByTestId('module').count();
    await page.screenshot({ path: `/tmp/pages/e2e-auto-page${n}.png` });
    if (n < pages) expect(await coverage(page), `page ${n} covered`).toBeGreaterThanOrEqual(0.95);
  }
  expect(frames).toBeGreaterThanOrEqual(24);

  // The lead (the sample's first story) on top of page 1, right under the masthead.
  await showPage(page, 1);
  const top = await page.getByTestId('layout-page').evaluate((region) => {
    const masthead = region.querySelector('.masthead')!.getBoundingClientRect();
    const frames = [...region.querySelectorAll('[data-testid=module]')].map((e) => e.getBoundingClientRect());
    return { masthead: masthead.bottom, first: Math.min(...frames.map((b) => b.top)) };
  });
  expect(Math.abs(top.first - top.masthead)).toBeLessThan(2);
});
