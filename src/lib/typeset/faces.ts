// Which bundled font sets each face role, and the CSS that names it.
// The metric tables (metrics/*.json, built by scripts/build-metrics.ts) are read
// from exactly these files; fonts.css makes the browser load them, or, for the
// CJK frequency bands, finer pieces cut from them with every advance kept
// (scripts/build-face-pieces.ts, checked there and in tests/unit/face-pieces.test.ts).
import type { FaceRole, TextStyle } from './types';

/** CSS family names of the four bundled faces. */
export const FACE_FAMILY: Record<FaceRole, string> = {
  song: 'Noto Serif SC',
  hei: 'Noto Sans SC',
  kai: 'LXGW WenKai',
  latin: 'Noto Serif',
};

/** What to show before the bundled font has loaded (never used for measuring). */
export const FACE_FALLBACK: Record<FaceRole, string> = {
  song: "'Noto Serif SC', 'Songti SC', SimSun, serif",
  hei: "'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
  kai: "'LXGW WenKai', 'Kaiti SC', KaiTi, serif",
  latin: "'Noto Serif', Georgia, serif",
};

export interface FontFileSpec {
  family: string;
  cssWeight: number;
  /** Files under node_modules, in the order fonts.css declares them. */
  files: string[];
}

const fs = '@fontsource';
/**
 * The files of an @fontsource SC face in the order its `<weight>.css` declares
 * them: numbered unicode-range slices of the font (so a page fetches only the
 * slices of the characters it sets), then its Latin and other script slices.
 */
function scSlices(pkg: string, weight: number): string[] {
  const parts: (number | string)[] = [4, 5, 6];
  for (let n = 21; n <= 91; n++) parts.push(n);
  for (let n = 97; n <= 119; n++) parts.push(n);
  parts.push('cyrillic', 'vietnamese', 'latin-ext', 'latin');
  return parts.map((p) => `${fs}/${pkg}/files/${pkg}-${p}-${weight}-normal.woff2`);
}
/**
 * One entry per face and weight that fonts.css loads. LXGW WenKai ships 300,
 * 500 and 700; 500 is used for both weights (kai sets bylines and captions,
 * which are not bolded). @fontsource has it as one 7 MB file, which
 * scripts/build-kai-slices.ts cuts into unicode-range slices (src/fonts/) with
 * every advance kept: its table is read from the whole file.
 */
export const FONT_FILES: Record<string, FontFileSpec> = {
  'song-400': { family: FACE_FAMILY.song, cssWeight: 400, files: scSlices('noto-serif-sc', 400) },
  'song-700': { family: FACE_FAMILY.song, cssWeight: 700, files: scSlices('noto-serif-sc', 700) },
  'hei-400': { family: FACE_FAMILY.hei, cssWeight: 400, files: scSlices('noto-sans-sc', 400) },
  'hei-700': { family: FACE_FAMILY.hei, cssWeight: 700, files: scSlices('noto-sans-sc', 700) },
  'kai-500': { family: FACE_FAMILY.kai, cssWeight: 500, files: [`${fs}/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff2`] },
  'latin-400': { family: FACE_FAMILY.latin, cssWeight: 400, files: [`${fs}/noto-serif/files/noto-serif-latin-400-normal.woff2`] },
  'latin-700': { family: FACE_FAMILY.latin, cssWeight: 700, files: [`${fs}/noto-serif/files/noto-serif-latin-700-normal.woff2`] },
};

/** The metric table key (and CSS weight) a style is set in. */
export function fontKey(face: FaceRole, weight: number): string {
  if (face === 'kai') return 'kai-500';
  return `${face}-${weight >= 600 ? 700 : 400}`;
}

/** The CSS weight to request so the browser picks the file the table was read from. */
export function cssWeight(face: FaceRole, weight: number): number {
  return FONT_FILES[fontKey(face, weight)].cssWeight;
}

/**
 * CSS declarations that render a style exactly as measured: the bundled family
 * at the measured weight, no kerning, no ligatures, no automatic CJK
 * punctuation trimming or Han–Latin autospace (the engine positions every
 * glyph run itself). Draw each PlacedRun in its own absolutely positioned span
 * at `left: x pt` with `letter-spacing: letterSpacing pt` when present: the
 * span boundary matters, a dash run (——) is measured as shaped alone.
 */
export function cssFont(style: Pick<TextStyle, 'face' | 'weight' | 'sizePt'>): string {
  return `font-family: ${FACE_FALLBACK[style.face]}; font-weight: ${cssWeight(style.face, style.weight)}; font-size: ${style.sizePt}pt; font-kerning: none; font-variant-ligatures: none; font-feature-settings: 'kern' 0, 'liga' 0, 'palt' 0; text-spacing-trim: space-all; text-autospace: no-autospace; white-space: pre;`;
}
