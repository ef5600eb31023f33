// Photos as a desk uses them: an image file chosen for a module's story is
// stored in the browser (never as data in the edition), drawn on the page, in
// the proof and in the PDF (the UI's print and `npm run -s pdf`) at full
// resolution; the exported edition file carries its bytes, so another browser
// and the CLI have it too; fit / fill and the focal point change what the box shows; a file
// that is not an image, or too large, is refused with a message; a photo whose
// bytes this browser does not have shows a placeholder naming the file.
import { test, expect, type Page, type Locator } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { openLayout } from './layout-helpers';

test.setTimeout(300_000);

// 200 × 600: top half red, bottom half blue. Taller than any photo box, so fill always cuts top and bottom.
const FIXTURE = 'tests/fixtures/photo-red-blue.jpg';
const SHOTS = '/tmp/galley-photos';

/** The first module of page 1, selected, and its placement id. */
async function selectFirstModule(page: Page): Promise<{ id: string; frame: Locator; box: Locator }> {
  const frame = page.getByTestId('layout-page').getByTestId('module').first();
  const id = (await frame.getAttribute('data-frame'))!;
  await frame.focus();
  await expect(frame).toHaveAttribute('aria-pressed', 'true');
  const box = page.getByTestId('layout-page').locator(`[data-placement="${id}"]`).getByTestId('photo-box');
  return { id, frame, box };
}

/** Share of red and blue pixels in an element's screenshot (the photo box: fill shows one colour where focused). */
async function colours(target: Locator): Promise<{ red: number; blue: number }> {
  const png = PNG.sync.read(await target.screenshot());
  let red = 0;
  let blue = 0;
  const n = png.width * png.height;
  for (let i = 0; i < n; i++) {
    const [r, g, b] = [png.data[i * 4], png.data[i * 4 + 1], png.data[i * 4 + 2]];
    if (r > 150 && g < 90 && b < 90) red++;
    else if (b > 150 && r < 90 && g < 120) blue++;
  }
  return { red: red / n, blue: blue / n };
}

