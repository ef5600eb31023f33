// Jumps: a story placed in parts is one text flow. The page a jump line names
// is never stored: it is read off the page order each time the edition is laid
// out, so moving a page or a continuation changes both ends by construction.
import type { Edition, JumpTemplates, Language, Story } from '../model/edition';
import { jumpLineText, type JumpDirection } from '../model/schema';
import type { Line } from '../typeset/types';
import { plainLine } from '../typeset/line';
import { baselineIn, positioned, type FlowContext } from './flow';
import { headlineSizeForSpan, styleFunction } from './styles';
import { problem } from './problems';
import { MAX_EMPTY_LINES } from './columns';
import { storyLanguage } from './language';
export { storyLanguage };
import type { EditionLayout, JumpRef, LayoutProblem, ModuleLayout, PositionedLine } from './types';

/** Page number (1-based, by position) of every placement, and each story's parts in order. */
export function jumpTargets(edition: Edition): Map<string, { prev?: number; next?: number }> {
  const byStory = new Map<string, { part: number; page: number; id: string }[]>();
  edition.pages.forEach((page, i) => {
    for (const p of page.placements) {
      const list = byStory.get(p.storyId) ?? [];
      list.push({ part: p.part, page: i + 1, id: p.id });
      byStory.set(p.storyId, list);
    }
  });
  const out = new Map<string, { prev?: number; next?: number }>();
  for (const list of byStory.values()) {
    list.sort((a, b) => a.part - b.part);
    list.forEach((x, k) => out.set(x.id, { prev: list[k - 1]?.page, next: list[k + 1]?.page }));
  }
  return out;
}


/**
 * The words of a jump line. The paper's templates (house style, `{page}` for the
 * number) apply to stories in the paper's language; a story in the other
 * language keeps that language's standard wording, so English copy in a Chinese
 * paper reads "Continued on Page 2", not （下转第2版）.
 */
export function jumpText(direction: JumpDirection, page: number | null, language: Language, edition: Pick<Edition, 'language' | 'jumpTemplates'>): string {
  const template = language === edition.language ? edition.jumpTemplates?.[direction] : undefined;
  if (!template?.trim()) return jumpLineText(direction, page, language);
  return template.replaceAll('{page}', String(page ?? '?'));
}

/** The standard templates of a language, as the house-style form starts from. */
export function defaultJumpTemplates(language: Language): JumpTemplates {
  const fill = (d: JumpDirection) => jumpLineText(d, 0, language).replace('0', '{page}');
  return { continuedTo: fill('continuedTo'), continuedFrom: fill('continuedFrom') };
}

export function jumpRef(direction: JumpDirection, page: number | null, language: Language, edition: Pick<Edition, 'language' | 'jumpTemplates'> = { language }): JumpRef {
  return { direction, page, text: jumpText(direction, page, language, edition) };
}

/** A generated jump line, set by the engine at column width, placed in its reserved grid slot. */
export function jumpLine(ctx: FlowContext, ref: JumpRef, x: number, slotTop: number, key: string, language: Language = ctx.language): PositionedLine {
  const width = ctx.metrics.columnWidthPt;
  const styleOf = styleFunction({ language, grid: ctx.grid, headlinePt: headlineSizeForSpan(1) });
  const style = { ...styleOf('jump_line'), align: ref.direction === 'continuedTo' ? ('end' as const) : ('start' as const) };
  const memoKey = `${ref.text}|${style.align}|${width.toFixed(3)}|${ctx.grid.bodySizePt}|${language}`;
  let line: Line | undefined = ctx.cache.single.get(memoKey);
  if (!line) {
    const lines = ctx.typesetter.typeset([{ key: `jump/${ref.text}/${style.align}`, role: 'jump_line', runs: [{ text: ref.text, marks: [] }] }], () => style, {
      widthPt: width,
      language,
    });
    // The engine may break an over-long jump text; the jump line is one line by definition.
    line = lines.length === 1 ? lines[0] : { ...plainLine(lines[0]), text: ref.text, to: ref.text.length, lastOfBlock: true, runs: lines.flatMap((l) => l.runs) };
    ctx.cache.single.set(memoKey, line);
  }
  const L = ctx.grid.leadingPt;
  return positioned(line, x, baselineIn(slotTop * L, L, style.sizePt), width, 'jump_line', false, style, key, -1);
}

