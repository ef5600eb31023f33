// The CJK faces the app loads are pieces cut from the @fontsource slices (and from
// the kai slices) by scripts/build-face-pieces.ts, listed in a table the face
// loader registers them from (src/lib/state/face-loader.ts). A character lost in
// the cut would be drawn in a fallback font; one in two pieces would be fetched
// twice; a piece lacking a character its range names fetches a file for nothing
// and draws a fallback. Reads the committed table and files (no subsetting here).
import { describe, it, expect, beforeAll } from 'vitest';
import * as fontkit from 'fontkit';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FACE_TABLE } from '../../src/fonts/face-table';
import { RARE_ORDER } from '../../src/fonts/face-table-rare';
import { decodeOrder, encodeOrder, piecesOf } from '../../src/fonts/face-order';
import { fontFaceRules, parseRange } from '../../src/fonts/unicode-range';
import { FaceLoader } from '../../src/lib/state/face-loader';

const root = join(import.meta.dirname, '../..');
const piecesDir = join(root, 'public/fonts/pieces');
const order = [...decodeOrder(FACE_TABLE.order), ...decodeOrder(RARE_ORDER)];

interface FontLike {
  characterSet: number[];
  numGlyphs: number;
  getGlyph(id: number): { path: { commands: unknown[] } };
}
/** A file's cmap (without U+FFFF: fontkit reports the closing segment of a format 4 cmap as a character). */
function characterSet(path: string, font = fontkit.create(readFileSync(path)) as unknown as FontLike): Set<number> {
  return new Set(font.characterSet.filter((cp) => cp !== 0xffff));
}

