// Desks on one edition through a real sync server started by the test (its
// SQLite file in a temp dir, a token): desk one puts its edition on the server
// from the newsroom dialog, desk two (another browser context: its own
// IndexedDB and localStorage) joins with the colleague link, each sees where
// the other is, one loses the network, both edit, it comes back, both
// converge; a wrong token is refused with a clear message and no document.
// Then versions: name one, edit, restore it, undo the restore.
import { test, expect as baseExpect, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { EditionDocument } from '../../src/lib/document';
import { DeskConnection } from '../../src/lib/document/desk-connection';
import { startSyncServer, type SyncServer } from '../../src/server/sync-server';
import type { Edition } from '../../src/lib/model/edition';
import { openApp, SAMPLE_HEADLINES, storyRow, waitSaved } from './app-helpers';

// Two or three browsers, a server and the app's builds share two loaded cores: waits get room (limits, not timings).
test.setTimeout(300_000);
const expect = baseExpect.configure({ timeout: 30_000 });

const TOKEN = 'e2e-newsroom-secret';
/** A sample story placed on page 1 (drawn in the Proof view). */
const STORY = SAMPLE_HEADLINES[1];

let dir: string;

let server: SyncServer;
/** Presence messages the server has taken in (each desk's awareness update). */
let presenceUpdates = 0;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'galley-desks-'));
  // Port 0: the system picks a free one (several checkouts run e2e on this machine).
  server = await startSyncServer({ port: 0, host: '127.0.0.1', dbPath: join(dir, 'newsroom.sqlite'), token: TOKEN, quiet: true, extensions: [{ onAwarenessUpdate: async () => void presenceUpdates++ }] });
});

test.afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const editorOf = (page: Page) => page.getByRole('textbox', { name: '稿件正文' });
const deskStatus = (page: Page) => page.getByRole('status', { name: '编辑部服务器' });
const synced = (page: Page) => expect(deskStatus(page)).toContainText('已与编辑部同步');