// The empty-lines rule lives with the column cutting, which keeps it when it balances columns.
export { MAX_EMPTY_LINES } from './columns';

const JUMP_TEXT = /[（(]\s*(?:下转|上接)第\s*\S+?\s*版\s*[)）]|Continued (?:on|from) Page \S+/;

export function isJumpText(text: string): boolean {
  return JUMP_TEXT.test(text.trim());
}

/**
 * Check a laid-out edition: every jump's other end exists on the page it names,
 * no module is overset, no continuation is empty. Stories on no page are only
 * listed (layout.unplaced), they are not a problem.
 */
export function checkEdition(layout: EditionLayout): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const where = new Map<string, { page: number; module: ModuleLayout }>();
  for (const page of layout.pages) for (const m of page.modules) where.set(`${m.storyId}#${m.part}`, { page: page.number, module: m });
  for (const page of layout.pages) {
    for (const m of page.modules) {
      const at = { storyId: m.storyId, placementId: m.placementId, page: page.number };
      for (const j of m.jumps) {
        const otherPart = j.direction === 'continuedTo' ? m.part + 1 : m.part - 1;
        const other = where.get(`${m.storyId}#${otherPart}`);
        if (!other) {
          problems.push(problem('jump-missing', { why: 'no-part', page: page.number, text: j.text, part: otherPart }, at));
        } else if (other.page !== j.page) {
          problems.push(problem('jump-wrong-page', { page: page.number, text: j.text, part: otherPart, other: other.page }, at));
        } else {
          const back = other.module.jumps.find((x) => x.direction !== j.direction);
          if (!back || back.page !== page.number) problems.push(problem('jump-missing', { why: 'no-return', page: page.number, part: otherPart, other: other.page }, at));
        }
      }
      if (m.part > 1 && !where.has(`${m.storyId}#${m.part - 1}`)) problems.push(problem('jump-missing', { why: 'no-prev', page: page.number, part: m.part }, at));
      if (where.has(`${m.storyId}#${m.part + 1}`) && !m.jumps.some((j) => j.direction === 'continuedTo'))
        problems.push(problem('jump-missing', { why: 'no-room', page: page.number, part: m.part }, at));
      if (m.overset.chars > 0 || m.overset.lines > 0) problems.push(problem('overset', { page: page.number, lines: m.overset.lines, chars: m.overset.chars }, at));
      if (m.part > 1 && m.columns.every((c) => c.every((l) => l.role === 'jump_line')))
        problems.push(problem('empty-part', { page: page.number, part: m.part }, at));
      const empty = m.emptyLines ?? [];
      const worst = empty.reduce((k, n, c) => (n > empty[k] ? c : k), 0);
      if (empty[worst] > MAX_EMPTY_LINES) problems.push(problem('underfilled', { page: page.number, column: worst + 1, lines: empty[worst] }, at));
      if (m.jumps.some((j) => j.direction === 'continuedTo' && j.page === page.number)) problems.push(problem('jump-same-page', { page: page.number, part: m.part + 1 }, at));
      if (m.headClipped) problems.push(problem('headline-clipped', { page: page.number, need: m.headClipped.need, lines: m.grid.lines }, at));
    }
  }
  // A jump line the source carried: when the layout continues the story, its own jump
  // lines replace it; when it does not, the desk should know the rest is elsewhere.
  for (const sj of layout.sourceJumps ?? []) {
    if (sj.direction !== 'continuedTo') continue;
    if (where.has(`${sj.storyId}#2`)) continue;
    const first = where.get(`${sj.storyId}#1`);
    problems.push(problem('source-jump', { title: sj.title, target: sj.page ?? '?' }, { storyId: sj.storyId, placementId: first?.module.placementId, page: first?.page }));
  }
  return problems;
}
