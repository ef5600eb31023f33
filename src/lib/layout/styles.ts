// Role styles for layout: how each block role of a story looks on the page.
// Headline size follows the module's column span, as a desk sizes a headline
// to the width it crowns; body text sits exactly on the baseline grid.
import type { Grid, Language } from '../model/edition';
import type { TextStyle } from '../typeset/types';
import { houseStyle } from '../typeset/styles';

/** Headline size in pt by column span: 1 col 14 pt … 6 and more 36 pt. */
const HEADLINE_PT_BY_SPAN = [14, 14, 18, 22, 26, 30, 36];

export function headlineSizeForSpan(span: number): number {
  return HEADLINE_PT_BY_SPAN[Math.max(1, Math.min(6, Math.floor(span)))];
}

/** Continuation blocks (the rest of a paragraph cut at a column or page) carry this suffix: no indent. */
export const CONTINUED_ROLE_SUFFIX = '+';

/** Role of a jump headline (转版标题): the story's headline repeated, smaller. */
export const JUMP_HEADLINE_ROLE = 'jump_headline';

export interface RoleStyleOptions {
  language: Language;
  grid: Grid;
  /** Size of the main headline in pt (from span or Placement.headlineSizePt). */
  headlinePt: number;
}

/** The style of a block role in a module. Unknown roles are set as body text. */
export function roleStyle(role: string, o: RoleStyleOptions): TextStyle {
  const continued = role.endsWith(CONTINUED_ROLE_SUFFIX);
  const base = continued ? role.slice(0, -1) : role;
  const s = houseStyle(base, { language: o.language, bodySizePt: o.grid.bodySizePt, leadingPt: o.grid.leadingPt, headlinePt: o.headlinePt });
  return continued ? { ...s, indentEm: 0 } : s;
}

/** A style function for the typesetter, closed over the module's options. */
export function styleFunction(o: RoleStyleOptions): (role: string) => TextStyle {
  const memo = new Map<string, TextStyle>();
  return (role) => {
    let s = memo.get(role);
    if (!s) memo.set(role, (s = roleStyle(role, o)));
    return s;
  };
}
