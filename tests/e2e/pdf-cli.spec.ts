// `npm run -s pdf` as a desk or a script uses it: a text file in, a PDF out with
// one sheet per page at the grid's size, the faces embedded, the jump lines
// extractable as text; unreadable input exits 1 with a message.
import { test, expect } from '@playwright/test';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

test.setTimeout(300_000);

const PT_PER_MM = 72 / 25.4;

function pdf(args: string[]) {
  return spawnSync('npx', ['tsx', 'src/cli/pdf.ts', ...args], { encoding: 'utf8' });
}

test('npm run pdf prints a front page continued inside: pages, size, fonts, jump lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-pdf-'));
  const out = join(dir, 'front.pdf');
  // (The sample fits its front page, every module as deep as its text: this People's Daily page runs on inside.)
  const source = 'tests/fixtures/layout/rmrb-20200103-01.txt';
  const run = pdf([source, out]);
  expect(run.status, run.stderr).toBe(0);
  // One sheet per page the layout command lays out, and more than the front page.
  const laid = JSON.parse(execFileSync('npx', ['tsx', 'src/cli/layout.ts', source, '--json'], { encoding: 'utf8' })) as { pages: unknown[] };
  expect(laid.pages.length).toBeGreaterThan(1);
  const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
  expect(info).toMatch(new RegExp(`^Pages:\\s+${laid.pages.length}$`, 'm'));
  // 对开 is 390 × 545 mm.
  const [, w, h] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/)!;
  expect(Number(w) / PT_PER_MM).toBeCloseTo(390, 0);
  expect(Number(h) / PT_PER_MM).toBeCloseTo(545, 0);
  const fonts = execFileSync('pdffonts', [out], { encoding: 'utf8' });
  for (const face of ['NotoSerifSC', 'NotoSansSC']) expect(fonts).toContain(face);
  // Every face is embedded: the "emb" column says yes on every row.
  const rows = fonts.split('\n').slice(2).filter(Boolean);
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(row).toMatch(/\byes\s+yes\s+yes\b/);
  const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('（下转第2版）');
  expect(text).toContain('（上接第1版）');
});

test('npm run pdf adds crop marks and a slug line when asked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-pdf-'));
  const out = join(dir, 'marks.pdf');
  const run = pdf(['tests/fixtures/front-page-zh.txt', out, '--crop-marks', '--slug']);
  expect(run.status, run.stderr).toBe(0);
  const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
  const [, w] = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/)!;
  // 12 mm of paper each side for the marks.
  expect(Number(w) / PT_PER_MM).toBeCloseTo(414, 0);
  const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
  expect(text).toMatch(/第1版\s*印于/);
});

test('two prints started at once on a fresh checkout both succeed (one builds the print page, the other waits for it)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-pdf-'));
  // An empty build folder of their own: as on a fresh clone, neither finds a build.
  const env = { ...process.env, GALLEY_PRINT_CACHE: join(dir, 'print-build') };
  // A lock left by a print killed mid-build (its process gone) does not hold the others up.
  writeFileSync(join(dir, 'print-build.lock'), String(spawnSync('true').pid));
  const print = (out: string) =>
    new Promise<{ status: number | null; stderr: string }>((done) => {
      const child = spawn('npx', ['tsx', 'src/cli/pdf.ts', 'tests/fixtures/front-page-zh.txt', out], { env });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => done({ status, stderr }));
    });
  const outs = [join(dir, 'a.pdf'), join(dir, 'b.pdf')];
  const runs = await Promise.all(outs.map(print));
  for (const run of runs) expect(run.status, run.stderr).toBe(0);
  // One built it; the other found it built.
  expect(runs.filter((r) => r.stderr.includes('Building the print page')).length).toBe(1);
  for (const out of outs) {
    expect(existsSync(out)).toBe(true);
    expect(execFileSync('pdfinfo', [out], { encoding: 'utf8' })).toMatch(/^Pages:\s+1$/m);
  }
});

test('npm run pdf refuses unreadable input with a message and exit 1', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-pdf-'));
  const binary = join(dir, 'photo.bin');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  const broken = join(dir, 'broken.galley.json');
  writeFileSync(broken, '{"format": "galley-edition", "version": 1, "edition": {');
  const newer = join(dir, 'newer.galley.json');
  writeFileSync(newer, JSON.stringify({ format: 'galley-edition', version: 99, edition: { pages: [], stories: [] } }));
  for (const [input, message] of [
    [join(dir, 'missing.txt'), /cannot read/],
    [binary, /binary/],
    [broken, /not a readable edition file/],
    [newer, /newer than this build/],
  ] as const) {
    const run = pdf([input, join(dir, 'out.pdf')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(message);
  }
});
