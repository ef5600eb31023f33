// Cuts the bundled LXGW WenKai (@fontsource/lxgw-wenkai, one 7 MB file with no
// subsets) into unicode-range slices, so a page that sets a byline in kai
// fetches only the slices of the characters it uses, as the Noto SC faces do.
//
// The slices follow the Noto Serif SC slices' ranges (@fontsource's, cut by
// character frequency: the characters of one story tend to share few slices);
// kai characters outside them go into slices of their own. hb-subset (the
// subset-font package) keeps every glyph's advance and the layout features of
// the kept glyphs, so the metric table src/lib/typeset/metrics/kai-500.json,
// read from the whole file, still describes what the slices draw (checked at
// the end of this script).
//
// Writes src/fonts/lxgw-wenkai-500/*.woff2 and src/fonts/lxgw-wenkai-500.css, from
// which scripts/build-face-pieces.ts cuts the pieces the app loads.
// Slow (hb-subset in wasm on a 16 MB font: a few minutes), so its output is
// committed; run again only when @fontsource/lxgw-wenkai changes:
//   npm run kai-slices
import * as fontkit from 'fontkit';
import subsetFont from 'subset-font';
import fontverter from 'fontverter';
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseRange, toRange } from '../src/fonts/unicode-range';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'node_modules/@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff2');
const outDir = join(root, 'src/fonts/lxgw-wenkai-500');
const cssOut = join(root, 'src/fonts/lxgw-wenkai-500.css');

interface FontLike {
  characterSet: number[];
  glyphForCodePoint(cp: number): { advanceWidth: number };
}

const whole = readFileSync(source);
const font = fontkit.create(whole) as unknown as FontLike;
const has = new Set(font.characterSet);

// Slices: the Noto Serif SC ranges (frequency order), then what kai has beyond them in blocks of 400.
const notoCss = readFileSync(join(root, 'node_modules/@fontsource/noto-serif-sc/400.css'), 'utf8');
const slices: number[][] = [];
const taken = new Set<number>();
for (const m of notoCss.matchAll(/unicode-range: ([^;]+);/g)) {
  const cps = parseRange(m[1]).filter((c) => has.has(c) && !taken.has(c));
  for (const c of cps) taken.add(c);
  if (cps.length) slices.push(cps);
}
const rest = [...has].filter((c) => !taken.has(c)).sort((a, b) => a - b);
for (let i = 0; i < rest.length; i += 400) slices.push(rest.slice(i, i + 400));

mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (!/^kai-\d+\.woff2$/.test(f) || Number(f.slice(4, -6)) >= slices.length) rmSync(join(outDir, f));
const sfnt = await fontverter.convert(whole, 'sfnt');
const faces: string[] = [];
for (const [i, cps] of slices.entries()) {
  const file = join(outDir, `kai-${i}.woff2`);
  // Resumable: an interrupted run keeps the slices it wrote (delete the folder to cut afresh).
  if (!existsSync(file)) {
    const t = performance.now();
    writeFileSync(file, await subsetFont(sfnt, String.fromCodePoint(...cps), { targetFormat: 'woff2' }));
    console.log(`kai-${i}: ${cps.length} characters, ${Math.round(performance.now() - t)} ms`);
  }
  faces.push(
    `@font-face {\n  font-family: 'LXGW WenKai';\n  font-style: normal;\n  font-display: block;\n  font-weight: 500;\n  src: url(./lxgw-wenkai-500/kai-${i}.woff2) format('woff2');\n  unicode-range: ${toRange(cps)};\n}\n`,
  );
}
writeFileSync(
  cssOut,
  `/* LXGW WenKai 500 in unicode-range slices, cut by scripts/build-kai-slices.ts from\n   @fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff2 (do not edit). */\n` + faces.join('\n'),
);

// Every slice must draw its characters with the advances of the whole file (the metric table's source).
let checked = 0;
for (const [i, cps] of slices.entries()) {
  const part = fontkit.create(readFileSync(join(outDir, `kai-${i}.woff2`))) as unknown as FontLike;
  for (const cp of cps) {
    const a = part.glyphForCodePoint(cp).advanceWidth;
    const b = font.glyphForCodePoint(cp).advanceWidth;
    if (a !== b) throw new Error(`kai-${i}: U+${cp.toString(16)} advance ${a} ≠ ${b} in the whole file`);
    checked++;
  }
}
console.log(`${slices.length} slices, ${checked} characters, advances equal to the whole file`);
