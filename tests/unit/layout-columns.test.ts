// Balancing a story's last columns: the column-break rules (a subhead never
// ends a column, no orphan, no widow) are kept, and so is the empty-lines rule
// when some share of the lines keeps both: a column ending more than
// MAX_EMPTY_LINES above the module's foot is a hole the layout reports.
import { describe, it, expect } from 'vitest';
import { balanceColumns, MAX_EMPTY_LINES, type Cut, type FlowLine } from '../../src/lib/layout';
import type { Line } from '../../src/lib/typeset/types';

/** Flow lines from a plan: each entry a block, 'S' a subhead (two grid lines), a number that many body lines. */
function flowOf(plan: (number | 'S')[]): FlowLine[] {
  return plan.flatMap((b, block) => {
    const n = b === 'S' ? 1 : b;
    return Array.from({ length: n }, (_, k) => ({
      line: { block, firstOfBlock: k === 0, lastOfBlock: k === n - 1 } as Line,
      role: b === 'S' ? 'subhead' : 'body',
      continued: false,
      style: {} as FlowLine['style'],
      key: `${block}:${k}`,
      slots: b === 'S' ? 2 : 1,
      end: { block, offset: k + 1 },
    }));
  });
}

function footWhite(flow: FlowLine[], cut: Cut, depth: number): number[] {
  return cut.columns.map((c) => depth - (c.end > c.start ? c.at[c.end - c.start - 1] + flow[c.end - 1].slots : 0));
}

describe('balanceColumns', () => {
  it('takes the share of lines that leaves no column more than two lines short, when the break rules allow one', () => {
    // Two lines, a subhead, six lines, a subhead, two lines in three columns of six: an even share (five a
    // column) stops the first column before the subhead and leaves it four lines short; six in the first keeps
    // every rule and every column within two lines of the foot.
    const flow = flowOf([2, 'S', 6, 'S', 2]);
    const cut = balanceColumns(flow, 3, 6, false)!;
    expect(cut.placed).toBe(flow.length);
    expect(Math.max(...footWhite(flow, cut, 6))).toBeLessThanOrEqual(MAX_EMPTY_LINES);
    for (const c of cut.columns) expect(flow[c.end - 1].role).not.toBe('subhead');
  });
});
