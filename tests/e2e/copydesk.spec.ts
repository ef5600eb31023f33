// The copy desk through roles: find and replace, changes, jump lines, house style, paste, metadata.
import { test, expect, type Page } from '@playwright/test';
import { openApp, storyRow, waitSaved } from './app-helpers';

const STORY = '工会领导机关干部蹲点工作将实现常态化制度化';
const editorOf = (page: Page) => page.getByRole('textbox', { name: '稿件正文' });

test('find and replace across stories, then undo', async ({ page }) => {
  await openApp(page);
  await storyRow(page, STORY).click();
  const editor = editorOf(page);
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.press('Control+h');
  const bar = page.getByRole('search', { name: '查找和替换' });
  await expect(bar.getByRole('searchbox', { name: '查找' })).toBeFocused();
  await page.keyboard.type('工会');
  // In this story: every match highlighted.
  await expect(editor.locator('.ProseMirror-search-match').first()).toBeVisible();
  const inStory = await editor.locator('.ProseMirror-search-match').count();
  expect(inStory).toBeGreaterThan(1);
  await bar.getByRole('button', { name: '下一个' }).click();
  await expect(editor.locator('.ProseMirror-active-search-match')).toHaveCount(1);

  // A bad regular expression says so.
  await bar.getByRole('checkbox', { name: '正则表达式' }).check();
  await bar.getByRole('searchbox', { name: '查找' }).fill('工会(');
  await expect(bar.getByRole('alert')).toContainText('正则表达式有误');
  await bar.getByRole('checkbox', { name: '正则表达式' }).uncheck();
  await bar.getByRole('searchbox', { name: '查找' }).fill('工会');

  // Across the edition: a results list naming the stories.
  await bar.getByRole('combobox', { name: '查找范围' }).selectOption('edition');
  const results = bar.getByRole('list', { name: '查找结果' }).getByRole('button');
  const total = await results.count();
  expect(total).toBeGreaterThan(inStory);
  const status = bar.getByRole('status').filter({ hasText: /篇稿件中共/ });
  const [, stories, matches] = /(\d+) 篇稿件中共 (\d+) 处/.exec((await status.textContent()) ?? '')!;
  expect(Number(matches)).toBe(total);
  expect(Number(stories)).toBeGreaterThan(1);

  await bar.getByRole('textbox', { name: '替换为' }).fill('工會');
  await bar.getByRole('button', { name: '全部替换' }).click();
  await expect(bar.getByRole('status').filter({ hasText: '已替换' })).toHaveText(new RegExp(`已替换 ${total} 处，涉及 ${stories} 篇稿件。`));
  await expect(results).toHaveCount(0);
  expect(await editor.textContent()).not.toContain('工会');

  // Undo puts every story back.
  await bar.getByRole('button', { name: '撤销全部替换' }).click();
  await expect(results).toHaveCount(total);
  await expect(editor).toContainText('工会');

  // A result in another story opens that story at the match.
  const other = results.filter({ hasNotText: STORY }).first();
  const otherName = (await other.locator('.find-story').textContent())!;
  await other.click();
  await expect(storyRow(page, otherName)).toHaveAttribute('aria-current', 'true');
  await expect(editorOf(page).locator('.ProseMirror-search-match').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/copydesk-find.png' });
  await page.keyboard.press('Escape');
  await waitSaved(page);
});
