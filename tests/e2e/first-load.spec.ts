// A returning desk that left the Layout view open: the start lays out the page in view first and
// the other pages in later tasks (LayoutDesk.layoutSoon), builds the side panels and the page
// strip's thumbnails a task after the page, and asks early for the fonts the page used last time
// (FIRST_FACES_KEY; index.html registers and loads their pieces, FIRST_FACE_FILES_KEY). None of that may lose anything: the later pages do get laid out, and an edit
// made as soon as the page is there is kept.
import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { continueOnPage2, openLayout, showPage } from './layout-helpers';
import { openApp, waitSaved } from './app-helpers';

test.setTimeout(180_000);

const strip = (page: Page) => page.getByRole('navigation', { name: /版面缩略图|Page thumbnails/ });

test('reopened on the Layout view: page 2 laid out after page 1, its thumbnail too, and an edit right after load is kept', async ({ page }) => {
  await openLayout(page);
  const part1 = await continueOnPage2(page);
  const story = part1.replace(/:\d+$/, '');
  await waitSaved(page);
  // The page last drawn left its fonts and characters for the next start.
  await expect
    .poll(() => page.evaluate(() => Object.values(JSON.parse(localStorage.getItem('galley-first-faces') ?? '{}') as Record<string, { text: string }>).map((f) => f.text).join('').length))
    .toBeGreaterThan(100);
  // … and those faces' pieces (family, file, unicode-range), which index.html's inline script registers and loads.
  await expect
    .poll(() => page.evaluate(() => (JSON.parse(localStorage.getItem('galley-first-face-files') ?? '[]') as { url?: string; range?: string }[]).filter((p) => p.url && p.range).length))
    .toBeGreaterThan(10);
  // … with what the sheet draws beside its lines: the masthead's title (Noto Serif SC 700) and its
  // date's Han characters are in a hinted piece of their face, not asked for only once the view is built.
  const masthead = page.getByTestId('layout-page').locator('.masthead');
  const titleHan = [...((await masthead.locator('.title').textContent()) ?? '')].filter((c) => /\p{Script=Han}/u.test(c));
  expect(titleHan.length).toBeGreaterThan(0);
  const coveredBy = (pieces: { family?: string; weight?: string; range?: string }[], family: string, weight: string, ch: string) =>
    pieces.some(
      (p) =>
        p.family === family &&
        p.weight === weight &&
        (p.range ?? '').split(',').some((r) => {
          const [a, b] = r.trim().slice(2).split('-').map((h) => parseInt(h, 16));
          const cp = ch.codePointAt(0)!;
          return cp >= a && cp <= (b ?? a);
        }),
    );
  const hintedPieces = await page.evaluate(() => JSON.parse(localStorage.getItem('galley-first-face-files') ?? '[]') as { family?: string; weight?: string; range?: string }[]);
  for (const ch of titleHan) expect(coveredBy(hintedPieces, 'Noto Serif SC', '700', ch), ch).toBe(true);

  // A cold HTTP cache, as a desk's first start of the day.
  await (await page.context().newCDPSession(page)).send('Network.clearBrowserCache');
  // Which edition index.html's script began reading (noted as it is set; taken as ever).
  await page.addInitScript({
    content: `Object.defineProperty(window, 'galleyEarlyEdition', {
      configurable: true,
      get() { return window.__earlyEdition; },
      set(v) { window.__earlyEdition = v; window.__earlyEditionId = v && v.id; },
    });`,
  });
  const editionId = await page.evaluate(() => (JSON.parse(localStorage.getItem('galley-session') ?? '{}') as { editionId?: string }).editionId);
  await page.reload();
  // The pieces the hint names, which index.html's script registers and loads …
  const hinted = await page.evaluate(() => JSON.parse(localStorage.getItem('galley-first-face-files') ?? '[]') as { url: string; range?: string; preload?: string }[]);
  const path = (url: string) => new URL(url, 'http://x').pathname + new URL(url, 'http://x').search;
  const files = hinted.filter((p) => p.range).map((p) => path(p.url));
  expect(files.length).toBeGreaterThan(10);
  // … and the stylesheets' own files of the page's Latin and digits (slices.css), which it preloads.
  const preloads = hinted.filter((p) => p.preload === 'font').map((p) => path(p.url));
  expect(preloads.length).toBeGreaterThan(0);
  expect(preloads.every((p) => p.endsWith('.woff2') && !p.includes('/fonts/pieces/'))).toBe(true);
  // … made before the app's code registered any piece itself.
  await expect.poll(() => page.evaluate(() => (window as unknown as { galleyEarlyFaces?: { made: number } }).galleyEarlyFaces?.made ?? 0)).toBeGreaterThan(10);
  const sheet = page.getByTestId('layout-page');
  await expect(sheet).toHaveAttribute('data-page', '1');
  // The edition list and the edition's stored records, read by index.html's script while the code
  // loaded, were taken by the app (persistence.ts): the page is this edition's, as stored.
  await expect
    .poll(() => page.evaluate(() => ['galleyEarlyLibrary', 'galleyEarlyEditions', 'galleyEarlyEdition'].filter((k) => k in window)))
    .toEqual([]);
  expect(editionId).toBeTruthy();
  expect(await page.evaluate(() => (window as unknown as { __earlyEditionId?: string }).__earlyEditionId)).toBe(editionId);
  // An edit as soon as the page's modules are there (its other page may still be being laid out):
  // the continued story's first part one line down.
  const frame = page.locator(`[data-frame="${part1}"]`);
  await frame.focus();
  const top = await frame.evaluate((el) => el.style.top);
  await page.keyboard.press('ArrowDown');
  await expect.poll(() => frame.evaluate((el) => el.style.top)).not.toBe(top);
  const moved = await frame.evaluate((el) => el.style.top);
  await expect(page.locator('[data-laid-out]')).toHaveCount(1);
  // The loader took the FontFaces index.html made: each piece was asked for once, and came over the network.
  const fetched = await page.evaluate(() =>
    performance.getEntriesByType('resource').flatMap((e) => (e.name.includes('/fonts/pieces/') ? [[e.name, (e as PerformanceResourceTiming).transferSize] as const] : [])),
  );
  for (const f of files) {
    expect(fetched.filter(([n]) => n.endsWith(f)), f).toHaveLength(1);
    expect(fetched.filter(([n, bytes]) => n.endsWith(f) && bytes > 0), f).toHaveLength(1);
  }
  // The preloaded files: each asked for once (the stylesheet's face took the preload's response, no
  // second face or fetch): the one request is the preload link's.
  const sheetFetches = await page.evaluate(() =>
    performance.getEntriesByType('resource').flatMap((e) => (e.name.endsWith('.woff2') && !e.name.includes('/fonts/pieces/') ? [[e.name, (e as PerformanceResourceTiming).initiatorType] as const] : [])),
  );
  for (const f of preloads) {
    expect(sheetFetches.filter(([n]) => n.endsWith(f)), f).toEqual([[expect.stringContaining(f), 'link']]);
  }
  // … and none of them twice in the document's font set.
  const faces = await page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const f of document.fonts) seen.set(`${f.family} ${f.weight} ${f.unicodeRange}`, (seen.get(`${f.family} ${f.weight} ${f.unicodeRange}`) ?? 0) + 1);
    return [...seen.values()].filter((n) => n > 1).length;
  });
  expect(faces).toBe(0);

  // Page 2's thumbnail is drawn from its layout (not the blank sheet shown while it waits) …
  await expect(strip(page).getByRole('button', { name: /^(第2版|Page 2)$/ }).locator('.thumb .mod').first()).toBeVisible();
  await expect(strip(page).locator('.thumb-wait')).toHaveCount(0);
  // … and page 2 shows the continuation with its lines.
  await showPage(page, 2);
  const part2 = page.locator(`[data-frame="${story}:2"]`);
  await expect(part2).toBeVisible();
  await expect(page.locator(`.module-text[data-placement="${story}:2"] .ln`).first()).toBeVisible();

  // The edit made right after the load was kept.
  await waitSaved(page);
  await page.reload();
  await expect(page.getByTestId('layout-page')).toHaveAttribute('data-page', '1');
  await expect.poll(() => page.locator(`[data-frame="${part1}"]`).evaluate((el) => el.style.top)).toBe(moved);
});

