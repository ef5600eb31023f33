// An English paper's day with the desk in English: a new English edition on a Western page
// size, the English OCR page imported from a file, laid out with its masthead whole, and
// counts in English forms. (s11/desk-en; the other English checks live in editions.spec.ts.)
import { test, expect } from '@playwright/test';
import { openApp, shot } from './app-helpers';

test('an English edition in the English desk: Western page size, English counts, the masthead whole', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox', { name: /界面语言|Interface language/ }).selectOption('en');

  await page.getByRole('button', { name: 'Editions' }).click();
  const list = page.getByRole('dialog', { name: 'Editions' });
  // The Chinese sample edition's date, read in the desk's language.
  await expect(list.getByText(/Saturday, January 8, 2022/)).toBeVisible();
  await expect(list.getByText(/星期|\d+年/)).toHaveCount(0);
  await list.getByRole('button', { name: 'New edition' }).click();
  const form = page.getByRole('dialog', { name: 'New edition' });
  await form.getByLabel('Language').selectOption('en');
  // An English paper starts on a Western page, and no page size is named in Chinese.
  const size = form.getByLabel('Page size');
  await expect(size).toHaveValue('berliner');
  for (const label of await size.locator('option').allTextContents()) expect(label).not.toMatch(/[\u4e00-\u9fff]/);
  await form.getByLabel('Paper name').fill('The Morning Galley');
  await form.getByLabel('Date').fill('2026-11-30');
  await form.getByLabel('Edition number').fill('1234');
  await form.getByLabel('Pages').fill('2');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(form).toBeHidden();

  // The English OCR page, chosen as a file: one paragraph is "1 paragraph".
  await page.getByRole('button', { name: 'Import text' }).click();
  const importer = page.getByRole('dialog', { name: 'Import text' });
  await importer.locator('input[type=file]').setInputFiles('tests/fixtures/en-ocr-1921.txt');
  await expect(importer.getByText('1 paragraph', { exact: true }).first()).toBeVisible();
  await expect(importer.getByText(/^1 paragraphs$/)).toHaveCount(0);
  await importer.getByRole('button', { name: /^Add \d+ stories$/ }).click();
  await expect(importer).toBeHidden();

  // Auto layout: the masthead's title stands clear of the date and the issue number.
  await page.getByRole('tab', { name: 'Layout' }).click();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.getByRole('button', { name: 'Auto layout' }).click();
  const region = page.getByTestId('layout-page');
  await expect(region.getByTestId('module').first()).toBeVisible();
  const title = await region.getByRole('heading', { name: 'The Morning Galley' }).boundingBox();
  const date = await region.getByText('November 30, 2026', { exact: true }).boundingBox();
  const issue = await region.getByText('No. 1234', { exact: true }).boundingBox();
  const band = await region.getByRole('heading', { name: 'The Morning Galley' }).locator('..').boundingBox();
  expect(date!.x + date!.width).toBeLessThanOrEqual(title!.x);
  expect(title!.x + title!.width).toBeLessThanOrEqual(issue!.x);
  expect(issue!.x + issue!.width).toBeLessThanOrEqual(band!.x + band!.width + 0.5);
  // The date on one line: no wrap into a second.
  expect(date!.height).toBeLessThan(title!.height / 2);
});

/** A new English edition in the English desk, its date given, with the 1921 OCR page imported. */
async function englishEdition(page: import('@playwright/test').Page, date: string) {
  await openApp(page);
  await page.getByRole('combobox', { name: /界面语言|Interface language/ }).selectOption('en');
  await page.getByRole('button', { name: 'Editions' }).click();
  await page.getByRole('dialog', { name: 'Editions' }).getByRole('button', { name: 'New edition' }).click();
  const form = page.getByRole('dialog', { name: 'New edition' });
  await form.getByLabel('Language').selectOption('en');
  await form.getByLabel('Paper name').fill('The Morning Galley');
  await form.getByLabel('Date').fill(date);
  await form.getByLabel('Pages').fill('2');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(form).toBeHidden();
  await page.getByRole('button', { name: 'Import text' }).click();
  const importer = page.getByRole('dialog', { name: 'Import text' });
  await importer.locator('input[type=file]').setInputFiles('tests/fixtures/en-ocr-1921.txt');
  await importer.getByRole('button', { name: /^Add \d+ stories$/ }).click();
  await expect(importer).toBeHidden();
}

