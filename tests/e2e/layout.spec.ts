// The Layout view end to end: the sample front page, a story continued on
// page 2 with 转版 and its jumps (（下转第2版）
// ending part 1, （上接第1版） opening part 2), a continuation moved to a new
// page and pages reordered (both jump lines follow), a module resized and
// dragged with the mouse (overset marker live), moved and resized by keyboard,
// continued on page 2 with 转版; stories dragged from the tray, photos, guides,
// presets, a module dropped on a page thumbnail; screenshots to screenshots/.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { continueOnPage2, openLayout, showPage } from './layout-helpers';

// These walk through many steps on a page of ~1,000 lines; the shared 2-core machine is slow.
test.setTimeout(180_000);

/** The module frame of a placement on the page shown. */
function frame(page: Page, placementId: string): Locator {
  return page.locator(`[data-frame="${placementId}"]`);
}

/** Placement ids of the modules whose text holds a jump line with `text`. */
async function modulesWithJump(page: Page, text: string): Promise<string[]> {
  return page
    .getByTestId('layout-page')
    .locator('.module-text')
    .filter({ has: page.locator('[data-role=jump_line]', { hasText: text }) })
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-placement') ?? ''));
}

/**
 * Where a module's jump line stands among its body lines: 'end' when it is the
 * last line of the last column, 'start' when it is the first of the first column.
 */
async function jumpPlace(page: Page, placementId: string, text: string): Promise<'start' | 'end' | 'middle' | 'none'> {
  return page.getByTestId('layout-page').evaluate(
    (el, [id, want]) => {
      const box = el.querySelector(`.module-text[data-placement="${CSS.escape(id)}"]`);
      if (!box) return 'none';
      const heads = new Set(['kicker', 'headline', 'subtitle', 'jump_headline', 'caption', 'credit']);
      const lines = [...box.querySelectorAll<HTMLElement>('.ln')].filter((l) => !heads.has(l.dataset.role ?? ''));
      const jump = lines.find((l) => l.dataset.role === 'jump_line' && l.textContent === want);
      if (!jump) return 'none';
      // A line is placed by its margins in its box (type-lines.css).
      const pos = (l: HTMLElement) => ({ x: parseFloat(l.style.marginLeft), y: parseFloat(l.style.marginTop) });
      const xs = lines.map((l) => pos(l).x);
      const j = pos(jump);
      const sameColumn = lines.filter((l) => Math.abs(pos(l).x - j.x) < 0.5);
      if (j.x >= Math.max(...xs) - 0.5 && sameColumn.every((l) => pos(l).y <= j.y)) return 'end';
      if (j.x <= Math.min(...xs) + 0.5 && sameColumn.every((l) => pos(l).y >= j.y)) return 'start';
      return 'middle';
    },
    [placementId, text] as const,
  );
}

test('first run: the sample is a laid-out front page', async ({ page }) => {
  await openLayout(page);
  const region = page.getByTestId('layout-page');
  await expect(region.getByTestId('module').first()).toBeVisible();
  expect(await region.getByTestId('module').count()).toBeGreaterThanOrEqual(8);
  await expect(region.getByText('Galley 日报')).toBeVisible();
  await expect(region.getByText('星期六')).toBeVisible();
});

