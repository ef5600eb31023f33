// Writes the glyph-advance tables the typesetting engine measures with
// (src/lib/typeset/metrics/*.json), read from the very woff2 files that
// src/lib/typeset/fonts.css makes the browser load.
//
// Why a table and not run-time font parsing or canvas: a table is deterministic,
// tiny (Han ideographs share one advance, so only non-Han characters are listed),
// needs no font parsing at run time, and gives the same numbers in Node and in
// every browser, so a line broken on the server is the line printed.
// Kerning and ligatures are left out on purpose: the pages render with
// `font-kerning: none; font-variant-ligatures: none`, so the browser uses the
// plain advances this table holds.
//
// usage: npm run metrics
import * as fontkit from 'fontkit';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FONT_FILES } from '../src/lib/typeset/faces.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src/lib/typeset/metrics');

/** Ideographs sit on the em grid; only exceptions to the common advance are listed. */
function isHan(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
}

/** The non-Han characters a Chinese or English newspaper sets; others fall back to the Han advance. */
function isListed(cp: number): boolean {
  return cp < 0x3100 || (cp >= 0xfe10 && cp <= 0xfe6f) || (cp >= 0xff00 && cp <= 0xffef);
}

interface FontLike {
  unitsPerEm: number;
  characterSet: number[];
  glyphForCodePoint(cp: number): { advanceWidth: number; id: number };
}

mkdirSync(outDir, { recursive: true });
for (const [key, spec] of Object.entries(FONT_FILES)) {
  // A family's files in the order fonts.css declares them: the browser tries the
  // last-declared face first, so the last file that has a character supplies it.
  const fonts = spec.files.map((f) => fontkit.create(readFileSync(join(root, 'node_modules', f))) as unknown as FontLike);
  const upem = fonts[0].unitsPerEm;
  const owner = new Map<number, FontLike>();
  for (const font of fonts) for (const cp of font.characterSet) owner.set(cp, font);
  const hanCounts = new Map<number, number>();
  for (const [cp, font] of owner) {
    if (!isHan(cp)) continue;
    const a = Math.round((font.glyphForCodePoint(cp).advanceWidth * 1000) / font.unitsPerEm);
    hanCounts.set(a, (hanCounts.get(a) ?? 0) + 1);
  }
  const han = [...hanCounts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 1000;
  const cps: number[] = [];
  const adv: number[] = [];
  for (const cp of [...owner.keys()].sort((a, b) => a - b)) {
    const font = owner.get(cp)!;
    const a = Math.round((font.glyphForCodePoint(cp).advanceWidth * 1000) / font.unitsPerEm);
    if (isHan(cp) ? a !== han : isListed(cp)) {
      cps.push(cp);
      adv.push(a);
    }
  }
  const table = {
    family: spec.family,
    weight: spec.cssWeight,
    files: spec.files,
    note: 'advances in 1/1000 em; characters not listed: Han ideographs and other CJK take `han`',
    unitsPerEm: 1000,
    sourceUnitsPerEm: upem,
    han,
    chars: String.fromCodePoint(...cps),
    adv,
  };
  writeFileSync(join(outDir, `${key}.json`), JSON.stringify(table) + '\n');
  console.log(`${key}: ${spec.family} ${spec.cssWeight}, ${owner.size} characters, ${cps.length} listed, han ${han} (${[...hanCounts].length} distinct Han advances)`);
}