test('an English edition\'s desk speaks English: its house-style list, find options, an empty story\'s count, its dates', async ({ page }) => {
  await englishEdition(page, '2026-11-30');
  const rows = page.getByRole('navigation', { name: 'Stories' }).locator('.story-row');
  await rows.first().click();
  const editor = page.getByRole('textbox', { name: 'Story text' });
  await expect(editor).toBeVisible();

  // The starter house-style list holds English forms only.
  const house = page.getByRole('region', { name: /House style list/ });
  const count = house.getByRole('button', { name: /^\d+ entries$/ });
  await count.click();
  const entries = await house.getByRole('list', { name: 'House style list' }).getByRole('listitem').allTextContents();
  expect(entries.length).toBeGreaterThan(0);
  expect(entries.filter((e) => /[\u3000-\u9fff]/.test(e))).toEqual([]);
  await expect(count).toHaveText(`${entries.length} entries`);

  // The find bar offers no width folding: English text has no full-width forms to fold.
  await editor.locator('p').first().click();
  await page.keyboard.press('Control+h');
  const bar = page.getByRole('search', { name: 'Find and replace' });
  await expect(bar.getByRole('checkbox', { name: 'Match case' })).toBeVisible();
  await expect(bar.getByRole('checkbox', { name: /Full-width|half-width/ })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // A story emptied reads "0 words".
  await editor.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await expect(rows.first().getByText('0 words', { exact: true })).toBeVisible();
  await expect(rows.first().getByText(/\bchars?\b/)).toHaveCount(0);

  // One date style: the top bar as the editions list and the masthead write it.
  await expect(page.getByRole('banner').getByText(/Monday, November 30, 2026/)).toBeVisible();
  await page.getByRole('tab', { name: 'Layout' }).click();
  await page.getByRole('button', { name: 'Auto layout' }).click();
  await expect(page.getByTestId('layout-page').getByText('November 30, 2026', { exact: true })).toBeVisible();

  // The printed slug: the date and the print time with the month in letters, no all-numeric date.
  await page.getByRole('tab', { name: 'Proof' }).click();
  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.getByRole('toolbar', { name: /Proof/ }).getByRole('button', { name: /Print/ }).click();
  const options = page.getByRole('dialog', { name: 'Print options' });
  await options.getByRole('checkbox', { name: 'Slug line' }).check();
  await options.getByRole('button', { name: /Print/ }).click();
  const slug = page.getByTestId('slug-line').first();
  await expect(slug).toContainText('The Morning Galley  November 30, 2026  Page 1  printed ');
  expect(await slug.textContent()).not.toMatch(/\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/);
  await expect(slug).toHaveText(/printed [A-Z][a-z]{2} \d{1,2}, \d{4}/);
  await shot(page, 'desk-en2-proof-slug');
});

// The new-edition form proposes today where the desk is, not in Greenwich.
for (const [zone, instant, local] of [
  ['Asia/Shanghai', '2026-11-30T17:30:00Z', '2026-12-01'], // 01:30 on 1 December in Beijing
  ['America/New_York', '2026-12-01T02:00:00Z', '2026-11-30'], // 21:00 on 30 November in New York
] as const) {
  test.describe(`a desk in ${zone}`, () => {
    test.use({ timezoneId: zone });
    test(`the new edition's date is the local date (${local}), not the UTC one`, async ({ page }) => {
      await page.clock.install({ time: new Date(instant) });
      await openApp(page);
      await page.getByRole('button', { name: '整期列表' }).click();
      await page.getByRole('dialog', { name: '整期列表' }).getByRole('button', { name: '新建整期' }).click();
      const form = page.getByRole('dialog', { name: '新建整期' });
      await expect(form.getByLabel('日期', { exact: true })).toHaveValue(local);
    });
  });
}
