import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openApp, SAMPLE_HEADLINES, shot } from './app-helpers';

const SAMPLE = readFileSync('tests/fixtures/front-page-zh.txt', 'utf8');

async function openDialog(page: Page) {
  await openApp(page);
  await page.getByRole('button', { name: '导入稿件' }).click();
  const dialog = page.getByRole('dialog', { name: '导入稿件' });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Paste through a real paste event, as Ctrl+V would deliver it. */
async function paste(page: Page, text: string | { repeat: number }) {
  await page.getByRole('textbox', { name: '粘贴文本' }).evaluate((el, arg) => {
    const data = typeof arg.text === 'string' ? arg.text : arg.sample.repeat(arg.repeat);
    const dt = new DataTransfer();
    dt.setData('text/plain', data);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, typeof text === 'string' ? { text, sample: '', repeat: 0 } : { text: null, sample: SAMPLE, repeat: text.repeat });
}

/**
 * Records, from before the app loads, what shows that an import ran in the worker:
 * the workers started, the message types they sent back, and every value the dialog's
 * progress bar was drawn with. Tests then assert on these facts, never on how long it took.
 */
async function watchImport(page: Page) {
  await page.addInitScript(() => {
    const seen = { workers: 0, messages: [] as string[], progress: [] as number[] };
    (window as unknown as { importSeen: typeof seen }).importSeen = seen;
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        // Only the importer's worker: the edition's store compaction and photo renditions have their own.
        if (!String(url).includes('import-worker')) return;
        seen.workers++;
        this.addEventListener('message', (e: MessageEvent<{ type: string }>) => seen.messages.push(e.data.type));
      }
    };
    // A bar drawn between worker messages shows the main thread was free while the worker parsed.
    const drawn = (el: Element) => {
      if (el instanceof HTMLProgressElement) seen.progress.push(el.value);
    };
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') drawn(r.target as Element);
        for (const n of r.addedNodes) if (n instanceof Element) [n, ...n.querySelectorAll('progress')].forEach(drawn);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
  return () => page.evaluate(() => (window as unknown as { importSeen: { workers: number; messages: string[]; progress: number[] } }).importSeen);
}

test('paste the sample: 8 stories with their headlines and warnings, then add them', async ({ page }) => {
  const dialog = await openDialog(page);
  await dialog.getByRole('textbox', { name: '粘贴文本' }).fill(SAMPLE);
  await dialog.getByRole('button', { name: '识别稿件' }).click();
  await expect(dialog.getByRole('heading', { name: '识别出 8 篇稿件' })).toBeVisible();
  const stories = dialog.locator('.preview-story');
  await expect(stories).toHaveCount(8);
  for (const h of SAMPLE_HEADLINES) await expect(dialog.locator('.role-headline').filter({ hasText: h }).first()).toBeVisible();
  // The cut-off first story and the repeated 工匠精神 are flagged for a person to judge.
  await expect(stories.nth(0).locator('[data-kind="truncated"]')).toBeVisible();
  await expect(stories.nth(0).locator('[data-kind="truncated"]')).toContainText('稿件不完整');
  const repeated = dialog.locator('[data-kind="repeated-phrase"]').filter({ hasText: '工匠精神' });
  await expect(repeated).toHaveCount(1);
  await expect(stories.nth(5)).toContainText('工匠精神');
  await shot(page, 'import-preview');

  await dialog.getByRole('button', { name: '添加 8 篇稿件' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.story-row')).toHaveCount(16);
  await expect(page.getByRole('status').filter({ hasText: '已添加 8 篇稿件。' })).toBeVisible();
});

test('drop a story and merge two before adding', async ({ page }) => {
  const dialog = await openDialog(page);
  await dialog.getByRole('textbox', { name: '粘贴文本' }).fill(SAMPLE);
  await dialog.getByRole('button', { name: '识别稿件' }).click();
  await expect(dialog.locator('.preview-story')).toHaveCount(8);
  await dialog.getByRole('button', { name: '与下一篇合并 5' }).click();
  await expect(dialog.locator('.preview-story')).toHaveCount(7);
  // The sixth story's headline is now a subhead of the fifth.
  await expect(dialog.locator('.preview-story').nth(4)).toContainText('小标题');
  await dialog.getByRole('button', { name: '删除此篇 1' }).click();
  await expect(dialog.locator('.preview-story')).toHaveCount(6);
  await expect(dialog.locator('.preview-story').first()).toContainText('第九次全国职工队伍状况调查正式启动');
  await dialog.getByRole('button', { name: '添加 6 篇稿件' }).click();
  await expect(page.locator('.story-row')).toHaveCount(14);
});

test('a .txt file dropped on the dialog is imported', async ({ page }) => {
  const dialog = await openDialog(page);
  await dialog.getByRole('group', { name: '把 .txt 文件拖到这里' }).evaluate((zone, text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'front-page.txt', { type: 'text/plain' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, SAMPLE);
  await expect(dialog.getByRole('heading', { name: '识别出 8 篇稿件' })).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: '粘贴文本' })).toHaveValue(/托卡耶夫/);
});

test('two .txt files dropped together are both imported, and the dialog names them', async ({ page }) => {
  const dialog = await openDialog(page);
  const files = ['rmrb-20200103-03.txt', 'rmrb-20200103-04.txt'].map((name) => ({ name, text: readFileSync(`tests/fixtures/corpus/${name}`, 'utf8') }));
  await dialog.getByRole('group', { name: '把 .txt 文件拖到这里' }).evaluate((zone, files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await expect(dialog.getByText('2 个文件合在一起识别：rmrb-20200103-03.txt、rmrb-20200103-04.txt')).toBeVisible();
  // A story of each file is in the preview: the second file was not dropped on the floor.
  await expect(dialog.getByText('“老挝将迎来加速发展的新时期”')).toBeVisible();
  await expect(dialog.getByText('用自己的双手创造幸福生活')).toBeVisible();
});

test('a binary file is refused with a message and adds nothing', async ({ page }) => {
  const dialog = await openDialog(page);
  const bytes = Buffer.alloc(4096);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  for (let i = 8; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
  await dialog.locator('input[type=file]').setInputFiles({ name: 'photo.txt', mimeType: 'text/plain', buffer: bytes });
  await expect(dialog.getByRole('alert')).toContainText('“photo.txt”不是文本文件');
  await expect(dialog.locator('.preview-story')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: '添加 0 篇稿件' })).toBeDisabled();
});

test('a GB18030 .txt file is chosen, decoded and imported', async ({ page }) => {
  const dialog = await openDialog(page);
  await dialog.locator('input[type=file]').setInputFiles('tests/fixtures/zh-web-dump.gb18030.txt');
  await expect(dialog.getByText(/编码：gb18030/i)).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /识别出 \d+ 篇稿件/ })).toBeVisible();
  // Decoded text, not mojibake: the UTF-8 copy of the fixture has the same first headline.
  const utf8 = readFileSync('tests/fixtures/zh-web-dump.txt', 'utf8');
  const firstHeadline = (await dialog.locator('.role-headline .role-text').first().textContent())!.trim();
  expect(firstHeadline.length).toBeGreaterThan(2);
  expect(utf8.replace(/\s+/g, '')).toContain(firstHeadline.replace(/\s+/g, ''));
});

test('a multi-megabyte paste imports in the worker with progress, and the page stays responsive', async ({ page }) => {
  const seen = await watchImport(page);
  const dialog = await openDialog(page);
  await paste(page, { repeat: 150 }); // ≈ 4.5 MB
  await expect(dialog.getByRole('status').filter({ hasText: /已接收粘贴的 .* MB 文本/ })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /识别出 \d+ 篇稿件/ })).toBeVisible({ timeout: 60_000 });
  const n = Number((await dialog.getByRole('heading', { name: /识别出/ }).textContent())!.match(/\d+/)![0]);
  expect(n).toBeGreaterThanOrEqual(8 * 150 - 150);
  await expect(dialog.getByText(/另有 \d+ 篇未列出/)).toBeVisible();
  // The page stayed responsive: while the worker parsed, the main thread drew the
  // progress bar again and again (a parse on the main thread could draw it at most once).
  const { workers, messages, progress } = await seen();
  expect(workers).toBe(1);
  expect(messages.at(-1)).toBe('result');
  const between = new Set(progress.filter((v) => v > 0 && v < 1));
  expect(between.size).toBeGreaterThan(1);
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  await shot(page, 'import-large');
});

