// Typing pays for the editor; what follows from the text (the list's length,
// warning and change counts, the warnings panel) catches up a moment later.
// This checks that it does catch up and is right — not how fast (npm run bench).
import { test, expect, type Page } from '@playwright/test';
import { openApp, waitSaved } from './app-helpers';

const STORY = '工会领导机关干部蹲点工作将实现常态化制度化';

/** The app with STORY open: its list row, its editor, and the row's character count. */
async function openStory(page: Page) {
  await openApp(page);
  const row = page.locator('.story-row').filter({ hasText: STORY });
  await row.click();
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await expect(editor).toBeVisible();
  return { row, editor, chars: row.locator('.fact').filter({ hasText: /^\d+ 字$/ }) };
}

test('the story list and the panels follow typing', async ({ page }) => {
  const { row, editor, chars } = await openStory(page);
  const number = async (text: Promise<string | null>) => Number((await text)?.match(/\d+/)?.[0] ?? NaN);
  const before = await number(chars.textContent());
  expect(before).toBeGreaterThan(100);
  const panelCount = page.locator('.warnings-panel .panel-title .count');
  await expect(row.locator('.change-count')).toHaveCount(0);

  await editor.locator('p.role-paragraph').nth(1).click();
  await page.keyboard.press('End');
  await page.keyboard.type('新增五个字');
  await expect(chars).toHaveText(`${before + 5} 字`);
  await expect(row.locator('.change-count')).toHaveText('1 处修改');

  // A half-width parenthesis in Chinese copy is a warning: the panel shows it at once, the list's count follows.
  const warningsBefore = await number(panelCount.textContent());
  await page.keyboard.type('(');
  await expect.poll(() => number(panelCount.textContent())).toBeGreaterThan(warningsBefore);
  const warnings = await number(panelCount.textContent());
  await expect(row.locator('.warn-count')).toHaveText(`⚠ ${warnings} 条提示`);
  await expect(chars).toHaveText(`${before + 6} 字`);

  // The new warning's "go to" selects the parenthesis where it now is, after more typing before it.
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.press('Home');
  await page.keyboard.type('前');
  const item = page.locator('.warnings-panel .warning').filter({ hasText: '“(”' }).first();
  await item.getByRole('button', { name: /定位|Go to/ }).click();
  await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe('(');
});

test('typing keeps the caret in sight, as Enter does', async ({ page }) => {
  // A short window, so the story is longer than the editor's scroller.
  await page.setViewportSize({ width: 1280, height: 560 });
  await openApp(page);
  await page.locator('.story-row').filter({ hasText: STORY }).click();
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await expect(editor).toBeVisible();
  const paper = page.locator('.paper');
  // The caret at the story's end, then the editor's scroller back at the top: the caret is out of sight.
  await editor.locator('p.role-paragraph').last().click();
  await page.keyboard.press('End');
  const caretInSight = () =>
    page.evaluate(() => {
      const paper = document.querySelector('.paper')!.getBoundingClientRect();
      const range = getSelection()!.getRangeAt(0);
      const r = range.getClientRects()[0] ?? (range.startContainer as Element).parentElement!.getBoundingClientRect();
      return r.top >= paper.top && r.bottom <= paper.bottom;
    });
  const scrollAway = async () => {
    await paper.evaluate((el) => (el.scrollTop = 0));
    await expect.poll(caretInSight).toBe(false);
  };
  await scrollAway();
  // A typed character (inserted by the editor, typed-text.ts): the editor brings the caret back into view.
  await page.keyboard.type('字');
  await expect.poll(caretInSight).toBe(true);
  // A command (Enter splits the paragraph in ProseMirror): ProseMirror scrolls to it.
  await scrollAway();
  await page.keyboard.press('Enter');
  await expect.poll(caretInSight).toBe(true);
});

