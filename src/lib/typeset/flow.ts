// Column breaks: whether cutting a story's lines between two columns leaves a
// widow or an orphan. Layout's column cutter (layout/flow.ts) asks this.
import type { Line } from './types';

/**
 * Is cutting a story's lines after index `k` (lines[0..k] in one column,
 * lines[k+1..] in the next) a typographic fault? 'orphan': a paragraph's first
 * line alone at the foot; 'widow': its last line alone at the head.
 */
export function cutFault(lines: Line[], k: number): 'orphan' | 'widow' | null {
  if (k < 0 || k >= lines.length - 1) return null;
  const here = lines[k];
  const next = lines[k + 1];
  if (here.block !== next.block) return null;
  if (here.firstOfBlock && !here.lastOfBlock) return 'orphan';
  if (next.lastOfBlock && !next.firstOfBlock) return 'widow';
  return null;
}
