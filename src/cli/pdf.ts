// npm run -s pdf -- <text file | edition.galley.json> <out.pdf> [--preset duikai|berliner|sikai|a3] [--crop-marks] [--slug] [--photos DIR]
// Prints an edition to PDF exactly as the Proof view's 打印 / PDF does: the
// same ProofSheets component, in Debian's Chromium, one sheet per page at the
// grid's size in mm, fonts embedded, text extractable. A text file is imported
// and auto-laid out first (as `npm run -s layout`); an edition file is printed
// as it is. The built app is cached under node_modules/.cache/galley-print and
// rebuilt when a source is newer than it.
// Photos: an edition file (version 3) carries each photo's bytes; a photo it
// does not carry (an older file, or one left out of the export) is read from
// --photos DIR (default: the edition file's folder) by file name. Either way it
// is printed at full resolution. A photo found in neither prints as its
// placeholder, named, and is listed on stderr.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Edition } from '../lib/model/edition';
import { isPhotoRecord, sniffPhotoType, type PhotoRecord } from '../lib/model/photo';
import type { PhotoBytes } from '../lib/model/edition-file';
import { build, preview } from 'vite';
import { chromium } from '@playwright/test';
import { readEditionSource, SourceError } from './edition-source';
import { ImportError } from '../lib/import/index';
import { formatMoment } from '../lib/i18n/catalog';

const ROOT = resolve(import.meta.dirname, '../..');
/** Where the built print page is kept; GALLEY_PRINT_CACHE puts it elsewhere (a test's own empty folder). */
const OUT_DIR = process.env.GALLEY_PRINT_CACHE ? resolve(process.env.GALLEY_PRINT_CACHE) : join(ROOT, 'node_modules/.cache/galley-print');
const STAMP = join(OUT_DIR, '.built');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** What the build reads: a newer file than the stamp means the cached build is stale. */
const BUILD_INPUTS = ['src', 'index.html', 'print.html', 'vite.config.ts', 'package-lock.json', 'svelte.config.js'];
/** Page.pdf waits this long for the sheets and their fonts at most. */
const READY_TIMEOUT_MS = 120_000;

interface Options {
  input: string;
  output: string;
  preset: string;
  cropMarks: boolean;
  slug: boolean;
  photos: string | null;
}

function usage(): never {
  process.stderr.write('usage: npm run -s pdf -- <text file | edition.galley.json> <out.pdf> [--preset duikai|berliner|sikai|a3] [--crop-marks] [--slug] [--photos DIR]\n');
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const files: string[] = [];
  const o: { preset: string; cropMarks: boolean; slug: boolean; photos: string | null } = { preset: 'duikai', cropMarks: false, slug: false, photos: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--preset') o.preset = argv[++i] ?? usage();
    else if (a === '--crop-marks') o.cropMarks = true;
    else if (a === '--slug') o.slug = true;
    else if (a === '--photos') o.photos = argv[++i] ?? usage();
    else if (a.startsWith('--')) usage();
    else files.push(a);
  }
  if (files.length !== 2) usage();
  return { input: files[0], output: files[1], ...o };
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

/** Held while one process builds the print page (its pid inside); a lock older than this was left behind whatever it says. */
const BUILD_LOCK = `${OUT_DIR}.lock`;
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Two prints started at once on a fresh checkout both found no build and built into the same
 * folder, each emptying it first: the first one's page then lost its fonts mid-print ("A network
 * error occurred"). One process builds while holding a lock file; the others wait for it and find
 * the build fresh.
 */
async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(BUILD_LOCK), { recursive: true });
  let fd: number | null = null;
  let told = false;
  while (fd === null) {
    try {
      fd = openSync(BUILD_LOCK, 'wx');
      writeFileSync(fd, String(process.pid));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (lockLeftBehind()) {
        try {
          unlinkSync(BUILD_LOCK);
        } catch {
          // Taken away meanwhile: the next try takes it.
        }
        continue;
      }
      if (!told) process.stderr.write('Waiting for another print to finish building the print page…\n');
      told = true;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await work();
  } finally {
    closeSync(fd);
    unlinkSync(BUILD_LOCK);
  }
}

