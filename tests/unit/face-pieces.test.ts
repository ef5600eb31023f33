// The CJK faces the app loads are pieces cut from the @fontsource slices (and
// from the kai slices) by scripts/build-face-pieces.ts. A character lost in the
// cut would be drawn in a fallback font; one in two pieces would be fetched
// twice; a unicode-range naming a character its file lacks fetches a file for
// nothing. Reads the committed CSS and files (no subsetting here).
import { describe, it, expect } from 'vitest';
import * as fontkit from 'fontkit';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fontFaceRules, type FontFaceRule } from '../../src/fonts/unicode-range';

const root = join(import.meta.dirname, '../..');
const fontsDir = join(root, 'src/fonts');
const rules = fontFaceRules(readFileSync(join(fontsDir, 'pieces.css'), 'utf8'));

/** A file's cmap (without U+FFFF: fontkit reports the closing segment of a format 4 cmap as a character). */
function characterSet(path: string): Set<number> {
  return new Set((fontkit.create(readFileSync(path)) as unknown as { characterSet: number[] }).characterSet.filter((cp) => cp !== 0xffff));
}

/** What the browser takes from each declared file of a stylesheet: a code point from the last-declared file whose range and cmap both have it. */
function owned(css: string, dir: string): { rule: FontFaceRule; cps: number[] }[] {
  const decl = fontFaceRules(css);
  const owner = new Map<number, number>();
  decl.forEach((r, i) => {
    const cmap = characterSet(join(dir, r.url.replace(/^\.\//, '')));
    for (const cp of r.range) if (cmap.has(cp)) owner.set(cp, i);
  });
  const out = decl.map((rule) => ({ rule, cps: [] as number[] }));
  for (const [cp, i] of owner) out[i].cps.push(cp);
  return out;
}

/** Each code point the rules name, and how many rules name it. */
function tally(of: FontFaceRule[]): Map<number, number> {
  const n = new Map<number, number>();
  for (const r of of) for (const cp of r.range) n.set(cp, (n.get(cp) ?? 0) + 1);
  return n;
}

const NOTO = [
  { family: 'Noto Serif SC', pkg: 'noto-serif-sc', weight: 400 },
  { family: 'Noto Serif SC', pkg: 'noto-serif-sc', weight: 700 },
  { family: 'Noto Sans SC', pkg: 'noto-sans-sc', weight: 400 },
  { family: 'Noto Sans SC', pkg: 'noto-sans-sc', weight: 700 },
];

describe('face pieces (src/fonts/pieces.css)', () => {
  it('declares the five CJK faces in pieces, each piece a file of its own', () => {
    const faces = new Set(rules.map((r) => `${r.family} ${r.weight}`));
    expect([...faces].sort()).toEqual(['LXGW WenKai 500', 'Noto Sans SC 400', 'Noto Sans SC 700', 'Noto Serif SC 400', 'Noto Serif SC 700']);
    const urls = rules.map((r) => r.url);
    expect(new Set(urls).size).toBe(urls.length);
    // Every committed piece is used, so none is left behind by an older cut.
    const files = readdirSync(join(fontsDir, 'pieces'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.woff2'));
    expect(files.map((f) => `./pieces/${f}`).sort()).toEqual(urls.filter((u) => u.startsWith('./pieces/')).sort());
  });

  for (const { family, pkg, weight } of NOTO) {
    it(`${family} ${weight}: the pieces hold exactly the characters of @fontsource's numbered slices, each once`, () => {
      const dir = join(root, `node_modules/@fontsource/${pkg}`);
      const source = owned(readFileSync(join(dir, `${weight}.css`), 'utf8'), dir);
      // Numbered slices are the frequency bands that are cut; latin, cyrillic… stay @fontsource's (fonts.css imports them).
      const banded = source.filter((s) => /-\d+-\d+-normal\.woff2$/.test(s.rule.url)).flatMap((s) => s.cps);
      const kept = source.filter((s) => !/-\d+-\d+-normal\.woff2$/.test(s.rule.url));
      expect(kept.map((s) => s.rule.url.replace(/.*files\/[a-z-]+-sc-/, '').replace(/-\d+-normal.woff2$/, ''))).toEqual(['cyrillic', 'vietnamese', 'latin-ext', 'latin']);
      const mine = rules.filter((r) => r.family === family && r.weight === weight);
      const n = tally(mine.filter((r) => r.url.startsWith('./pieces/')));
      expect([...n.values()].every((k) => k === 1)).toBe(true);
      expect([...n.keys()].sort((a, b) => a - b)).toEqual([...banded].sort((a, b) => a - b));
      // The other slices are declared as @fontsource declares them, after the pieces.
      const declared = mine.filter((r) => !r.url.startsWith('./pieces/'));
      expect(declared.map((r) => [r.url.split('/').pop(), r.range])).toEqual(kept.map((s) => [s.rule.url.split('/').pop(), s.rule.range]));
      expect(mine.slice(-kept.length)).toEqual(declared);
    });
  }

  it('LXGW WenKai 500: the pieces and the kept slices hold exactly the characters of the kai slices, each once', () => {
    const source = fontFaceRules(readFileSync(join(fontsDir, 'lxgw-wenkai-500.css'), 'utf8')).flatMap((r) => r.range);
    const n = tally(rules.filter((r) => r.family === 'LXGW WenKai'));
    expect([...n.values()].every((k) => k === 1)).toBe(true);
    expect([...n.keys()].sort((a, b) => a - b)).toEqual([...new Set(source)].sort((a, b) => a - b));
  });

  it('every unicode-range names exactly the characters its file has', () => {
    const wrong: string[] = [];
    // The pieces and the kai slices (@fontsource's Latin… slices name more than they hold, as @fontsource declares them).
    for (const r of rules.filter((x) => !x.url.includes('node_modules'))) {
      const path = join(fontsDir, r.url.replace(/^\.\//, ''));
      if (!existsSync(path)) {
        wrong.push(`${r.url}: missing`);
        continue;
      }
      const cmap = characterSet(path);
      const range = new Set(r.range);
      // A piece may map a few more code points than its range (hb-subset keeps those that share a
      // kept glyph); the range decides what the browser takes from it, and every one must be there.
      const lacking = [...range].filter((cp) => !cmap.has(cp));
      if (lacking.length) wrong.push(`${r.url}: lacks ${lacking.map((cp) => cp.toString(16)).join(' ')}`);
      // And at most a few more: the file was cut for this range.
      if (cmap.size > range.size + 4) wrong.push(`${r.url}: has ${cmap.size} characters, its range names ${range.size}`);
    }
    expect(wrong).toEqual([]);
  });
});
