// Which font files an edition's text makes the browser fetch, and their bytes,
// under two stylesheets: @fontsource's slices as they were (`before`) and the
// pieces of scripts/build-face-pieces.ts (`after`). Offline and deterministic:
// no browser; a file is fetched as a browser does it (for each character, the
// faces of its family from the last declared on, each whose unicode-range has
// it, until one whose cmap has it). The text of each role goes to the face
// src/lib/typeset/styles.ts sets it in (headlines and subheads hei 700,
// kicker/subtitle/column hei 400, byline/caption/credit/jump lines kai, body
// song 400). The whole edition's text is counted (the first laid-out page sets
// less of it: bench/first-load.ts measures that page in the browser).
//
//   npx tsx bench/font-pieces.ts [file.txt …] [--json]
// (default: the sample front page, the corpus pages and the layout fixtures' pages)
import * as fontkit from 'fontkit';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importText } from '../src/lib/import';
import { fontFaceRules, type FontFaceRule } from '../src/fonts/unicode-range';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface FaceFile {
  path: string;
  range: Set<number>;
  cmap: Set<number>;
}

/** A family's files in declaration order; the pieces' cmaps are their ranges (tests/unit/face-pieces.test.ts checks). */
function face(css: string, dir: string, only: (r: FontFaceRule) => boolean = () => true): FaceFile[] {
  return fontFaceRules(css)
    .filter(only)
    .map((r) => {
      const path = join(dir, r.url.replace(/^\.\//, ''));
      const range = new Set(r.range);
      const cmap = /pieces\/|kai-\d+\.woff2$/.test(r.url) ? range : new Set((fontkit.create(readFileSync(path)) as unknown as { characterSet: number[] }).characterSet);
      return { path, range, cmap };
    });
}

const piecesCss = readFileSync(join(root, 'src/fonts/pieces.css'), 'utf8');
const kaiCss = readFileSync(join(root, 'src/fonts/lxgw-wenkai-500.css'), 'utf8');
const fontsDir = join(root, 'src/fonts');

function stylesheets(): Record<'before' | 'after', Record<string, FaceFile[]>> {
  const before: Record<string, FaceFile[]> = {};
  const after: Record<string, FaceFile[]> = {};
  for (const [key, pkg, family, weight] of [
    ['song-400', 'noto-serif-sc', 'Noto Serif SC', 400],
    ['song-700', 'noto-serif-sc', 'Noto Serif SC', 700],
    ['hei-400', 'noto-sans-sc', 'Noto Sans SC', 400],
    ['hei-700', 'noto-sans-sc', 'Noto Sans SC', 700],
  ] as const) {
    const dir = join(root, `node_modules/@fontsource/${pkg}`);
    const css = readFileSync(join(dir, `${weight}.css`), 'utf8');
    before[key] = face(css, dir);
    after[key] = face(piecesCss, fontsDir, (r) => r.family === family && r.weight === weight);
  }
  before['kai-500'] = face(kaiCss, fontsDir);
  after['kai-500'] = face(piecesCss, fontsDir, (r) => r.family === 'LXGW WenKai');
  return { before, after };
}

/** The text an edition sets in each face. */
function textByFace(raw: string): Record<string, string> {
  const out: Record<string, string> = { 'song-400': '', 'hei-400': '', 'hei-700': '', 'kai-500': '' };
  for (const s of importText(raw).stories) {
    out['hei-700'] += s.headline.join('') + s.subheads.map((h) => h.text).join('');
    out['hei-400'] += (s.kicker ?? '') + (s.subtitle ?? '') + (s.column ?? '');
    out['kai-500'] += (s.byline ?? '') + (s.caption?.text ?? '') + (s.caption?.credit ?? '') + s.jumps.map((j) => j.text).join('');
    out['song-400'] += (s.dateline ?? '') + s.body.join('');
  }
  return out;
}

function fetched(files: FaceFile[], text: string): Set<string> {
  const out = new Set<string>();
  for (const ch of new Set(text)) {
    const cp = ch.codePointAt(0)!;
    if (cp <= 0x20) continue;
    for (let i = files.length - 1; i >= 0; i--) {
      if (!files[i].range.has(cp)) continue;
      out.add(files[i].path);
      if (files[i].cmap.has(cp)) break;
    }
  }
  return out;
}

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const inputs = args.length
  ? args
  : [
      join(root, 'src/lib/sample/front-page-zh.txt'),
      ...readdirSync(join(root, 'tests/fixtures/corpus')).filter((f) => f.endsWith('.txt')).map((f) => join(root, 'tests/fixtures/corpus', f)),
      ...readdirSync(join(root, 'tests/fixtures/layout')).filter((f) => f.startsWith('rmrb-')).map((f) => join(root, 'tests/fixtures/layout', f)),
    ];
const sheets = stylesheets();
const rows = inputs.map((file) => {
  const texts = textByFace(readFileSync(file, 'utf8'));
  const row: Record<string, unknown> = { file: basename(file) };
  for (const which of ['before', 'after'] as const) {
    let files = 0;
    let bytes = 0;
    const per: Record<string, string> = {};
    for (const [key, text] of Object.entries(texts)) {
      const hit = fetched(sheets[which][key], text);
      const b = [...hit].reduce((s, p) => s + statSync(p).size, 0);
      per[key] = `${hit.size} files ${Math.round(b / 1000)} kB (${new Set(text).size} chars)`;
      files += hit.size;
      bytes += b;
    }
    row[which] = { files, kB: Math.round(bytes / 1000), ...per };
  }
  return row;
});
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 1));
else
  for (const r of rows) {
    const b = r.before as { files: number; kB: number };
    const a = r.after as { files: number; kB: number };
    console.log(`${r.file}: before ${b.files} files ${b.kB} kB → after ${a.files} files ${a.kB} kB`);
    for (const key of Object.keys(a)) if (key.includes('-')) console.log(`   ${key}: ${(b as unknown as Record<string, string>)[key]} → ${(a as unknown as Record<string, string>)[key]}`);
  }