/** The lock's holder is gone (killed mid-build, Ctrl+C) or it is older than any build takes. */
function lockLeftBehind(): boolean {
  try {
    if (Date.now() - statSync(BUILD_LOCK).mtimeMs > STALE_LOCK_MS) return true;
    const pid = Number(readFileSync(BUILD_LOCK, 'utf8'));
    if (!pid) return false; // just made, its pid not written yet
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function ensureBuild(): Promise<void> {
  const fresh = () => {
    const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
    return built > 0 && BUILD_INPUTS.every((p) => newestMtime(join(ROOT, p)) <= built);
  };
  if (fresh()) return;
  await withBuildLock(async () => {
    if (fresh()) return; // built by the process that held the lock
    process.stderr.write('Building the print page (once, cached)…\n');
    await build({ root: ROOT, logLevel: 'error', build: { outDir: OUT_DIR, emptyOutDir: true } });
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(STAMP, new Date().toISOString());
  });
}

/**
 * The bytes of every photo of the edition, by photo id: the bytes the edition
 * file carries for the record's hash, else the file of the record's name in
 * `dir`, or the bytes of a data URL an older edition file carries (turned into
 * a record here, as the app does when it opens one).
 */
function photoFiles(edition: Edition, carried: PhotoBytes, dir: string): { edition: Edition; files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  const photos: Record<string, PhotoRecord> = {};
  for (const [id, value] of Object.entries((edition.photos ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string') {
      const bytes = Buffer.from(value.replace(/^data:[^,]*;base64,/, ''), 'base64');
      const type = sniffPhotoType(bytes.subarray(0, 16));
      if (!type) continue;
      const hash = createHash('sha256').update(bytes).digest('hex');
      photos[id] = { id, hash, name: id, type, width: 0, height: 0, fit: 'fill', focusX: 0.5, focusY: 0.5 };
      files.set(id, bytes);
      continue;
    }
    if (!isPhotoRecord(value)) continue;
    photos[id] = value;
    const inFile = carried[value.hash] ? Buffer.from(carried[value.hash], 'base64') : null;
    if (inFile && createHash('sha256').update(inFile).digest('hex') === value.hash) {
      files.set(id, inFile);
      continue;
    }
    if (inFile) process.stderr.write(`photo ${value.name}: the bytes in the edition file are damaged; looking for the file instead\n`);
    const path = join(dir, value.name);
    if (!value.name || value.name.includes('/') || !existsSync(path)) {
      process.stderr.write(`photo not found: ${path} (printed as a placeholder)\n`);
      continue;
    }
    const bytes = readFileSync(path);
    if (createHash('sha256').update(bytes).digest('hex') !== value.hash) process.stderr.write(`photo ${value.name} differs from the file the edition took in; printing it as it is now\n`);
    files.set(id, bytes);
  }
  return { edition: { ...edition, photos }, files };
}

async function main(argv: string[]): Promise<void> {
  const options = parseArgs(argv);
  const source = readEditionSource(options.input, options.preset);
  const { edition, files } = photoFiles(source.edition, source.photoBytes, options.photos ?? (options.input === '-' ? process.cwd() : dirname(resolve(options.input))));
  await ensureBuild();
  const server = await preview({ root: ROOT, logLevel: 'error', build: { outDir: OUT_DIR }, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const base = server.resolvedUrls?.local[0];
  if (!base) throw new Error('the print server did not start');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.route('**/__edition.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(edition) }));
    await page.route('**/__photos/*', (route) => {
      const id = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '');
      const bytes = files.get(id);
      const record = edition.photos?.[id];
      return bytes && record ? route.fulfill({ contentType: record.type, body: bytes }) : route.fulfill({ status: 404, body: '' });
    });
    const query = new URLSearchParams({ edition: '/__edition.json', photos: '/__photos/' });
    if (options.cropMarks) query.set('crop-marks', '');
    if (options.slug) query.set('slug', '');
    query.set('printed-at', formatMoment(edition.language, new Date()));
    await page.goto(new URL(`print.html?${query}`, base).href);
    await page.waitForFunction(() => document.documentElement.dataset.printReady || document.documentElement.dataset.printError, null, { timeout: READY_TIMEOUT_MS });
    const error = await page.evaluate(() => document.documentElement.dataset.printError);
    if (error) throw new Error(error);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(options.output, pdf);
    process.stderr.write(`${options.output}: ${edition.pages.length} page(s)\n`);
  } finally {
    await browser.close();
    await new Promise<void>((done) => server.httpServer.close(() => done()));
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  const known = e instanceof SourceError || e instanceof ImportError;
  process.stderr.write(`pdf failed: ${e instanceof Error ? e.message : String(e)}\n`);
  if (!known && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  process.exit(1);
});
