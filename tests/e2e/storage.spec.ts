// Storage end to end: the edition lives in its Yjs document in IndexedDB. A
// database of the first build (v1) is migrated on first start, its damaged
// records named and exported; IndexedDB missing or a full disk: the desk is
// told, work continues in memory, and leaving asks first. (Two tabs no longer
// go stale: they merge — edition-document.spec.ts.)
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, shot, storyRow, waitSaved } from './app-helpers';

const v1 = JSON.parse(readFileSync('tests/fixtures/v1-database.json', 'utf8')) as {
  stores: { editions: { id: string; title: string }[]; stories: { id: string; slug: string; editionId: string }[]; meta: { key: string; value: unknown }[] };
};

/** Write the v1 fixture into this origin's `galley` database before the app ever starts. */
async function seedV1(page: Page, mutate?: string): Promise<void> {
  // A blank page of the app's origin, so the app does not start (and build its sample) first.
  await page.route('**/seed.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
  await page.goto('/seed.html');
  await page.evaluate(
    async ([stores, src]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('galley', 1);
        req.onupgradeneeded = () => {
          req.result.createObjectStore('editions', { keyPath: 'id' });
          req.result.createObjectStore('stories', { keyPath: 'id' }).createIndex('editionId', 'editionId');
          req.result.createObjectStore('meta');
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const s = stores as { editions: unknown[]; stories: unknown[]; meta: { key: string; value: unknown }[] };
      if (src) new Function('stores', src as string)(s);
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['editions', 'stories', 'meta'], 'readwrite');
        for (const m of s.meta) tx.objectStore('meta').put(m.value, m.key);
        for (const e of s.editions) tx.objectStore('editions').put(e);
        for (const st of s.stories) tx.objectStore('stories').put(st);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    [v1.stores, mutate ?? null] as const,
  );
  await page.unroute('**/seed.html');
}

async function exportedJson(page: Page) {
  const download = page.waitForEvent('download');
  await page.getByRole('banner').getByRole('button', { name: '导出整期（JSON）' }).click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

/** Whether leaving the page now would ask first (the beforeunload handler cancels). */
function asksBeforeLeaving(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
}

test('a first-build database opens migrated: its editions, a damaged story named and exported, nothing overwritten', async ({ page }) => {
  // One more damaged story, as a bad build or a disk error would leave it.
  await seedV1(page, `const v = stores.stories.find((s) => s.slug.startsWith('西安')); v.doc = 'garbage';`);
  await page.goto('/');
  const damaged = page.getByRole('alert').filter({ hasText: '西安' });
  await expect(damaged).toBeVisible();
  await expect(damaged).toContainText('已损坏');
  await expect(damaged).toContainText('缺少正文');
  await expect(page.getByRole('alert').filter({ hasText: 'broken' })).toBeVisible();
  await waitSaved(page);
  // The edition the v1 desk last had open (its session record) is the one opened.
  const title = await page.locator('.masthead-title').textContent();
  expect(title).toBe('工人日报');
  await shot(page, 'storage-damaged');

  // Editing a healthy story is stored; the damaged records stay in the export.
  const zh = v1.stores.editions.find((e) => e.title === title)!;
  const healthy = v1.stores.stories.filter((s) => s.editionId === zh.id && s.id !== 'broken-1' && !s.slug.startsWith('西安'));
  await expect(page.locator('.story-row')).toHaveCount(healthy.length);
  await storyRow(page, '第九次全国职工队伍状况调查正式启动').click();
  await page.getByRole('textbox', { name: '稿件正文' }).locator('p.role-paragraph').first().click();
  await page.keyboard.type('改');
  await waitSaved(page);
  // The first build's photo (a data URL) is moved into the photo store when the edition opens.
  await expect(page.getByText(/已把 1 张旧版图片移入图片库/)).toBeVisible();
  const exported = await exportedJson(page);
  expect(exported.format).toBe('galley-edition');
  expect(exported.edition.stories).toHaveLength(healthy.length);
  // The edition keeps a record of it, no image data.
  expect(JSON.stringify(exported.edition)).not.toContain('base64');
  expect(exported.edition.photos['photo-1']).toMatchObject({ id: 'photo-1', type: 'image/png', width: 1, height: 1 });
  expect(exported.damagedRecords.map((d: { record: { id: string } }) => d.record.id).sort()).toEqual(['broken-1', v1.stores.stories.find((s) => s.slug.startsWith('西安'))!.id].sort());

  // The next start opens the migrated edition with the edit, and the v1 records are as they were.
  await page.reload();
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toContainText('改');
  const stillThere = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const req = indexedDB.open('galley');
        req.onsuccess = () => {
          const r = req.result.transaction('stories').objectStore('stories').count();
          r.onsuccess = () => {
            req.result.close();
            resolve(r.result);
          };
        };
      }),
  );
  expect(stillThere).toBe(v1.stores.stories.length);
});

test('IndexedDB unavailable: the app works in memory, says so, and asks before leaving', async ({ page }) => {
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
  expect(await asksBeforeLeaving(page)).toBe(true);
  // Export is offered in the banner.
  await expect(page.getByRole('alert').filter({ hasText: 'IndexedDB' }).getByRole('button', { name: '导出整期（JSON）' })).toBeVisible();
  await shot(page, 'storage-unavailable');
});

test('a full disk: the edit stays in memory, the desk is told and asked before leaving, and a retry stores it', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { failWrites: boolean };
    w.failWrites = false;
    // The edition document appends each update with add(); the library uses put().
    for (const name of ['add', 'put'] as const) {
      const original = IDBObjectStore.prototype[name];
      IDBObjectStore.prototype[name] = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
        if (w.failWrites) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return original.apply(this, args);
      };
    }
  });
  await openApp(page);
  await waitSaved(page);
  expect(await asksBeforeLeaving(page)).toBe(false);
  await page.evaluate(() => ((window as unknown as { failWrites: boolean }).failWrites = true));
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.type('满盘时写的字');
  const alert = page.getByRole('alert').filter({ hasText: '磁盘空间不足' });
  await expect(alert).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '保存失败' })).toBeVisible();
  await expect(editor).toContainText('满盘时写的字');
  expect(await asksBeforeLeaving(page)).toBe(true);
  await shot(page, 'storage-quota');

  await page.evaluate(() => ((window as unknown as { failWrites: boolean }).failWrites = false));
  await alert.getByRole('button', { name: '重试保存' }).click();
  await waitSaved(page);
  await expect(alert).toHaveCount(0);
  expect(await asksBeforeLeaving(page)).toBe(false);
  await page.reload();
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toContainText('满盘时写的字');
});
