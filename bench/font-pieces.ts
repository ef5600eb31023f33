// Which font files an edition's text makes the browser fetch, and their bytes:
// @fontsource's slices as they were (`before`, a file fetched as a browser does
// it: for each character, the faces of its family from the last declared on,
// each whose unicode-range has it, until one whose cmap has it) and the pieces
// of scripts/build-face-pieces.ts (`after`: the piece the face table gives each
// character, as the face loader registers it). Offline and deterministic, no browser. The text of each role goes to the face
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
import { FACE_TABLE } from '../src/fonts/face-table';
import { RARE_ORDER } from '../src/fonts/face-table-rare';
import { decodeOrder, piecesOf } from '../src/fonts/face-order';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface FaceFile {
  path: string;
  range: Set<number>;
  cmap: Set<number>;
}

/** A family's files in declaration order. */
function face(css: string, dir: string): FaceFile[] {
  return fontFaceRules(css).map((r: FontFaceRule) => {
    const path = join(dir, r.url.replace(/^\.\//, ''));
    return { path, range: new Set(r.range), cmap: new Set((fontkit.create(readFileSync(path)) as unknown as { characterSet: number[] }).characterSet) };
  });
}

const fontsDir = join(root, 'src/fonts');
const piecesDir = join(root, 'public/fonts/pieces');

/** @fontsource's slices (and the kai slices) as the stylesheets declared them before the pieces. */
function slices(): Record<string, FaceFile[]> {
  const before: Record<string, FaceFile[]> = {};
  for (const [key, pkg, weight] of [
    ['song-400', 'noto-serif-sc', 400],
    ['song-700', 'noto-serif-sc', 700],
    ['hei-400', 'noto-sans-sc', 400],
    ['hei-700', 'noto-sans-sc', 700],
  ] as const) {
    const dir = join(root, `node_modules/@fontsource/${pkg}`);
    before[key] = face(readFileSync(join(dir, `${weight}.css`), 'utf8'), dir);
  }
  before['kai-500'] = face(readFileSync(join(fontsDir, 'lxgw-wenkai-500.css'), 'utf8'), fontsDir);
  return before;
}

/** Each face's piece file by code point, from the table. */
function pieces(): Record<string, Map<number, string>> {
  const order = [...decodeOrder(FACE_TABLE.order), ...decodeOrder(RARE_ORDER)];
  const out: Record<string, Map<number, string>> = {};
  for (const f of FACE_TABLE.faces) {
    const m = new Map<number, string>();
    for (const [file, cps] of piecesOf(FACE_TABLE, order, f.key)) for (const cp of cps) m.set(cp, join(piecesDir, file));
    out[f.key] = m;
  }
  return out;
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
const before = slices();
const after = pieces();
const rows = inputs.map((file) => {
  const texts = textByFace(readFileSync(file, 'utf8'));
  const row: Record<string, unknown> = { file: basename(file) };
  for (const which of ['before', 'after'] as const) {
    let files = 0;
    let bytes = 0;
    const per: Record<string, string> = {};
    for (const [key, text] of Object.entries(texts)) {
      // After: a character's piece, or (Latin…, none of the pieces') the @fontsource slice slices.css declares.
      const hit =
        which === 'before'
          ? fetched(before[key], text)
          : new Set([...new Set(text)].flatMap((ch) => after[key].get(ch.codePointAt(0)!) ?? [...fetched(before[key], ch)]));
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
