// The house style: the one table of how each block role is set (face, size,
// leading, indent, alignment, where lines break). Layout reads it through
// layout/styles.ts roleStyle, which adds what only layout knows (the headline
// size by column span, a continued paragraph's missing indent).
import type { TextStyle } from './types';

/**
 * Roles set like headlines: broken only between words (at the source's phrase
 * spaces and at dictionary word boundaries, never 春|运) and balanced (two
 * similar halves, not a full line and a two-character tail).
 */
export const HEADLINE_ROLES = ['headline', 'kicker', 'subtitle', 'subhead', 'jump_headline'] as const;
export const HEADLINE_BREAKING: Pick<TextStyle, 'breakAt' | 'balance'> = { breakAt: 'word', balance: true };

export interface HouseStyleOptions {
  language: 'zh' | 'en';
  /** Body type size in pt (the grid's). */
  bodySizePt: number;
  /** Body leading in pt (the grid's baseline interval). */
  leadingPt: number;
  /** Size of the main headline in pt (layout sizes it by the module's column span). */
  headlinePt: number;
}

/** Kicker and subtitle: about half the headline, never smaller than body + 2 pt. */
const SMALL_DISPLAY_SHARE = 0.45;
/** A jump headline (转版标题) repeats the headline at about 0.6 of its size, never smaller than body + 3 pt. */
const JUMP_HEADLINE_SHARE = 0.6;
/** Subheads are a little larger than body and stand in two grid lines. */
const SUBHEAD_SCALE = 1.17;

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * The style of a block role. Chinese: body in song (书宋) with a 2-em first-line
 * indent, display lines in hei (黑体), bylines, captions, credits and jump lines
 * in kai (楷体). English: everything in the Latin serif, body indented 1 em.
 * Display lines are centred; unknown roles are set as body text.
 */
export function houseStyle(role: string, o: HouseStyleOptions): TextStyle {
  const s = baseStyle(role, o);
  // Display lines break between words and are balanced, as a desk sets a headline.
  return (HEADLINE_ROLES as readonly string[]).includes(role) ? { ...s, ...HEADLINE_BREAKING } : s;
}

function baseStyle(role: string, { language, bodySizePt: body, leadingPt: L, headlinePt }: HouseStyleOptions): TextStyle {
  const zh = language !== 'en';
  const text = zh ? 'song' : 'latin';
  const display = zh ? 'hei' : 'latin';
  const quiet = zh ? 'kai' : 'latin';
  const small = round1(Math.max(body + 2, headlinePt * SMALL_DISPLAY_SHARE));
  switch (role) {
    case 'headline':
      return { face: display, weight: 700, sizePt: headlinePt, leadingPt: round1(headlinePt * 1.25), indentEm: 0, align: 'center' };
    case 'kicker':
    case 'subtitle':
      return { face: display, weight: 400, sizePt: small, leadingPt: round1(small * 1.35), indentEm: 0, align: 'center' };
    case 'jump_headline': {
      const size = round1(Math.max(body + 3, headlinePt * JUMP_HEADLINE_SHARE));
      return { face: display, weight: 700, sizePt: size, leadingPt: round1(size * 1.3), indentEm: 0, align: 'center' };
    }
    case 'subhead':
      // Two grid lines: the subhead stands centred in them, body stays on the grid.
      return { face: display, weight: 700, sizePt: round1(body * SUBHEAD_SCALE), leadingPt: 2 * L, indentEm: 0, align: 'center' };
    case 'byline':
      return { face: quiet, weight: 400, sizePt: body, leadingPt: L, indentEm: 0, align: 'start' };
    case 'caption':
      return { face: quiet, weight: 400, sizePt: body, leadingPt: L, indentEm: zh ? 2 : 0, align: 'justify' };
    case 'credit':
    case 'jump_line':
      return { face: quiet, weight: 400, sizePt: body, leadingPt: L, indentEm: 0, align: 'end' };
    default:
      return { face: text, weight: 400, sizePt: body, leadingPt: L, indentEm: zh ? 2 : 1, align: 'justify' };
  }
}
