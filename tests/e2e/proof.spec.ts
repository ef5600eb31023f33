// The Proof view prints: one PDF sheet per page at exactly the grid's size in
// mm (read back from the PDF's /MediaBox), no UI chrome, the page as laid out.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { continueOnPage2 } from './layout-helpers';

// Laying out, rendering ~1,000 lines a page and printing is slow on the shared 2-core machine.
test.setTimeout(180_000);

const PT_PER_MM = 72 / 25.4;

/** Every /MediaBox [x0 y0 x1 y1] in a PDF, in pt. */
function mediaBoxes(pdf: Buffer): number[][] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/g)].map((m) => m.slice(1, 5).map(Number));
}

test('proof: pages at print size, printed to a PDF of the grid size', async ({ page }) => {
  await page.goto('/');
  // Lay the sample out (first run already does; the button makes the test independent of it).
  await page.getByRole('tab', { name: /版面|Layout/ }).click();
  await page.getByRole('button', { name: /自动排版|Auto layout/ }).click();
  await expect(page.getByTestId('layout-page').getByTestId('module').first()).toBeVisible();
  // The sample fits its front page: continue a story on page 2 (转版) so the proof has a jump to show.
  await continueOnPage2(page);
  await page.getByRole('tab', { name: /校样|Proof/ }).click();
  const sheets = page.getByTestId('proof-page');
  await expect(sheets.first()).toBeVisible();
  await page.evaluate(async () => {
    await document.fonts.load('12px "Noto Serif SC"', '中');
    await document.fonts.load('12px "Noto Sans SC"', '中');
    await document.fonts.load('12px "LXGW WenKai"', '中');
    await document.fonts.ready;
  });
  // The sample grid (对开): read from the app's own stored edition would tie the test to storage;
  // the page box itself says it: at 100% a sheet is exactly its mm size in CSS px.
  await page.getByRole('button', { name: '100%' }).click();
  const box = (await sheets.first().boundingBox())!;
  const mmPerPx = 25.4 / 96;
  const widthMm = Math.round(box.width * mmPerPx * 10) / 10;
  const heightMm = Math.round(box.height * mmPerPx * 10) / 10;
  expect(widthMm).toBeCloseTo(390, 0);
  expect(heightMm).toBeCloseTo(545, 0);
  // The Print / PDF button hands the page to the browser's print dialog.
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  // 打印 / PDF opens the print options (crop marks, slug line); their Print hands the page over.
  await page.getByRole('toolbar', { name: /校样|Proof/ }).getByRole('button', { name: /打印|Print/ }).click();
  const options = page.getByRole('dialog', { name: /打印选项|Print options/ });
  await expect(options.getByRole('checkbox', { name: /裁切线|Crop marks/ })).not.toBeChecked();
  await options.getByRole('button', { name: /打印|Print/ }).click();
  await expect(options).toBeHidden();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.getByRole('button', { name: /适合窗口|Fit/ }).click();
  await page.screenshot({ path: 'screenshots/proof.png' });

  const pages = await sheets.count();
  expect(pages).toBeGreaterThanOrEqual(2); // the front page and the page the jumps go to
  await expect(sheets.nth(1).getByText('（上接第1版）').first()).toBeVisible();
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  mkdirSync('screenshots', { recursive: true });
  writeFileSync('screenshots/proof.pdf', pdf);
  const boxes = mediaBoxes(pdf);
  expect(boxes.length).toBe(pages);
  for (const [x0, y0, x1, y1] of boxes) {
    expect(Math.abs((x1 - x0) / PT_PER_MM - 390)).toBeLessThan(0.5);
    expect(Math.abs((y1 - y0) / PT_PER_MM - 545)).toBeLessThan(0.5);
  }
  // A look at the first sheet as a reviewer sees it.
  execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', '-singlefile', 'screenshots/proof.pdf', 'screenshots/proof-page1']);
});
