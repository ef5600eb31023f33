// Typeset lines drawn exactly where the engine put them: each line one
// absolutely positioned box with white-space: pre, each run at its own x
// with the run's letter-spacing. The browser never breaks or justifies text.
//
// A column's lines are one HTML string, written in one go ({@html}): a page is a few
// hundred lines and a thousand runs, and building them as Svelte elements one by one
// cost more main-thread time than the browser's own style and layout of them.
import type { PositionedLine } from '../../lib/layout';
import type { TextStyle } from '../../lib/typeset/types';
import { cssFont } from '../../lib/typeset/faces';
import { baselineOffset } from './baseline.svelte';
import './type-lines.css';

const fontCss = new WeakMap<TextStyle, string>();
/** A style's font declarations, made once per style object (all lines of a role share it). */
function font(style: TextStyle): string {
  let css = fontCss.get(style);
  if (!css) fontCss.set(style, (css = escapeHtml(cssFont(style))));
  return css;
}

const fmt = (n: number) => Math.round(n * 1000) / 1000;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
function escapeHtml(text: string): string {
  return /[&<>"]/.test(text) ? text.replace(/[&<>"]/g, (c) => ESCAPES[c]) : text;
}

/**
 * The lines as HTML, in pt relative to the type area; (originX, originY) is where the
 * box they are drawn in sits in it. Reads `baselineOffset`, so a caller inside an effect
 * draws again when the fonts' baselines are measured.
 */
export function linesHtml(lines: readonly PositionedLine[], originX = 0, originY = 0): string {
  let html = '';
  for (const l of lines) {
    const size = l.sizePt || l.style.sizePt;
    // Top of the line's box from its baseline (the style object is shared by all lines of a role).
    const top = l.y - originY - baselineOffset(size === l.style.sizePt ? l.style : { ...l.style, sizePt: size });
    html += `<span class="ln" data-role="${escapeHtml(l.role)}" style="${font(l.style)} font-size: ${size}pt; line-height: ${size}pt; height: ${size}pt; left: ${fmt(l.x - originX)}pt; top: ${fmt(top)}pt; width: ${fmt(l.measure)}pt">`;
    for (const r of l.runs) {
      html += `<span class="run" style="left: ${fmt(r.x)}pt;${r.letterSpacing ? ` letter-spacing: ${fmt(r.letterSpacing)}pt;` : ''}">${escapeHtml(r.text)}</span>`;
    }
    html += '</span>';
  }
  return html;
}
