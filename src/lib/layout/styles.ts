// Role styles for layout: how each block role of a story looks on the page.
// Headline size follows the house headline scale (typeset/styles.ts): the
// module's column span, as a desk sizes a headline to the width it crowns, and
// the story's priority; body text sits exactly on the baseline grid.
import type { Grid, Language } from '../model/edition';
import type { TextStyle } from '../typeset/types';
import { HOUSE_HEADLINE_SCALE, headlineSize, houseStyle, type HeadlineScale } from '../typeset/styles';

/** Headline size in pt by column span (and priority, when given) on a scale (default: the house scale). */
export function headlineSizeForSpan(span: number, scale: HeadlineScale = HOUSE_HEADLINE_SCALE, priority = 2): number {
  return headlineSize(scale, span, priority);
}

/** Role of a jump headline (转版标题): the story's headline repeated, smaller. */
export const JUMP_HEADLINE_ROLE = 'jump_headline';

export interface RoleStyleOptions {
  language: Language;
  grid: Grid;
  /** Size of the main headline in pt (from span and priority, or Placement.headlineSizePt). */
  headlinePt: number;
  /** The edition's headline scale (ratios and faces of kicker, subtitle, jump headline). */
  scale?: HeadlineScale;
  /** The edition's punctuation width (default: compressed). */
  punctuation?: 'compress' | 'full';
}

/**
 * The style of a block role in a module, from the one house-style table
 * (typeset/styles.ts). Unknown roles are set as body text. A continued block
 * (the rest of a paragraph cut at a column or page) has no indent.
 */
export function roleStyle(role: string, o: RoleStyleOptions, continued = false): TextStyle {
  const s = houseStyle(role, { language: o.language, bodySizePt: o.grid.bodySizePt, leadingPt: o.grid.leadingPt, headlinePt: o.headlinePt, scale: o.scale, punctuation: o.punctuation });
  return continued ? { ...s, indentEm: 0 } : s;
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