/** What the browser takes from each declared file of a stylesheet: a code point from the last-declared file whose range and cmap both have it. */
function owned(css: string, dir: string): { url: string; cps: number[] }[] {
  const decl = fontFaceRules(css);
  const owner = new Map<number, number>();
  decl.forEach((r, i) => {
    const cmap = characterSet(join(dir, r.url.replace(/^\.\//, '')));
    for (const cp of r.range) if (cmap.has(cp)) owner.set(cp, i);
  });
  const out = decl.map((rule) => ({ url: rule.url, cps: [] as number[] }));
  for (const [cp, i] of owner) out[i].cps.push(cp);
  return out;
}

/** The pieces the table gives a face, read bin by bin (not through the loader). */
const piecesOfFace = (face: (typeof FACE_TABLE.faces)[number]) => piecesOf(FACE_TABLE, order, face.key);

const sorted = (xs: Iterable<number>) => [...xs].sort((a, b) => a - b);

describe('face pieces (src/fonts/face-table.ts, public/fonts/pieces)', () => {
  it('the order text encodes and decodes code points, and the table holds each code point once', () => {
    const bins = [[0x7684, 0x4e00, 0x20], [0x4e01, 0x4e05, 0x9fa5], [0x21], [0x20000, 0x20001]];
    expect(decodeOrder(encodeOrder(bins))).toEqual(bins.flat());
    expect(order.length).toBe(FACE_TABLE.total);
    expect(new Set(order).size).toBe(order.length);
    expect(decodeOrder(FACE_TABLE.order).length).toBe(FACE_TABLE.common);
    expect(FACE_TABLE.bins[0]).toBe(0);
    expect(FACE_TABLE.bins.every((b, i) => i === 0 || b > FACE_TABLE.bins[i - 1])).toBe(true);
    expect(FACE_TABLE.bins).toContain(FACE_TABLE.common);
    // The rare part's characters below U+2E80 are listed, so the loader knows to fetch that part for them.
    expect(sorted(parseRange(FACE_TABLE.rareBelow2e80))).toEqual(sorted(order.slice(FACE_TABLE.common).filter((cp) => cp < 0x2e80)));
  });

  const NOTO = [
    { key: 'song-400', pkg: 'noto-serif-sc', weight: 400 },
    { key: 'song-700', pkg: 'noto-serif-sc', weight: 700 },
    { key: 'hei-400', pkg: 'noto-sans-sc', weight: 400 },
    { key: 'hei-700', pkg: 'noto-sans-sc', weight: 700 },
  ];
  for (const { key, pkg, weight } of NOTO) {
    it(`${key}: the pieces hold exactly the characters of @fontsource's numbered slices, each once`, () => {
      const dir = join(root, `node_modules/@fontsource/${pkg}`);
      const source = owned(readFileSync(join(dir, `${weight}.css`), 'utf8'), dir);
      const banded = source.filter((s) => /-\d+-\d+-normal\.woff2$/.test(s.url)).flatMap((s) => s.cps);
      const pieces = [...piecesOfFace(FACE_TABLE.faces.find((f) => f.key === key)!).values()].flat();
      expect(pieces.length).toBe(new Set(pieces).size);
      expect(sorted(pieces)).toEqual(sorted(banded));
      // The other slices (latin, cyrillic…) are declared as @fontsource declares them, in slices.css.
      const kept = source.filter((s) => !/-\d+-\d+-normal\.woff2$/.test(s.url)).map((s) => s.url.split('/').pop());
      const declared = fontFaceRules(readFileSync(join(root, 'src/fonts/slices.css'), 'utf8')).filter((r) => r.url.includes(`/${pkg}/`) && r.weight === weight);
      expect(declared.map((r) => r.url.split('/').pop())).toEqual(kept);
    });
  }

  it('kai-500: the pieces hold exactly the characters of the kai slices, each once', () => {
    const source = owned(readFileSync(join(root, 'src/fonts/lxgw-wenkai-500.css'), 'utf8'), join(root, 'src/fonts')).flatMap((s) => s.cps);
    const pieces = [...piecesOfFace(FACE_TABLE.faces.find((f) => f.key === 'kai-500')!).values()].flat();
    expect(pieces.length).toBe(new Set(pieces).size);
    expect(sorted(pieces)).toEqual(sorted(source));
  });

  it('every piece file holds the characters the table gives it, and every committed file is a piece', () => {
    const all = new Map(FACE_TABLE.faces.flatMap((f) => [...piecesOfFace(f)]));
    const files = readdirSync(piecesDir).filter((f) => f.endsWith('.woff2'));
    expect(files.sort()).toEqual([...all.keys()].sort());
    const wrong: string[] = [];
    for (const [file, cps] of all) {
      const font = fontkit.create(readFileSync(join(piecesDir, file))) as unknown as FontLike;
      const cmap = characterSet('', font);
      // A font without one outline has a zero-length glyf table, which Chromium's sanitizer
      // refuses ("invalid font data"): the builder gives a piece of blanks a companion glyph.
      let outlined = false;
      for (let g = 0; g < font.numGlyphs && !outlined; g++) outlined = font.getGlyph(g).path.commands.length > 0;
      if (!outlined) wrong.push(`${file}: no glyph has an outline (Chromium refuses such a font)`);
      const lacking = cps.filter((cp) => !cmap.has(cp));
      if (lacking.length) wrong.push(`${file}: lacks ${lacking.map((cp) => cp.toString(16)).join(' ')}`);
      // hb-subset may keep a few more code points that share a kept glyph; the range decides what the browser takes.
      if (cmap.size > cps.length + 4) wrong.push(`${file}: has ${cmap.size} characters, the table gives it ${cps.length}`);
    }
    expect(wrong).toEqual([]);
  }, 300_000); // 5,600 woff2 files decompressed by fontkit: minutes on a loaded machine

  describe('the loader maps each character to its piece', () => {
    const added: { family: string; url: string; weight: string; range: number[]; display: string }[] = [];
    beforeAll(() => {
      // Node has no FontFace: a stand-in that records what the loader asks the document for.
      (globalThis as unknown as { FontFace: unknown }).FontFace = class {
        status = 'unloaded';
        constructor(family: string, source: string, d: { weight: string; unicodeRange: string; display: string }) {
          added.push({ family, url: /url\(([^)?]+)/.exec(source)![1], weight: d.weight, range: parseRange(d.unicodeRange), display: d.display });
        }
        load() {
          this.status = 'loaded';
          return Promise.resolve(this);
        }
      };
    });

    it('registers, for every character of the table in every face, the piece the table gives it (rare part included), once', async () => {
      const fonts = { add: () => undefined } as unknown as FontFaceSet;
      for (const face of FACE_TABLE.faces) {
        added.length = 0;
        const loader = new FaceLoader(fonts);
        const pieces = piecesOfFace(face);
        const text = String.fromCodePoint(...order);
        await loader.load(face.key, text);
        expect(loader.loaded(face.key, text)).toBe(true);
        expect(added.every((a) => a.family === face.family && a.weight === String(face.weight) && a.display === 'block')).toBe(true);
        const got = new Map(added.map((a) => [a.url.split('/').pop()!, sorted(a.range)]));
        expect(got.size).toBe(added.length);
        expect(got).toEqual(new Map([...pieces].map(([f, cps]) => [f, sorted(cps)])));
        expect(loader.registered).toBe(pieces.size);
      }
    }, 60_000);

    it('registers only the pieces a text needs, and picks the face CSS matching would', async () => {
      added.length = 0;
      const loader = new FaceLoader({ add: () => undefined } as unknown as FontFaceSet);
      expect(loader.face('Noto Serif SC', 400)).toBe('song-400');
      expect(loader.face('Noto Serif SC', 500)).toBe('song-400');
      expect(loader.face('Noto Serif SC', 600)).toBe('song-700');
      expect(loader.face('LXGW WenKai', 700)).toBe('kai-500');
      expect(loader.facesOf(`'Noto Sans SC', 'PingFang SC', sans-serif`, 700)).toEqual(['hei-700']);
      expect(loader.register('hei-700', '新闻 AB')).toBe(true);
      const pieces = piecesOfFace(FACE_TABLE.faces.find((f) => f.key === 'hei-700')!);
      const want = [...pieces].filter(([, cps]) => cps.includes(0x65b0) || cps.includes(0x95fb)).map(([f]) => f);
      expect(added.map((a) => a.url.split('/').pop()).sort()).toEqual(want.sort());
      // Not loaded yet: the page must wait.
      expect(loader.loaded('hei-700', '新闻')).toBe(false);
    });

    it('pieces: the hint index.html registers from is what the loader would register; given those FontFaces, the loader takes them', async () => {
      const text = '新闻出版，国际要闻';
      added.length = 0;
      const fresh = new FaceLoader({ add: () => undefined } as unknown as FontFaceSet);
      await fresh.load('song-400', text);
      const registered = added.map((a) => ({ url: a.url, range: sorted(a.range) }));
      const hint = fresh.pieces('song-400', text);
      // The same pieces, the same ranges and descriptors (the range as the loader writes it).
      expect(hint.map((p) => ({ url: p.url.replace(/\?.*$/, ''), range: sorted(parseRange(p.range)) }))).toEqual(registered);
      expect(hint.every((p) => p.family === 'Noto Serif SC' && p.weight === '400' && p.display === 'block' && /\?v=/.test(p.url))).toBe(true);

      // index.html's script made the first piece only; the loader takes it, has the script make the rest
      // at once (finish), and makes none of them itself.
      added.length = 0;
      const made = new Map<string, FontFace>();
      const make = (p: (typeof hint)[number]) => made.set(p.url, new FontFace(p.family, `url(${p.url}) format('woff2')`, { weight: p.weight, display: p.display, unicodeRange: p.range }));
      make(hint[0]);
      let finished = 0;
      const early = {
        faces: Object.fromEntries(made),
        closed: false,
        made: 1,
        finish() {
          finished++;
          for (const p of hint.slice(1)) this.faces[p.url] = make(p).get(p.url)!;
          this.closed = true;
        },
      };
      added.length = 0;
      const loader = new FaceLoader({ add: () => undefined } as unknown as FontFaceSet, early);
      const need = loader.need('song-400', text);
      expect(finished).toBe(1);
      expect(added).toHaveLength(hint.length - 1);
      expect(new Set(need.faces)).toEqual(new Set(made.values()));
      expect(Object.keys(early.faces)).toHaveLength(0);
      // A character of a piece past the hint (a less common one): the loader makes it itself (the script has stopped).
      added.length = 0;
      loader.need('song-400', String.fromCodePoint(order[3000]));
      expect(finished).toBe(1);
      expect(added.length).toBeGreaterThan(0);
    });

    it('need: one pass gives the pieces a text needs, what waits for the rare part and what no piece holds', async () => {
      const loader = new FaceLoader({ add: () => undefined } as unknown as FontFaceSet);
      const hei = piecesOfFace(FACE_TABLE.faces.find((f) => f.key === 'hei-700')!);
      const need = loader.need('hei-700', '新闻 AB，新');
      // Noto's Latin is in the static slices (slices.css), no piece of the face holds it.
      expect(need).toMatchObject({ rare: false, rest: 'AB' });
      const want = new Set([...hei].filter(([, cps]) => [0x65b0, 0x95fb, 0xff0c].some((c) => cps.includes(c))).map(([f]) => f));
      expect(need.faces.length).toBe(want.size);
      // A blank alone in its piece (U+3000 in hei-400) has its piece like any character: the builder keeps such a piece a valid font.
      expect(loader.need('hei-400', '\u3000')).toMatchObject({ rare: false, rest: '' });
      expect(loader.need('hei-400', '\u3000').faces).toHaveLength(1);
      // A kai character of CJK extension B (a surrogate pair) waits for the table's rare part, then has its piece.
      const ext = order.slice(FACE_TABLE.common).find((cp) => cp >= 0x20000)!;
      const kai = piecesOfFace(FACE_TABLE.faces.find((f) => f.key === 'kai-500')!);
      expect(loader.need('kai-500', `文${String.fromCodePoint(ext)}`).rare).toBe(true);
      await loader.settled();
      const after = loader.need('kai-500', String.fromCodePoint(ext));
      expect(after).toMatchObject({ rare: false, rest: '' });
      expect(after.faces).toHaveLength(1);
      expect([...kai.values()].filter((cps) => cps.includes(ext))).toHaveLength(1);
    });
  });
});
