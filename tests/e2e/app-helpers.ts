// Shared steps of the app's end-to-end specs.
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const SAMPLE_HEADLINES = [
  '习近平向哈萨克斯坦总统托卡耶夫致口信',
  '第九次全国职工队伍状况调查正式启动',
  '湘潭全力助推『好工人』成就『金蓝领』',
  '工会领导机关干部蹲点工作将实现常态化制度化',
  '西安：保障生活物资供应',
  '14部门发文部署全力做好2022年春运工作',
];

/** Open the app and wait until the sample edition is on screen and saved. */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('navigation', { name: /稿件列表|Stories/ })).toBeVisible();
  await expect(page.locator('.story-row').first()).toBeVisible();
}

/** Every change so far is committed to IndexedDB (the status reads 已保存 at once for a short write: aria-busy says it is still going). */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /^(已保存|Saved)$/ })).toHaveAttribute('aria-busy', 'false');
}

/** A full-page screenshot in screenshots/, after the web fonts have loaded (CJK must not be boxes). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync('screenshots', { recursive: true });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: `screenshots/${name}.png` });
}

export function storyRow(page: Page, headline: string) {
  return page.locator('.story-row').filter({ hasText: headline });
}
