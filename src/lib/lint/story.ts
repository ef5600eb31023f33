// Checks on a story as a whole: does it end, and do its jumps say where to.
import { endsSentence } from '../model/text';
import type { LintWarning } from './index';

interface JumpAt {
  direction: string;
  page: number | null;
  from: number;
  to: number;
}

export function storyEndWarnings(last: { text: string; from: number; to: number } | null, jumps: JumpAt[]): LintWarning[] {
  const out: LintWarning[] = [];
  // A story that stops mid-sentence with no jump was cut off at make-up.
  if (last && last.text.trim() && !endsSentence(last.text) && !jumps.some((j) => j.direction === 'continuedTo')) {
    const tail = last.text.slice(-12);
    out.push({
      kind: 'truncated',
      from: last.to - Math.min(12, last.text.length),
      to: last.to,
      text: tail,
      message: {
        zh: `稿件在句中结束（“…${tail}”），也没有转版：可能被截断，请核对原稿。`,
        en: `The story stops mid-sentence (“…${tail}”) with no jump line: it may have been cut off. Check the original.`,
      },
    });
  }
  for (const j of jumps) {
    if (j.page !== null) continue;
    out.push({
      kind: 'jump-without-page',
      from: j.from,
      to: j.to,
      message: {
        zh: j.direction === 'continuedTo' ? '转版行没有写明转到第几版。' : '接版行没有写明从第几版接来。',
        en: j.direction === 'continuedTo' ? 'The jump line does not say which page the story continues on.' : 'The jump line does not say which page the story comes from.',
      },
    });
  }
  return out;
}