test('a photo from a file: on the page, fit / fill with a focal point, in the proof and in both PDFs', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  await openLayout(page);
  const { id, box } = await selectFirstModule(page);
  const inspector = page.getByRole('region', { name: /稿件块|Module/ });

  await inspector.getByLabel(/^(图片|Photo)$/).setInputFiles(FIXTURE);
  // At 100% the box is large enough to count its colours.
  await page.getByRole('button', { name: '100%' }).click();
  await box.scrollIntoViewIfNeeded();
  const img = box.locator('img');
  await expect(img).toHaveAttribute('alt', 'photo-red-blue.jpg');
  await expect(box.locator('[data-photo-state]')).toHaveAttribute('data-photo-state', 'drawn');
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
  await expect(inspector.getByTestId('photo-facts')).toContainText('200 × 600');

  // The edition keeps a record, the bytes are a Blob in the photo store: no image data in the doc or its storage.
  const stored = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('galley-library');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = await new Promise<{ hash: string; blob: Blob }[]>((ok) => {
      const r = db.transaction('photos').objectStore('photos').getAll();
      r.onsuccess = () => ok(r.result);
    });
    db.close();
    return all.map((p) => ({ hash: p.hash, isBlob: p.blob instanceof Blob, size: p.blob.size, type: p.blob.type }));
  });
  // Content-addressed: the key is the SHA-256 of the file's bytes (hashed in the photo worker).
  const sha256 = createHash('sha256').update(readFileSync(FIXTURE)).digest('hex');
  expect(stored).toEqual([{ hash: sha256, isBlob: true, size: readFileSync(FIXTURE).length, type: 'image/jpeg' }]);

  // Fill (the default) covers the box; the focal point at the top keeps the red half, at the bottom the blue.
  const focus = inspector.getByRole('button', { name: /焦点|focal point/ });
  await expect(focus).toBeVisible();
  const fb = (await focus.boundingBox())!;
  await focus.click({ position: { x: fb.width / 2, y: 2 } });
  await expect(inspector.getByTestId('photo-focus')).toContainText(/(上起 ?[01]%|\b[01]% from top)/);
  await expect.poll(async () => (await colours(box)).red).toBeGreaterThan(0.9);
  await box.screenshot({ path: `${SHOTS}/fill-top.png` });
  await focus.click({ position: { x: fb.width / 2, y: fb.height - 2 } });
  await expect(inspector.getByTestId('photo-focus')).toContainText(/(上起 ?(99|100)%|\b(99|100)% from top)/);
  await expect.poll(async () => (await colours(box)).blue).toBeGreaterThan(0.9);
  await box.screenshot({ path: `${SHOTS}/fill-bottom.png` });

  // Fit: the whole image, both halves, with the box's ground around it.
  await inspector.getByRole('radio', { name: /完整显示|Fit/ }).check();
  await expect(box.locator('[data-photo-state]')).toHaveAttribute('data-fit', 'fit');
  await expect(img).toHaveCSS('object-fit', 'contain');
  const fitted = await colours(box);
  // Both halves shown, about equally; the whole image in a landscape box leaves ground at its sides.
  expect(fitted.red).toBeGreaterThan(0.003);
  expect(fitted.blue).toBeGreaterThan(0.003);
  expect(Math.abs(fitted.red - fitted.blue)).toBeLessThan(Math.max(fitted.red, fitted.blue) / 2);
  expect(fitted.red + fitted.blue).toBeLessThan(0.5);
  await box.screenshot({ path: `${SHOTS}/fit.png` });
  await page.screenshot({ path: `${SHOTS}/layout.png` });

  // The proof draws the original (full resolution), in the same module; fit, so print holds the whole image.
  await page.getByRole('tab', { name: /校样|Proof/ }).click();
  const proofImg = page.getByTestId('proof-page').first().locator(`[data-placement="${id}"]`).getByTestId('photo-box').locator('img');
  await expect(proofImg).toHaveAttribute('alt', 'photo-red-blue.jpg');
  await expect.poll(() => proofImg.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(200);
  await page.screenshot({ path: `${SHOTS}/proof.png` });

  // The UI's print: the printed page holds the image at its full 200 × 600.
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  const dir = mkdtempSync(join(tmpdir(), 'galley-photos-'));
  writeFileSync(join(dir, 'proof.pdf'), pdf);
  const images = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', join(dir, 'proof.pdf')], { encoding: 'utf8' });
  expect(images).toMatch(/^\s*1\s+\d+\s+image\s+200\s+600\b/m);
  execFileSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', '-singlefile', join(dir, 'proof.pdf'), `${SHOTS}/proof-pdf`]);

  // Export: the edition file carries the photo's bytes by their hash, after the edition (no data URL in the edition itself).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^(导出整期|Export edition)/ }).click()]);
  const exported = readFileSync((await download.path())!, 'utf8');
  const file = JSON.parse(exported);
  expect(JSON.stringify(file.edition)).not.toMatch(/data:image|base64/);
  expect(Object.keys(file.photoBytes)).toEqual([sha256]);
  expect(Buffer.from(file.photoBytes[sha256], 'base64').equals(readFileSync(FIXTURE))).toBe(true);
  writeFileSync(join(dir, 'edition.galley.json'), exported);

  // Another browser (a desk with an empty photo store) opens the file: the photo is drawn, not a placeholder.
  const elsewhere = await page.context().browser()!.newContext({ viewport: page.viewportSize() ?? undefined });
  const other = await elsewhere.newPage();
  await openLayout(other);
  await other.getByTestId('open-edition-file').setInputFiles({ name: 'edition.galley.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
  await other.getByRole('button', { name: /^(作为新整期打开|Open as a new edition)$/ }).click();
  const otherBox = other.getByTestId('layout-page').locator(`[data-placement="${id}"]`).getByTestId('photo-box');
  await expect(otherBox.locator('[data-photo-state]')).toHaveAttribute('data-photo-state', 'drawn');
  await expect.poll(() => otherBox.locator('img').evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
  await other.screenshot({ path: `${SHOTS}/opened-elsewhere.png` });
  await elsewhere.close();

  // The CLI prints the same image from the file alone (no photo file beside it).
  const run = spawnSync('npx', ['tsx', 'src/cli/pdf.ts', join(dir, 'edition.galley.json'), join(dir, 'cli.pdf')], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const cliImages = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', join(dir, 'cli.pdf')], { encoding: 'utf8' });
  expect(cliImages).toMatch(/^\s*1\s+\d+\s+image\s+200\s+600\b/m);
  execFileSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', '-singlefile', join(dir, 'cli.pdf'), `${SHOTS}/cli-pdf`]);
});

test('a missing photo shows a placeholder with its file name; a wrong or too large file is refused and nothing is lost', async ({ page }) => {
  await openLayout(page);
  const { box } = await selectFirstModule(page);
  const inspector = page.getByRole('region', { name: /稿件块|Module/ });
  const input = inspector.getByLabel(/^(图片|Photo)$/);

  // Not an image (whatever its name says): a message, and the module keeps what it had.
  const photoBoxesBefore = await page.getByTestId('layout-page').getByTestId('photo-box').count();
  await input.setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('these are notes, not a photo\n') });
  await expect(page.getByText(/“notes\.jpg”(不是可用的图片|is not an image)/)).toBeVisible();
  await expect(page.getByText(/50 MB/).first()).toBeVisible();
  await expect(page.getByTestId('layout-page').getByTestId('photo-box')).toHaveCount(photoBoxesBefore);

  // A damaged JPEG (right header, broken body): refused after decoding fails.
  const broken = Buffer.concat([readFileSync(FIXTURE).subarray(0, 200), Buffer.alloc(200, 0x41)]);
  await input.setInputFiles({ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: broken });
  await expect(page.getByText(/“broken\.jpg”(已损坏|is damaged)/)).toBeVisible();

  // Too large: the limit is said, before anything is read.
  const huge = Buffer.alloc(51 * 1024 * 1024, 0);
  huge.set([0xff, 0xd8, 0xff, 0xe0]);
  const hugePath = join(mkdtempSync(join(tmpdir(), 'galley-photos-')), 'huge.jpg');
  writeFileSync(hugePath, huge);
  await input.setInputFiles(hugePath);
  await expect(page.getByText(/“huge\.jpg”.*51 MB.*50 MB/)).toBeVisible();
  await expect(page.getByTestId('layout-page').getByTestId('photo-box')).toHaveCount(photoBoxesBefore);

  // A real photo, then its bytes gone from this browser (as on another desk): the placeholder names the file.
  await input.setInputFiles(FIXTURE);
  await expect(box.locator('img')).toBeVisible();
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const r = indexedDB.open('galley-library');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    await new Promise<void>((ok) => {
      const tx = db.transaction('photos', 'readwrite');
      tx.objectStore('photos').clear();
      tx.oncomplete = () => ok();
    });
    db.close();
  });
  await page.reload();
  await page.getByRole('tab', { name: /版面|Layout/ }).click();
  const placeholder = page.getByTestId('layout-page').getByRole('img', { name: /(图片缺失|Photo missing).*photo-red-blue\.jpg/ });
  await expect(placeholder).toBeVisible();
  await expect(placeholder).toContainText('photo-red-blue.jpg');
  await expect(page.getByTestId('layout-page').locator('img[src]')).toHaveCount(0);
  await page.getByTestId('layout-page').screenshot({ path: `${SHOTS}/missing.png` });
});

