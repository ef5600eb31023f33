// What the checker says, in both UI languages: a problem carries its kind and
// the figures in it (params), and the message is written from them, so the
// Problems panel shows the desk's own language and tests can read the figures.
import type { LayoutProblem, LayoutProblemKind } from './types';

export type ProblemParams = Record<string, string | number>;

type Where = Pick<LayoutProblem, 'storyId' | 'placementId' | 'page'>;

const INFO: ReadonlySet<LayoutProblemKind> = new Set(['source-jump']);

function zh(kind: LayoutProblemKind, p: ProblemParams): string {
  switch (kind) {
    case 'overset':
      return `第${p.page}版：超出 ${p.lines} 行（${p.chars} 字）未排完`;
    case 'jump-missing':
      if (p.why === 'no-part') return `第${p.page}版：“${p.text}”，但这篇稿件的第 ${p.part} 部分不在任何版面上`;
      if (p.why === 'no-return') return `第${p.page}版：第${p.other}版上的第 ${p.part} 部分没有转回第${p.page}版`;
      if (p.why === 'no-prev') return `第${p.page}版：第 ${p.part} 部分的前一部分不在任何版面上`;
      return `第${p.page}版：第 ${p.part} 部分没有放转版行的地方`;
    case 'jump-wrong-page':
      return `第${p.page}版：“${p.text}”，但第 ${p.part} 部分在第${p.other}版`;
    case 'empty-part':
      return `第${p.page}版：第 ${p.part} 部分没有文字（稿件在前面已结束）`;
    case 'overlap':
      return `第${p.page}版：稿件块 ${p.a} 与 ${p.b} 重叠`;
    case 'off-grid':
      return `第${p.page}版：稿件块 ${p.a} 超出版心或压住报头`;
    case 'headline-clipped':
      return `第${p.page}版：标题需要 ${p.need} 行，稿件块只有 ${p.lines} 行，标题被裁切`;
    case 'source-jump':
      return `稿件“${p.title}”在原稿中转至第${p.target}版；本期没有它的续文`;
  }
}

function en(kind: LayoutProblemKind, p: ProblemParams): string {
  switch (kind) {
    case 'overset':
      return `page ${p.page}: ${p.lines} lines (${p.chars} characters) overset`;
    case 'jump-missing':
      if (p.why === 'no-part') return `page ${p.page}: “${p.text}” but part ${p.part} of the story is on no page`;
      if (p.why === 'no-return') return `page ${p.page}: part ${p.part} on page ${p.other} does not jump back to page ${p.page}`;
      if (p.why === 'no-prev') return `page ${p.page}: the part before part ${p.part} is on no page`;
      return `page ${p.page}: part ${p.part} has no room for its jump line`;
    case 'jump-wrong-page':
      return `page ${p.page}: “${p.text}” but part ${p.part} is on page ${p.other}`;
    case 'empty-part':
      return `page ${p.page}: part ${p.part} holds no text (the story ended before it)`;
    case 'overlap':
      return `page ${p.page}: modules ${p.a} and ${p.b} overlap`;
    case 'off-grid':
      return `page ${p.page}: module ${p.a} is off the grid or under the masthead`;
    case 'headline-clipped':
      return `page ${p.page}: the headline needs ${p.need} lines but the module has ${p.lines}; it is clipped`;
    case 'source-jump':
      return `story “${p.title}” was continued on page ${p.target} in the source; its continuation is not in this edition`;
  }
}

/** A checker finding with its message in both languages. */
export function problem(kind: LayoutProblemKind, params: ProblemParams, where: Where = {}): LayoutProblem {
  return { kind, level: INFO.has(kind) ? 'info' : 'error', params, message: { zh: zh(kind, params), en: en(kind, params) }, ...where };
}
