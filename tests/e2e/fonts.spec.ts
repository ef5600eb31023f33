// What a first load fetches: the bundled faces come in unicode-range pieces, so
// the sample fetches only the pieces of the characters it shows, never a whole
// chinese-simplified file or the whole 7 MB LXGW WenKai; the typeset page says
// data-laid-out once every face its lines use has loaded; print and PDF carry
// every glyph in the bundled faces. (Timing is the bench's: bench/first-load.ts.)
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

test.setTimeout(180_000);

/** Font files the page fetches, by file name. */
function fontRequests(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (r) => {
    if (/\.woff2?(\?|$)/.test(r.url())) files.push(r.url().split('/').pop()!);
  });
  return files;
}

/**
 * Characters drawn in a bundled family (text under `selector`) that no loaded face of that
 * family and weight covers: each would be drawn in a fallback font, whose glyphs and widths
 * are not the engine's. Reads document.fonts itself (document.fonts.check says true for a
 * character no face of the family names, which is exactly the case to catch), and counts the
 * faces the document knows of.
 */
async function unfaced(page: Page, selector: string): Promise<{ missing: string[]; chars: number; faces: number }> {
  return page.evaluate((selector) => {
    const bundled = ['Noto Serif SC', 'Noto Sans SC', 'LXGW WenKai', 'Noto Serif'];
    const faces = [...(document.fonts as unknown as Iterable<FontFace>)];
    const ranges = new Map<FontFace, [number, number][]>();
    for (const f of faces)
      ranges.set(
        f,
        f.unicodeRange.split(',').map((part) => {
          const [a, b] = part.trim().slice(2).split('-').map((h) => parseInt(h, 16));
          return [a, b ?? a];
        }),
      );
    const missing = new Set<string>();
    let chars = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!el.closest(selector) || !el.getClientRects().length) continue;
      const cs = getComputedStyle(el);
      const family = cs.fontFamily.split(',').map((f) => f.trim().replace(/^['"]|['"]$/g, ''))[0];
      if (!bundled.includes(family)) continue;
      const weight = Number(cs.fontWeight);
      const ofFamily = faces.filter((f) => f.family.replace(/^['"]|['"]$/g, '') === family);
      const weights = [...new Set(ofFamily.map((f) => Number(f.weight)))].sort((a, b) => Math.abs(a - weight) - Math.abs(b - weight) || (weight > 500 ? b - a : a - b));
      const mine = ofFamily.filter((f) => Number(f.weight) === weights[0]);
      for (const ch of n.textContent ?? '') {
        const cp = ch.codePointAt(0)!;
        if (cp <= 0x20 || cp === 0xa0) continue;
        chars++;
        const face = mine.find((f) => ranges.get(f)!.some(([a, b]) => cp >= a && cp <= b));
        if (!face || face.status !== 'loaded') missing.add(`${ch} U+${cp.toString(16)} ${family} ${weight}${face ? ` (${face.status})` : ''}`);
      }
    }
    return { missing: [...missing], chars, faces: faces.length };
  }, selector);
}

const WHOLE_FILE = /chinese-simplified|lxgw-wenkai-latin/;

test('a new user: the Stories view fetches slices only, and its story text has its faces', async ({ page }) => {
  const files = fontRequests(page);
  await page.goto('/');
  const editor = page.locator('.ProseMirror');
  await expect(editor).toContainText('习近平');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter((f) => WHOLE_FILE.test(f))).toEqual([]);
  // The story is set in the bundled faces, and every character of it has its face loaded.
  const story = await unfaced(page, '.ProseMirror');
  expect(story.chars).toBeGreaterThan(200);
  expect(story.missing).toEqual([]);
  // Typing a character the page had not shown: its piece is registered and loads (no fallback glyph stays).
  await editor.getByRole('paragraph').filter({ hasText: '新华社北京' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type('鼋鼍');
  await expect(editor).toContainText('鼋鼍');
  await expect.poll(async () => (await unfaced(page, '.ProseMirror')).missing).toEqual([]);
});

test('the Layout view: the page is marked laid out once its faces have loaded, from slices only', async ({ page }) => {
  const files = fontRequests(page);
  await page.goto('/');
  await page.getByRole('tab', { name: /版面|Layout/ }).click();
  const sheet = page.getByTestId('layout-page').locator('.sheet');
  await expect(sheet).toHaveAttribute('data-laid-out');
  // Every character on the sheet (lines, folio, masthead) has its face loaded when the page says it is laid out.
  const sheetFaces = await unfaced(page, '.sheet');
  expect(sheetFaces.chars).toBeGreaterThan(2000);
  expect(sheetFaces.missing).toEqual([]);
  // The document knows of the pieces its text needs, not of every piece (some 6,500; 2,176 rules before).
  expect(sheetFaces.faces).toBeLessThan(800);
  const families = await page.evaluate(() => [...new Set([...document.querySelectorAll<HTMLElement>('.sheet .ln')].map((el) => getComputedStyle(el).fontFamily.split(',')[0]))].join('\n'));
  // Body (song), headlines (hei) and bylines (kai) are all on the sample front page.
  expect(families).toMatch(/Noto Serif SC/);
  expect(families).toMatch(/Noto Sans SC/);
  expect(families).toMatch(/LXGW WenKai/);
  expect(files.filter((f) => WHOLE_FILE.test(f))).toEqual([]);
  // Kai comes in pieces (public/fonts/pieces/kai-500-*): the page's bylines and captions need a few.
  const kai = files.filter((f) => /^kai-500-\d+/.test(f));
  expect(kai.length).toBeGreaterThan(0);
  expect(kai.length).toBeLessThan(80);

  // A returning user opens on the Layout view: the marker comes back on a fresh load.
  await expect(page.getByRole('status').filter({ hasText: /^(已保存|Saved)$/ })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('layout-page').locator('.sheet')).toHaveAttribute('data-laid-out');
  expect((await unfaced(page, '.sheet .ln')).missing).toEqual([]);
});

test('the PDF of the proof embeds the bundled faces for every character printed', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: /版面|Layout/ }).click();
  await expect(page.getByTestId('layout-page').locator('.sheet')).toHaveAttribute('data-laid-out');
  await page.getByRole('tab', { name: /校样|Proof/ }).click();
  const sheets = page.getByTestId('proof-page').locator('.sheet');
  await expect(sheets.first()).toBeVisible();
  const count = await sheets.count();
  for (let i = 0; i < count; i++) await expect(sheets.nth(i)).toHaveAttribute('data-laid-out');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  expect((await unfaced(page, '.sheet')).missing).toEqual([]);
  const printed = await page.evaluate(() => [...document.querySelectorAll('.sheet .ln')].map((el) => el.textContent).join(''));
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  mkdirSync('test-results', { recursive: true });
  const path = 'test-results/fonts-proof.pdf';
  writeFileSync(path, pdf);

  // pdffonts: every font embedded, and the page's text drawn only in the bundled faces (no system fallback).
  const rows = execFileSync('pdffonts', [path], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  expect(rows.length).toBeGreaterThan(0);
  const names = rows.map((r) => r.split(/\s+/)[0]);
  for (const family of ['NotoSerifSC', 'NotoSansSC', 'LXGWWenKai']) expect(names.some((n) => n.includes(family)), `${family} in ${names.join(', ')}`).toBe(true);
  for (const r of rows) expect(r, 'embedded').toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
  const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
  const han = (s: string) => new Set([...s].filter((c) => /\p{Script=Han}/u.test(c)));
  const missing = [...han(printed)].filter((c) => !text.includes(c));
  expect(missing).toEqual([]);
});
