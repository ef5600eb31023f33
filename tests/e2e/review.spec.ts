// Review in the browser: a comment on a range of a story's text shows as a
// margin marker and as a pin on its page in Layout and Proof, takes a reply,
// is resolved, and is still there after a reload; approving every story on
// page 1 lets it be signed off (签发), and editing one of them withdraws the
// sign-off with the reason.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { openApp, SAMPLE_HEADLINES } from './app-helpers';

// Laying out and rendering the sample's pages is slow on the shared 2-core machine.
test.setTimeout(240_000);

const LEAD = SAMPLE_HEADLINES[0];

async function view(page: Page, name: RegExp) {
  await page.getByRole('tab', { name }).click();
}

async function look(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path: `/tmp/review-${name}.png` });
}

test('comment a range, see its pin in Layout and Proof, reply, resolve, reload', async ({ page }) => {
  await openApp(page);
  await view(page, /版面|Layout/);
  await page.getByRole('button', { name: /自动排版|Auto layout/ }).click();
  await expect(page.getByTestId('layout-page').getByTestId('module').first()).toBeVisible();

  await view(page, /稿件|Stories/);
  await page.locator('.story-row').filter({ hasText: LEAD }).click();
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  // Select the first six characters of the first paragraph, then Ctrl+Alt+M.
  const paragraph = editor.locator('p.role-paragraph').first();
  await paragraph.click();
  await page.keyboard.press('Home');
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
  const quote = await page.evaluate(() => window.getSelection()?.toString() ?? '');
  expect(quote).toHaveLength(6);
  await page.keyboard.press('Control+Alt+m');

  // First comment in this browser: the reviewer's name is asked once.
  const composer = page.getByRole('group', { name: '新批注' });
  await composer.getByRole('textbox', { name: '你的名字' }).fill('王编辑');
  await composer.getByRole('button', { name: '确定' }).click();
  await composer.getByRole('textbox', { name: '批注内容' }).fill('请核实这句话的出处');
  await composer.getByRole('button', { name: '发表' }).click();

  const storyPanel = page.getByRole('region', { name: '本稿批注' });
  const thread = storyPanel.getByRole('article', { name: /请核实这句话的出处/ });
  await expect(thread).toContainText(quote);
  await expect(thread).toContainText('王编辑');
  // The margin marker sits on the commented words.
  await expect(editor.getByRole('note', { name: /批注 1：请核实/ })).toHaveCount(1);
  await expect(editor.locator('.comment-start')).toHaveAttribute('data-n', '1');
  // The highlight (split where the margin number hangs off its first character) covers exactly the words.
  expect((await editor.locator('.comment-range').allTextContents()).join('')).toBe(quote);
  await look(page, 'editor');

  await view(page, /版面|Layout/);
  const layoutPin = page.getByTestId('layout-page').getByRole('button', { name: /批注 1：请核实/ });
  await expect(layoutPin).toBeVisible();
  await expect(page.getByRole('region', { name: '本版批注' }).getByRole('article', { name: /请核实/ })).toBeVisible();
  await look(page, 'layout');

  await view(page, /校样|Proof/);
  const proofPin = page.getByTestId('proof-page').first().getByRole('button', { name: /批注 1：请核实/ });
  await expect(proofPin).toBeVisible();
  const panel = page.getByRole('region', { name: '全期批注' });
  const proofThread = panel.getByRole('article', { name: /请核实/ });
  await proofThread.getByRole('textbox', { name: '回复内容' }).fill('已核实，出自新华社电');
  await proofThread.getByRole('button', { name: '回复' }).click();
  await expect(proofThread).toContainText('已核实，出自新华社电');
  await proofThread.getByRole('button', { name: '解决' }).click();
  await expect(proofThread).toContainText('已解决（王编辑）');
  await expect(proofThread.getByRole('button', { name: '重新打开' })).toBeVisible();
  // Pins never print.
  await page.emulateMedia({ media: 'print' });
  await expect(proofPin).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await expect(proofPin).toBeVisible();
  await look(page, 'proof');

  await page.reload();
  await view(page, /校样|Proof/);
  const after = page.getByRole('region', { name: '全期批注' }).getByRole('article', { name: /请核实/ });
  await expect(after).toContainText('已核实，出自新华社电');
  await expect(after).toContainText('已解决（王编辑）');
  await expect(page.getByTestId('proof-page').first().getByRole('button', { name: /批注 1：请核实/ })).toBeVisible();
});

