// CSS unicode-range text ⇄ code points, for the scripts that cut the bundled
// faces into pieces and the tests and bench that read those pieces' CSS.

/** `U+4e00-4e05,U+4e8c` → every code point it names (in the order written). */
export function parseRange(range: string): number[] {
  const out: number[] = [];
  for (const part of range.split(',')) {
    const [a, b] = part.trim().slice(2).split('-').map((h) => parseInt(h, 16));
    for (let c = a; c <= (b ?? a); c++) out.push(c);
  }
  return out;
}

/** Code points → the shortest unicode-range text (runs of consecutive ones as ranges). */
export function toRange(cps: number[]): string {
  const s = [...cps].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < s.length; ) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    parts.push(i === j ? `U+${s[i].toString(16)}` : `U+${s[i].toString(16)}-${s[j].toString(16)}`);
    i = j + 1;
  }
  return parts.join(',');
}

export interface FontFaceRule {
  family: string;
  weight: number;
  /** The first src url as written. */
  url: string;
  range: number[];
}

/** The @font-face rules of a stylesheet (as this project's and @fontsource's are written). */
export function fontFaceRules(css: string): FontFaceRule[] {
  return [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].map((m) => {
    const body = m[1];
    const get = (prop: string) => new RegExp(`${prop}\\s*:\\s*([^;]+)`).exec(body)?.[1].trim() ?? '';
    return {
      family: get('font-family').replace(/^['"]|['"]$/g, ''),
      weight: Number(get('font-weight')),
      url: /url\(([^)]+)\)/.exec(body)?.[1] ?? '',
      range: parseRange(get('unicode-range')),
    };
  });
}