test('a large import can be cancelled', async ({ page }) => {
  const dialog = await openDialog(page);
  await paste(page, { repeat: 500 }); // ≈ 15 MB
  const cancel = dialog.getByRole('button', { name: '取消' }).first();
  await expect(dialog.getByRole('progressbar', { name: '导入进度' })).toBeVisible();
  await cancel.click();
  await expect(dialog.getByText('已取消导入。')).toBeVisible();
  await expect(dialog.locator('.preview-story')).toHaveCount(0);
});

test('a 50 MB paste is refused politely, without freezing', async ({ page }) => {
  const dialog = await openDialog(page);
  await paste(page, { repeat: 1700 }); // ≈ 50 MB
  await expect(dialog.getByRole('alert')).toContainText('上限为 20.0 MB');
  await expect(dialog.getByRole('textbox', { name: '粘贴文本' })).toHaveValue('');
});

test('a 245 KB text is parsed in the worker, not on the main thread, and shows progress', async ({ page }) => {
  // Filling a 245 KB text box takes tens of seconds on a loaded 2-core machine: a
  // generous ceiling, so the test waits on what the dialog shows and never on speed.
  test.setTimeout(240_000);
  const seen = await watchImport(page);
  const dialog = await openDialog(page);
  const text = SAMPLE.repeat(Math.floor((245 * 1024) / Buffer.byteLength(SAMPLE)));
  await dialog.getByRole('textbox', { name: '粘贴文本' }).fill(text);
  await dialog.getByRole('button', { name: '识别稿件' }).click();
  // Waits on what the dialog shows, however long a loaded machine takes.
  await expect(dialog.getByRole('heading', { name: /识别出 \d+ 篇稿件/ })).toBeVisible({ timeout: 180_000 });
  await expect(dialog.getByRole('progressbar', { name: '导入进度' })).toHaveCount(0);
  const { workers, messages, progress } = await seen();
  expect(workers).toBe(1);
  expect(messages).toContain('progress');
  expect(messages.at(-1)).toBe('result');
  // The bar was drawn from the start, before the worker's first word.
  expect(progress[0]).toBe(0);
  // The preview is drawn in slices and fills up to its cap.
  const n = Number((await dialog.getByRole('heading', { name: /识别出/ }).textContent())!.match(/\d+/)![0]);
  await expect(dialog.locator('.preview-story')).toHaveCount(Math.min(200, n), { timeout: 30_000 });
});