test('approve every story on page 1, sign it off, edit one and see the sign-off withdrawn', async ({ page }) => {
  await openApp(page);
  await page.evaluate(() => localStorage.setItem('galley.author', '李主编'));
  await page.reload();
  await view(page, /版面|Layout/);
  await page.getByRole('button', { name: /自动排版|Auto layout/ }).click();
  const strip = page.getByRole('navigation', { name: '版面缩略图' });
  await strip.getByRole('button', { name: '第1版', exact: true }).click();
  const signOff = strip.getByRole('button', { name: '签发第 1 版' });
  await expect(signOff).toBeDisabled();
  await expect(strip).toContainText('尚未审定');

  // Approve every story (those on page 1 among them).
  await view(page, /稿件|Stories/);
  const rows = page.locator('.story-row');
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    await rows.nth(i).click();
    const verdict = page.getByRole('region', { name: '审稿' });
    await verdict.getByRole('button', { name: '审定通过' }).click();
    await expect(verdict.getByRole('status')).toContainText('已由 李主编 审定');
    // The list reads what the verdict says: approval is the step to approved.
    await expect(rows.nth(i).locator('.chip')).toHaveText('已审定');
  }

  await view(page, /版面|Layout/);
  await expect(signOff).toBeEnabled();
  await signOff.click();
  await expect(strip.getByRole('status').filter({ hasText: '第 1 版已由 李主编 签发' })).toBeVisible();
  await expect(strip.getByRole('button', { name: '第1版', exact: true })).toContainText('✓签发');
  await look(page, 'signed');

  // The proof printed with its slug line says the page is the one signed off, and by whom; a page not
  // signed says so (a proof on paper must not pass for the approved page).
  await view(page, /校样|Proof/);
  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.getByRole('toolbar', { name: /校样|Proof/ }).getByRole('button', { name: /打印/ }).click();
  const options = page.getByRole('dialog', { name: '打印选项' });
  await options.getByRole('checkbox', { name: '版面信息行' }).check();
  await options.getByRole('button', { name: '打印' }).click();
  await expect(options).toBeHidden();
  const sheets = page.getByTestId('proof-page');
  await expect(sheets.first().getByTestId('slug-line')).toContainText(/第1版　印于 .+　已由 李主编 签发$/);
  for (let i = 1; i < (await sheets.count()); i++) await expect(sheets.nth(i).getByTestId('slug-line')).toContainText(/未签发$/);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync('/tmp/review-signed.pdf', pdf);
  expect(execFileSync('pdftotext', ['-f', '1', '-l', '1', '/tmp/review-signed.pdf', '-'], { encoding: 'utf8' }).replace(/\s+/g, '')).toContain('已由李主编签发');
  execFileSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', '-singlefile', '/tmp/review-signed.pdf', '/tmp/review-signed-page1']);

  // Edit the lead story: its approval and the page's sign-off are withdrawn, saying why.
  await view(page, /稿件|Stories/);
  await page.locator('.story-row').filter({ hasText: LEAD }).click();
  const editor = page.getByRole('textbox', { name: '稿件正文' });
  await editor.locator('p.role-paragraph').first().click();
  await page.keyboard.press('End');
  await page.keyboard.type('补');
  await expect(page.getByRole('region', { name: '审稿' }).getByRole('status')).toContainText('审定已失效');
  await expect(page.locator('.story-row').filter({ hasText: LEAD }).locator('.chip')).toHaveText('已编辑');

  await view(page, /版面|Layout/);
  await expect(strip.getByRole('status').filter({ hasText: '签发已撤回' })).toContainText(`《${LEAD}》在签发后有改动`);
  await expect(strip.getByRole('button', { name: '签发第 1 版' })).toBeDisabled();
  await look(page, 'withdrawn');
  await view(page, /校样|Proof/);
  await expect(page.getByRole('toolbar', { name: /校样|Proof/ })).toContainText('签发已撤回');
  // The print options are the Proof view's own: asked for again, the slug says the sign-off is withdrawn.
  await page.getByRole('toolbar', { name: /校样|Proof/ }).getByRole('button', { name: /打印/ }).click();
  await options.getByRole('checkbox', { name: '版面信息行' }).check();
  await options.getByRole('button', { name: '取消' }).click();
  await expect(sheets.first().getByTestId('slug-line')).toContainText(/签发已撤回$/);
});
