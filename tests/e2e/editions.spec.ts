// The edition desk in Chromium: a new English edition, an English page imported,
// auto-laid out and continued (English jump lines at both ends, English folio);
// exported and opened again; bad files refused whole with a clear message, and
// markup in a story's text shown as characters, never run; the list's next-day
// duplicate, trash and restore.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './app-helpers';
import { showPage } from './layout-helpers';

const ENGLISH_PAGE = readFileSync('tests/fixtures/en-ocr-1913.txt', 'utf8');

async function openFile(page: Page, name: string, text: string) {
  await page.getByTestId('open-edition-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function refused(page: Page, name: string, text: string, says: RegExp) {
  const title = page.getByRole('alertdialog', { name: '无法打开这个文件' });
  const before = await page.locator('.masthead-title').textContent();
  await openFile(page, name, text);
  await expect(title).toBeVisible();
  await expect(page.getByTestId('edition-file-problems')).toContainText(says);
  await title.getByRole('button', { name: '关闭', exact: true }).click();
  await expect(title).toBeHidden();
  await expect(page.locator('.masthead-title')).toHaveText(before!);
}

test('an English edition from new to continued, exported and opened again; bad files refused', async ({ page }) => {
  await openApp(page);

  // New edition: English, two pages with their sections.
  await page.getByRole('button', { name: '整期列表' }).click();
  const list = page.getByRole('dialog', { name: '整期列表' });
  await expect(list).toBeVisible();
  await list.getByRole('button', { name: '新建整期' }).click();
  const form = page.getByRole('dialog', { name: '新建整期' });
  await form.getByLabel('报名').fill('The Morning Galley');
  await form.getByLabel('语言').selectOption('en');
  await form.getByLabel('日期').fill('2026-11-30');
  await form.getByLabel('期号').fill('5');
  await form.getByLabel('版数').fill('2');
  await form.getByLabel('第1版栏目').fill('News');
  await form.getByLabel('第2版栏目').fill('Sports');
  await form.getByRole('button', { name: '创建' }).click();
  await expect(form).toBeHidden();
  await expect(list).toBeHidden();
  await expect(page.locator('.masthead-title')).toHaveText('The Morning Galley');
  await expect(page.locator('.story-row')).toHaveCount(0);

  // Import an English page.
  await page.getByRole('button', { name: '导入稿件' }).click();
  const importer = page.getByRole('dialog', { name: '导入稿件' });
  await importer.getByRole('textbox', { name: '粘贴文本' }).fill(ENGLISH_PAGE);
  await importer.getByRole('button', { name: '识别稿件' }).click();
  await importer.getByRole('button', { name: /^添加 \d+ 篇稿件$/ }).click();
  await expect(page.locator('.story-row').first()).toBeVisible();

  // Auto layout, then shorten the deepest module and continue it on page 2 (转版).
  await page.getByRole('tab', { name: '版面' }).click();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.getByRole('button', { name: '自动排版' }).click();
  const region = page.getByTestId('layout-page');
  await expect(region.getByTestId('module').first()).toBeVisible();
  await expect(region.getByRole('heading', { name: 'The Morning Galley' })).toBeVisible();
  await expect(region.getByText('November 30, 2026')).toBeVisible();
  const deepest = await region.evaluate((el) => {
    let best = '';
    let most = 0;
    for (const f of el.querySelectorAll<HTMLElement>('[data-testid=module]')) {
      const lines = Number(f.getAttribute('aria-label')!.match(/(\d+) (?:行|lines)/)![1]);
      if (lines > most) [best, most] = [f.dataset.frame!, lines];
    }
    return best;
  });
  const frame = page.locator(`[data-frame="${deepest}"]`);
  await frame.click();
  await frame.focus();
  // Shorter, line by line, until its text no longer fits (the overset marker shows).
  const overset = frame.getByTestId('overset');
  for (let i = 0; i < 60 && !(await overset.count()); i++) await page.keyboard.press('Shift+ArrowUp');
  await expect(overset).toBeVisible();
  await page.getByLabel('转到').selectOption('2');
  await page.getByRole('button', { name: '转版', exact: true }).click();
  await expect(region.locator('[data-role=jump_line]', { hasText: /Continued\s*on\s*Page\s*2/ })).toBeVisible();
  await expect(region.getByText('（下转')).toHaveCount(0);
  await expect(region.getByTestId('folio')).toContainText('Page 1');
  await expect(region.getByTestId('folio')).toContainText('News');
  await page.screenshot({ path: '/tmp/editions-page1.png' });
  await expect(page.getByRole('region', { name: '问题' }).locator('[data-kind^=jump]')).toHaveCount(0);
  await showPage(page, 2);
  await expect(region.locator('[data-role=jump_line]', { hasText: /Continued\s*from\s*Page\s*1/ })).toBeVisible();
  await expect(region.getByTestId('folio')).toContainText('Page 2');
  await expect(region.getByTestId('folio')).toContainText('Sports');
  await expect(region.getByTestId('folio')).toContainText('Monday, November 30, 2026');
  await page.screenshot({ path: '/tmp/editions-page2.png' });

  // Export, then open the file back as a new edition: the same edition.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^导出整期/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.galley\.json$/);
  const exported = readFileSync((await download.path())!, 'utf8');
  const file = JSON.parse(exported);
  expect(file).toMatchObject({ format: 'galley-edition', version: 3 });
  expect(file.edition.pages.map((p: { section?: string }) => p.section)).toEqual(['News', 'Sports']);

  // Bad files: each refused with a message, nothing opened.
  await refused(page, 'cut.galley.json', exported.slice(0, exported.length / 2), /不完整/);
  await refused(page, 'broken.galley.json', exported.replace('"format"', 'format'), /不是有效的 JSON/);
  await refused(page, 'newer.galley.json', JSON.stringify({ ...file, version: file.version + 1 }), /更新版本的 Galley/);

  await openFile(page, 'good.galley.json', exported);
  await page.getByRole('button', { name: '作为新整期打开' }).click();
  await expect(page.locator('.masthead-title')).toHaveText('The Morning Galley');
  await page.getByRole('tab', { name: '版面' }).click();
  await showPage(page, 1);
  await expect(region.locator('[data-role=jump_line]', { hasText: /Continued\s*on\s*Page\s*2/ })).toBeVisible();

  // A story whose text holds markup: shown as characters, never run.
  const evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
  const poisoned = structuredClone(file);
  poisoned.edition.title = 'Poisoned';
  poisoned.edition.stories[0].doc.content.push({ type: 'paragraph', content: [{ type: 'text', text: evil }] });
  await openFile(page, 'poisoned.galley.json', JSON.stringify(poisoned));
  await page.getByRole('button', { name: '作为新整期打开' }).click();
  await expect(page.locator('.masthead-title')).toHaveText('Poisoned');
  await page.getByRole('tab', { name: '稿件' }).click();
  await page.locator('.story-row').first().click();
  await expect(page.getByText(evil).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.locator('.ProseMirror script, .ProseMirror img').count()).toBe(0);

  // The list: tomorrow's edition from The Morning Galley, then trash and restore it (dates as the desk reads them, here in Chinese).
  await page.getByRole('button', { name: '整期列表' }).click();
  await expect(list).toBeVisible();
  const morning = list.getByRole('listitem').filter({ hasText: 'The Morning Galley' }).filter({ hasText: '2026年11月30日' }).first();
  await morning.getByRole('button', { name: '复制为次日' }).click();
  const tomorrow = list.getByRole('listitem').filter({ hasText: '2026年12月1日' });
  await expect(tomorrow).toHaveCount(1);
  await expect(tomorrow).toContainText('2 版');
  await expect(tomorrow).toContainText('第6期');
  await tomorrow.getByRole('button', { name: '删除' }).click();
  const trash = list.getByRole('list', { name: '回收站' });
  await expect(trash.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('list', { name: '整期列表' }).getByRole('listitem').filter({ hasText: '2026年12月1日' })).toHaveCount(0);
  await trash.getByRole('button', { name: '恢复' }).click();
  await expect(list.getByRole('list', { name: '整期列表' }).getByRole('listitem').filter({ hasText: '2026年12月1日' })).toHaveCount(1);
  await list.getByRole('listitem').filter({ hasText: '2026年12月1日' }).getByRole('button', { name: '打开' }).click();
  await expect(page.locator('.masthead-title')).toHaveText('The Morning Galley');
  await expect(page.locator('.story-row')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/editions-next-day.png' });

  // A reload keeps every edition: more than one, so the list is the first screen.
  await page.reload();
  await expect(page.getByRole('dialog', { name: '整期列表' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: '整期列表' }).getByRole('list', { name: '整期列表' }).getByRole('listitem')).toHaveCount(5);
  await page.screenshot({ path: '/tmp/editions-list.png' });
});
