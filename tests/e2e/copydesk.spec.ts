// The copy desk through roles: find and replace, changes, jump lines, house style, paste, metadata.
import { test, expect, type Page } from '@playwright/test';
import { openApp, storyRow, waitSaved } from './app-helpers';

const STORY = '工会领导机关干部蹲点工作将实现常态化制度化';
const editorOf = (page: Page) => page.getByRole('textbox', { name: '稿件正文' });

test('find and replace across stories, then undo', async ({ page }) => {
  await openApp(page);
  await storyRow(page, STORY).click();
  const editor = editorOf(page);
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.press('Control+h');
  const bar = page.getByRole('search', { name: '查找和替换' });
  await expect(bar.getByRole('searchbox', { name: '查找' })).toBeFocused();
  await page.keyboard.type('工会');
  // In this story: every match highlighted.
  await expect(editor.locator('.ProseMirror-search-match').first()).toBeVisible();
  const inStory = await editor.locator('.ProseMirror-search-match').count();
  expect(inStory).toBeGreaterThan(1);
  await bar.getByRole('button', { name: '下一个' }).click();
  await expect(editor.locator('.ProseMirror-active-search-match')).toHaveCount(1);

  // A bad regular expression says so.
  await bar.getByRole('checkbox', { name: '正则表达式' }).check();
  await bar.getByRole('searchbox', { name: '查找' }).fill('工会(');
  await expect(bar.getByRole('alert')).toContainText('正则表达式有误');
  await bar.getByRole('checkbox', { name: '正则表达式' }).uncheck();
  await bar.getByRole('searchbox', { name: '查找' }).fill('工会');

  // Across the edition: a results list naming the stories.
  await bar.getByRole('combobox', { name: '查找范围' }).selectOption('edition');
  const results = bar.getByRole('list', { name: '查找结果' }).getByRole('button');
  const total = await results.count();
  expect(total).toBeGreaterThan(inStory);
  const status = bar.getByRole('status').filter({ hasText: /篇稿件中共/ });
  const [, stories, matches] = /(\d+) 篇稿件中共 (\d+) 处/.exec((await status.textContent()) ?? '')!;
  expect(Number(matches)).toBe(total);
  expect(Number(stories)).toBeGreaterThan(1);

  await bar.getByRole('textbox', { name: '替换为' }).fill('工會');
  await bar.getByRole('button', { name: '全部替换' }).click();
  await expect(bar.getByRole('status').filter({ hasText: '已替换' })).toHaveText(new RegExp(`已替换 ${total} 处，涉及 ${stories} 篇稿件。`));
  await expect(results).toHaveCount(0);
  expect(await editor.textContent()).not.toContain('工会');

  // Undo puts every story back.
  await bar.getByRole('button', { name: '撤销全部替换' }).click();
  await expect(results).toHaveCount(total);
  await expect(editor).toContainText('工会');

  // A result in another story opens that story at the match.
  const other = results.filter({ hasNotText: STORY }).first();
  const otherName = (await other.locator('.find-story').textContent())!;
  await other.click();
  await expect(storyRow(page, otherName)).toHaveAttribute('aria-current', 'true');
  await expect(editorOf(page).locator('.ProseMirror-search-match').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/copydesk-find.png' });
  await page.keyboard.press('Escape');
  await waitSaved(page);
});

test('show changes against the original and revert one', async ({ page }) => {
  await openApp(page);
  await storyRow(page, STORY).click();
  const editor = editorOf(page);
  const panel = page.getByRole('region', { name: /与原稿比较/ });
  await expect(panel).toContainText('与原稿相同');
  // Type at the end of the first body paragraph, and delete a word elsewhere.
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type('新增内容');
  await editor.locator('p.role-paragraph').nth(1).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Delete');
  await expect(storyRow(page, STORY).locator('.change-count')).toHaveText('2 处修改');

  const toggle = panel.getByRole('button', { name: '显示修改' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(editor.locator('.change-inserted')).toHaveText('新增内容');
  await expect(editor.locator('del.change-deleted')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/copydesk-changes.png' });

  // Revert the insertion: the text goes, one change is left.
  await panel.getByRole('button', { name: /还原此处修改: 插入“新增内容”/ }).click();
  await expect(editor.locator('.change-inserted')).toHaveCount(0);
  expect(await editor.textContent()).not.toContain('新增内容');
  await expect(storyRow(page, STORY).locator('.change-count')).toHaveText('1 处修改');
  // Accept the rest: the story is its own original again.
  await panel.getByRole('button', { name: '全部接受' }).click();
  await expect(panel).toContainText('与原稿相同');
  await expect(storyRow(page, STORY).locator('.change-count')).toHaveCount(0);
  await waitSaved(page);
  await page.reload();
  await expect(page.getByRole('region', { name: /与原稿比较/ })).toContainText('与原稿相同');
});

test('a deletion reads as struck in every block, whatever its own styles (kicker, headline, text)', async ({ page }) => {
  await openApp(page);
  await storyRow(page, STORY).click();
  const editor = editorOf(page);
  for (const block of ['.role-kicker', '.role-headline', 'p.role-paragraph']) {
    await editor.locator(block).first().click();
    await page.keyboard.press('End');
    for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Backspace');
  }
  await page.getByRole('region', { name: /与原稿比较/ }).getByRole('button', { name: '显示修改' }).click();
  for (const block of ['.role-kicker', '.role-headline', 'p.role-paragraph']) {
    const del = editor.locator(`${block} del.change-deleted`).first();
    await expect(del).toHaveCount(1);
    // The strike must stand out from the struck text at the block's size: a line in the text's own ink,
    // thin against bold 28px strokes, was not seen (a headline's deletion read as red text, unstruck).
    const look = await del.evaluate((e) => {
      const s = getComputedStyle(e);
      const rgba = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      // Each colour as it shows on the white paper, then its WCAG relative luminance.
      const onWhite = (c: string) => {
        const [r, g, b, a = 1] = rgba(c);
        return [r, g, b].map((v) => (v * a + 255 * (1 - a)) / 255);
      };
      const lum = (c: number[]) => c.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
      const [hi, lo] = [lum(onWhite(s.color)), lum(onWhite(s.textDecorationColor))].sort((x, y) => y - x);
      return { line: s.textDecorationLine, contrast: (hi + 0.05) / (lo + 0.05), thickness: parseFloat(s.textDecorationThickness) / parseFloat(s.fontSize) };
    });
    expect(look.line, block).toBe('line-through');
    expect(look.contrast, block).toBeGreaterThan(2.5);
    expect(look.thickness, block).toBeGreaterThanOrEqual(0.08);
  }
  await editor.locator('.role-headline').screenshot({ path: '/tmp/copydesk-deleted-headline.png' });
  await page.screenshot({ path: '/tmp/copydesk-deleted.png' });
});

test('a Chinese replace shows as the characters changed, each listed with the text either side', async ({ page }) => {
  await openApp(page);
  const LEAD = '习近平向哈萨克斯坦总统托卡耶夫致口信';
  await storyRow(page, LEAD).click();
  const editor = editorOf(page);
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.press('Control+h');
  const bar = page.getByRole('search', { name: '查找和替换' });
  await page.keyboard.type('哈萨克斯坦');
  await bar.getByRole('textbox', { name: '替换为' }).fill('哈国');
  await bar.getByRole('button', { name: '全部替换' }).click();
  await bar.getByRole('button', { name: '关闭查找' }).click();
  const panel = page.getByRole('region', { name: /与原稿比较/ });
  await panel.getByRole('button', { name: '显示修改' }).click();
  // Struck and set are the characters that changed, not the clause around them.
  await expect(editor.locator('del.change-deleted').first()).toHaveText('萨克斯坦');
  await expect(editor.locator('.change-inserted').first()).toHaveText('国');
  // Alike changes are told apart by the text either side ("任何势力破坏哈萨克斯坦" comes twice).
  await expect(panel.getByRole('button', { name: /^还原此处修改: “萨克斯坦”改为“国”/ })).toHaveCount(7);
  await expect(panel.getByRole('button', { name: '还原此处修改: “萨克斯坦”改为“国”（…习近平向哈 / 总统托卡…）' })).toBeVisible();
  await expect(panel.getByRole('button', { name: '还原此处修改: “萨克斯坦”改为“国”（…何势力破坏哈 / 稳定、威…）' })).toBeVisible();
  await expect(panel.getByRole('button', { name: '还原此处修改: “萨克斯坦”改为“国”（…何势力破坏哈 / 人民的平…）' })).toBeVisible();
  await page.screenshot({ path: '/tmp/copydesk-changes-zh.png' });
});

test('set a jump line page and direction from its node view', async ({ page }) => {
  await openApp(page);
  await storyRow(page, STORY).click();
  const editor = editorOf(page);
  await editor.locator('p.role-paragraph').first().click();
  const before = await editor.locator('.role-jump_line').count();
  await page.getByRole('button', { name: '插入转版行' }).click();
  const jump = editor.locator('.role-jump_line').filter({ hasText: '（下转第?版）' });
  await expect(jump).toHaveCount(1);
  const warnings = page.getByRole('region', { name: /提示/ }).locator('.warning-jump-without-page');
  const missing = await warnings.count();
  expect(missing).toBeGreaterThan(0);

  const group = editor.getByRole('group', { name: '转版方向' }).filter({ hasText: '（下转第?版）' });
  await group.getByRole('spinbutton', { name: '版次' }).fill('3');
  await expect(editor.locator('.role-jump_line').filter({ hasText: '（下转第3版）' })).toHaveCount(1);
  await expect(warnings).toHaveCount(missing - 1);
  // The direction is a radio group: a click checks the other direction…
  const chip = editor.getByRole('group', { name: '转版方向' }).filter({ hasText: /第3版/ });
  const directions = chip.getByRole('radiogroup', { name: '转版方向' });
  await expect(directions.getByRole('radio', { name: '下转' })).toBeChecked();
  await directions.getByRole('radio', { name: '上接' }).click();
  await expect(editor.locator('.role-jump_line').filter({ hasText: '（上接第3版）' })).toHaveCount(1);
  await expect(directions.getByRole('radio', { name: '上接' })).toBeChecked();
  await expect(directions.getByRole('radio', { name: '下转' })).not.toBeChecked();
  // …and so do the arrow keys, the focus following the checked one (one tab stop for the group).
  await expect(directions.getByRole('radio', { name: '上接' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(editor.locator('.role-jump_line').filter({ hasText: '（下转第3版）' })).toHaveCount(1);
  await expect(directions.getByRole('radio', { name: '下转' })).toBeFocused();
  await expect(directions.getByRole('radio', { name: '下转' })).toBeChecked();
  await page.keyboard.press('ArrowRight');
  await expect(editor.locator('.role-jump_line').filter({ hasText: '（上接第3版）' })).toHaveCount(1);
  await expect(directions.getByRole('radio', { name: '上接' })).toBeFocused();
  await expect(editor.locator('.role-jump_line')).toHaveCount(before + 1);
  await waitSaved(page);
  await page.reload();
  await expect(editorOf(page).locator('.role-jump_line').filter({ hasText: '（上接第3版）' })).toHaveCount(1);
});

test('a metadata value typed is kept through an immediate reload', async ({ page }) => {
  await openApp(page);
  await storyRow(page, STORY).click();
  await page.getByRole('combobox', { name: '栏目' }).fill('国际');
  await page.getByLabel('标签（以逗号分隔）').fill('工会，');
  await expect(page.getByLabel('标签（以逗号分隔）')).toHaveValue('工会，');
  await page.reload();
  await expect(storyRow(page, STORY)).toContainText('国际');
  await storyRow(page, STORY).click();
  await expect(page.getByRole('combobox', { name: '栏目' })).toHaveValue('国际');
  await expect(page.getByLabel('标签（以逗号分隔）')).toHaveValue('工会');
});

test('add a house-style word and apply its fix', async ({ page }) => {
  await openApp(page);
  await storyRow(page, STORY).click();
  const editor = editorOf(page);
  const panel = page.getByRole('region', { name: /用字规范词表/ });
  await panel.getByRole('textbox', { name: '不规范写法', exact: true }).fill('蹲点');
  await panel.getByRole('textbox', { name: '规范写法', exact: true }).fill('驻点');
  await panel.getByRole('button', { name: '添加' }).click();
  const fixes = panel.getByRole('button', { name: '改为“驻点”' });
  const n = await fixes.count();
  expect(n).toBeGreaterThan(1);
  await expect(editor.locator('.lint-house-style').first()).toBeVisible();
  await fixes.first().click();
  await expect(fixes).toHaveCount(n - 1);
  await expect(editor).toContainText('驻点');
  // One key at the cursor: Ctrl+. on the next hit.
  await editor.locator('.lint-house-style').first().click();
  await page.keyboard.press('Control+.');
  await expect(fixes).toHaveCount(n - 2);
  // The list belongs to the edition: it survives a reload.
  await waitSaved(page);
  await page.reload();
  await storyRow(page, STORY).click();
  await expect(page.getByRole('region', { name: /用字规范词表/ }).getByRole('button', { name: '改为“驻点”' })).toHaveCount(n - 2);
});

test('paste HTML mid-paragraph: roles of the cursor block kept, headline becomes body, styles and scripts dropped', async ({ page }) => {
  await openApp(page);
  await storyRow(page, STORY).click();
  const editor = editorOf(page);
  const para = editor.locator('p.role-paragraph').nth(1);
  const paragraphsBefore = await editor.locator('p.role-paragraph').count();
  const kickersBefore = await editor.locator('.role-kicker').count();
  const headlinesBefore = await editor.locator('.role-headline').count();
  await para.click();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const html =
    '<style>p{color:red}</style><p style="color:red" onclick="window.__pwned=1">粘贴<b>加粗</b>与<span style="font-style:italic">斜体</span></p>' +
    '<h1>粘贴的标题</h1><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';
  await page.evaluate((h) => {
    const dt = new DataTransfer();
    dt.setData('text/html', h);
    dt.setData('text/plain', '粘贴加粗与斜体\n粘贴的标题');
    document.querySelector('.story-text')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, html);
  await expect(editor).toContainText('粘贴的标题');
  // The paragraph split in two around the paste, both still body text; no new kicker or headline.
  await expect(editor.locator('p.role-paragraph')).toHaveCount(paragraphsBefore + 1);
  await expect(editor.locator('.role-kicker')).toHaveCount(kickersBefore);
  await expect(editor.locator('.role-headline')).toHaveCount(headlinesBefore);
  await expect(editor.locator('p.role-paragraph').filter({ hasText: '粘贴的标题' })).toHaveCount(1);
  await expect(editor.locator('strong', { hasText: '加粗' })).toHaveCount(1);
  await expect(editor.locator('em', { hasText: '斜体' })).toHaveCount(1);
  expect(await editor.locator('[style], [onclick], img, script').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('copyfit: the editor and the story list say whether a placed story fits, live while typing', async ({ page }) => {
  await openApp(page);
  const row = page.locator('.story-row').filter({ has: page.locator('.copyfit-fits, .copyfit-short') }).first();
  await row.click();
  const status = page.getByRole('status', { name: '配版' });
  await expect(status).toHaveText(/配版\s*(正好排满|还差 \d+ 行)/);
  await page.screenshot({ path: '/tmp/copydesk-copyfit.png' });
  const editor = editorOf(page);
  await editor.locator('p.role-paragraph').last().click();
  await page.keyboard.press('End');
  await page.keyboard.insertText('新增的文字让稿件变长。'.repeat(120));
  await expect(status).toHaveText(/配版\s*超出 \d+ 行/);
  await expect(page.locator('.story-row[aria-current="true"] .copyfit-over')).toHaveText(/超出 \d+ 行/);
});
