// Shared steps of the Layout view's end-to-end specs.
import { expect, type Page } from '@playwright/test';

/** Open the app on the Layout view with the page's faces loaded (lines are measured against them). */
export async function openLayout(page: Page) {
  await page.goto('/');
  await page.getByRole('tab', { name: /版面|Layout/ }).click();
  await expect(page.getByTestId('layout-page')).toBeVisible();
  await page.evaluate(async () => {
    await document.fonts.load('12px "Noto Serif SC"', '中');
    await document.fonts.load('12px "Noto Sans SC"', '中');
    await document.fonts.load('12px "LXGW WenKai"', '中');
    await document.fonts.ready;
  });
}

export async function showPage(page: Page, n: number) {
  await page.getByRole('navigation', { name: /版面缩略图|Page thumbnails/ }).getByRole('button', { name: new RegExp(`^(第${n}版|Page ${n})$`) }).click();
  await expect(page.getByTestId('layout-page')).toHaveAttribute('data-page', String(n));
}