/** A browser of its own (separate profile: IndexedDB, localStorage), as another computer. */
async function newDesk(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** The newsroom dialog: give this desk's name; with `server`, put the edition on it and return the colleagues' link. */
async function newsroom(page: Page, name: string, server?: { url: string; token: string }): Promise<string | null> {
  await page.getByRole('button', { name: '编辑部', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '编辑部：多人协作本期' });
  await dialog.getByRole('textbox', { name: '你的名字' }).fill(name);
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toContainText(`同事看到的名字：${name}`);
  let link: string | null = null;
  if (server) {
    await dialog.getByRole('textbox', { name: '服务器地址' }).fill(server.url);
    // A password field has no textbox role: found by its label.
    await dialog.getByLabel('服务器口令').fill(server.token);
    await dialog.getByRole('button', { name: '连接', exact: true }).click();
    link = await dialog.getByRole('textbox', { name: /请同事打开此链接/ }).inputValue();
  }
  await dialog.getByRole('button', { name: '关闭' }).click();
  return link;
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await editorOf(page).locator('p').last().click();
  // The end of the story, whatever line of the paragraph the click landed on.
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

test('two desks converge through the server, also after one lost the network', async ({ browser }) => {
  const one = await newDesk(browser);
  await openApp(one);
  const invite = await newsroom(one, '王芳', { url: server.url, token: TOKEN });
  await synced(one);
  expect(invite).toContain('edition=');
  expect(invite).not.toContain(TOKEN);

  const two = await newDesk(browser);
  await two.goto(`${invite}&token=${encodeURIComponent(TOKEN)}`);
  await synced(two);
  // The token is remembered, not left in the address bar; the edition is the colleague's, not a sample.
  expect(two.url()).not.toContain('token=');
  await expect(storyRow(two, STORY)).toHaveCount(1);
  await expect(two.locator('.story-row')).toHaveCount(await one.locator('.story-row').count());
  await newsroom(two, 'Anna');

  // Presence: desk two sees which story desk one has open, in the bar and on the story's row.
  await storyRow(one, STORY).click();
  await expect(editorOf(one).locator('h1')).toHaveText(STORY);
  await expect(two.getByRole('region', { name: '正在编辑本期的同事' })).toContainText(`王芳：编辑《${STORY}》`);
  await expect(storyRow(two, STORY).getByRole('img', { name: '王芳 正在此处' })).toBeVisible();
  await expect(one.getByRole('region', { name: '正在编辑本期的同事' })).toContainText(`Anna：编辑《${SAMPLE_HEADLINES[0]}》`);

  await typeAtEnd(one, '甲');
  await storyRow(two, STORY).click();
  await expect(editorOf(two)).toContainText('甲');
  // Desk one's caret, in its colour, with its name (drawn, not part of the text).
  await expect(editorOf(two).locator('.remote-caret[data-name="王芳"]')).toHaveCount(1);

  await two.context().setOffline(true);
  await expect(deskStatus(two)).toContainText('离线');
  await typeAtEnd(one, '乙');
  await typeAtEnd(two, '丙');
  await expect(editorOf(one)).toContainText('乙');
  await expect(editorOf(two)).toContainText('丙');
  await expect(editorOf(two)).not.toContainText('乙');
  await expect(editorOf(one)).not.toContainText('丙');

  await two.context().setOffline(false);
  await synced(two);
  for (const page of [one, two]) {
    for (const ch of ['甲', '乙', '丙']) await expect(editorOf(page)).toContainText(ch);
  }
  await expect.poll(async () => (await editorOf(one).innerText()) === (await editorOf(two).innerText())).toBe(true);
  await one.screenshot({ path: '/tmp/galley-desks-one.png' });
  await two.screenshot({ path: '/tmp/galley-desks-two.png' });

  // Presence on pages: desk two in the Layout view shows page 1; desk one sees it in the bar and on that page's thumbnail.
  const presenceBefore = presenceUpdates;
  await two.getByRole('tab', { name: '版面' }).click();
  await expect(one.getByRole('region', { name: '正在编辑本期的同事' })).toContainText('Anna：第 1 版');
  await one.getByRole('tab', { name: '版面' }).click();
  await expect(one.getByRole('navigation', { name: '版面缩略图' }).getByRole('button', { name: '第1版' }).getByRole('img', { name: 'Anna 正在此处' })).toBeVisible();
  // Two desks in the Layout view tell their page once each (and renew it every 15 s), not back and
  // forth: each desk's page effect once re-ran on the other's presence, sending null and the page
  // again thousands of times a second, so the badge came and went (found flaky here).
  expect(presenceUpdates - presenceBefore).toBeLessThan(50);
  await one.screenshot({ path: '/tmp/galley-desks-layout.png' });

  // The server's copy holds both desks' work (read by a third desk in Node).
  const id = new URL(invite!).searchParams.get('edition')!;
  const reader = new EditionDocument();
  const link = new DeskConnection({ doc: reader.doc, editionId: id, url: server.url, token: TOKEN, WebSocketPolyfill: WebSocket });
  try {
    await expect.poll(() => link.synced).toBe(true);
    const story = reader.snapshot().stories.find((s) => JSON.stringify(s.doc).includes(STORY));
    expect(JSON.stringify(story?.doc)).toMatch(/甲.*(乙.*丙|丙.*乙)/);
  } finally {
    link.close();
  }
  await one.context().close();
  await two.context().close();
});

test('a desk with a wrong token is refused, with a clear message and nothing served', async ({ browser }) => {
  // An edition on the server, as a colleague's desk would have put it there.
  const edition: Edition = {
    id: 'e2e-refused',
    title: '工人日报',
    date: '2022-01-17',
    issueNumber: 1,
    language: 'zh',
    pages: [],
    stories: [
      {
        id: 'a',
        slug: 'a',
        doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: '不应送达的稿件' }] }] },
        meta: { section: '要闻', priority: 1, status: 'raw', tags: [] },
        raw: '',
      },
    ],
    revision: 0,
    updatedAt: 0,
  };
  const seed = EditionDocument.fromEdition(edition);
  const link = new DeskConnection({ doc: seed.doc, editionId: 'e2e-refused', url: server.url, token: TOKEN, WebSocketPolyfill: WebSocket });
  try {
    await expect.poll(() => link.synced && link.unsyncedChanges === 0).toBe(true);
    const page = await newDesk(browser);
    await page.goto(`/?server=${encodeURIComponent(server.url)}&token=wrong&edition=e2e-refused`);
    await expect(page.getByRole('alert').filter({ hasText: '编辑部服务器' })).toContainText('编辑部服务器拒绝了本机：口令错误或缺失');
    await expect(page.getByRole('navigation', { name: '稿件列表' })).toBeVisible();
    await expect(page.locator('.story-row')).toHaveCount(0);
    await expect(page.getByText('不应送达的稿件')).toHaveCount(0);
    await page.context().close();
  } finally {
    link.close();
  }
});

test('versions: name one, edit, restore it, undo the restore', async ({ page }) => {
  await openApp(page);
  await waitSaved(page);
  await page.getByRole('tab', { name: '校样' }).click();
  const panel = page.getByRole('region', { name: '版本' });
  await panel.getByRole('textbox', { name: '版本名称' }).fill('付印前');
  await panel.getByRole('button', { name: '保存版本' }).click();
  await expect(panel.getByRole('listitem').filter({ hasText: '付印前' })).toBeVisible();

  await page.getByRole('tab', { name: '稿件' }).click();
  await storyRow(page, STORY).click();
  await typeAtEnd(page, '后来加的话');
  await expect(editorOf(page)).toContainText('后来加的话');

  // Preview: the version, read-only, in the Proof view (the live edition is untouched).
  await page.getByRole('tab', { name: '校样' }).click();
  await panel.getByRole('button', { name: /^预览 付印前/ }).click();
  await expect(panel.getByRole('status')).toContainText('（只读）');
  await expect(page.getByRole('button', { name: '在版面上批注' })).toHaveCount(0);
  await panel.screenshot({ path: '/tmp/galley-versions-panel.png' });
  await page.screenshot({ path: '/tmp/galley-versions-proof.png' });
  await panel.getByRole('button', { name: '返回当前内容' }).click();

  await panel.getByRole('button', { name: /^恢复 付印前/ }).click();
  const restored = page.getByRole('status').filter({ hasText: /已恢复到 .* 的版本（可撤销）/ });
  await expect(restored).toBeVisible();
  // The state before the restore was kept as a version too.
  await expect(panel.getByRole('listitem').filter({ hasText: '恢复前' })).toBeVisible();
  await page.getByRole('tab', { name: '稿件' }).click();
  await expect(editorOf(page)).not.toContainText('后来加的话');

  await restored.getByRole('button', { name: '撤销恢复' }).click();
  await expect(editorOf(page)).toContainText('后来加的话');
});

