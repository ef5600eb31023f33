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

/** Run a function against the app's IndexedDB database in the page. */
async function inDatabase<T>(page: import('@playwright/test').Page, body: string, arg?: unknown): Promise<T> {
  return page.evaluate(
    async ([src, a]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('galley');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      try {
        return await new Function('db', 'arg', src as string)(db, a);
      } finally {
        db.close();
      }
    },
    [body, arg] as const,
  ) as Promise<T>;
}

async function exportedJson(page: import('@playwright/test').Page) {
  const download = page.waitForEvent('download');
  await page.getByRole('banner').getByRole('button', { name: '导出整期（JSON）' }).click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

test('a damaged edition record stays named on every reload; its healthy stories are recovered', async ({ page }) => {
  await openApp(page);
  await waitSaved(page);
  const { editionId, title } = await inDatabase<{ editionId: string; title: string }>(
    page,
    `return new Promise((resolve) => {
      const tx = db.transaction(['editions', 'stories'], 'readwrite');
      const out = {};
      tx.objectStore('editions').openCursor().onsuccess = (e) => {
        const cur = e.target.result;
        if (!cur) return;
        const v = cur.value; v.pages = 'not-an-array'; cur.update(v); out.editionId = v.id; out.title = v.title;
      };
      tx.objectStore('stories').getAll().onsuccess = (e) => {
        const victim = e.target.result.find((s) => s.slug.startsWith('西安'));
        victim.doc = 'garbage';
        tx.objectStore('stories').put(victim);
      };
      tx.oncomplete = () => resolve(out);
    });`,
  );

  for (let load = 1; load <= 3; load++) {
    await page.reload();
    const editionAlert = page.getByRole('alert').filter({ hasText: '整期记录' });
    await expect(editionAlert, `reload ${load}`).toBeVisible();
    // The reason is in the UI language, not the stored English.
    await expect(editionAlert).toContainText('版面列表缺失或不是列表');
    await expect(page.getByRole('alert').filter({ hasText: '西安' })).toContainText('缺少正文');
    await expect(page.locator('.story-row')).toHaveCount(7);
    await expect(page.locator('.masthead-title')).toHaveText(title);
    await waitSaved(page);
    if (load === 1) await shot(page, 'storage-damaged-edition');
    const exported = await exportedJson(page);
    expect(exported.edition.stories).toHaveLength(7);
    expect(exported.edition.id).not.toBe(editionId);
    expect(exported.damagedRecords.map((d: { store: string }) => d.store).sort()).toEqual(['editions', 'stories']);
    expect(exported.damagedRecords.find((d: { store: string }) => d.store === 'editions').record.pages).toBe('not-an-array');
  }
});

test('a second tab that saved newer work stops the first tab from overwriting it', async ({ page, context }) => {
  await openApp(page);
  await waitSaved(page);
  const other = await context.newPage();
  await openApp(other);
  await other.locator('.story-row').filter({ hasText: '第九次全国职工队伍状况调查正式启动' }).click();
  await other.getByRole('textbox', { name: '稿件正文' }).locator('p.role-paragraph').first().click();
  await other.keyboard.type('另一标签页');
  await waitSaved(other);

  const banner = page.getByRole('alert').filter({ hasText: '已在另一个标签页中修改' });
  await expect(banner).toBeVisible();
  await expect(page.getByRole('banner').getByRole('status')).toHaveText(/已停止保存/);
  await shot(page, 'storage-stale-tab');
  // An edit in the stale tab is not written over the other tab's work.
  await page.locator('.story-row').filter({ hasText: '第九次全国职工队伍状况调查正式启动' }).click();
  await page.getByRole('textbox', { name: '稿件正文' }).locator('p.role-paragraph').first().click();
  await page.keyboard.type('旧标签页');
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  // The edit has landed and the tab still says it stopped saving (a stale tab schedules no
  // save at all; the unit test proves that without a clock), so the database is read now.
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toContainText('旧标签页');
  await expect(page.getByRole('banner').getByRole('status')).toHaveText(/已停止保存/);
  const stored = await inDatabase<string>(other, `return new Promise((resolve) => { const r = db.transaction('stories').objectStore('stories').getAll(); r.onsuccess = () => resolve(JSON.stringify(r.result)); });`);
  expect(stored).toContain('另一标签页');
  expect(stored).not.toContain('旧标签页');
  // Reload shows the newer work.
  await banner.getByRole('button', { name: '重新加载' }).click();
  await expect(page.getByRole('textbox', { name: '稿件正文' })).toContainText('另一标签页');
  await expect(page.getByRole('alert').filter({ hasText: '已在另一个标签页中修改' })).toHaveCount(0);
});