test('an HTML page is imported as text: scripts never run, the dialog says what was done and what was set aside', async ({ page }) => {
  const dialog = await openDialog(page);
  const html = [
    '<!doctype html><html><head><title>t</title><script>window.__ran = true</script></head><body>',
    '<div class="crumb">首页 &gt; 新闻中心 &gt; 国内要闻</div>',
    '<h1>人勤春来早　田间农事忙</h1>',
    '<p>本报讯（记者李明）连日来，各地抓住有利天气，组织农民开展春耕生产。</p>',
    '<img src="x" onerror="window.__ran = true">',
    '<p>在田间地头，到处是一派繁忙景象，农技人员深入一线指导生产。</p>',
    '</body></html>',
  ].join('\n');
  await dialog.getByRole('textbox', { name: '粘贴文本' }).fill(html);
  await dialog.getByRole('button', { name: '识别稿件' }).click();
  const notes = dialog.getByRole('list', { name: '导入说明' });
  await expect(notes.locator('[data-kind="converted-html"]')).toContainText('网页（HTML）');
  await expect(notes.locator('[data-kind="furniture"]')).toContainText('首页');
  await expect(dialog.locator('.role-headline').first()).toHaveText(/人勤春来早/);
  await expect(dialog.locator('.preview-story')).not.toContainText('<p>');
  expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
  await shot(page, 'import-html');
});
