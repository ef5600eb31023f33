// The page's lines as one HTML string (components/layout/type-lines.ts): every line a box at the
// engine's position, every run at its own x with its set width and letter-spacing (a line of one
// unspaced run at its start: the text alone), text escaped. In Node no font is measured: a
// line's top is its baseline less the face's default offset.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { linesHtml } from '../../src/components/layout/type-lines';
import { cssFont } from '../../src/lib/typeset/faces';
import type { PositionedLine } from '../../src/lib/layout';
import type { TextStyle } from '../../src/lib/typeset/types';

const style = { face: 'song', weight: 400, sizePt: 9 } as TextStyle;
function line(y: number, runs: { text: string; x: number; letterSpacing?: number }[], role = 'body', sizePt = 0): PositionedLine {
  return { x: 110, y, measure: 60.5, role, style, sizePt, runs: runs.map((r) => ({ ...r, width: 10, marks: [] })) } as unknown as PositionedLine;
}

describe('linesHtml', () => {
  it('draws each line at its place relative to its box, each run at its x, and escapes the text', () => {
    const html = linesHtml([line(120, [{ text: '春运<开始> & "回家"', x: 0 }, { text: '——', x: 18.1234, letterSpacing: 0.5 }]), line(133.5, [{ text: '正文', x: 0 }], 'caption', 8)], 100, 100);
    const lines = html.match(/<span class="ln[^"]*"[^>]*>/g) ?? [];
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('data-role="body"');
    expect(lines[0]).toContain("font-family: 'Noto Serif SC'");
    // x and top relative to the box at (100, 100); the top is the baseline less 0.9325 em.
    // A line of runs is a grid of one cell for them (type-lines.css); a line of text alone is not.
    expect(lines[0]).toMatch(/^<span class="ln runs"/);
    expect(lines[1]).toMatch(/^<span class="ln"/);
    expect(lines[0]).toContain(`margin-left: 10pt; margin-top: ${Math.round((20 - 0.9325 * 9) * 1000) / 1000}pt; width: 60.5pt`);
    expect(lines[0]).toContain('font-size: 9pt; line-height: 9pt; height: 9pt;');
    // A line's own size (a caption) wins over its style's.
    expect(lines[1]).toContain('data-role="caption"');
    expect(lines[1]).toContain(`font-size: 8pt; line-height: 8pt; height: 8pt; margin-left: 10pt; margin-top: ${Math.round((33.5 - 0.9325 * 8) * 1000) / 1000}pt`);
    const runs = [...html.matchAll(/<span class="run" style="([^"]*)">([^<]*)<\/span>/g)].map((m) => [m[1], m[2]]);
    expect(runs).toEqual([
      ['margin-left: 0pt; width: 10pt;', '春运&lt;开始&gt; &amp; &quot;回家&quot;'],
      ['margin-left: 18.123pt; width: 10pt; letter-spacing: 0.5pt;', '——'],
    ]);
    // The second line's one run, at its start and not spaced out, is its text alone.
    expect(html).toMatch(/<span class="ln" data-role="caption"[^>]*>正文<\/span>$/);
    expect(html.match(/<\/span><\/span>/g)).toHaveLength(1);
  });

  it('keeps a run of its own for a lone run set in from the line start or spaced out', () => {
    const html = linesHtml([line(120, [{ text: '电', x: 4.5 }]), line(133.5, [{ text: '一二', x: 0, letterSpacing: 1 }])]);
    const runs = [...html.matchAll(/<span class="run" style="([^"]*)">([^<]*)<\/span>/g)].map((m) => [m[1], m[2]]);
    expect(runs).toEqual([
      ['margin-left: 4.5pt; width: 10pt;', '电'],
      ['margin-left: 0pt; width: 10pt; letter-spacing: 1pt;', '一二'],
    ]);
  });

  it("sets, with the .ln rule, exactly cssFont's declarations on every line", () => {
    const declarations = (css: string) =>
      new Map(
        css
          .split(';')
          .map((d) => d.trim())
          .filter(Boolean)
          .map((d) => [d.slice(0, d.indexOf(':')).trim(), d.slice(d.indexOf(':') + 1).trim()] as const),
      );
    const rule = /\.ln \{([^}]*)\}/.exec(readFileSync(new URL('../../src/components/layout/type-lines.css', import.meta.url), 'utf8'))![1];
    for (const s of [style, { face: 'hei', weight: 700, sizePt: 20 }, { face: 'kai', weight: 500, sizePt: 11 }, { face: 'latin', weight: 400, sizePt: 9 }] as TextStyle[]) {
      const attribute = /<span class="ln[^"]*"[^>]* style="([^"]*)"/.exec(linesHtml([{ ...line(120, [{ text: '字', x: 0 }]), style: s }]).replaceAll('&quot;', '"'))![1];
      const drawn = declarations(rule.replace(/\/\*[^]*?\*\//g, '') + ';' + attribute);
      for (const [property, value] of declarations(cssFont(s))) expect([property, drawn.get(property)]).toEqual([property, value]);
    }
  });

  it('draws nothing for no lines', () => {
    expect(linesHtml([])).toBe('');
  });
});
