// Cuts the bundled CJK faces into unicode-range pieces and writes the table the
// app's face loader (src/lib/state/face-loader.ts) reads to register only the
// pieces of the characters on screen, instead of some two thousand @font-face rules.
//
// Why a table and not CSS: every @font-face rule costs bytes in the first load's
// CSS and a face the browser matches text against (770 per family were half a
// second of style and font matching on a first load). A table of one shared
// character order costs ~2 bytes a character, however finely each face is cut,
// and the loader registers only the pieces a page needs; so the display faces,
// which set tens to a few hundred characters a page, can be cut much finer.
//
// The order: every code point of @fontsource's numbered frequency bands (Noto
// SC), most frequent first as a national daily sets them (the People's Daily
// pages in tests/fixtures), then the rest by band (higher bands are more
// frequent) and code point, then the kai characters outside the bands. Each face
// cuts this one order into consecutive pieces: within rank bins [0,64),
// [64,128), [128,256) … a piece of k ranks, k chosen per bin and per face (by its use:
// body, display, small) by leave-one-out over the corpus pages: the k whose pieces
// would have cost least on each page when the order is counted from the other
// pages, a piece costing its bytes (PIECE_OVERHEAD + GLYPH_BYTES a character +
// the response's headers) plus the face's REQUEST_BYTES; a larger k within SLACK_BYTES a
// page of the least is preferred (fewer files). A piece is named by its face and
// first rank (`hei-700-132.woff2`); its characters are the order's in its ranks
// that the face has. The table's common part (ranks below COMMON) is in the
// app's code; the rest is a module the loader imports only for a character past it.
//
// The pieces keep every glyph's advance and the layout features of the kept
// glyphs (hb-subset via subset-font; hinting, the STAT and BASE tables and
// the vertical-metrics tables, which horizontal text never reads, are dropped),
// so the metric tables src/lib/typeset/metrics/*.json, read from the @fontsource
// files by scripts/build-metrics.ts, still describe what is drawn: checked at the end.
//
// Sources: the @fontsource slices for the Noto SC faces and, for LXGW WenKai, the
// slices scripts/build-kai-slices.ts cut (src/fonts/lxgw-wenkai-500). Files that
// hold no band character (Noto's latin, latin-ext, cyrillic and vietnamese, kai's
// slices beyond the bands) are used as they are, declared in src/fonts/slices.css.
//
// Output (committed: cutting some thousands of pieces in wasm takes minutes):
// public/fonts/pieces/*.woff2, src/fonts/face-table.ts (+ face-table-rare.ts),
// src/fonts/slices.css. Run again when an @fontsource font or the corpus changes:
//   npm run face-pieces          (--plan: print the cut without writing anything;
//                                 --check: verify the files as they are; --faces a,b: only these faces)
import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';
import fontverter from 'fontverter';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { parseRange, toRange } from '../src/fonts/unicode-range.ts';
import { encodeOrder } from '../src/fonts/face-order.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public/fonts/pieces');

interface FontLike {
  characterSet: number[];
  glyphForCodePoint(cp: number): { advanceWidth: number; path: { commands: unknown[] } };
}
function readFont(path: string): FontLike {
  return fontkit.create(readFileSync(path)) as unknown as FontLike;
}

/**
 * What a face sets on a page, which decides its cut: body text (song 400, about a thousand
 * distinct characters a page), headlines (hei 700 and song 700, a hundred or two), and the
 * small lines (kicker and subtitle in hei 400, bylines and captions in kai: some tens).
 */
type Use = 'body' | 'display' | 'small';


interface Face {
  key: string;
  family: string;
  weight: number;
  use: Use;
  /** Source file of each band code point the face has. */
  source: Map<number, string>;
  /** Files used as they are: declared in slices.css with their ranges, after the pieces. */
  kept: { url: string; range: string }[];
}

