// Lines as plain data. Its own module, with nothing but types beside it: layout copies lines
// without loading the engine's breaking (and, through it, the hyphenation patterns).
import type { Line } from './types';

/**
 * A line as plain data, every field its own property in a Line's order: the one way to copy a line
 * (an engine line's text, widths and runs are getters, so a spread would copy only block, offsets
 * and first/last of block).
 */
export function plainLine(l: Line): Line {
  return { block: l.block, from: l.from, to: l.to, text: l.text, naturalWidth: l.naturalWidth, stretch: l.stretch, leadingPt: l.leadingPt, sizePt: l.sizePt, firstOfBlock: l.firstOfBlock, lastOfBlock: l.lastOfBlock, runs: l.runs };
}