test('a large photo is scaled for the screen, not drawn from the original', async ({ page }) => {
  await openLayout(page);
  const { box } = await selectFirstModule(page);
  // 6000 × 4000 with detail, made in the page (a camera-sized image without committing megabytes).
  const bytes = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(6000, 4000);
    const g = canvas.getContext('2d')!;
    for (let y = 0; y < 4000; y += 200) for (let x = 0; x < 6000; x += 200) {
      g.fillStyle = `hsl(${(x + y) % 360} 70% 50%)`;
      g.fillRect(x, y, 200, 200);
    }
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
    return [...new Uint8Array(await blob.arrayBuffer())];
  });
  await page.getByRole('region', { name: /稿件块|Module/ }).getByLabel(/^(图片|Photo)$/).setInputFiles({ name: 'large.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(bytes) });
  const img = box.locator('img');
  // Decoding and scaling 24 megapixels takes a while on a busy machine: patience, not a speed check.
  await expect(img).toHaveAttribute('alt', 'large.jpg', { timeout: 90_000 });
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0);
  const natural = await img.evaluate((el: HTMLImageElement) => el.naturalWidth);
  expect(natural).toBeLessThan(6000);
  // Still sharp on screen: at least the box's width in device pixels.
  const shown = (await img.boundingBox())!.width;
  expect(natural).toBeGreaterThanOrEqual(Math.floor(shown));
});