/** The file a browser takes each code point from: the last-declared whose range and cmap both have it. */
function owners(decls: { path: string; range: number[] }[]): Map<number, number> {
  const owner = new Map<number, number>();
  decls.forEach((d, i) => {
    const cmap = new Set(readFont(d.path).characterSet);
    for (const cp of d.range) if (cmap.has(cp)) owner.set(cp, i);
  });
  return owner;
}

/** An @fontsource SC face: its numbered slices (bands) are cut; the others are kept. Also gives each band code point its band. */
function notoFace(key: string, pkg: string, family: string, weight: number, use: Use, bandOf: Map<number, number>): Face {
  const css = readFileSync(join(root, `node_modules/@fontsource/${pkg}/${weight}.css`), 'utf8');
  const decls = [...css.matchAll(/url\(\.\/files\/([^)]+\.woff2)\).*?unicode-range: ([^;]+);/gs)].map((m) => ({
    file: m[1],
    band: /-(\d+)-\d+-normal\.woff2$/.exec(m[1])?.[1],
    path: join(root, `node_modules/@fontsource/${pkg}/files/${m[1]}`),
    range: parseRange(m[2]),
    cssRange: m[2].replace(/\s+/g, ''),
  }));
  const source = new Map<number, string>();
  for (const [cp, i] of owners(decls)) {
    if (!decls[i].band) continue;
    source.set(cp, decls[i].path);
    bandOf.set(cp, Math.max(bandOf.get(cp) ?? 0, Number(decls[i].band)));
  }
  const kept = decls.filter((d) => !d.band).map((d) => ({ url: `../../node_modules/@fontsource/${pkg}/files/${d.file}`, range: d.cssRange }));
  return { key, family, weight, use, source, kept };
}

/**
 * LXGW WenKai from its slices (src/fonts/lxgw-wenkai-500.css), all cut: its characters in the
 * bands go with the bands, the rest (Latin, CJK extensions, Hangul…) after them, a bin per slice.
 */
function kaiFace(): Face {
  const css = readFileSync(join(root, 'src/fonts/lxgw-wenkai-500.css'), 'utf8');
  const decls = [...css.matchAll(/@font-face \{[^}]*?url\(\.\/lxgw-wenkai-500\/(kai-\d+\.woff2)\)[^}]*?unicode-range: ([^;]+);\n\}/g)].map((m) => ({
    path: join(root, 'src/fonts/lxgw-wenkai-500', m[1]),
    range: parseRange(m[2]),
  }));
  const source = new Map<number, string>();
  for (const [cp, i] of owners(decls)) source.set(cp, decls[i].path);
  return { key: 'kai-500', family: 'LXGW WenKai', weight: 500, use: 'small', source, kept: [] };
}

// ---- character frequency from the corpus ----
interface CorpusPage {
  display: Set<number>;
  small: Set<number>;
  body: Set<number>;
  all: number[];
}
const cpsOf = (s: string) => [...s].map((c) => c.codePointAt(0)!);
const corpusDir = join(root, 'tests/fixtures/corpus');
const pages: CorpusPage[] = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => {
    const d = JSON.parse(readFileSync(join(corpusDir, f), 'utf8')) as { stories: { titles: string[]; paragraphs: string[] }[] };
    const titles = d.stories.flatMap((s) => s.titles).join('');
    const body = d.stories.flatMap((s) => s.paragraphs).join('');
    // A story's longest title line is its headline; the others (kicker, subtitle) stand for the small lines.
    const small = d.stories.flatMap((s) => s.titles.filter((t) => t !== [...s.titles].sort((a, b) => b.length - a.length)[0])).join('');
    return { display: new Set(cpsOf(titles)), small: new Set(cpsOf(small)), body: new Set(cpsOf(body)), all: cpsOf(titles + body) };
  });
// More pages of the same daily, counted for the order only (their titles and body are not told apart).
const layoutDir = join(root, 'tests/fixtures/layout');
const extra = readdirSync(layoutDir)
  .filter((f) => f.startsWith('rmrb-') && f.endsWith('.txt'))
  .flatMap((f) => cpsOf(readFileSync(join(layoutDir, f), 'utf8')));

