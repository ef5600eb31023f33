import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, shot, storyRow, waitSaved } from './app-helpers';

const STORY = '工会领导机关干部蹲点工作将实现常态化制度化';

test('the editor: warnings with fixes, block roles, marks, jump lines, metadata', async ({ page }) => {
  await openApp(page);
  await storyRow(page, STORY).click();
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await expect(editor.locator('h1.role-headline')).toHaveText(STORY);
  await expect(editor.locator('.role-kicker')).toContainText('全国总工会制定');

  // The lint: the repeated 工匠精神 is shown in the text and in the panel, for a person to judge.
  const panel = page.getByRole('region', { name: /提示/ });
  await expect(panel.locator('.warning-repeated-phrase')).toContainText('工匠精神');
  await expect(editor.locator('.lint-repeated-phrase').first()).toBeVisible();
  // A half-width bracket's fix makes it full-width: one such warning fewer.
  const halfwidth = panel.locator('.warning-halfwidth-punctuation');
  const before = await halfwidth.count();
  expect(before).toBeGreaterThan(0);
  const fullWidthBefore = ((await editor.textContent()) ?? '').split('（').length;
  await halfwidth.first().getByRole('button', { name: /应用修正/ }).click();
  await expect(halfwidth).toHaveCount(before - 1);
  expect(((await editor.textContent()) ?? '').split('（').length).toBe(fullWidthBefore + 1);
  await expect(storyRow(page, STORY).locator('.chip')).toHaveText('已编辑');

  // Block role from the toolbar select, then undo with the keyboard.
  await editor.locator('p.role-paragraph').nth(1).click();
  await page.getByRole('combobox', { name: '段落角色' }).selectOption('subhead');
  await expect(editor.locator('h3.role-subhead')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(editor.locator('h3.role-subhead')).toHaveCount(0);
  // …and by shortcut (Ctrl+Alt+4 = subhead).
  await editor.locator('p.role-paragraph').nth(1).click();
  await page.keyboard.press('Control+Alt+4');
  await expect(editor.locator('h3.role-subhead')).toHaveCount(1);

  // Bold by shortcut over a selection.
  await editor.locator('h3.role-subhead').dblclick();
  await page.keyboard.press('Control+b');
  await expect(editor.locator('h3.role-subhead strong')).toHaveCount(1);
  await expect(page.getByRole('button', { name: '加粗' })).toHaveAttribute('aria-pressed', 'true');

  // A jump line is an atom, shown as a chip.
  const jumps = await editor.locator('.role-jump_line').count();
  await page.getByRole('button', { name: '插入转版行' }).click();
  await expect(editor.locator('.role-jump_line')).toHaveCount(jumps + 1);
  await expect(editor.locator('.role-jump_line').filter({ hasText: '（下转第?版）' })).toHaveCount(1);

  // Metadata.
  // The menu moves a story back to raw; approved is reached by approving (review.spec).
  await page.getByLabel('状态').selectOption('raw');
  await expect(storyRow(page, STORY).locator('.chip')).toHaveText('原稿');
  await page.getByRole('combobox', { name: '栏目' }).fill('国内');
  await page.getByRole('combobox', { name: '栏目' }).press('Tab');
  await expect(storyRow(page, STORY)).toContainText('国内');
  await waitSaved(page);
  await shot(page, 'editor');

  await page.reload();
  await expect(storyRow(page, STORY).locator('.chip')).toHaveText('原稿');
  await expect(page.getByRole('textbox', { name: '稿件正文' }).locator('h3.role-subhead strong')).toHaveCount(1);
});

test('delete a story: asks first, takes its modules off the page, Undo brings both back', async ({ page }) => {
  await openApp(page);
  await waitSaved(page);
  const headline = '西安：保障生活物资供应';
  await storyRow(page, headline).click();
  const placedBefore = await page.evaluate(() => document.querySelectorAll('.story-row').length);
  await page.getByRole('button', { name: '删除稿件' }).click();
  const confirm = page.getByRole('group', { name: /删除“西安：保障生活物资供应”？/ });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText(/版面上的 \d+ 个稿件位置也会移除/);
  await shot(page, 'editor-delete-confirm');
  // Keeping it changes nothing.
  await confirm.getByRole('button', { name: '保留' }).click();
  await expect(storyRow(page, headline)).toHaveCount(1);

  await page.getByRole('button', { name: '删除稿件' }).click();
  await page.getByRole('button', { name: '确认删除' }).click();
  await expect(storyRow(page, headline)).toHaveCount(0);
  await expect(page.locator('.story-row')).toHaveCount(placedBefore - 1);
  const notice = page.getByRole('status').filter({ hasText: `已删除稿件“${headline}”。` });
  await expect(notice).toBeVisible();
  await waitSaved(page);
  // Gone from the pages too: no placement refers to a story the edition lacks.
  const afterDelete = await exportedEdition(page);
  expect(afterDelete.stories.some((s) => s.slug.startsWith('西安'))).toBe(false);
  const ids = new Set(afterDelete.stories.map((s) => s.id));
  expect(afterDelete.pages.flatMap((p) => p.placements).every((pl) => ids.has(pl.storyId))).toBe(true);
  expect(afterDelete.pages.flatMap((p) => p.placements).length).toBeGreaterThan(0);
  await page.reload();
  await expect(page.locator('.story-row')).toHaveCount(placedBefore - 1);

  // Undo (after deleting again, since a reload forgets the undo).
  await storyRow(page, '第九次全国职工队伍状况调查正式启动').click();
  await page.getByRole('button', { name: '删除稿件' }).click();
  await page.getByRole('button', { name: '确认删除' }).click();
  await expect(page.locator('.story-row')).toHaveCount(placedBefore - 2);
  await page.getByRole('button', { name: '撤销删除' }).click();
  await expect(page.locator('.story-row')).toHaveCount(placedBefore - 1);
  await expect(storyRow(page, '第九次全国职工队伍状况调查正式启动')).toHaveClass(/selected/);
  await waitSaved(page);
  const afterUndo = await exportedEdition(page);
  const back = afterUndo.stories.find((s) => s.slug.startsWith('第九次'))!;
  expect(afterUndo.pages.flatMap((p) => p.placements).filter((pl) => pl.storyId === back.id).length).toBeGreaterThan(0);
});

interface ExportedEdition {
  stories: { id: string; slug: string }[];
  pages: { placements: { storyId: string }[] }[];
}

async function exportedEdition(page: import('@playwright/test').Page): Promise<ExportedEdition> {
  const download = page.waitForEvent('download');
  await page.getByRole('banner').getByRole('button', { name: '导出整期（JSON）' }).click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8')).edition;
}
