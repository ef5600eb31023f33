// A key acts on the selection the user sees, even when it comes before the browser's
// `selectionchange` for that selection (a quick typist, a busy machine: Chromium runs input
// before queued events). The page sets the DOM selection and sends the key in one task, so
// `selectionchange` cannot have run yet: without src/lib/editor/seen-selection.ts the command
// acts on the caret from before.
import { test, expect, type Page } from '@playwright/test';
import { openApp, storyRow } from './app-helpers';

const STORY = '工会领导机关干部蹲点工作将实现常态化制度化';

/** Selects the first `n` characters of the editor's first body paragraph and presses a key, in one task. */
async function selectThenKey(page: Page, n: number, key: { key: string; code: string; ctrlKey?: boolean; altKey?: boolean }): Promise<string> {
  return page.evaluate(
    ({ n, key }) => {
      const editor = document.querySelector('[aria-label="稿件正文"]') as HTMLElement;
      const paragraph = editor.querySelector('p.role-paragraph')!;
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode() as Text;
      document.getSelection()!.setBaseAndExtent(text, 0, text, n);
      const selected = document.getSelection()!.toString();
      editor.dispatchEvent(new KeyboardEvent('keydown', { ...key, bubbles: true, cancelable: true }));
      return selected;
    },
    { n, key },
  );
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await storyRow(page, STORY).click();
  // The caret somewhere else first: the end of the story's last paragraph.
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await editor.locator('p.role-paragraph').last().click();
  await page.keyboard.press('End');
});

test('bold by shortcut right after a selection change sets the selected characters bold', async ({ page }) => {
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  const selected = await selectThenKey(page, 6, { key: 'b', code: 'KeyB', ctrlKey: true });
  expect(selected).toHaveLength(6);
  await expect(editor.locator('p.role-paragraph').first().locator('strong')).toHaveText(selected);
  await expect(page.getByRole('button', { name: '加粗' })).toHaveAttribute('aria-pressed', 'true');
});

test('a comment made right after a selection change quotes the whole selection', async ({ page }) => {
  const selected = await selectThenKey(page, 6, { key: 'm', code: 'KeyM', ctrlKey: true, altKey: true });
  const composer = page.getByRole('group', { name: '新批注' });
  await composer.getByRole('textbox', { name: '你的名字' }).fill('王编辑');
  await composer.getByRole('button', { name: '确定' }).click();
  await composer.getByRole('textbox', { name: '批注内容' }).fill('出处？');
  await composer.getByRole('button', { name: '发表' }).click();
  const thread = page.getByRole('region', { name: '本稿批注' }).getByRole('article', { name: /出处？/ });
  await expect(thread).toContainText(selected);
});