function countsWithout(skip: number): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (cps: number[]) => {
    for (const cp of cps) counts.set(cp, (counts.get(cp) ?? 0) + 1);
  };
  pages.forEach((p, i) => i !== skip && add(p.all));
  add(extra);
  return counts;
}

// ---- the faces and the order ----
const bandOf = new Map<number, number>();
const faces: Face[] = [
  notoFace('song-400', 'noto-serif-sc', 'Noto Serif SC', 400, 'body', bandOf),
  notoFace('song-700', 'noto-serif-sc', 'Noto Serif SC', 700, 'display', bandOf),
  notoFace('hei-400', 'noto-sans-sc', 'Noto Sans SC', 400, 'small', bandOf),
  notoFace('hei-700', 'noto-sans-sc', 'Noto Sans SC', 700, 'display', bandOf),
];
faces.push(kaiFace());
/** Kai's characters outside the bands. */
const kaiOnly = [...faces[4].source.keys()].filter((cp) => !bandOf.has(cp)).sort((a, b) => a - b);

/**
 * A band's characters in rank order: those the corpus has ("hot", most frequent first), and
 * the rest ("cold", in code-point order). A piece never leaves its band: each band is a file of
 * its own in @fontsource, and a piece is cut from one file.
 */
function bandOrder(band: number, counts: Map<number, number>): { hot: number[]; cold: number[] } {
  const cps = bandCps.get(band)!;
  const hot = cps.filter((c) => counts.has(c)).sort((a, b) => counts.get(b)! - counts.get(a)! || a - b);
  return { hot, cold: cps.filter((c) => !counts.has(c)) };
}
const bandCps = new Map<number, number[]>();
for (const [cp, band] of [...bandOf].sort((a, b) => a[0] - b[0])) {
  if (!bandCps.has(band)) bandCps.set(band, []);
  bandCps.get(band)!.push(cp);
}
/** Higher bands hold more frequent characters: they come first. */
const bands = [...bandCps.keys()].sort((a, b) => b - a);

/**
 * The order: every band's hot characters, then every band's cold ones, then kai's own; each
 * (band, part) a bin of its own, cut in pieces of k. The hot parts are the table's common part
 * (in the app's code), the rest its rare part (imported only for a character past it).
 */
interface Bin {
  start: number;
  band: number;
  part: 'hot' | 'cold' | 'kai-hot' | 'kai';
  cps: number[];
}
function binsOf(counts: Map<number, number>): Bin[] {
  const out: Bin[] = [];
  let at = 0;
  const push = (band: number, part: Bin['part'], cps: number[]) => {
    if (!cps.length) return;
    out.push({ start: at, band, part, cps });
    at += cps.length;
  };
  const orders = bands.map((b) => bandOrder(b, counts));
  bands.forEach((b, i) => push(b, 'hot', orders[i].hot));
  bands.forEach((b, i) => push(b, 'cold', orders[i].cold));
  // Kai's own, by source slice (a piece is cut from one file): those the corpus has in the common part.
  const bySource = new Map<string, number[]>();
  for (const cp of kaiOnly) {
    const src = faces[4].source.get(cp)!;
    if (!bySource.has(src)) bySource.set(src, []);
    bySource.get(src)!.push(cp);
  }
  const kaiParts = [...bySource.values()].map((cps) => ({ hot: cps.filter((c) => counts.has(c)), cold: cps.filter((c) => !counts.has(c)) }));
  const cold = out.findIndex((b) => b.part === 'cold');
  const hotKai: Bin[] = [];
  for (const p of kaiParts) if (p.hot.length) hotKai.push({ start: 0, band: 0, part: 'kai-hot', cps: p.hot });
  out.splice(cold, 0, ...hotKai);
  for (const p of kaiParts) if (p.cold.length) out.push({ start: 0, band: 0, part: 'kai', cps: p.cold });
  at = 0;
  for (const b of out) {
    b.start = at;
    at += b.cps.length;
  }
  return out;
}