test('a photo chosen in the Stories view fills the box its story asked for', async ({ page }) => {
  await page.goto('/');
  // 西安：保障生活物资供应 runs with a caption, so its module keeps a box for a photo to come.
  await page.locator('.story-row').filter({ hasText: '西安：保障生活物资供应' }).click();
  const meta = page.getByRole('region', { name: /^(稿件信息|Story details)$/ });
  await meta.getByLabel(/^(图片|Photo)$/).setInputFiles(FIXTURE);
  await expect(meta.getByTestId('photo-facts')).toContainText('photo-red-blue.jpg');

  await page.getByRole('tab', { name: /版面|Layout/ }).click();
  const region = page.getByTestId('layout-page');
  const drawn = region.locator('img[alt="photo-red-blue.jpg"]');
  await expect(drawn).toBeVisible();
  // Only stories with a photo or asking for one have a box, and every box here now has its photo.
  await expect(region.getByTestId('photo-box')).toHaveCount(1);
  await expect(region.getByText(/此处待配图片|Photo to come/)).toHaveCount(0);
  await region.screenshot({ path: `${SHOTS}/stories-photo.png` });
});

test('a photo given to a story makes its module grow into the free lines below it', async ({ page }) => {
  await openLayout(page);
  const region = page.getByTestId('layout-page');
  // A text-only module that does not jump, with the modules under it taken off the page.
  const pick = await region.evaluate((el) => {
    const frames = [...el.querySelectorAll<HTMLElement>('[data-testid=module]')];
    for (const f of frames) {
      const id = f.dataset.frame!;
      const text = el.querySelector(`.module-text[data-placement="${CSS.escape(id)}"]`);
      if (!text || text.querySelector('[data-role=jump_line]') || text.querySelector('.photo')) continue;
      const r = f.getBoundingClientRect();
      const below = frames.filter((g) => {
        const q = g.getBoundingClientRect();
        return g !== f && q.top >= r.bottom - 1 && q.left < r.right - 1 && q.right > r.left + 1;
      });
      if (below.length) return { id, below: below.map((g) => g.dataset.frame!) };
    }
    return null;
  });
  expect(pick).not.toBeNull();
  const frameOf = (id: string) => region.locator(`[data-testid=module][data-frame="${id}"]`);
  for (const id of pick!.below) {
    await frameOf(id).focus();
    await page.keyboard.press('Delete');
    await expect(frameOf(id)).toHaveCount(0);
  }
  const target = frameOf(pick!.id);
  const lines = async () => Number((await target.getAttribute('aria-label'))!.match(/(\d+) (?:行|lines)/)![1]);
  const before = await lines();
  await target.focus();
  await expect(target).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('region', { name: /稿件块|Module/ }).getByLabel(/^(图片|Photo)$/).setInputFiles(FIXTURE);
  await expect(region.locator(`[data-placement="${pick!.id}"]`).getByTestId('photo-box').locator('img')).toBeVisible();
  await expect.poll(lines).toBeGreaterThan(before);
  await expect(target.getByTestId('overset')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/photo-room.png` });
});