/** The text of the open story's first paragraph, as shown. */
function firstParagraph(page: Page): Promise<string> {
  return editorOf(page)
    .locator('p.role-paragraph')
    .first()
    .evaluate((el) => el.textContent ?? '');
}

/** Put the caret at a character offset of the first paragraph (the DOM selection, which ProseMirror reads on selectionchange). */
async function caretAt(page: Page, offset: number | 'end'): Promise<void> {
  await editorOf(page).evaluate((root, at) => {
    (root as HTMLElement).focus();
    const p = root.querySelector('p.role-paragraph')!;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let left = at === 'end' ? (p.textContent ?? '').length : at;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (left <= node.length) {
        const range = document.createRange();
        range.setStart(node, left);
        range.collapse(true);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        return;
      }
      left -= node.length;
    }
    throw new Error('offset beyond the paragraph');
  }, offset);
  // Wait until ProseMirror has taken the selection (its caret is what the other desk is shown).
  await expect.poll(() => page.evaluate(() => getSelection()?.rangeCount ?? 0)).toBe(1);
}

// Failed once under CI's load (desk one kept the pinyin 'zhong' beside the committed 中). Reproduced with desk
// one slowed down: a caret move of desk two reached desk one between the last composition update and the commit,
// yCursorPlugin redrew the paragraph under the IME, and Chrome lost the composition (no compositionend: the
// commit went in as plain text). storySync now draws other desks' carets once the composition settles.
test.describe('composition beside another desk', () => {
  test('a pinyin composition stays whole while the other desk moves its caret in the same paragraph, drawn there once it is committed', async ({ browser }) => {
    const one = await newDesk(browser);
    await openApp(one);
    const invite = await newsroom(one, '王芳', { url: server.url, token: TOKEN });
    await synced(one);
    const two = await newDesk(browser);
    await two.goto(`${invite}&token=${encodeURIComponent(TOKEN)}`);
    await synced(two);
    // Both desks have the edition's first story open.
    await expect(editorOf(one)).toBeVisible();
    await expect(editorOf(two)).toBeVisible();
    const original = await firstParagraph(one);
    await expect.poll(() => firstParagraph(two)).toBe(original);
    for (const ch of ['q', 'z', 'h', 'o', 'n', 'g']) expect(original).not.toContain(ch);
    const CARET = 10;
    await caretAt(two, 2);
    await expect(editorOf(one).locator('.remote-caret[data-name="未署名"]')).toHaveCount(1);

    await caretAt(one, CARET);
    const cdp = await one.context().newCDPSession(one);
    // Desk one slowed down, as under the load where this failed: desk two's caret moves then reach it while the
    // pinyin is open, also between its last update and the commit (a stand-in for load; nothing here is timed).
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
    for (const text of ['z', 'zh', 'zho']) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    // Desk two's caret moves around desk one's composition (each move reaches desk one as presence, not as an edit).
    for (const at of [0, CARET, 'end'] as const) await caretAt(two, at);
    await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
    for (const at of [2, CARET, 'end'] as const) await caretAt(two, at);
    await cdp.send('Input.insertText', { text: '中' });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    const expected = original.slice(0, CARET) + '中' + original.slice(CARET);
    await expect.poll(() => firstParagraph(one)).toBe(expected);
    await expect.poll(() => firstParagraph(two)).toBe(expected);
    // The composition held desk one's view still (storySync); once it is committed, desk two's
    // caret is drawn where it went meanwhile: after the paragraph's last character.
    await expect
      .poll(() =>
        editorOf(one).evaluate((root) => {
          const caret = root.querySelector('p.role-paragraph .remote-caret');
          if (!caret) return null;
          const range = document.createRange();
          range.setStartAfter(caret);
          range.setEndAfter(root.querySelector('p.role-paragraph')!.lastChild!);
          return range.toString();
        }),
      )
      .toBe('');
    // Desk one's caret stays after the committed character; desk two's caret is drawn where it went.
    await one.keyboard.type('文');
    await two.keyboard.type('q');
    const after = original.slice(0, CARET) + '中文' + original.slice(CARET) + 'q';
    await expect.poll(() => firstParagraph(one)).toBe(after);
    await expect.poll(() => firstParagraph(two)).toBe(after);
    await expect(editorOf(one).locator('.remote-caret')).toHaveCount(1);
    await one.context().close();
    await two.context().close();
  });
});
