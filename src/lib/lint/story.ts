// Checks on a story as a whole: does it end, and do its jumps say where to.
import { endsSentence, isClosingNote } from '../model/text';
import type { LintWarning } from './types';

interface JumpAt {
  direction: string;
  page: number | null;
  from: number;
  to: number;
}

export function storyEndWarnings(last: { text: string; from: number; to: number } | null, jumps: JumpAt[]): LintWarning[] {
  const out: LintWarning[] = [];
  // A story that stops mid-sentence with no jump was cut off at make-up; a closing note in brackets is an end.
  if (last && last.text.trim() && !endsSentence(last.text) && !isClosingNote(last.text) && !jumps.some((j) => j.direction === 'continuedTo')) {
    const tail = last.text.slice(-12);
    out.push({
      kind: 'truncated',
      from: last.to - Math.min(12, last.text.length),
      to: last.to,
      text: tail,
      message: { code: 'lint.truncated', params: { tail } },
    });
  }
  for (const j of jumps) {
    if (j.page !== null) continue;
    out.push({
      kind: 'jump-without-page',
      from: j.from,
      to: j.to,
      message: { code: j.direction === 'continuedTo' ? 'lint.jump-without-page.to' : 'lint.jump-without-page.from', params: {} },
    });
  }
  return out;
}
