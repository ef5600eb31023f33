// The house style: the one table of how each block role is set (face, size,
// leading, indent, alignment, where lines break). Layout reads it through
// layout/styles.ts roleStyle, which adds what only layout knows (the headline
// size by column span, a continued paragraph's missing indent).
import type { FaceRole, TextStyle } from './types';

/**
 * The house headline scale: how big a headline is by the module's width and
 * the story's priority, and how its kicker (引题), subtitle (副题) and jump
 * headline (转版标题) follow it. An edition may override any of it
 * (Edition.headlineScale); everything else reads this one table.
 */
export interface HeadlineScale {
  /** Main headline in pt by column span: index 1 is one column …; wider modules take the last. */
  bySpanPt: number[];
  /** Factor on that size by priority: index 1 is the lead (头条) …; lower priorities (and none) take the last. */
  byPriority: number[];
  /** Kicker (引题) as a share of the headline size, never below body + 2 pt. */
  kickerRatio: number;
  /** Subtitle (副题) as a share of the headline size, never below body + 2 pt. */
  subtitleRatio: number;
  /** Jump headline (转版标题) as a share of the headline size, never below body + 3 pt. */
  jumpRatio: number;
  /** Faces of the headline and of kicker/subtitle (Chinese; English sets all in the Latin face). */
  headlineFace: FaceRole;
  smallFace: FaceRole;
}

export const HOUSE_HEADLINE_SCALE: HeadlineScale = {
  bySpanPt: [14, 14, 18, 22, 26, 30, 36],
  // The lead is a step above anything else of its width; briefs (priority 4 and on) a step below.
  byPriority: [1, 1.25, 1, 1, 0.85],
  kickerRatio: 0.45,
  subtitleRatio: 0.45,
  jumpRatio: 0.6,
  headlineFace: 'hei',
  smallFace: 'hei',
};

/** An edition's setting over the house style (Edition.typography). */
export interface Typography {
  headlines?: Partial<HeadlineScale>;
  /** Punctuation compression (标点挤压, clreq §3.1.6) on (default) or every mark a full em. */
  punctuation?: 'compress' | 'full';
}

/** The house scale with an edition's overrides. */
export function headlineScale(overrides?: Partial<HeadlineScale>): HeadlineScale {
  return overrides ? { ...HOUSE_HEADLINE_SCALE, ...overrides } : HOUSE_HEADLINE_SCALE;
}

/** Main headline size in pt for a module `span` columns wide of a story of `priority` (none: the last step). */
export function headlineSize(scale: HeadlineScale, span: number, priority?: number): number {
  const bySpan = scale.bySpanPt[Math.max(1, Math.min(scale.bySpanPt.length - 1, Math.floor(span)))] ?? scale.bySpanPt[scale.bySpanPt.length - 1];
  const p = priority === undefined ? scale.byPriority.length - 1 : Math.max(1, Math.min(scale.byPriority.length - 1, Math.floor(priority)));
  return round1(bySpan * (scale.byPriority[p] ?? 1));
}

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
  /** Size of the main headline in pt (layout sizes it by the module's span and the story's priority). */
  headlinePt: number;
  /** Ratios and faces of the headline group (default: the house scale). */
  scale?: HeadlineScale;
  /** Punctuation width for every role (default: compressed). */
  punctuation?: 'compress' | 'full';
}

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
  const base = baseStyle(role, o);
  const s = o.punctuation === 'full' ? { ...base, punctuation: 'full' as const } : base;
  // Display lines break between words and are balanced, as a desk sets a headline.
  return (HEADLINE_ROLES as readonly string[]).includes(role) ? { ...s, ...HEADLINE_BREAKING } : s;
}

function baseStyle(role: string, { language, bodySizePt: body, leadingPt: L, headlinePt, scale = HOUSE_HEADLINE_SCALE }: HouseStyleOptions): TextStyle {
  const zh = language !== 'en';
  const text = zh ? 'song' : 'latin';
  const display = zh ? scale.headlineFace : 'latin';
  const smallFace = zh ? scale.smallFace : 'latin';
  const quiet = zh ? 'kai' : 'latin';
  switch (role) {
    case 'headline':
      return { face: display, weight: 700, sizePt: headlinePt, leadingPt: round1(headlinePt * 1.25), indentEm: 0, align: 'center' };
    case 'kicker':
    case 'subtitle': {
      const small = round1(Math.max(body + 2, headlinePt * (role === 'kicker' ? scale.kickerRatio : scale.subtitleRatio)));
      return { face: smallFace, weight: 400, sizePt: small, leadingPt: round1(small * 1.35), indentEm: 0, align: 'center' };
    }
    case 'jump_headline': {
      const size = round1(Math.max(body + 3, headlinePt * scale.jumpRatio));
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
