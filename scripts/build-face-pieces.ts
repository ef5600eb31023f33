// Re-cuts the bundled CJK faces into finer unicode-range pieces, so a page
// fetches little more than the glyphs it sets.
//
// Why: @fontsource's slices (~200 characters, ~35 kB each) are frequency bands
// cut from a web-wide count: a headline of 150 distinct characters touches
// 15–20 of them and fetches some 3,000 glyphs for its 150. Here each numbered
// band (kept as it is: higher numbers hold more frequent characters) is
// ordered by how often a national daily sets its characters (the People's
// Daily pages in tests/fixtures: characters that co-occur end up in the same
// piece) and cut into pieces of k characters: characters the corpus has
// ("hot", most frequent first) and those it lacks ("cold", in code-point
// order) apart. k is chosen per band, per part and per use (display faces set
// tens to a few hundred characters a page, the body face thousands) by
// leave-one-out over the corpus pages: the k whose pieces would have cost the
// least on each page when counted from the other pages (bytes, plus a request
// counted as 8 kB: at 20 Mbit/s with 20 ms latency over six connections a
// round trip is worth about that); a larger k within 0.5 kB a page of the least
// is preferred (fewer files).
//
// The pieces keep every glyph's advance and the layout features of the kept
// glyphs (hb-subset via subset-font; only hinting and the vertical-metrics
// tables, which horizontal text never reads, are dropped), so the metric
// tables src/lib/typeset/metrics/*.json, read from the @fontsource files by
// scripts/build-metrics.ts, still describe what is drawn: checked at the end.
//
// Sources: the @fontsource slices for the Noto SC faces (small files: fast to
// subset) and, for LXGW WenKai, the slices scripts/build-kai-slices.ts cut
// (src/fonts/lxgw-wenkai-500, which follow the Noto bands; kai slices beyond
// them are used as they are). Files that are not numbered bands (latin,
// latin-ext, cyrillic, vietnamese) stay @fontsource's, declared with their ranges.
//
// The output (src/fonts/pieces/**, src/fonts/pieces.css) is committed, as the
// kai slices are: cutting some thousands of pieces in wasm takes minutes, too
// long and too much to risk in every CI run of a bare clone. Run again when an
// @fontsource font or the corpus changes:   npm run face-pieces
import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';
import fontverter from 'fontverter';
import { readFileSync, writeFileSync, mkdirSync, rmSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRange, toRange } from '../src/fonts/unicode-range.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src/fonts/pieces');
const cssOut = join(root, 'src/fonts/pieces.css');

interface FontLike {
  characterSet: number[];
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

/** One file of a source face as its CSS declares it. */
interface Block {
  name: string;
  path: string;
  /** Code points the browser takes from this file: in its unicode-range and its cmap, not claimed by a later block. */
  owned: number[];
  /** Used as it is, not re-cut (a Noto Latin/Cyrillic/Vietnamese slice: fonts.css imports it; a kai slice beyond the bands). */
  kept: boolean;
  /** Its unicode-range as declared (kept blocks are declared with it). */
  cssRange: string;
}

/**
 * What a face sets a page of, which decides its cut: body text (song 400, about a thousand
 * distinct characters a page), headlines (hei 700 and song 700, a hundred or two), and the
 * small lines (kicker and subtitle in hei 400, bylines and captions in kai: some tens).
 */
type Use = 'body' | 'display' | 'small';
const USES: Use[] = ['body', 'display', 'small'];

interface Face {
  key: string;
  family: string;
  weight: number;
  use: Use;
  blocks: Block[];
}

function readFont(path: string): FontLike {
  return fontkit.create(readFileSync(path)) as unknown as FontLike;
}

/** Gives each block the code points the browser takes from it: the last-declared block whose range and cmap both have a code point supplies it. */
function own(decls: { name: string; path: string; range: number[]; kept: boolean; cssRange: string }[]): Block[] {
  const owner = new Map<number, number>();
  decls.forEach((d, i) => {
    const cmap = new Set(readFont(d.path).characterSet);
    for (const cp of d.range) if (cmap.has(cp)) owner.set(cp, i);
  });
  const blocks: Block[] = decls.map((d) => ({ name: d.name, path: d.path, owned: [], kept: d.kept, cssRange: d.cssRange }));
  for (const [cp, i] of owner) blocks[i].owned.push(cp);
  for (const b of blocks) b.owned.sort((a, z) => a - z);
  return blocks;
}

/** An @fontsource SC face: its numbered slices are re-cut; the others are declared as they are. */
function notoFace(key: string, pkg: string, family: string, weight: number, use: Face['use']): Face {
  const css = readFileSync(join(root, `node_modules/@fontsource/${pkg}/${weight}.css`), 'utf8');
  const decls = [...css.matchAll(/url\(\.\/files\/([^)]+\.woff2)\).*?unicode-range: ([^;]+);/gs)].map((m) => {
    const band = /-(\d+)-\d+-normal\.woff2$/.exec(m[1])?.[1];
    return { name: band ?? m[1], path: join(root, `node_modules/@fontsource/${pkg}/files/${m[1]}`), range: parseRange(m[2]), kept: !band, cssRange: m[2].replace(/\s+/g, '') };
  });
  return { key, family, weight, use, blocks: own(decls) };
}

