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
// Ideographs sit on the em grid; only exceptions to the common advance are listed.
// The project's one script-class test, so the tables and the engine agree on what is Han.
import { isHan } from '../src/lib/model/unicode.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'src/lib/typeset/metrics');

/** The non-Han characters a Chinese or English newspaper sets; others fall back to the Han advance. */
function isListed(cp: number): boolean {
  return cp < 0x3100 || (cp >= 0xfe10 && cp <= 0xfe6f) || (cp >= 0xff00 && cp <= 0xffef);
}

interface FontLike {
  unitsPerEm: number;
  characterSet: number[];
  glyphForCodePoint(cp: number): { advanceWidth: number; id: number };
  layout(text: string, features?: string[], script?: string, language?: string): { glyphs: { id: number; advanceWidth: number }[] };
}

/**
 * In Chinese text the browser shapes punctuation with its Han neighbours, and the
 * SC fonts' zh-Hans `locl` then swaps some glyphs (the em dash — becomes a
 * full-width 1 em dash). Those advances are listed apart and used for Chinese.
 */
function zhAdvance(font: FontLike, cp: number): number {
  const plain = font.glyphForCodePoint(cp);
  const run = font.layout(`中${String.fromCodePoint(cp)}中`, ['locl'], 'hani', 'ZHS ');
  // Only a substituted glyph counts; positioning (kerning) is off in rendering, so it is ignored here.
  const g = run.glyphs.length === 3 ? run.glyphs[1] : plain;
  return g.id !== plain.id ? g.advanceWidth : plain.advanceWidth;
}

/**
 * A dash (破折号) is drawn in a span of its own (see layout.ts), where the SC
 * fonts' `ccmp` joins —— into one glyph narrower than two em. Its width as the
 * browser shapes it alone, per run length, in 1/1000 em.
 */
function dashRuns(font: FontLike): Record<string, number> {
  const out: Record<string, number> = {};
  for (let n = 1; n <= 4; n++) {
    const text = '\u2014'.repeat(n);
    const run = font.layout(text) as unknown as { positions: { xAdvance: number }[] };
    out[text] = Math.round((run.positions.reduce((w, p) => w + p.xAdvance, 0) * 1000) / font.unitsPerEm);
  }
  return out;
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
  const zhCps: number[] = [];
  const zhAdv: number[] = [];
  for (const cp of [...owner.keys()].sort((a, b) => a - b)) {
    const font = owner.get(cp)!;
    const a = Math.round((font.glyphForCodePoint(cp).advanceWidth * 1000) / font.unitsPerEm);
    if (isHan(cp) ? a !== han : isListed(cp)) {
      cps.push(cp);
      adv.push(a);
      // Only punctuation and symbols take their Han neighbours' shaping (letters and digits form Latin runs).
      if (spec.family.endsWith(' SC') && !/[\p{L}\p{N}]/u.test(String.fromCodePoint(cp)) && cp > 0x20) {
        const z = Math.round((zhAdvance(font, cp) * 1000) / font.unitsPerEm);
        if (z !== a && z > 0) {
          zhCps.push(cp);
          zhAdv.push(z);
        }
      }
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
    zhChars: String.fromCodePoint(...zhCps),
    zhAdv,
    seq: dashRuns(fonts[fonts.length - 1]),
  };
  writeFileSync(join(outDir, `${key}.json`), JSON.stringify(table) + '\n');
  console.log(`${key}: ${spec.family} ${spec.cssWeight}, ${owner.size} characters, ${cps.length} listed, han ${han} (${[...hanCounts].length} distinct Han advances), zh-Hans locl: ${String.fromCodePoint(...zhCps)}`);
}