// The Layout view's first page loads without the Stories view's editor (ProseMirror's view, its
// plugins), the dialogs and the importer: they come in chunks of their own (App.svelte). The
// scripts the page's entry names (its module and the modulepreload links: what loads at once)
// must not hold prosemirror-view, whose selection class is in its code.
test('the entry scripts hold neither the editor nor the importer; Stories right after a Layout-view load types', async ({ page, request }) => {
  const html = await (await request.get('/')).text();
  const entry = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  expect(entry.length).toBeGreaterThan(1);
  for (const path of entry) {
    const code = await (await request.get(`/${path}`)).text();
    expect(code, path).not.toContain('ProseMirror-hideselection');
    // The importer's jump-line pattern (src/lib/import/jumps.ts): loaded with the import dialog.
    expect(code, path).not.toContain('p[ao]g[eo]|pg');
  }

  await openLayout(page);
  await waitSaved(page);
  await page.reload();
  // At once, before the page is laid out and before the Stories view's chunk is fetched in an idle moment.
  await page.getByRole('tab', { name: /稿件|Stories/ }).click();
  const editor = page.getByRole('textbox', { name: /稿件正文|Story text/ });
  await expect(editor).toBeVisible();
  await editor.locator('p').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type('试一试');
  await expect(editor).toContainText('试一试');
});