/** LXGW WenKai from its slices (src/fonts/lxgw-wenkai-500.css); slices holding no Noto band character are kept as they are. */
function kaiFace(bandOf: Map<number, string>): Face {
  const css = readFileSync(join(root, 'src/fonts/lxgw-wenkai-500.css'), 'utf8');
  const decls = [...css.matchAll(/@font-face \{[^}]*?url\(\.\/lxgw-wenkai-500\/(kai-\d+\.woff2)\)[^}]*?unicode-range: ([^;]+);\n\}/g)].map((m) => {
    const range = parseRange(m[2]);
    const recut = range.some((cp) => bandOf.has(cp));
    return { name: m[1], path: join(root, 'src/fonts/lxgw-wenkai-500', m[1]), range, kept: !recut, cssRange: m[2] };
  });
  return { key: 'kai-500', family: 'LXGW WenKai', weight: 500, use: 'small', blocks: own(decls) };
}

// ---- character frequency from the corpus ----
interface CorpusPage {
  display: Set<number>;
  small: Set<number>;
  body: Set<number>;
  all: number[];
}
const corpusDir = join(root, 'tests/fixtures/corpus');
const pages: CorpusPage[] = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.expected.json'))
  .sort()
  .map((f) => {
    const d = JSON.parse(readFileSync(join(corpusDir, f), 'utf8')) as { stories: { titles: string[]; paragraphs: string[] }[] };
    const titles = d.stories.flatMap((s) => s.titles).join('');
    const body = d.stories.flatMap((s) => s.paragraphs).join('');
    const cps = (s: string) => [...s].map((c) => c.codePointAt(0)!);
    // A story's longest title line is its headline; the others (kicker, subtitle) stand for the small lines.
    const small = d.stories.flatMap((s) => s.titles.filter((t) => t !== [...s.titles].sort((a, b) => b.length - a.length)[0])).join('');
    return { display: new Set(cps(titles)), small: new Set(cps(small)), body: new Set(cps(body)), all: cps(titles + body) };
  });
// More pages of the same daily, counted for the order only (their titles and body are not told apart).
const layoutDir = join(root, 'tests/fixtures/layout');
const extra = readdirSync(layoutDir)
  .filter((f) => f.startsWith('rmrb-') && f.endsWith('.txt'))
  .flatMap((f) => [...readFileSync(join(layoutDir, f), 'utf8')].map((c) => c.codePointAt(0)!));

function countsWithout(skip: number): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (cps: number[]) => {
    for (const cp of cps) counts.set(cp, (counts.get(cp) ?? 0) + 1);
  };
  pages.forEach((p, i) => i !== skip && add(p.all));
  add(extra);
  return counts;
}

/** A band's characters as cut: the corpus's (most frequent first), then the rest in code-point order. */
function order(cps: number[], counts: Map<number, number>): { hot: number[]; cold: number[] } {
  const hot = cps.filter((c) => counts.has(c)).sort((a, b) => counts.get(b)! - counts.get(a)! || a - b);
  return { hot, cold: cps.filter((c) => !counts.has(c)) };
}

const PIECE_OVERHEAD = 600; // bytes of a woff2 piece beside its glyphs (measured)
/** Bytes per CJK glyph in a woff2 piece (measured: Noto Sans SC ~170, Noto Serif SC ~230, LXGW WenKai ~300). */
const GLYPH_BYTES: Record<Use, number> = { body: 230, display: 170, small: 230 };
/** What a request is weighed at against bytes (see the top); REQUEST_BYTES=… npm run face-pieces to cut for fewer, larger pieces. */
const REQUEST_BYTES = Number(process.env.REQUEST_BYTES ?? 8000);
const KS = [4, 8, 16, 32, 64, 128, Infinity];
/** A larger k is taken while it costs at most this much more a page (fewer files for next to no bytes: a band a page hits once in six pages costs ~0.3 kB more a page in pieces of 16 than of 4). */
const SLACK_BYTES = 500;

function cost(list: number[], k: number, used: Set<number>, use: Use, what: 'score' | 'bytes' | 'files' = 'score'): number {
  let total = 0;
  for (let i = 0; i < list.length; i += k) {
    const piece = list.slice(i, i + k);
    const bytes = PIECE_OVERHEAD + GLYPH_BYTES[use] * piece.length;
    if (piece.some((c) => used.has(c))) total += what === 'files' ? 1 : what === 'bytes' ? bytes : bytes + REQUEST_BYTES;
  }
  return total;
}

