// stylesheetFontFiles (face-loader.ts): which of the stylesheets' own @font-face files (slices.css's
// Latin, Cyrillic, Vietnamese slices) draw a text, for index.html's preload links. Run on
// slices.css's own rules, shaped as the CSSOM gives them (Chromium's serialisation: quoted family,
// `url("…") format("woff2")`, short unicode-range).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stylesheetFontFiles } from '../../src/lib/state/face-loader';

class FakeFontFaceRule {
  constructor(readonly style: { getPropertyValue: (p: string) => string }) {}
}
class FakeImportRule {
  constructor(readonly styleSheet: unknown) {}
}

const css = readFileSync(join(import.meta.dirname, '../../src/fonts/slices.css'), 'utf8');
/** slices.css's rules as a CSSStyleSheet at /assets/index.css would list them, file names as a build hashes them. */
function sheet(href: string | null) {
  const rules = [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].map((m) => {
    const get = (prop: string) => new RegExp(`${prop}\\s*:\\s*([^;]+)`).exec(m[1])?.[1].trim() ?? '';
    const file = /([^/]+)\.woff2/.exec(get('src'))![1];
    const props: Record<string, string> = {
      'font-family': `"${get('font-family').replace(/'/g, '')}"`,
      'font-weight': get('font-weight'),
      src: `url("./${file}-h4sh.woff2") format("woff2")`,
      'unicode-range': get('unicode-range').replace(/,/g, ', '),
    };
    return new FakeFontFaceRule({ getPropertyValue: (p) => props[p] ?? '' });
  });
  return { href, cssRules: rules };
}

describe('stylesheetFontFiles', () => {
  beforeEach(() => {
    vi.stubGlobal('CSSFontFaceRule', FakeFontFaceRule);
    vi.stubGlobal('CSSImportRule', FakeImportRule);
    vi.stubGlobal('location', new URL('http://127.0.0.1:4173/'));
    vi.stubGlobal('document', { baseURI: 'http://127.0.0.1:4173/' });
  });
  afterEach(() => vi.unstubAllGlobals());

  const sheets = () => [sheet('http://127.0.0.1:4173/assets/index.css')] as unknown as CSSStyleSheet[];

  it('names the Latin slice of digits and ASCII, in the family and weight asked, as a same-origin path', () => {
    expect(stylesheetFontFiles(sheets(), 'Noto Sans SC', 700, '2026年11月30日 A1')).toEqual(['/assets/noto-sans-sc-latin-700-normal-h4sh.woff2']);
    expect(stylesheetFontFiles(sheets(), 'Noto Serif SC', 400, '“Galley”—')).toEqual(['/assets/noto-serif-sc-latin-400-normal-h4sh.woff2']);
  });

  it('a character two slices cover comes from the one declared last; other scripts from their own slice', () => {
    // U+0304 is in the Vietnamese, Latin-ext and Latin slices: Latin is declared last.
    expect(stylesheetFontFiles(sheets(), 'Noto Sans SC', 400, '\u0304')).toEqual(['/assets/noto-sans-sc-latin-400-normal-h4sh.woff2']);
    expect(stylesheetFontFiles(sheets(), 'Noto Sans SC', 400, 'Ж ệ').sort()).toEqual(['/assets/noto-sans-sc-cyrillic-400-normal-h4sh.woff2', '/assets/noto-sans-sc-vietnamese-400-normal-h4sh.woff2']);
  });

  it('nothing for a family no rule declares, for text no rule covers, or for another origin; reads imported sheets', () => {
    expect(stylesheetFontFiles(sheets(), 'LXGW WenKai', 500, 'abc')).toEqual([]);
    expect(stylesheetFontFiles(sheets(), 'Noto Sans SC', 400, '中文')).toEqual([]);
    expect(stylesheetFontFiles([sheet('https://cdn.example/x.css')] as unknown as CSSStyleSheet[], 'Noto Sans SC', 400, 'a')).toEqual([]);
    const outer = { href: null, cssRules: [new FakeImportRule(sheets()[0])] } as unknown as CSSStyleSheet;
    expect(stylesheetFontFiles([outer], 'Noto Sans SC', 400, 'a')).toEqual(['/assets/noto-sans-sc-latin-400-normal-h4sh.woff2']);
  });
});
