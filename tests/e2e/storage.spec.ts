import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, shot, storyRow, waitSaved } from './app-helpers';

test('a corrupted story record: the app opens, names it, keeps it, and exports it', async ({ page }) => {
  await openApp(page);
  await waitSaved(page);
  // Damage one stored story behind the app's back, as a bad build or a disk error would.
  const slug = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('galley');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const all = await new Promise<Array<{ id: string; slug: string; doc: unknown }>>((resolve) => {
      const req = db.transaction('stories').objectStore('stories').getAll();
      req.onsuccess = () => resolve(req.result);
    });
    const victim = all.find((s) => s.slug.startsWith('西安'))!;
    victim.doc = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'headline' }] }] };
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('stories', 'readwrite');
      tx.objectStore('stories').put(victim);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return victim.slug;
  });

  await page.reload();
  const alert = page.getByRole('alert').filter({ hasText: slug });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('已损坏');
  await expect(page.locator('.story-row')).toHaveCount(7);
  await expect(storyRow(page, '第九次全国职工队伍状况调查正式启动')).toBeVisible();
  await shot(page, 'storage-damaged');

  // Editing another story autosaves without touching the damaged record.
  await storyRow(page, '第九次全国职工队伍状况调查正式启动').click();
  await page.getByRole('textbox', { name: '稿件正文' }).locator('p.role-paragraph').first().click();
  await page.keyboard.type('改');
  await waitSaved(page);

  const download = page.waitForEvent('download');
  await alert.getByRole('button', { name: '导出整期（JSON）' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.format).toBe('galley-edition');
  expect(exported.edition.stories).toHaveLength(7);
  expect(exported.damagedRecords).toHaveLength(1);
  expect(exported.damagedRecords[0].record.slug).toBe(slug);

  await page.reload();
  await expect(page.getByRole('alert').filter({ hasText: slug })).toBeVisible();
});

test('IndexedDB unavailable: the app works in memory and says so', async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'InvalidStateError');
    };
  });
  await openApp(page);
  await expect(page.getByRole('alert').filter({ hasText: 'IndexedDB' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '仅在内存中（未保存）' })).toBeVisible();
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.type('内存中的字');
  await expect(editor).toContainText('内存中的字');
  await shot(page, 'storage-unavailable');
});

test('a full disk: the edit stays in memory, the desk is told, and a retry saves it', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { failPut: boolean };
    w.failPut = false;
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
      if (w.failPut) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
  await openApp(page);
  await waitSaved(page);
  await page.evaluate(() => ((window as unknown as { failPut: boolean }).failPut = true));
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.type('满盘时写的字');
  const alert = page.getByRole('alert').filter({ hasText: '磁盘空间不足' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '保存失败' })).toBeVisible();
  await expect(editor).toContainText('满盘时写的字');
  await shot(page, 'storage-quota');

  await page.evaluate(() => ((window as unknown as { failPut: boolean }).failPut = false));
  await alert.getByRole('button', { name: '重试保存' }).click();
  await waitSaved(page);
  await expect(alert).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toContainText('满盘时写的字');
});
