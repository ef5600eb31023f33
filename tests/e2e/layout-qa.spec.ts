// QA fixes in the Layout and Proof views: the source's own jump lines shown as
// an info note in the UI language, hairline rules between stacked stories,
// tray buttons named by their story, a story dropped back into its hole sized
// to its text (no overset), a headline taller than its module clipped and
// reported; screenshots of pages 1 and 2 in both views.
import { test, expect, type Page } from '@playwright/test';
import { continueOnPage2, openLayout, showPage } from './layout-helpers';

test.setTimeout(180_000);


test('source jump note, rules between stories, problems in the UI language', async ({ page }) => {
  await openLayout(page);
  const region = page.getByTestId('layout-page');
  // Stacked stories are separated by a hairline rule.
  expect(await region.getByTestId('module-rule').count()).toBeGreaterThanOrEqual(3);
  // The sample's 学思践悟 story said （下转第2版） in the source; this edition does not continue it: an info note.
  const problems = page.getByRole('region', { name: /问题|Problems/ });
  const info = problems.locator('[data-level=info]');
  await expect(info.first()).toBeVisible();
  await expect(info.first()).toContainText('原稿');
  await expect(info.first()).toContainText('第2版');
  await expect(problems.locator('[data-level=error]')).toHaveCount(0);
  // The source jump is not printed: the sample fits its front page, so no jump line at all.
  await expect(region.locator('[data-role=jump_line]')).toHaveCount(0);

  await page.getByRole('combobox', { name: /界面语言|Interface language/ }).selectOption('en');
  await expect(problems.locator('[data-level=info]').first()).toContainText('continued on page 2 in the source');
});

test('tray buttons named by story; a story dropped into its hole fits it; a squeezed headline is clipped and reported', async ({ page }) => {
  await openLayout(page);
  const region = page.getByTestId('layout-page');
  const modules = region.getByTestId('module');
  const count = await modules.count();
  // A module of a story that is not continued (its story leaves the page with it), not the lead.
  const ids = await region
    .locator('.module-text')
    .filter({ hasNot: page.locator('[data-role=jump_line]') })
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-placement') ?? ''));
  const victim = page.locator(`[data-frame="${ids[1]}"]`);
  const label = (await victim.getAttribute('aria-label'))!;
  const title = label.replace(/（第.*$/, '');
  const box = (await victim.boundingBox())!;
  await victim.focus();
  await page.keyboard.press('Delete');
  await expect(modules).toHaveCount(count - 1);

  // The place button says which story it places.
  const tray = page.getByTestId('tray-story').filter({ hasText: title });
  await expect(tray.getByRole('button', { name: `把“${title}”放到本版` })).toBeVisible();

  // Dropped near the top-left of its hole: it takes the hole, sized to its text — no overset.
  const r = (await region.boundingBox())!;
  await tray.dragTo(region, { targetPosition: { x: box.x - r.x + 6, y: box.y - r.y + 6 } });
  await expect(modules).toHaveCount(count);
  await expect(region.getByTestId('overset')).toHaveCount(0);
  const placed = modules.filter({ has: page.locator('xpath=.') }).and(page.locator(`[aria-label^="${title}"]`));
  const pb = (await placed.boundingBox())!;
  expect(pb.width).toBeGreaterThan(box.width * 0.6);

  // Squeeze the module below its headline group: the headline is clipped to the module and reported.
  await placed.focus();
  for (let i = 0; i < 12; i++) await page.keyboard.press('Shift+Alt+ArrowUp');
  const problems = page.getByRole('region', { name: /问题|Problems/ });
  await expect(problems.locator('[data-kind=headline-clipped]')).toBeVisible();
  await expect(region.locator('.module-text.clipped')).toHaveCount(1);
  // The overset label stays inside its module.
  const marker = placed.getByTestId('overset');
  await expect(marker).toBeVisible();
  const mb = (await marker.boundingBox())!;
  const fb = (await placed.boundingBox())!;
  expect(mb.x + mb.width).toBeLessThanOrEqual(fb.x + fb.width + 1);
  expect(mb.x).toBeGreaterThanOrEqual(fb.x - 1);
});

test('screenshots: pages 1 and 2 in the Layout and Proof views', async ({ page }) => {
  await openLayout(page);
  await continueOnPage2(page);
  await page.screenshot({ path: 'screenshots/qa-layout-p1.png' });
  await showPage(page, 2);
  await page.screenshot({ path: 'screenshots/qa-layout-p2.png' });
  await page.getByRole('tab', { name: /校样|Proof/ }).click();
  const sheets = page.locator('.sheet');
  await expect(sheets.first()).toBeVisible();
  await sheets.nth(0).screenshot({ path: 'screenshots/qa-proof-p1.png' });
  await sheets.nth(1).screenshot({ path: 'screenshots/qa-proof-p2.png' });
});