test('typed text goes in as the editor inserts it: Latin and Chinese, undo, marks, a replaced selection, and an IME composition', async ({ page }) => {
  await openApp(page);
  await page.locator('.story-row').filter({ hasText: STORY }).click();
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await expect(editor).toBeVisible();
  // Which way each input went: prevented (the editor inserted the text) or left to the browser.
  await page.evaluate(() => {
    const w = window as unknown as { __inputs: string[] };
    w.__inputs = [];
    document.addEventListener('beforeinput', (e) => w.__inputs.push(`${e.inputType}:${e.data}:${e.defaultPrevented ? 'editor' : 'browser'}`));
  });
  const inputs = () => page.evaluate(() => (window as unknown as { __inputs: string[] }).__inputs.splice(0));
  const para = editor.locator('p.role-paragraph').nth(1);
  const original = (await para.textContent()) ?? '';
  await para.click();
  await para.evaluate((p) => {
    // The caret at the end of the paragraph, through the DOM selection (as a click there would put it).
    const range = document.createRange();
    range.selectNodeContents(p);
    range.collapse(false);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });

  // Keys (Latin) and committed text without a composition (Chinese, as Input.insertText sends it).
  await page.keyboard.type('ab');
  await page.keyboard.insertText('中文');
  await expect(para).toHaveText(`${original}ab中文`);
  expect(await inputs()).toEqual(['insertText:a:editor', 'insertText:b:editor', 'insertText:中文:editor']);
  // The caret is after the typed text: the next key goes there.
  await page.keyboard.type('c');
  await expect(para).toHaveText(`${original}ab中文c`);

  // Undo takes the burst of typing back, as it did when the browser inserted it.
  await page.keyboard.press('Control+z');
  await expect(para).toHaveText(original);
  await page.keyboard.press('Control+Shift+z');
  await expect(para).toHaveText(`${original}ab中文c`);

  // A mark switched on at the caret (stored mark) applies to what is typed next.
  await page.keyboard.press('Control+b');
  await page.keyboard.type('粗');
  await expect(para.locator('strong')).toHaveText('粗');
  // Typed at the end of the bold run, text stays bold (the mark is inclusive), as before.
  await page.keyboard.type('体');
  await expect(para.locator('strong')).toHaveText('粗体');
  await page.keyboard.press('Control+b');
  await page.keyboard.type('x');
  await expect(para.locator('strong')).toHaveText('粗体');
  await expect(para).toHaveText(`${original}ab中文c粗体x`);

  // A selection inside the paragraph is replaced by the typed text.
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type('y');
  await expect(para).toHaveText(`${original}ab中文c粗y`);
  await inputs();

  // An IME composition is left to the browser and ProseMirror: committed once, as composed.
  const cdp = await page.context().newCDPSession(page);
  for (const text of ['z', 'zh', 'zhong']) await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  await cdp.send('Input.insertText', { text: '中' });
  await expect(para).toHaveText(`${original}ab中文c粗y中`);
  expect((await inputs()).every((i) => i.endsWith(':browser'))).toBe(true);
  // And typing goes on through the editor after it.
  await page.keyboard.type('d');
  await expect(para).toHaveText(`${original}ab中文c粗y中d`);
  expect(await inputs()).toEqual(['insertText:d:editor']);
});

test('the list reads the typed story\'s length from the editor, and the editor stays itself as the edition catches up', async ({ page }) => {
  const { editor, chars } = await openStory(page);
  const before = Number((await chars.textContent())?.match(/\d+/)?.[0] ?? NaN);
  // The editor element is marked: a view made again (a new element) would lose the mark, the caret and the keys after it.
  await editor.evaluate((el) => ((el as HTMLElement & { seen?: boolean }).seen = true));
  const paragraph = editor.locator('p.role-paragraph').nth(1);
  await paragraph.click();
  await page.keyboard.press('End');
  await page.keyboard.type('一二三');
  await expect(chars).toHaveText(`${before + 3} 字`);
  // Stored: the edition has caught up with the keys (a new snapshot of the story).
  await waitSaved(page);
  await page.keyboard.type('四五');
  await expect(chars).toHaveText(`${before + 5} 字`);
  // The keys after the catch-up land after the ones before it (End is the end of the caret's line).
  await expect(paragraph).toContainText('一二三四五');
  expect(await editor.evaluate((el) => !!(el as HTMLElement & { seen?: boolean }).seen)).toBe(true);
});
