// The Proof view's print options: crop marks and the slug line are kept for the
// edition when the reviewer leaves 校样 and comes back (and after a reload), and
// the comments can go on paper — each page's comments after the sheets,
// numbered as the pins are, with the numbers on the sheets.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { openApp, SAMPLE_HEADLINES } from './app-helpers';

// Laying out and rendering the sample's pages is slow on the shared 2-core machine.
test.setTimeout(240_000);

async function view(page: Page, name: RegExp) {
  await page.getByRole('tab', { name }).click();
}

async function printOptions(page: Page) {
  await page.getByRole('toolbar', { name: /校样|Proof/ }).getByRole('button', { name: /打印|Print/ }).click();
  const dialog = page.getByRole('dialog', { name: /打印选项|Print options/ });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('crop marks and the slug line stay set after leaving 校样 and after a reload', async ({ page }) => {
  await openApp(page);
  await view(page, /校样|Proof/);
  let dialog = await printOptions(page);
  await expect(dialog.getByRole('checkbox', { name: '裁切线' })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: '版面信息行' })).not.toBeChecked();
  await dialog.getByRole('checkbox', { name: '裁切线' }).check();
  await dialog.getByRole('checkbox', { name: '版面信息行' }).check();
  await dialog.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('slug-line').first()).toBeAttached();

  await view(page, /版面|Layout/);
  await view(page, /校样|Proof/);
  dialog = await printOptions(page);
  await expect(dialog.getByRole('checkbox', { name: '裁切线' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: '版面信息行' })).toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: /批注/ })).not.toBeChecked();
  // The sheets follow the options (the slug is drawn on each) without opening the dialog.
  await expect(page.getByTestId('slug-line').first()).toBeAttached();
  await dialog.getByRole('checkbox', { name: '裁切线' }).uncheck();
  await dialog.getByRole('button', { name: '取消' }).click();

  await page.reload();
  await view(page, /校样|Proof/);
  dialog = await printOptions(page);
  await expect(dialog.getByRole('checkbox', { name: '裁切线' })).not.toBeChecked();
  await expect(dialog.getByRole('checkbox', { name: '版面信息行' })).toBeChecked();
});

test('comments print after the pages, numbered as the pins, when asked for', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => localStorage.setItem('galley.author', '王编辑'));
  await page.reload();
  await view(page, /版面|Layout/);
  await page.getByRole('button', { name: /自动排版|Auto layout/ }).click();
  await expect(page.getByTestId('layout-page').getByTestId('module').first()).toBeVisible();

  // A comment on the lead story's first words.
  await view(page, /稿件|Stories/);
  await page.locator('.story-row').filter({ hasText: SAMPLE_HEADLINES[0] }).click();
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.press('Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  const quote = await page.evaluate(() => window.getSelection()?.toString() ?? '');
  await page.keyboard.press('Control+Alt+m');
  const composer = page.getByRole('group', { name: '新批注' });
  await composer.getByRole('textbox', { name: '批注内容' }).fill('请核实这句话的出处');
  await composer.getByRole('button', { name: '发表' }).click();
  await expect(page.getByRole('region', { name: '本稿批注' }).getByRole('article', { name: /请核实/ })).toBeVisible();

  await view(page, /校样|Proof/);
  const sheets = page.getByTestId('proof-page');
  await expect(sheets.first().getByRole('button', { name: /批注 1：请核实/ })).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  const dialog = await printOptions(page);
  const comments = dialog.getByRole('checkbox', { name: /批注/ });
  await expect(comments).not.toBeChecked();
  // Off (the default): nothing of the comments prints.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('region', { name: '批注', exact: true })).toHaveCount(0);
  await page.emulateMedia({ media: 'screen' });

  await comments.check();
  await dialog.getByRole('button', { name: /打印|Print/ }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  // On screen the pins and the panel are the comments; the printed list is for paper only.
  const printed = page.getByRole('region', { name: '批注', exact: true });
  await expect(printed).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(printed).toBeVisible();
  await expect(printed.getByRole('heading', { name: '第1版' })).toBeVisible();
  const item = printed.getByRole('listitem').filter({ hasText: '请核实这句话的出处' });
  await expect(item).toHaveCount(1);
  // Numbered as the pin: the list item's number is the pin's.
  expect(await item.evaluate((li) => (li as HTMLLIElement).value)).toBe(1);
  await expect(item).toContainText(quote);
  await expect(item).toContainText('王编辑');
  await expect(item).toContainText(SAMPLE_HEADLINES[0].slice(0, 8));
  // The pin's number prints on the sheet, where the pin stands.
  await expect(sheets.first().locator('.print-pin')).toHaveText(['1']);

  // On paper: one sheet a page, then the comments.
  const pages = await sheets.count();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[/g)].length;
  expect(boxes).toBe(pages + 1);
  mkdirSync('screenshots', { recursive: true });
  writeFileSync('screenshots/print-comments.pdf', pdf);
  execFileSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', '-singlefile', 'screenshots/print-comments.pdf', 'screenshots/print-comments-page1']);
  execFileSync('pdftoppm', ['-png', '-r', '40', '-f', pages + 1, '-l', pages + 1, '-singlefile', 'screenshots/print-comments.pdf', 'screenshots/print-comments-list'].map(String));
});
