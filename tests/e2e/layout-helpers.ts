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

/**
 * Continue a story of page 1 on page 2 the way a desk does: shrink its module
 * (the deepest one without a photo) by keyboard until text is left over, then
 * 转版. The sample fits its front page (every module as deep as its text), so
 * nothing jumps until a person makes it. Returns the part-1 placement id.
 */
export async function continueOnPage2(page: Page): Promise<string> {
  const strip = page.getByRole('navigation', { name: /版面缩略图|Page thumbnails/ });
  await showPage(page, 1);
  if ((await strip.getByRole('button', { name: /^(第2版|Page 2)$/ }).count()) === 0) {
    await page.getByRole('button', { name: /加一版|Add page/ }).click();
    await showPage(page, 1);
  }
  const region = page.getByTestId('layout-page');
  const id = await region.evaluate((el) => {
    let best = '';
    let most = 0;
    for (const f of el.querySelectorAll<HTMLElement>('[data-testid=module]')) {
      const text = el.querySelector(`.module-text[data-placement="${CSS.escape(f.dataset.frame!)}"]`);
      if (!text || text.querySelector('.photo') || text.querySelector('[data-role=jump_line]')) continue;
      const lines = Number(f.getAttribute('aria-label')!.match(/(\d+) (?:行|lines)/)![1]);
      if (lines > most) [best, most] = [f.dataset.frame!, lines];
    }
    return best;
  });
  const frame = page.locator(`[data-frame="${id}"]`);
  await frame.focus();
  const marker = frame.getByTestId('overset');
  for (let i = 0; i < 80 && (await marker.count()) === 0; i++) await page.keyboard.press('Shift+ArrowUp');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowUp');
  await expect(marker).toBeVisible();
  await page.getByLabel(/^(转到|Continue on)$/).selectOption('2');
  await page.getByRole('button', { name: /^(转版|Continue on page…)$/ }).click();
  await expect(marker).toHaveCount(0);
  return id;
}
