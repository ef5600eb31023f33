// Two desks on one edition through a real sync server started by the test:
// two browser contexts (separate profiles) open the app with
// `?server=…&token=…&edition=…`, see each other's presence, edit the same
// story, one goes offline, both edit, it reconnects, and both converge; a
// desk with a wrong token is refused with a clear message.
//
// Needs the app wiring of NewsroomLink (src/lib/state/desk.svelte.ts, top
// comment): `?edition=` opens that edition from the server, DeskStatus and
// PresenceBar are on screen.
import { test, expect, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { DeskConnection, EditionDocument } from '../../src/lib/document';
import { startSyncServer, type SyncServer } from '../../src/server/sync-server';
import type { Edition } from '../../src/lib/model/edition';
import { storySchema } from '../../src/lib/model/schema';

const TOKEN = 'e2e-newsroom-secret';
const EDITION = 'e2e-desks';
const SYNC_PORT = Number(process.env.GALLEY_SYNC_PORT ?? 4422);
const STORY = '春运今日开始';
const grid = { preset: 'duikai', widthMm: 390, heightMm: 545, margins: { top: 20, right: 20, bottom: 25, left: 20 }, columns: 8, gutterMm: 2.5, bodySizePt: 9, leadingPt: 13.5 };

function edition(): Edition {
  const story = (id: string, headline: string) => ({
    id,
    slug: id,
    doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: headline }] }, { type: 'paragraph', content: [{ type: 'text', text: '本报讯 今天起，全国铁路进入春运。' }] }] },
    meta: { section: '要闻', priority: id === 'a' ? 1 : 2, status: 'raw' as const, tags: [] },
    raw: '',
  });
  return {
    id: EDITION,
    title: '工人日报',
    date: '2022-01-17',
    issueNumber: 1,
    language: 'zh',
    pages: [{ id: 'p1', number: 1, grid, placements: [{ id: 'a:1', storyId: 'a', part: 1, column: 0, span: 4, line: 0, lines: 30 }] }],
    stories: [story('a', STORY), story('b', '西安保障生活物资供应')],
    revision: 0,
    updatedAt: 0,
  };
}

let server: SyncServer;
let seed: DeskConnection;
let seedDocument: EditionDocument;

test.beforeAll(async () => {
  server = await startSyncServer({ port: SYNC_PORT, host: '127.0.0.1', dbPath: ':memory:', token: TOKEN, quiet: true });
  // The edition is on the server before any desk opens it (as a colleague's desk would have put it there).
  seedDocument = EditionDocument.fromEdition(edition());
  seed = new DeskConnection({ doc: seedDocument.doc, editionId: EDITION, url: server.url, token: TOKEN, WebSocketPolyfill: WebSocket });
  await expect.poll(() => seed.synced && seed.unsyncedChanges === 0).toBe(true);
});

test.afterAll(async () => {
  seed?.close();
  await server?.stop();
});

async function openDesk(browser: Browser, token = TOKEN): Promise<Page> {
  // A context of its own: separate IndexedDB and localStorage, as another computer.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/?server=${encodeURIComponent(server.url)}&token=${encodeURIComponent(token)}&edition=${EDITION}`);
  return page;
}

const editorOf = (page: Page) => page.getByRole('textbox', { name: '稿件正文' });
const synced = (page: Page) => expect(page.getByRole('status', { name: '编辑部服务器' })).toContainText('已与编辑部同步');

async function typeAtEnd(page: Page, text: string): Promise<void> {
  const editor = editorOf(page);
  await editor.locator('p').last().click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

test('two desks converge through the server, also after one was offline', async ({ browser }) => {
  const one = await openDesk(browser);
  const two = await openDesk(browser);
  await synced(one);
  await synced(two);
  // The token is remembered, not left in the address bar.
  expect(one.url()).not.toContain('token=');

  await one.locator('.story-row').filter({ hasText: STORY }).click();
  await expect(editorOf(one).locator('h1')).toHaveText(STORY);
  // Desk two sees where desk one is.
  await expect(two.getByRole('region', { name: '正在编辑本期的同事' })).toContainText(`编辑《${STORY}》`);

  await typeAtEnd(one, '甲');
  await two.locator('.story-row').filter({ hasText: STORY }).click();
  await expect(editorOf(two)).toContainText('甲');

  await two.getByRole('button', { name: '脱机工作' }).click();
  await expect(two.getByRole('status', { name: '编辑部服务器' })).toContainText('离线');
  await typeAtEnd(one, '乙');
  await typeAtEnd(two, '丙');
  await expect(editorOf(two)).not.toContainText('乙');
  await expect(editorOf(one)).not.toContainText('丙');

  await two.getByRole('button', { name: '重新连接' }).click();
  await synced(two);
  for (const page of [one, two]) {
    await expect(editorOf(page)).toContainText('甲');
    await expect(editorOf(page)).toContainText('乙');
    await expect(editorOf(page)).toContainText('丙');
  }
  await expect.poll(async () => (await editorOf(one).innerText()) === (await editorOf(two).innerText())).toBe(true);
  // And the server's copy (read by the seed desk) holds both desks' work.
  await expect
    .poll(() => storySchema.nodeFromJSON(seedDocument.snapshot().stories.find((s) => s.id === 'a')!.doc).textContent)
    .toMatch(/甲.*(乙.*丙|丙.*乙)/);
});

test('a desk with a wrong token is refused, with a clear message and nothing served', async ({ browser }) => {
  const page = await openDesk(browser, 'wrong');
  await expect(page.getByRole('alert')).toContainText('编辑部服务器拒绝了本机：口令错误或缺失');
  await expect(page.locator('.story-row').filter({ hasText: STORY })).toHaveCount(0);
});