const KS = [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 256];
const PIECE_OVERHEAD = 600; // bytes of a woff2 piece beside its glyphs (measured; Chromium's sanitizer refuses a font without its name or post table)
const HEADERS = 250; // bytes of an HTTP response's headers (vite preview, HTTP/1.1)
/** Bytes per CJK glyph in a woff2 piece (measured: Noto Sans SC ~170, Noto Serif SC ~230, LXGW WenKai ~300). */
const GLYPH_BYTES: Record<Use, number> = { body: 230, display: 200, small: 250 };
/**
 * What a request is weighed at against bytes, per face (REQUEST_BYTES=hei-400:8000,song-400:6000
 * npm run face-pieces -- --plan: other weights, for those faces; REQUEST_BYTES=8000: for all).
 * Each file costs the page more than its bytes: main-thread time in the renderer to ask for it
 * (FontFace and fetch: ~1 ms each on this machine, 83–202 ms for a page's ~130 in session 9's
 * trace), the server's and network process's handling of one more request, and a round trip
 * off localhost. At 2000 the sample page fetched 190 files (session 6). Body and headline faces
 * at 5000. The small lines' faces set a few tens of characters a page spread over many bands:
 * hei 400 (Noto Sans, ~170 bytes a glyph) at 6000 (session 10: its one-character pieces of
 * ~1 kB went, 41 → 21 files on the sample page for +43 kB); kai (LXGW WenKai, ~300 bytes a
 * glyph, its bylines and captions barely in the corpus's titles) stays at 3000: at 6000 its
 * pieces grow to whole bands (19 → 15 files on the sample page for +85 kB).
 */
const REQUEST_BYTES: Record<string, number> = { 'song-400': 5000, 'song-700': 8000, 'hei-400': 6000, 'hei-700': 8000, 'kai-500': 3000 };
for (const part of (process.env.REQUEST_BYTES ?? '').split(',').filter(Boolean)) {
  const [key, bytes] = part.includes(':') ? part.split(':') : [null, part];
  for (const f of Object.keys(REQUEST_BYTES)) if (key === null || key === f) REQUEST_BYTES[f] = Number(bytes);
}
/** A larger k is taken while it costs at most this much more a page (fewer files for next to no bytes). */
const SLACK_BYTES = 200;

/** What a bin's list cut in pieces of k costs a page that sets `used`. */
function cost(list: number[], k: number, used: Set<number>, face: Face, what: 'score' | 'bytes' | 'files' = 'score'): number {
  const use = face.use;
  let total = 0;
  for (let i = 0; i < list.length; i += k) {
    const piece = list.slice(i, i + k);
    if (!piece.some((c) => used.has(c))) continue;
    const bytes = PIECE_OVERHEAD + HEADERS + GLYPH_BYTES[use] * piece.length;
    total += what === 'files' ? 1 : what === 'bytes' ? bytes : bytes + REQUEST_BYTES[face.key];
  }
  return total;
}

const looOrders = pages.map((_, i) => new Map(bands.map((b) => [b, bandOrder(b, countsWithout(i))])));
const theBins = binsOf(countsWithout(-1));
const theOrder = theBins.flatMap((b) => b.cps);
const total = theOrder.length;
const COMMON = theBins.filter((b) => b.part !== 'kai').reduce((s, b) => s + b.cps.length, 0);
/** k per face, band and part (kai's own: Latin and the like in pieces of 8, the rarely set rest of a slice in one piece). */
const kOf = new Map<string, number>();
const kFor = (face: Face, bin: Bin) => (bin.part === 'kai-hot' ? 8 : bin.part === 'kai' ? 512 : kOf.get(`${face.key} ${bin.band} ${bin.part}`)!);
for (const face of faces)
  for (const band of bands)
    for (const part of ['hot', 'cold'] as const) {
      // Cold pieces (characters no corpus page has) of at least 4: a page hits one seldom, and single-character files by thousands make a slow cut and a heavy clone.
      const ks = part === 'cold' ? KS.filter((k) => k >= 4) : KS;
      const costs = ks.map((k) => pages.reduce((s, p, i) => s + cost(looOrders[i].get(band)![part], k, p[face.use], face), 0) / pages.length);
      const least = Math.min(...costs);
      kOf.set(`${face.key} ${band} ${part}`, ks[costs.findLastIndex((c) => c <= least + SLACK_BYTES)]);
    }

