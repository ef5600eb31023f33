// Role styles for layout: how each block role of a story looks on the page.
// Headline size follows the module's column span, as a desk sizes a headline
// to the width it crowns; body text sits exactly on the baseline grid.
import type { Grid, Language } from '../model/edition';
import type { TextStyle } from '../typeset/types';
import { HEADLINE_BREAKING, HEADLINE_ROLES } from '../typeset/styles';

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

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** The style of a block role in a module. Unknown roles are set as body text. */
export function roleStyle(role: string, o: RoleStyleOptions): TextStyle {
  const continued = role.endsWith(CONTINUED_ROLE_SUFFIX);
  const base = continued ? role.slice(0, -1) : role;
  const s0 = baseStyle(base, o);
  // Display lines break between words and are balanced, as a desk sets a headline.
  const s = (HEADLINE_ROLES as readonly string[]).includes(base) ? { ...s0, ...HEADLINE_BREAKING } : s0;
  return continued ? { ...s, indentEm: 0 } : s;
}

function baseStyle(role: string, { language, grid, headlinePt }: RoleStyleOptions): TextStyle {
  const zh = language !== 'en';
  const body = grid.bodySizePt;
  const L = grid.leadingPt;
  const text = zh ? 'song' : 'latin';
  const display = zh ? 'hei' : 'latin';
  const small = round1(Math.max(body + 2, headlinePt * 0.45));
  switch (role) {
    case 'headline':
      return { face: display, weight: 700, sizePt: headlinePt, leadingPt: round1(headlinePt * 1.25), indentEm: 0, align: 'center' };
    case 'kicker':
    case 'subtitle':
      return { face: display, weight: 400, sizePt: small, leadingPt: round1(small * 1.35), indentEm: 0, align: 'center' };
    case JUMP_HEADLINE_ROLE: {
      const size = round1(Math.max(body + 3, headlinePt * 0.6));
      return { face: display, weight: 700, sizePt: size, leadingPt: round1(size * 1.3), indentEm: 0, align: 'center' };
    }
    case 'subhead':
      // Two grid lines: the subhead stands centred in them, body stays on the grid.
      return { face: display, weight: 700, sizePt: round1(body * 1.17), leadingPt: 2 * L, indentEm: 0, align: 'center' };
    case 'byline':
      return { face: zh ? 'kai' : 'latin', weight: 400, sizePt: body, leadingPt: L, indentEm: 0, align: zh ? 'start' : 'start' };
    case 'caption':
      return { face: zh ? 'kai' : 'latin', weight: 400, sizePt: body, leadingPt: L, indentEm: zh ? 2 : 0, align: 'justify' };
    case 'credit':
      return { face: zh ? 'kai' : 'latin', weight: 400, sizePt: body, leadingPt: L, indentEm: 0, align: 'end' };
    case 'jump_line':
      return { face: zh ? 'kai' : 'latin', weight: 400, sizePt: body, leadingPt: L, indentEm: 0, align: 'end' };
    default:
      return { face: text, weight: 400, sizePt: body, leadingPt: L, indentEm: zh ? 2 : 1, align: 'justify' };
  }
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