const song400 = notoFace('song-400', 'noto-serif-sc', 'Noto Serif SC', 400, 'body');
const bandOf = new Map<number, string>();
for (const b of song400.blocks) if (/^\d+$/.test(b.name)) for (const cp of b.owned) bandOf.set(cp, b.name);
const faces: Face[] = [
  song400,
  notoFace('song-700', 'noto-serif-sc', 'Noto Serif SC', 700, 'display'),
  notoFace('hei-400', 'noto-sans-sc', 'Noto Sans SC', 400, 'small'),
  notoFace('hei-700', 'noto-sans-sc', 'Noto Sans SC', 700, 'display'),
];
faces.push(kaiFace(bandOf));

// Every band's characters, over all faces (a face takes the ones it has).
const bandCps = new Map<string, Set<number>>();
for (const f of faces)
  for (const b of f.blocks.filter((bl) => !bl.kept))
    for (const cp of b.owned) {
      const band = bandOf.get(cp) ?? (f.key !== 'kai-500' && /^\d+$/.test(b.name) ? b.name : undefined);
      if (band === undefined) continue;
      if (!bandCps.has(band)) bandCps.set(band, new Set());
      bandCps.get(band)!.add(cp);
    }
const bands = [...bandCps.keys()].sort((a, b) => Number(a) - Number(b));

// k per band, part and use, by leave-one-out over the corpus pages.
const looCounts = pages.map((_, i) => countsWithout(i));
const counts = countsWithout(-1);
interface Cut {
  hot: number[];
  cold: number[];
  k: Record<Use, { hot: number; cold: number }>;
}
const cuts = new Map<string, Cut>();
for (const band of bands) {
  const cps = [...bandCps.get(band)!].sort((a, b) => a - b);
  const k = { body: { hot: 0, cold: 0 }, display: { hot: 0, cold: 0 }, small: { hot: 0, cold: 0 } };
  for (const use of USES)
    for (const part of ['hot', 'cold'] as const) {
      const costs = KS.map((kk) => pages.reduce((s, p, i) => s + cost(order(cps, looCounts[i])[part], kk, p[use], use), 0) / pages.length);
      const least = Math.min(...costs);
      k[use][part] = KS[costs.findLastIndex((c) => c <= least + SLACK_BYTES)];
    }
  cuts.set(band, { ...order(cps, counts), k });
}

/** The pieces of a band for a use: lists of atoms (the finest cut of either use), so a coarser piece's range is the finer pieces' ranges joined (the CSS compresses). */
function pieces(cut: Cut, use: Use): number[][][] {
  const out: number[][][] = [];
  for (const part of ['hot', 'cold'] as const) {
    const list = cut[part];
    const atom = Math.min(...USES.map((u) => cut.k[u][part]));
    const k = cut.k[use][part];
    for (let i = 0; i < list.length; i += k) {
      const piece: number[][] = [];
      for (let j = i; j < Math.min(i + k, list.length); j += atom) piece.push(list.slice(j, Math.min(j + atom, i + k, list.length)));
      out.push(piece);
    }
  }
  return out;
}

if (process.argv.includes('--plan')) {
  // The cut without writing anything: k and pieces per band.
  for (const band of bands) {
    const c = cuts.get(band)!;
    console.log(`${band}: hot ${c.hot.length}, cold ${c.cold.length}; k (hot/cold) and pieces: ${USES.map((u) => `${u} ${c.k[u].hot}/${c.k[u].cold} ${pieces(c, u).length}`).join(', ')}`);
  }
  const total = (use: Use) => bands.reduce((s, b) => s + pieces(cuts.get(b)!, use).length, 0);
  console.log(`pieces a face: ${USES.map((u) => `${u} ${total(u)}`).join(', ')}`);
  // What the cut would have fetched on each corpus page (left out of the count), by the byte model, per face of a use.
  for (const use of USES)
    for (const what of ['bytes', 'files'] as const) {
      const perPage = pages.map((p, i) =>
        bands.reduce((s, band) => {
          const c = cuts.get(band)!;
          const o = order([...bandCps.get(band)!].sort((a, b) => a - b), looCounts[i]);
          return s + cost(o.hot, c.k[use].hot, p[use], use, what) + cost(o.cold, c.k[use].cold, p[use], use, what);
        }, 0),
      );
      console.log(`${use} ${what} a page (leave-one-out): ${perPage.map((x) => Math.round(what === 'bytes' ? x / 1000 : x)).join(' ')}`);
    }
  process.exit(0);
}
// The pieces: for each band, every face's pieces side by side (the same range lists close together compress).
interface Piece {
  face: Face;
  file: string;
  source: string;
  /** Its characters in atoms (the range text keeps them: the same strings as the other faces' pieces). */
  ranges: number[][];
}
const planned: Piece[] = [];
const piece = (face: Face, name: string, source: string, ranges: number[][]) =>
  // The face in the file name: the built assets are named after it (and the bench and e2e tell faces apart by it).
  planned.push({ face, file: `${face.key}-${name}.woff2`, source, ranges });