if (process.argv.includes('--plan')) {
  console.log(`order: ${total} code points (${bandOf.size} in bands, ${kaiOnly.length} kai only), ${COMMON} common; REQUEST_BYTES ${JSON.stringify(REQUEST_BYTES)}`);
  // A face's use stands for its text on each corpus page (kai and hei 400 both for the small lines').
  for (const face of faces)
    for (const what of ['bytes', 'files'] as const) {
      const perPage = pages.map((p, i) =>
        bands.reduce((s, band) => {
          const o = looOrders[i].get(band)!;
          return s + cost(o.hot, kOf.get(`${face.key} ${band} hot`)!, p[face.use], face, what) + cost(o.cold, kOf.get(`${face.key} ${band} cold`)!, p[face.use], face, what);
        }, 0),
      );
      console.log(`${face.key} (${face.use}) ${what} a page (leave-one-out): ${perPage.map((x) => Math.round(what === 'bytes' ? x / 1000 : x)).join(' ')}`);
    }
  const files = (face: Face) => theBins.reduce((s, b) => s + Math.ceil(b.cps.length / kFor(face, b)), 0);
  console.log(`pieces a face: ${faces.map((f) => `${f.key} ${files(f)}`).join(', ')}`);
  for (const face of faces) console.log(`${face.key} k (hot/cold, top bands): ${bands.slice(0, 24).map((b) => `${b}:${kOf.get(`${face.key} ${b} hot`)}/${kOf.get(`${face.key} ${b} cold`)}`).join(' ')}`);
  process.exit(0);
}

// ---- the pieces ----
interface Piece {
  face: Face;
  file: string;
  source: string;
  cps: number[];
}
const planned: Piece[] = [];
for (const face of faces)
  for (const bin of theBins) {
    const k = kFor(face, bin);
    for (let i = 0; i < bin.cps.length; i += k) {
      const cps = bin.cps.slice(i, i + k).filter((cp) => face.source.has(cp));
      if (!cps.length) continue;
      const sources = new Set(cps.map((cp) => face.source.get(cp)!));
      planned.push({ face, file: `${face.key}-${bin.start + i}.woff2`, source: [...sources].join('\n'), cps });
    }
  }

// ---- the table ----
/** The order's characters a face lacks (the loader names only what a piece has in its unicode-range). */
const lacks = (face: Face) => theBins.flatMap((b) => (b.cps.some((cp) => face.source.has(cp)) ? b.cps.filter((cp) => !face.source.has(cp)) : []));
const str = (cps: number[]) => JSON.stringify(String.fromCodePoint(...cps));
const faceRows = faces.map((f) => ({ key: f.key, family: f.family, weight: f.weight, k: theBins.map((b) => (b.cps.some((cp) => f.source.has(cp)) ? kFor(f, b) : 0)), lacks: lacks(f) }));
const version = createHash('sha256')
  .update(JSON.stringify([theOrder, theBins.map((b) => b.start), faceRows]))
  .digest('hex')
  .slice(0, 10);
