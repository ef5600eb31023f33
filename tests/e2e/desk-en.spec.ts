// An English paper's day with the desk in English: a new English edition on a Western page
// size, the English OCR page imported from a file, laid out with its masthead whole, and
// counts in English forms. (s11/desk-en; the other English checks live in editions.spec.ts.)
import { test, expect } from '@playwright/test';
import { openApp } from './app-helpers';

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
