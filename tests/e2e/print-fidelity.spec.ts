// The PDF is the proof: each page of the Proof view, rendered to PNG at print
// size, is compared with the same page of (a) the PDF the UI's print gives and
// (b) the PDF `npm run -s pdf` makes from the edition the UI exported, both
// rasterised by poppler's pdftoppm at the same resolution. They must agree
// within PROOF_PDF_MAX_DIFF (README, "PDF fidelity"). What differs is how two
// rasterisers draw the edges of small glyphs (Chromium's Skia with hinting,
// poppler's FreeType): both images are blurred over BLUR_RADIUS px (0.5 mm)
// first, which evens that out but keeps a moved, missing or extra line: a
// negative control shifts the PDF page by SHIFT_PX and must fail the limit.
import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import pixelmatch from 'pixelmatch';
import { continueOnPage2, openLayout } from './layout-helpers';

/** Share of pixels that may differ between the proof and a PDF page (measured: ~0.05%). */
const PROOF_PDF_MAX_DIFF = 0.002;
/** pixelmatch's per-pixel colour tolerance (0–1). */
const PIXEL_THRESHOLD = 0.3;
/** Box blur radius in px applied to both images before comparing. */
const BLUR_RADIUS = 2;
/** The negative control's shift: 2 px is 0.53 mm at 96 dpi. */
const SHIFT_PX = 2;
/** CSS px per inch: a proof sheet at 100% is its size in mm at this resolution. */
const DPI = 96;

test.setTimeout(400_000);

function rasterise(pdf: string, dir: string, prefix: string): PNG[] {
  execFileSync('pdftoppm', ['-r', String(DPI), '-png', pdf, join(dir, prefix)]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => PNG.sync.read(readFileSync(join(dir, f))));
}

/** A separable box blur of radius r (RGB; alpha set opaque). */
function blur(p: PNG, r: number): PNG {
  const { width: w, height: h } = p;
  const pass = (src: Buffer, dst: Buffer, horizontal: boolean) => {
    const [outer, inner] = horizontal ? [h, w] : [w, h];
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        let r0 = 0, g0 = 0, b0 = 0, n = 0;
        for (let k = Math.max(0, i - r); k <= Math.min(inner - 1, i + r); k++) {
          const at = (horizontal ? o * w + k : k * w + o) * 4;
          r0 += src[at]; g0 += src[at + 1]; b0 += src[at + 2]; n++;
        }
        const to = (horizontal ? o * w + i : i * w + o) * 4;
        dst[to] = r0 / n; dst[to + 1] = g0 / n; dst[to + 2] = b0 / n; dst[to + 3] = 255;
      }
    }
  };
  const tmp = new PNG({ width: w, height: h });
  const out = new PNG({ width: w, height: h });
  pass(p.data, tmp.data, true);
  pass(tmp.data, out.data, false);
  return out;
}

/** `p` cut (or padded white) to width × height, its content moved right by `shift` px. */
function framed(p: PNG, width: number, height: number, shift = 0): PNG {
  const out = new PNG({ width, height });
  out.data.fill(255);
  PNG.bitblt(p, out, 0, 0, Math.min(p.width, width - shift), Math.min(p.height, height), shift, 0);
  return out;
}

/** Share of differing pixels over the area both images cover (they may differ by a rounding pixel). */
function difference(proof: PNG, pdf: PNG, diffPath?: string, shift = 0): number {
  expect(Math.abs(proof.width - pdf.width)).toBeLessThanOrEqual(1);
  expect(Math.abs(proof.height - pdf.height)).toBeLessThanOrEqual(1);
  const width = Math.min(proof.width, pdf.width);
  const height = Math.min(proof.height, pdf.height);
  const a = blur(framed(proof, width, height), BLUR_RADIUS);
  const b = blur(framed(pdf, width, height, shift), BLUR_RADIUS);
  const diff = diffPath ? new PNG({ width, height }) : null;
  const differing = pixelmatch(a.data, b.data, diff?.data ?? null, width, height, { threshold: PIXEL_THRESHOLD });
  if (diff && diffPath) {
    mkdirSync('screenshots', { recursive: true });
    writeFileSync(diffPath, PNG.sync.write(diff));
  }
  return differing / (width * height);
}

async function proofPages(page: Page): Promise<PNG[]> {
  await page.getByRole('tab', { name: /校样|Proof/ }).click();
  const sheets = page.getByTestId('proof-page');
  await expect(sheets.first()).toBeVisible();
  await page.getByRole('button', { name: '100%' }).click();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // With print media the app's bars are gone and the sheets stand at print size
  // in the page's own flow, so a sheet's screenshot is not cut by the view's
  // scroll box or covered by the top bar: the proof page as the screen draws it.
  await page.emulateMedia({ media: 'print' });
  const out: PNG[] = [];
  for (let i = 0; i < (await sheets.count()); i++) out.push(PNG.sync.read(await sheets.nth(i).locator('.proof-paper').screenshot()));
  await page.emulateMedia({ media: null });
  return out;
}

test('the PDF from the UI and from npm run pdf match the proof page for page', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-fidelity-'));
  await openLayout(page);
  // The sample fits its front page: continue a story on page 2 (转版) so the proof has two pages and a jump.
  await continueOnPage2(page);
  const proof = await proofPages(page);
  expect(proof.length).toBeGreaterThanOrEqual(2);

  // (a) the UI's print
  const uiPdf = join(dir, 'ui.pdf');
  writeFileSync(uiPdf, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  const ui = rasterise(uiPdf, dir, 'ui');
  expect(ui.length).toBe(proof.length);
  for (const [i, png] of ui.entries()) {
    const share = difference(proof[i], png, `screenshots/fidelity-ui-${i + 1}.png`);
    test.info().annotations.push({ type: 'ui-pdf-diff', description: `page ${i + 1}: ${(share * 100).toFixed(3)}%` });
    expect(share).toBeLessThanOrEqual(PROOF_PDF_MAX_DIFF);
  }
  // The negative control: the same page moved by half a millimetre is caught.
  expect(difference(proof[0], ui[0], undefined, SHIFT_PX)).toBeGreaterThan(PROOF_PDF_MAX_DIFF);

  // (b) the command line, from the edition the UI exports
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /导出整期|Export edition/ }).click();
  const file = join(dir, 'edition.galley.json');
  await (await download).saveAs(file);
  const cliPdf = join(dir, 'cli.pdf');
  execFileSync('npx', ['tsx', 'src/cli/pdf.ts', file, cliPdf], { stdio: 'inherit' });
  const cli = rasterise(cliPdf, dir, 'cli');
  expect(cli.length).toBe(proof.length);
  for (const [i, png] of cli.entries()) {
    const share = difference(proof[i], png, `screenshots/fidelity-cli-${i + 1}.png`);
    test.info().annotations.push({ type: 'cli-pdf-diff', description: `page ${i + 1}: ${(share * 100).toFixed(3)}%` });
    expect(share).toBeLessThanOrEqual(PROOF_PDF_MAX_DIFF);
  }
});
