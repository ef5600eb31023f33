import { test, expect } from '@playwright/test';
import { openApp, SAMPLE_HEADLINES, shot, storyRow, waitSaved } from './app-helpers';

test('opens on the sample edition and switches the three views', async ({ page }) => {
  await openApp(page);
  await expect(page.getByText('Galley 日报')).toBeVisible();
  for (const headline of SAMPLE_HEADLINES) await expect(storyRow(page, headline)).toBeVisible();
  await expect(page.locator('.story-row')).toHaveCount(8);
  // The editor shows the selected (first) story's text.
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toContainText('托卡耶夫');
  await waitSaved(page);
  await shot(page, 'app-stories');

  const tabs = page.getByRole('tablist', { name: '视图' });
  await tabs.getByRole('tab', { name: '版面' }).click();
  await expect(tabs.getByRole('tab', { name: '版面' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toHaveCount(0);
  await shot(page, 'app-layout');

  await tabs.getByRole('tab', { name: '校样' }).click();
  await expect(tabs.getByRole('tab', { name: '校样' })).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'app-proof');

  // Keyboard: arrow keys move between tabs.
  await tabs.getByRole('tab', { name: '校样' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: '稿件' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toBeVisible();
});

test('typed text, the selected story and the view survive a reload', async ({ page }) => {
  await openApp(page);
  await storyRow(page, '西安：保障生活物资供应').click();
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await expect(editor).toContainText('居民生活物资供应');
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type('（编者按：测试输入）');
  await expect(editor).toContainText('（编者按：测试输入）');
  // The story is now edited, in the list too.
  await expect(storyRow(page, '西安：保障生活物资供应').locator('.chip')).toHaveText('已编辑');
  await page.getByRole('tab', { name: '版面' }).click();
  await waitSaved(page);

  await page.reload();
  await expect(page.getByRole('tab', { name: '版面' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: '稿件' }).click();
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toContainText('（编者按：测试输入）');
  await expect(storyRow(page, '西安：保障生活物资供应')).toHaveAttribute('aria-current', 'true');
});

test('an edit flushed when the tab is hidden is restored even before the debounce ran', async ({ page }) => {
  await openApp(page);
  await waitSaved(page);
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type('急');
  // Reload at once: the pagehide flush must write it.
  await page.reload();
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toContainText('急');
});

test('an edit whose write waits behind another connection when the page is left is kept, and written at the next open', async ({ page }) => {
  await openApp(page);
  await waitSaved(page);
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.press('End');
  // Another connection holds the edition's store (as the compaction worker or another tab's
  // write does): the page's own write queues behind it, and Chromium drops it with the page.
  await page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? '').find((n) => n.startsWith('galley-edition:'))!;
    const db = await new Promise<IDBDatabase>((resolve) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
    });
    const store = db.transaction(['updates'], 'readwrite').objectStore('updates');
    const until = Date.now() + 3000;
    const busy = () => {
      if (Date.now() < until) store.count().onsuccess = busy;
    };
    busy();
  });
  await page.keyboard.type('急');
  await page.reload();
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toContainText('急');
  // Written to the database at this open, then no longer kept beside it.
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('galley-left-behind:')).length)).toBe(0);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toContainText('急');
});

test('the language switch changes the UI and is remembered', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox', { name: '界面语言' }).selectOption('en');
  await expect(page.getByRole('tab', { name: 'Stories' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import text' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('textbox', { name: 'Story text' })).toBeVisible();
  await shot(page, 'app-stories-en');
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Layout' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Interface language' }).selectOption('zh');
  await expect(page.getByRole('tab', { name: '版面' })).toBeVisible();
});

test('every control in the dark top bar shows a focus ring with at least 3:1 contrast', async ({ page }) => {
  await openApp(page);
  // Focus each top-bar control from the keyboard and measure its ring against the bar.
  await page.locator('body').focus();
  const seen: { name: string; ratio: number; outline: string }[] = [];
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const m = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || !el.closest('.topbar')) return null;
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const style = getComputedStyle(el);
      // The ring sits outside the control (offset), on the bar or the tab strip behind it.
      const behind = getComputedStyle(el.parentElement!.closest('.tabs') ?? el.closest('.topbar')!).backgroundColor;
      const [a, b] = [lum(style.outlineColor), lum(behind)].sort((x, y) => y - x);
      return { name: el.getAttribute('aria-label') || el.textContent?.trim() || el.tagName, ratio: (a + 0.05) / (b + 0.05), outline: `${style.outlineStyle} ${style.outlineWidth}` };
    });
    if (m) seen.push(m);
  }
  expect(seen.length).toBeGreaterThanOrEqual(4);
  for (const m of seen) {
    expect(m.outline, m.name).toMatch(/solid [2-9]/);
    expect(m.ratio, m.name).toBeGreaterThanOrEqual(3);
  }
  await page.getByRole('button', { name: '导入稿件' }).focus();
  await shot(page, 'app-topbar-focus');
});
