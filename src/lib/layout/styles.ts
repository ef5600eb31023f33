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

/**
 * The style of a block role in a module. Unknown roles are set as body text.
 * A continued block (the rest of a paragraph cut at a column or page) has no indent.
 */
export function roleStyle(role: string, o: RoleStyleOptions, continued = false): TextStyle {
  const s0 = baseStyle(role, o);
  // Display lines break between words and are balanced, as a desk sets a headline.
  const s = (HEADLINE_ROLES as readonly string[]).includes(role) ? { ...s0, ...HEADLINE_BREAKING } : s0;
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

/** A style function for the typesetter, closed over the module's options (`continued` for a cut paragraph's rest). */
export function styleFunction(o: RoleStyleOptions): (role: string, continued?: boolean) => TextStyle {
  const memo = [new Map<string, TextStyle>(), new Map<string, TextStyle>()];
  return (role, continued = false) => {
    const m = memo[continued ? 1 : 0];
    let s = m.get(role);
    if (!s) m.set(role, (s = roleStyle(role, o, continued)));
    return s;
  };
}
