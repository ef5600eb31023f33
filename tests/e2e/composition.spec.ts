// A pinyin composition in one tab while another tab types into the same
// paragraph (issue 14, item 2). The composition is driven as an IME drives it,
// through CDP (Input.imeSetComposition for each intermediate state, then
// Input.insertText to commit). Tab B records every Yjs update the tabs post on
// the edition's BroadcastChannel, so the test can tell whether the
// intermediate pinyin ("z", "zh", "zho") ever left tab A.
import { test, expect, type Page } from '@playwright/test';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { openApp, waitSaved } from './app-helpers';

test.setTimeout(120_000);

function editor(page: Page) {
  return page.getByRole('textbox', { name: /稿件正文|Story text/ });
}

/** The text of the story's first paragraph, as shown. */
function firstParagraph(page: Page): Promise<string> {
  return editor(page)
    .locator('p.role-paragraph')
    .first()
    .evaluate((el) => el.textContent ?? '');
}

/** Put the caret at a character offset of the first paragraph (through the DOM selection, which ProseMirror reads). */
async function caretAt(page: Page, offset: number | 'end'): Promise<void> {
  await editor(page).evaluate((root, at) => {
    (root as HTMLElement).focus();
    const p = root.querySelector('p.role-paragraph')!;
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    const total = (p.textContent ?? '').length;
    let left = at === 'end' ? total : at;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (left <= node.length) {
        const range = document.createRange();
        range.setStart(node, left);
        range.collapse(true);
        const sel = getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        return;
      }
      left -= node.length;
    }
    throw new Error('offset beyond the paragraph');
  }, offset);
  // ProseMirror takes the DOM selection on selectionchange.
  await page.waitForTimeout(100);
}

/** Every string Yjs content in the y-protocols sync messages recorded by tab B. */
function insertedStrings(messages: number[][]): string[] {
  const out: string[] = [];
  for (const bytes of messages) {
    const decoder = decoding.createDecoder(Uint8Array.from(bytes));
    decoding.readVarUint(decoder); // sync message type: 0 step 1 (a state vector), 1 step 2, 2 update
    const kind = bytes[0];
    if (kind === 0) continue;
    const update = decoding.readVarUint8Array(decoder);
    for (const struct of Y.decodeUpdate(update).structs) {
      const content = (struct as Y.Item).content;
      if (content instanceof Y.ContentString) out.push(content.str);
    }
  }
  return out;
}

for (const remote of [true, false]) {
test(`a pinyin composition ${remote ? 'stays whole while another tab types into the same paragraph' : 'alone'}: committed once, its intermediate states never sent`, async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openApp(a);
  await waitSaved(a);
  await openApp(b);
  await expect(editor(a)).toBeVisible();
  await expect(editor(b)).toBeVisible();

  const original = await firstParagraph(a);
  expect(original.length).toBeGreaterThan(20);
  // The letters typed below are not in the paragraph, so where each one lands can be checked exactly.
  for (const ch of ['q', 'k', 'z', 'h', 'o', 'n', 'g']) expect(original).not.toContain(ch);
  const CARET = 10;

  // Tab B listens on the edition's channel (another BroadcastChannel object of the same name hears every tab's posts).
  await b.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('galley-edition:'));
    const w = window as unknown as { heard: number[][] };
    w.heard = [];
    for (const name of names) {
      const channel = new BroadcastChannel(name);
      channel.onmessage = (e: MessageEvent<{ data: Uint8Array }>) => w.heard.push(Array.from(e.data.data));
    }
  });

  await caretAt(a, CARET);
  const cdp = await a.context().newCDPSession(a);
  // The pinyin IME's intermediate states, as Chromium receives them from the OS.
  for (const text of ['z', 'zh', 'zho']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
    await a.waitForTimeout(150);
  }
  // While A composes, B types into the same paragraph: before A's caret, then after it.
  if (remote) {
    await caretAt(b, 0);
    await b.keyboard.type('q');
    await caretAt(b, 'end');
    await b.keyboard.type('k');
  }
  await a.waitForTimeout(300);
  // Still composing, with the candidate shown.
  await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
  await a.waitForTimeout(150);
  await cdp.send('Input.insertText', { text: '中' });

  const [q, k] = remote ? ['q', 'k'] : ['', ''];
  const expected = q + original.slice(0, CARET) + '中' + original.slice(CARET) + k;
  await expect.poll(() => firstParagraph(a)).toBe(expected);
  await expect.poll(() => firstParagraph(b)).toBe(expected);
  // A's caret stays after the committed character: the next key lands there.
  await a.keyboard.type('文');
  const after = q + original.slice(0, CARET) + '中文' + original.slice(CARET) + k;
  await expect.poll(() => firstParagraph(a)).toBe(after);
  await expect.poll(() => firstParagraph(b)).toBe(after);

  // What B heard: the committed text, and no intermediate pinyin.
  const heard = insertedStrings(await b.evaluate(() => (window as unknown as { heard: number[][] }).heard));
  expect(heard.join('')).toContain('中');
  expect(heard.filter((s) => /[zhong]/.test(s))).toEqual([]);

  // Both texts are stored: after reloading both, the paragraph is the same.
  await waitSaved(a);
  await waitSaved(b);
  await a.reload();
  await b.reload();
  await expect.poll(() => firstParagraph(a)).toBe(after);
  await expect.poll(() => firstParagraph(b)).toBe(after);
});
}