test('jumps follow a continuation moved to a new page; drag, resize and keyboard', async ({ page }) => {
  await openLayout(page);
  // Auto layout (the first-run sample is auto-laid out already; running it again gives the same page).
  await page.getByRole('button', { name: /自动排版|Auto layout/ }).click();
  const region = page.getByTestId('layout-page');

  // The sample fits its front page; a story continued on page 2 ends in （下转第2版）.
  const part1 = await continueOnPage2(page);
  await expect(region.getByText('（下转第2版）').first()).toBeVisible();
  expect(await modulesWithJump(page, '（下转第2版）')).toContain(part1);
  const storyId = part1.replace(/:1$/, '');
  const part2 = `${storyId}:2`;
  expect(await jumpPlace(page, part1, '（下转第2版）')).toBe('end');

  // Page 2: its continuation starts with （上接第1版）.
  await showPage(page, 2);
  await expect(region.getByText('（上接第1版）').first()).toBeVisible();
  expect(await modulesWithJump(page, '（上接第1版）')).toContain(part2);
  expect(await jumpPlace(page, part2, '（上接第1版）')).toBe('start');
  await page.screenshot({ path: 'screenshots/layout-page2.png' });

  // Add page 3 and move the continuation there with the inspector's action.
  await page.getByRole('button', { name: /加一版|Add page/ }).click();
  await expect(page.getByRole('navigation', { name: /版面缩略图|Page thumbnails/ }).getByRole('button', { name: /^(第3版|Page 3)$/ })).toBeVisible();
  await showPage(page, 2);
  await frame(page, part2).click();
  await page.getByLabel(/^(移到|Move to)$/).selectOption('3');
  await page.getByRole('button', { name: /^(移版|Move to page)$/ }).click();
  await expect(region).toHaveAttribute('data-page', '3');
  await expect(region.getByText('（上接第1版）').first()).toBeVisible();
  expect(await modulesWithJump(page, '（上接第1版）')).toContain(part2);
  expect(await jumpPlace(page, part2, '（上接第1版）')).toBe('start');
  await showPage(page, 1);
  expect(await modulesWithJump(page, '（下转第3版）')).toContain(part1);
  expect(await jumpPlace(page, part1, '（下转第3版）')).toBe('end');
  await expect(region.getByText('（下转第3版）').first()).toBeVisible();
  // The checker agrees: no jump problems.
  const problems = page.getByRole('region', { name: /问题|Problems/ });
  await expect(problems).toBeVisible();
  await expect(problems.locator('[data-kind^=jump]')).toHaveCount(0);

  // Reorder: page 3 moved before page 2; the jump now names page 2 again, at both ends.
  await showPage(page, 3);
  await page.getByRole('button', { name: /前移本版|Move page earlier/ }).click();
  await showPage(page, 2);
  expect(await modulesWithJump(page, '（上接第1版）')).toContain(part2);
  await showPage(page, 1);
  expect(await modulesWithJump(page, '（下转第2版）')).toContain(part1);
  await expect(problems.locator('[data-kind^=jump]')).toHaveCount(0);

  // Resize a module from its bottom handle: the overset marker appears and follows.
  // Take the deepest module that does not jump (a jumping part is never overset: its rest goes on).
  const leadId = await region.evaluate((el) => {
    let best = '';
    let most = 0;
    for (const f of el.querySelectorAll<HTMLElement>('[data-testid=module]')) {
      // (and no photo: a photo box takes the lines a text module would give to text)
      const id = f.dataset.frame!;
      const text = el.querySelector(`.module-text[data-placement="${CSS.escape(id)}"]`);
      if (!text || text.querySelector('[data-role=jump_line]') || text.querySelector('.photo')) continue;
      const lines = Number(f.getAttribute('aria-label')!.match(/(\d+) (?:行|lines)/)![1]);
      if (lines > most) [best, most] = [id, lines];
    }
    return best;
  });
  expect(leadId).not.toBe('');
  const lead = frame(page, leadId);
  await lead.click();
  const before = (await frame(page, leadId).boundingBox())!;
  const handle = frame(page, leadId).getByTestId('resize-bottom');
  const h = (await handle.boundingBox())!;
  const lineHeightPx = before.height / Number((await lead.getAttribute('aria-label'))!.match(/(\d+) (?:行|lines)/)![1]);
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  const marker = frame(page, leadId).getByTestId('overset');
  // Shrink line by line until the text no longer fits (the module may have had a few spare lines).
  let i = 0;
  while ((await marker.count()) === 0 && i < 60) {
    i++;
    await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2 - i * lineHeightPx);
  }
  await expect(marker).toBeVisible(); // live, before the mouse is released
  const during = await marker.textContent();
  for (let k = 1; k <= 6; k++) await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2 - (i + k) * lineHeightPx);
  await expect(marker).not.toHaveText(during!);
  await page.mouse.up();
  const shrunk = (await frame(page, leadId).boundingBox())!;
  expect(Math.round((before.height - shrunk.height) / lineHeightPx)).toBe(i + 6);
  const oversetLines = Number((await marker.textContent())!.match(/(\d+)/)![1]);
  expect(oversetLines).toBeGreaterThan(0);
  await expect(problems.locator('[data-kind=overset]').first()).toBeVisible();
  await page.screenshot({ path: 'screenshots/layout-overset.png' });

  // Drag the module down into the room it left: it moves by whole grid lines.
  const body = (await frame(page, leadId).boundingBox())!;
  await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(body.x + body.width / 2, body.y + body.height / 2 + i * lineHeightPx);
  await page.mouse.up();
  const dragged = (await frame(page, leadId).boundingBox())!;
  const movedLines = (dragged.y - body.y) / lineHeightPx;
  expect(Math.round(movedLines)).toBeGreaterThanOrEqual(4);
  expect(Math.abs(movedLines - Math.round(movedLines))).toBeLessThan(0.05);

  // Keyboard: up arrow moves it back a line, shift+down grows it a line (less overset).
  await frame(page, leadId).focus();
  await page.keyboard.press('ArrowUp');
  await expect.poll(async () => (await frame(page, leadId).boundingBox())!.y).toBeLessThan(dragged.y - lineHeightPx / 2);
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(async () => Number(((await marker.textContent()) ?? '0').match(/(\d+)/)![1])).toBeLessThan(oversetLines);

  // 转版: continue the overset module on page 2 with one action; the overset goes, the jump pair comes.
  await page.getByLabel(/^(转到|Continue on)$/).selectOption('2');
  await page.getByRole('button', { name: /^(转版|Continue on page…)$/ }).click();
  await expect(marker).toHaveCount(0);
  expect(await modulesWithJump(page, '（下转第2版）')).toContain(leadId);
  const storyOfLead = leadId.replace(/:\d+$/, '');
  await showPage(page, 2);
  const continuation = (await modulesWithJump(page, '（上接第1版）')).filter((id) => id.startsWith(`${storyOfLead}:`));
  expect(continuation).toHaveLength(1);
  await expect(problems.locator('[data-kind^=jump]')).toHaveCount(0);
  await expect(problems.locator('[data-kind=overset]')).toHaveCount(0);
});