const header = '// Generated by scripts/build-face-pieces.ts (npm run face-pieces): do not edit.\n';
writeFileSync(
  join(root, 'src/fonts/face-table.ts'),
  header +
    `// The bundled CJK faces' pieces (see FaceTable). Ranks from ${COMMON} on are in face-table-rare.ts.\n` +
    `import type { FaceTable } from './face-table-types';\n\n` +
    `export const FACE_TABLE: FaceTable = {\n` +
    `  version: '${version}',\n` +
    `  common: ${COMMON},\n` +
    `  total: ${total},\n` +
    `  rareBelow2e80: '${toRange(theOrder.slice(COMMON).filter((cp) => cp < 0x2e80))}',\n` +
    `  order: ${JSON.stringify(encodeOrder(theBins.filter((b) => b.start < COMMON).map((b) => b.cps)))},\n` +
    `  bins: ${JSON.stringify(theBins.map((b) => b.start))},\n` +
    `  faces: [\n${faceRows.map((f) => `    { key: '${f.key}', family: '${f.family}', weight: ${f.weight}, k: ${JSON.stringify(f.k)}, lacks: ${str(f.lacks)} },`).join('\n')}\n  ],\n};\n`,
);
writeFileSync(join(root, 'src/fonts/face-table-rare.ts'), header + `// Ranks ${COMMON}… of FACE_TABLE's order (face-table.ts).\nexport const RARE_ORDER = ${JSON.stringify(encodeOrder(theBins.filter((b) => b.start >= COMMON).map((b) => b.cps)))};\n`);
writeFileSync(
  join(root, 'src/fonts/slices.css'),
  `/* The bundled faces' files used as they are (scripts/build-face-pieces.ts writes this: do not edit):\n` +
    `   Noto SC's Latin, Cyrillic and Vietnamese slices. Their\n` +
    `   characters are none of the pieces' (src/lib/state/face-loader.ts registers those). */\n` +
    faces
      .flatMap((f) => f.kept.map((k) => `@font-face{font-family:'${f.family}';font-style:normal;font-display:block;font-weight:${f.weight};src:url(${k.url}) format('woff2');unicode-range:${k.range}}`))
      .join('\n') +
    '\n',
);
const mixed = planned.filter((p) => p.source.includes('\n'));
if (mixed.length) throw new Error(`${mixed.length} pieces have characters from two source files (one a piece), e.g. ${mixed[0].file}: ${mixed[0].source}`);
console.log(`${planned.length} pieces, table version ${version}, ${COMMON} + ${total - COMMON} ranks`);
if (process.argv.includes('--table-only')) process.exit(0);
/** --check: verify the committed pieces (advances, Chromium) without cutting them again. */
const cut = !process.argv.includes('--check');
/**
 * --faces song-400,hei-700: cut (or check) only these faces' pieces, keeping the others' files
 * (a change of one use's weight re-cuts its faces only: the whole cut takes a quarter of an hour).
 */
const onlyFaces = process.argv.includes('--faces') ? new Set(process.argv[process.argv.indexOf('--faces') + 1].split(',')) : null;
const work = onlyFaces ? planned.filter((p) => onlyFaces.has(p.face.key)) : planned;

if (cut) {
  if (!onlyFaces) rmSync(outDir, { recursive: true, force: true });
  else for (const f of readdirSync(outDir)) if (onlyFaces.has(f.replace(/-\d+\.woff2$/, ''))) rmSync(join(outDir, f));
  mkdirSync(outDir, { recursive: true });
}
const sfnts = new Map<string, Buffer>();
async function sfntOf(path: string): Promise<Buffer> {
  if (!sfnts.has(path)) sfnts.set(path, await fontverter.convert(readFileSync(path), 'truetype'));
  return sfnts.get(path)!;
}
const SUBSET = { targetFormat: 'woff2', noHinting: true, dropTables: ['vhea', 'vmtx', 'VORG', 'STAT', 'BASE'] } as const;

/**
 * A piece whose characters all have empty glyphs (U+3000, U+00A0, U+200B alone…) would have a
 * zero-length glyf table, which Chromium's sanitizer (OTS) refuses as invalid font data: the
 * blank would then be drawn by a fallback font, at the fallback's advance, and a PDF of it fails.
 * Such a piece also gets its source's simplest outlined glyph, a companion its unicode-range
 * never names (the browser never draws it): a valid font for ~100 bytes, and the blank is
 * drawn by its own face at the advance the metric tables give it.
 */
