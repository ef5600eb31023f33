import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp } from './app-helpers';

test('tmp: screenshot of a real English OCR page imported', async ({ page }) => {
  await page.setViewportSize({ width: 1400, height: 1000 });
  await openApp(page);
  await page.getByRole('button', { name: '导入稿件' }).click();
  const dialog = page.getByRole('dialog', { name: '导入稿件' });
  await expect(dialog).toBeVisible();
  await dialog.locator('input[type=file]').setInputFiles('tests/fixtures/en-ocr-real/en-ocr-1916-harrisburg.txt');
  await page.waitForTimeout(1500);
  await page.screenshot({ path: '/tmp/en-import-shot.png', fullPage: false });
  void readFileSync;
});