test('删除本版 asks first when the page holds modules, says what becomes of them; an empty page goes at once', async ({ page }) => {
  await openLayout(page);
  const part1 = await continueOnPage2(page);
  const strip = page.getByRole('navigation', { name: '版面缩略图' });
  const thumbs = strip.getByRole('button', { name: /^第\d+版$/ });
  await expect(thumbs).toHaveCount(2);
  await showPage(page, 2);
  await strip.getByRole('button', { name: '删除本版' }).click();
  const question = page.getByRole('group', { name: /删除第 2 版？/ });
  await expect(question).toBeVisible();
  // The continuation is named, and what happens to it and to its part on page 1.
  await expect(question).toContainText(/版上的 1 个稿件块将一并移除/);
  await expect(question).toContainText(/的转版部分随本版移除；其他版上的部分保留，转版行随之更新，放不下的文字显示为超出版面/);
  await expect(question).toContainText('可用撤销恢复');
  await page.screenshot({ path: '/tmp/layout-remove-page-confirm.png' });
  // Keeping it changes nothing.
  await question.getByRole('button', { name: '保留' }).click();
  await expect(question).toHaveCount(0);
  await expect(thumbs).toHaveCount(2);

  await strip.getByRole('button', { name: '删除本版' }).click();
  await page.getByRole('group', { name: /删除第 2 版？/ }).getByRole('button', { name: '确认删除' }).click();
  await expect(thumbs).toHaveCount(1);
  await expect(page.getByTestId('layout-page')).toHaveAttribute('data-page', '1');
  expect(await modulesWithJump(page, '（下转第2版）')).not.toContain(part1);
  // As the question said: part 1's text that went on page 2 is overset again.
  await expect(page.getByRole('region', { name: /问题/ }).locator('[data-kind=overset]')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/layout-remove-page-after.png' });
  // Undo brings the page and its continuation back.
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(thumbs).toHaveCount(2);
  expect(await modulesWithJump(page, '（下转第2版）')).toContain(part1);

  // A page with nothing on it goes without a question.
  await page.getByRole('button', { name: '加一版' }).click();
  await expect(thumbs).toHaveCount(3);
  // The new page is the one shown (after page 1 here: the undo left page 1 in view).
  await expect(page.getByTestId('layout-page').getByTestId('module')).toHaveCount(0);
  await strip.getByRole('button', { name: '删除本版' }).click();
  await expect(thumbs).toHaveCount(2);
  await expect(page.getByRole('group', { name: /删除第 \d+ 版？/ })).toHaveCount(0);
});

test('another page opens at its top, not at the scroll of the page before', async ({ page }) => {
  await openLayout(page);
  await continueOnPage2(page);
  await showPage(page, 1);
  await page.getByRole('button', { name: '100%' }).click();
  // Down to the foot of page 1, where its last modules are.
  const region = page.getByRole('region', { name: '第1版版面' });
  await region.hover();
  await page.mouse.wheel(0, 5000);
  await expect(region.locator('.folio')).not.toBeInViewport();
  await showPage(page, 2);
  // Page 2's folio and the continuation's opening jump line are in sight at once.
  const page2 = page.getByRole('region', { name: '第2版版面' });
  await expect(page2.locator('.folio')).toBeInViewport();
  await expect(page2.getByText('（上接第1版）').first()).toBeInViewport();
});

test('story tray drag onto the page, photo, guides and geometry preset', async ({ page }) => {
  await openLayout(page);
  await page.getByRole('button', { name: /自动排版|Auto layout/ }).click();
  const region = page.getByTestId('layout-page');
  const modules = region.getByTestId('module');
  const count = await modules.count();

  // Take a module off the page with the keyboard: its story goes back to the tray.
  const last = modules.nth(count - 1);
  const label = (await last.getAttribute('aria-label'))!;
  const title = label.replace(/[（(].*$/, '');
  await last.focus();
  await page.keyboard.press('Delete');
  await expect(modules).toHaveCount(count - 1);
  const trayStory = page.getByTestId('tray-story').filter({ hasText: title });
  await expect(trayStory).toBeVisible();

  // Drag it from the tray onto the free area it left: placed again, sized to its text or the room.
  const freed = page.locator('.overlay');
  const area = (await freed.boundingBox())!;
  await trayStory.dragTo(region, { targetPosition: { x: area.x - (await region.boundingBox())!.x + area.width * 0.9, y: area.y - (await region.boundingBox())!.y + area.height * 0.97 } });
  await expect(modules).toHaveCount(count);
  await expect(page.getByTestId('tray-story').filter({ hasText: title })).toHaveCount(0);

  // A photo for the selected module from the file input …
  const png64 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR4nGNk+M9Qz8DAwMDEwMDAAAAhWQHfmQqWXwAAAABJRU5ErkJggg==';
  await page.locator('#photo-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(png64, 'base64') });
  await expect(region.locator('.photo img')).toHaveCount(1);
  // … and an image file dropped onto another module.
  const target = modules.first();
  const tb = (await target.boundingBox())!;
  const dataTransfer = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
    return dt;
  }, png64);
  const at = { clientX: tb.x + tb.width / 2, clientY: tb.y + tb.height / 2, dataTransfer };
  await page.locator('.canvas').dispatchEvent('dragover', at);
  await page.locator('.canvas').dispatchEvent('drop', at);
  await expect(region.locator('.photo img')).toHaveCount(2);

  // Guides toggle.
  await expect(region.locator('.guide-col').first()).toBeVisible();
  await page.getByRole('checkbox', { name: /辅助线|Guides/ }).uncheck();
  await expect(region.locator('.guide-col')).toHaveCount(0);

  // A page inserted after page 1 pushes the continuations to page 3; dragging that
  // thumbnail back before the new page brings the jump lines back to page 2.
  await continueOnPage2(page);
  await showPage(page, 1);
  await expect(region.getByText('（下转第2版）').first()).toBeVisible();
  await page.getByRole('button', { name: /加一版|Add page/ }).click();
  await showPage(page, 1);
  await expect(region.getByText('（下转第3版）').first()).toBeVisible();
  await expect(region.getByText('（下转第2版）')).toHaveCount(0);
  const strip = page.getByRole('navigation', { name: /版面缩略图|Page thumbnails/ });
  await strip.getByRole('button', { name: /^(第3版|Page 3)$/ }).dragTo(strip.getByRole('button', { name: /^(第2版|Page 2)$/ }));
  await expect(region.getByText('（下转第2版）').first()).toBeVisible();
  await expect(region.getByText('（下转第3版）')).toHaveCount(0);

  // A module dragged onto a page thumbnail moves to that page, jump numbers following.
  const jumpingId = (await modulesWithJump(page, '（下转第2版）'))[0];
  const continuationId = jumpingId.replace(/:1$/, ':2');
  await page.getByRole('button', { name: /加一版|Add page/ }).click(); // a new page 2, empty
  await showPage(page, 3);
  const cont = frame(page, continuationId);
  const cb = (await cont.boundingBox())!;
  const thumb2 = (await strip.getByRole('button', { name: /^(第2版|Page 2)$/ }).boundingBox())!;
  await page.mouse.move(cb.x + cb.width / 2, cb.y + cb.height / 2);
  await page.mouse.down();
  await page.mouse.move(thumb2.x + thumb2.width / 2, thumb2.y + thumb2.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(region).toHaveAttribute('data-page', '2');
  await expect(frame(page, continuationId)).toBeVisible();
  await showPage(page, 1);
  expect(await modulesWithJump(page, '（下转第2版）')).toContain(jumpingId);

  // Another preset: Berliner has 6 columns.
  await page.getByRole('combobox', { name: /预设|Preset/ }).selectOption('berliner');
  await page.getByRole('checkbox', { name: /辅助线|Guides/ }).check();
  await expect(region.locator('.guide-col')).toHaveCount(6);
});

test('screenshots of the layout view', async ({ page }) => {
  await openLayout(page);
  await page.getByRole('button', { name: /自动排版|Auto layout/ }).click();
  await expect(page.getByTestId('layout-page').getByTestId('module').first()).toBeVisible();
  await page.screenshot({ path: 'screenshots/layout.png' });
  // A detail at print size: the masthead and the top of the page.
  await page.getByRole('button', { name: '100%' }).click();
  await expect(page.getByRole('button', { name: '100%' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.zoom-value')).toHaveText('100%');
  await page.screenshot({ path: 'screenshots/layout-100.png' });
  // Mid-drag: the free grid areas show where the module can go, a refused spot shows red.
  await page.getByRole('button', { name: /适合窗口|Fit/ }).click();
  const mod = page.getByTestId('layout-page').getByTestId('module').nth(2);
  const b = (await mod.boundingBox())!;
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2 + 60, b.y + b.height / 2 + 40, { steps: 5 });
  await expect(page.locator('.ghost')).toBeVisible();
  await page.screenshot({ path: 'screenshots/layout-drag.png' });
  await page.mouse.up();
  // The English interface (the page itself stays in the edition's language).
  await page.getByRole('combobox', { name: /界面语言|Interface language/ }).selectOption('en');
  await expect(page.getByRole('button', { name: 'Auto layout' })).toBeVisible();
  await page.screenshot({ path: 'screenshots/layout-en.png' });
});