// Code a Chinese edition without a sync server never needs for its first page, recognised by
// text only it holds: the `hyphen` package's en-us patterns (typeset/hyphen-en-us.ts, a chunk
// the app loads before it typesets an English edition) and the Hocuspocus provider (its retry
// library's error code; desk-connection.ts, loaded when a desk connects).
const PATTERNS = 'createHyphenator';
const PROVIDER = 'ATTEMPT_ABORTED';

/** Reload and note the time the page is laid out ([data-laid-out]); resolves to the scripts requested before it. */
async function reloadToLaidOut(page: Page): Promise<{ before: string[]; all: () => Promise<string[]> }> {
  await page.addInitScript(() => {
    const tick = () => {
      if (document.querySelector('[data-laid-out]')) (window as unknown as { laidOutAt: number }).laidOutAt = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.reload();
  await page.waitForFunction(() => (window as unknown as { laidOutAt?: number }).laidOutAt !== undefined);
  const scripts = (until: number) =>
    page.evaluate((t) => {
      const entries = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      return entries.filter((e) => e.startTime <= t && /\.js$/.test(new URL(e.name).pathname)).map((e) => new URL(e.name).pathname);
    }, until);
  const laidOutAt = await page.evaluate(() => (window as unknown as { laidOutAt: number }).laidOutAt);
  return { before: await scripts(laidOutAt), all: () => scripts(Infinity) };
}

async function holding(request: APIRequestContext, paths: string[], text: string): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) if ((await (await request.get(path)).text()).includes(text)) out.push(path);
  return out;
}

test('a Chinese edition without a server: its first page loads neither the sync provider nor the English hyphenation patterns', async ({ page, request }) => {
  await openLayout(page);
  await waitSaved(page);
  const { before, all } = await reloadToLaidOut(page);
  expect(before.length).toBeGreaterThan(1);
  expect(await holding(request, before, PATTERNS)).toEqual([]);
  expect(await holding(request, before, PROVIDER)).toEqual([]);
  // The marker is real: the importer (fetched in an idle moment after the page, with the
  // Stories view) holds the patterns at once.
  await expect.poll(async () => (await holding(request, await all(), PATTERNS)).length, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(page.getByRole('status', { name: /编辑部服务器|Newsroom server/ })).toHaveCount(0);
});

test('an English edition fetches its patterns before its page is laid out, and breaks its lines the same after a reload', async ({ page, request }) => {
  test.setTimeout(240_000);
  await openApp(page);
  await page.getByRole('button', { name: '整期列表' }).click();
  await page.getByRole('dialog', { name: '整期列表' }).getByRole('button', { name: '新建整期' }).click();
  const form = page.getByRole('dialog', { name: '新建整期' });
  await form.getByLabel('报名').fill('The Morning Galley');
  await form.getByLabel('语言').selectOption('en');
  await form.getByLabel('版数').fill('1');
  await form.getByRole('button', { name: '创建' }).click();
  await expect(form).toBeHidden();
  await page.getByRole('button', { name: '导入稿件' }).click();
  const importer = page.getByRole('dialog', { name: '导入稿件' });
  await importer.getByRole('textbox', { name: '粘贴文本' }).fill(readFileSync('tests/fixtures/en-ocr-1913.txt', 'utf8'));
  await importer.getByRole('button', { name: '识别稿件' }).click();
  await importer.getByRole('button', { name: /^添加 \d+ 篇稿件$/ }).click();
  await page.getByRole('tab', { name: '版面' }).click();
  await page.getByRole('button', { name: '自动排版' }).click();
  const lines = page.locator('[data-testid=layout-page] .module-text .ln');
  await expect(lines.first()).toBeVisible();
  await waitSaved(page);
  const texts = () => page.locator('[data-testid=layout-page] .module-text').evaluateAll((els) => els.map((el) => [...el.querySelectorAll('.ln')].map((l) => l.textContent).join('\n')));
  const laidOut = await texts();
  // Hyphenated: some line ends inside a word.
  expect(laidOut.join('\n')).toMatch(/[a-z]-\n[a-z]/);

  const { before } = await reloadToLaidOut(page);
  expect((await holding(request, before, PATTERNS)).length).toBeGreaterThan(0);
  expect(await texts()).toEqual(laidOut);
});