for (const band of bands) {
  const cut = cuts.get(band)!;
  for (const face of faces) {
    const sourceOf = new Map<number, string>();
    for (const b of face.blocks) if (!b.kept) for (const cp of b.owned) sourceOf.set(cp, b.path);
    let n = 0;
    for (const atoms of pieces(cut, face.use)) {
      // A piece holds the characters this face has; one file per source (kai's slices may split a band).
      const sources = new Set(atoms.flat().flatMap((cp) => (sourceOf.has(cp) ? [sourceOf.get(cp)!] : [])));
      for (const src of sources) piece(face, `${band}-${n++}`, src, atoms.map((atom) => atom.filter((cp) => sourceOf.get(cp) === src)).filter((a) => a.length));
    }
  }
}
// What a re-cut source has beyond the bands (kai characters the Noto faces lack): pieces of 64 in code-point order.
for (const face of faces) {
  const placed = new Set(planned.filter((w) => w.face === face).flatMap((w) => w.ranges.flat()));
  for (const b of face.blocks) {
    if (b.kept) continue;
    const left = b.owned.filter((cp) => !placed.has(cp));
    for (let i = 0; i < left.length; i += 64) piece(face, `x-${b.name.replace(/\.woff2$/, '')}-${i / 64}`, b.path, [left.slice(i, i + 64)]);
  }
}

const rules = planned.map(
  (p) =>
    `@font-face{font-family:'${p.face.family}';font-style:normal;font-display:block;font-weight:${p.face.weight};src:url(./pieces/${p.file}) format('woff2');unicode-range:${p.ranges.map(toRange).join(',')}}`,
);
// The slices used as they are, after the pieces as @fontsource declares them after its bands
// (@fontsource's own per-subset CSS has no unicode-range: it would make every page fetch them).
for (const face of faces)
  for (const b of face.blocks) {
    if (!b.kept) continue;
    const url = face.key === 'kai-500' ? `./lxgw-wenkai-500/${b.name}` : `../../${relative(root, b.path)}`;
    rules.push(`@font-face{font-family:'${face.family}';font-style:normal;font-display:block;font-weight:${face.weight};src:url(${url}) format('woff2');unicode-range:${b.cssRange}}`);
  }
writeFileSync(
  cssOut,
  `/* The CJK faces in unicode-range pieces, cut by scripts/build-face-pieces.ts (do not edit):\n   Noto Serif SC 400/700 and Noto Sans SC 400/700 (their numbered @fontsource bands; the\n   Latin, Cyrillic and Vietnamese slices are @fontsource's) and LXGW WenKai 500. */\n` +
    rules.join('\n') +
    '\n',
);
console.log(`${planned.length} pieces, ${rules.length} @font-face rules`);
if (process.argv.includes('--css-only')) process.exit(0);

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const sfnts = new Map<string, Buffer>();
async function sfntOf(path: string): Promise<Buffer> {
  if (!sfnts.has(path)) sfnts.set(path, await fontverter.convert(readFileSync(path), 'truetype'));
  return sfnts.get(path)!;
}
const t0 = performance.now();
for (const [i, p] of planned.entries()) {
  const woff2 = await subsetFont(await sfntOf(p.source), String.fromCodePoint(...p.ranges.flat()), { targetFormat: 'woff2', noHinting: true, dropTables: ['vhea', 'vmtx', 'VORG'] });
  writeFileSync(join(outDir, p.file), woff2);
  if (i % 200 === 199) console.log(`${i + 1} pieces, ${Math.round((performance.now() - t0) / 1000)} s`);
}

// Every piece draws its characters with the advances of its source (the metric tables' files for Noto).
let checked = 0;
for (const w of planned) {
  const part = readFont(join(outDir, w.file));
  const src = readFont(w.source);
  const has = new Set(part.characterSet);
  for (const cp of w.ranges.flat()) {
    if (!has.has(cp)) throw new Error(`${w.file}: U+${cp.toString(16)} missing`);
    const a = part.glyphForCodePoint(cp).advanceWidth;
    const b = src.glyphForCodePoint(cp).advanceWidth;
    if (a !== b) throw new Error(`${w.file}: U+${cp.toString(16)} advance ${a} ≠ ${b} in ${w.source}`);
    checked++;
  }
}
console.log(`${planned.length} pieces, ${checked} characters, advances equal to their sources`);
