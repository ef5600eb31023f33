// Typeset lines drawn exactly where the engine put them: each line a box with white-space: pre,
// each run at its own x with the run's letter-spacing. The browser never breaks or justifies text.
// Boxes are placed by their margins in a grid of one cell (the lines' box for lines, a line for its
// runs: type-lines.css), not positioned: an absolutely positioned box is a paint layer of its own,
// and a page's ~950 layers cost more of its drawing (style, layout, pre-paint, paint) than the
// positions need. A margin from the cell's corner resolves as `left`/`top` from the containing
// block's did: the same pixels (screenshots at device scale 1 and 3, BENCHMARKS.md session 10).
// A line of one run at its start, not spaced out (most body lines), is its text alone;
// a run's box is as wide as the engine set it: a positioned box of no set width is sized
// to its text first (a second pass over its line), which was most of a page's layout time.
//
// A column's lines are one HTML string, written in one go ({@html}): a page is a few
// hundred lines and a thousand runs, and building them as Svelte elements one by one
// cost more main-thread time than the browser's own style and layout of them.
import type { PositionedLine } from '../../lib/layout';
import type { TextStyle } from '../../lib/typeset/types';
import { cssWeight, FACE_FALLBACK } from '../../lib/typeset/faces';
import { baselineOffset } from './baseline.svelte';
import './type-lines.css';

const fontCss = new WeakMap<TextStyle, string>();
/**
 * A style's own font declarations, made once per style object (all lines of a role share it).
 * The rest of `cssFont` (no kerning, ligatures, trimming or autospace; white-space: pre) is the
 * same for every style, so it sits in `.ln` (type-lines.css), not in each line's style
 * attribute: a page's few hundred lines each parse and cascade 8 declarations, not 15.
 */
function font(style: TextStyle): string {
  let css = fontCss.get(style);
  if (!css) fontCss.set(style, (css = escapeHtml(`font-family: ${FACE_FALLBACK[style.face]}; font-weight: ${cssWeight(style.face, style.weight)};`)));
  return css;
}

const fmt = (n: number) => Math.round(n * 1000) / 1000;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
function escapeHtml(text: string): string {
  return /[&<>"]/.test(text) ? text.replace(/[&<>"]/g, (c) => ESCAPES[c]) : text;
}

/** Top of a line's box from its baseline (the style object is shared by all lines of a role). */
function lineTop(l: PositionedLine, originY: number): number {
  const size = l.sizePt || l.style.sizePt;
  return l.y - originY - baselineOffset(size === l.style.sizePt ? l.style : { ...l.style, sizePt: size });
}

/**
 * The lines as HTML, in pt relative to the type area; (originX, originY) is where the
 * box they are drawn in sits in it. That box has the class `lines` (type-lines.css).
 * Reads `baselineOffset`, so a caller inside an effect draws again when the fonts'
 * baselines are measured.
 */
export function linesHtml(lines: readonly PositionedLine[], originX = 0, originY = 0): string {
  let html = '';
  for (const l of lines) {
    const size = l.sizePt || l.style.sizePt;
    const top = lineTop(l, originY);
    const only = l.runs.length === 1 ? l.runs[0] : null;
    const alone = only !== null && only.x === 0 && !only.letterSpacing;
    html += `<span class="${alone ? 'ln' : 'ln runs'}" data-role="${escapeHtml(l.role)}" style="${font(l.style)} font-size: ${size}pt; line-height: ${size}pt; height: ${size}pt; margin-left: ${fmt(l.x - originX)}pt; margin-top: ${fmt(top)}pt; width: ${fmt(l.measure)}pt">`;
    if (alone) html += escapeHtml(only.text);
    else
      for (const r of l.runs) {
        html += `<span class="run" style="margin-left: ${fmt(r.x)}pt; width: ${fmt(Math.max(0, r.width))}pt;${r.letterSpacing ? ` letter-spacing: ${fmt(r.letterSpacing)}pt;` : ''}">${escapeHtml(r.text)}</span>`;
      }
    html += '</span>';
  }
  return html;
}

/**
 * Measure the baselines of the lines' faces and sizes now, before they are written: a face
 * measured while they are being written would lay out the page around its probe, once per face.
 */
export function measureBaselines(lines: Iterable<PositionedLine>): void {
  for (const l of lines) lineTop(l, 0);
}

/** What each element's lines were written from. */
const written = new WeakMap<Element, { lines: readonly PositionedLine[]; originX: number; originY: number }>();

/**
 * An attachment drawing the lines into its element (of the class `lines`): written once as HTML, and when only a
 * baseline changes (the Layout view's first page writes its lines while the fonts arrive,
 * with default baselines, and measures them once the fonts are in), each line's top is moved
 * in place rather than all the lines parsed, styled and laid out anew.
 */
export function drawLines(lines: readonly PositionedLine[], originX = 0, originY = 0): (el: HTMLElement) => void {
  return (el) => {
    const was = written.get(el);
    if (was && was.lines === lines && was.originX === originX && was.originY === originY && el.children.length === lines.length) {
      lines.forEach((l, i) => {
        const top = `${fmt(lineTop(l, originY))}pt`;
        const box = (el.children[i] as HTMLElement).style;
        if (box.marginTop !== top) box.marginTop = top;
      });
      return;
    }
    el.innerHTML = linesHtml(lines, originX, originY);
    written.set(el, { lines, originX, originY });
  };
}