const outlineSources = new Map<string, FontLike>();
const hasOutline = (font: FontLike, cp: number) => font.glyphForCodePoint(cp).path.commands.length > 0;
const companions = new Map<string, number>();
function companionFor(p: Piece): number | null {
  if (!outlineSources.has(p.source)) outlineSources.set(p.source, readFont(p.source));
  const font = outlineSources.get(p.source)!;
  if (p.cps.some((cp) => hasOutline(font, cp))) return null;
  let best = companions.get(p.source);
  if (best === undefined) {
    let least = Infinity;
    for (const cp of font.characterSet) {
      const n = font.glyphForCodePoint(cp).path.commands.length;
      if (n > 0 && n < least) [least, best] = [n, cp];
    }
    if (best === undefined) throw new Error(`${relative(root, p.source)}: no outlined glyph to keep ${p.file} a valid font`);
    companions.set(p.source, best);
  }
  return best;
}

const t0 = performance.now();
let blankPieces = 0;
for (const [i, p] of cut ? work.entries() : []) {
  const paths = p.source.split('\n');
  if (paths.length > 1) throw new Error(`${p.file}: characters from ${paths.map((s) => relative(root, s)).join(', ')}; one source a piece`);
  const companion = companionFor(p);
  if (companion !== null) blankPieces++;
  const text = String.fromCodePoint(...p.cps, ...(companion === null ? [] : [companion]));
  const woff2 = await subsetFont(await sfntOf(paths[0]), text, SUBSET as never);
  writeFileSync(join(outDir, p.file), woff2);
  if (i % 500 === 499) console.log(`${i + 1} pieces, ${Math.round((performance.now() - t0) / 1000)} s`);
}

// Every piece draws its characters with the advances of its source (the metric tables' files for Noto).
let checked = 0;
const sources = new Map<string, FontLike>();
for (const w of work) {
  const part = readFont(join(outDir, w.file));
  if (!sources.has(w.source)) sources.set(w.source, readFont(w.source));
  const src = sources.get(w.source)!;
  const has = new Set(part.characterSet);
  for (const cp of w.cps) {
    if (!has.has(cp)) throw new Error(`${w.file}: U+${cp.toString(16)} missing`);
    const a = part.glyphForCodePoint(cp).advanceWidth;
    const b = src.glyphForCodePoint(cp).advanceWidth;
    if (a !== b) throw new Error(`${w.file}: U+${cp.toString(16)} advance ${a} ≠ ${b} in ${w.source}`);
    checked++;
  }
}
console.log(`${work.length} pieces (${blankPieces} of blanks only, given a companion glyph), ${checked} characters, advances equal to their sources`);

// Every piece is a font Chromium takes: each file through FontFace in the browser the app is
// tested in (its sanitizer, OTS, is what refused the blank-only pieces; fontkit read them fine).
const refused = await refusedByChromium(work.map((p) => join(outDir, p.file)));
if (refused.length) throw new Error(`Chromium refuses ${refused.length} pieces: ${refused.slice(0, 10).join('; ')}`);
console.log(`${work.length} pieces, each loaded by Chromium`);

async function refusedByChromium(paths: string[]): Promise<string[]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => /OTS/.test(m.text()) && errors.push(m.text()));
    const out: string[] = [];
    for (let i = 0; i < paths.length; i += 200) {
      const batch = paths.slice(i, i + 200).map((p) => ({ name: relative(outDir, p), data: readFileSync(p).toString('base64') }));
      out.push(
        ...(await page.evaluate(async (files) => {
          const bad: string[] = [];
          for (const f of files) {
            const bytes = Uint8Array.from(atob(f.data), (c) => c.charCodeAt(0));
            await new FontFace('piece', bytes).load().catch((e: unknown) => bad.push(`${f.name}: ${String(e)}`));
          }
          return bad;
        }, batch)),
      );
    }
    return out.map((b, i) => (errors[i] ? `${b} (${errors[i]})` : b));
  } finally {
    await browser.close();
  }
}
