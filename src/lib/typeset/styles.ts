// The house style: one TextStyle per block role. Layout may override sizes by column span.
import type { TextStyle } from './types';

/**
 * Roles set like headlines: broken only between words (at the source's phrase
 * spaces and at dictionary word boundaries, never 春|运) and balanced (two
 * similar halves, not a full line and a two-character tail). The layout's own
 * role styles should spread HEADLINE_BREAKING into these roles too.
 */
export const HEADLINE_ROLES = ['headline', 'kicker', 'subtitle', 'subhead', 'jump_headline'] as const;
export const HEADLINE_BREAKING: Pick<TextStyle, 'breakAt' | 'balance'> = { breakAt: 'word', balance: true };

function headlineLike(styles: Record<string, TextStyle>): Record<string, TextStyle> {
  for (const role of HEADLINE_ROLES) if (styles[role]) styles[role] = { ...styles[role], ...HEADLINE_BREAKING };
  return styles;
}

/**
 * Default styles per role. Chinese: body in song (书宋) 9 pt (新五号) with a
 * 2-em first-line indent, headlines in hei (黑体), bylines and captions in kai
 * (楷体). English: everything in the Latin serif, body indented 1 em.
 */
export function defaultStyles(language: 'zh' | 'en', bodySizePt = 9, leadingPt = Math.round(bodySizePt * 1.5 * 4) / 4): Record<string, TextStyle> {
  const b = bodySizePt;
  const lead = (size: number) => Math.round(size * (leadingPt / b) * 4) / 4;
  if (language === 'en') {
    const latin = (sizePt: number, weight: 400 | 700, align: TextStyle['align'], indentEm = 0): TextStyle => ({ face: 'latin', weight, sizePt, leadingPt: sizePt === b ? leadingPt : lead(sizePt), indentEm, align });
    return headlineLike({
      kicker: latin(b * 1.2, 400, 'start'),
      headline: latin(b * 2.6, 700, 'start'),
      subtitle: latin(b * 1.5, 400, 'start'),
      byline: latin(b, 700, 'start'),
      subhead: latin(b * 1.1, 700, 'start'),
      paragraph: latin(b, 400, 'justify', 1),
      caption: latin(b * 0.9, 400, 'start'),
      credit: latin(b * 0.8, 400, 'end'),
      jump_line: latin(b * 0.9, 400, 'end'),
      jump_headline: latin(b * 1.6, 700, 'start'),
    });
  }
  const style = (face: TextStyle['face'], sizePt: number, weight: 400 | 700, align: TextStyle['align'], indentEm = 0): TextStyle => ({ face, weight, sizePt, leadingPt: sizePt === b ? leadingPt : lead(sizePt), indentEm, align });
  return headlineLike({
    kicker: style('hei', b * 1.3, 400, 'start'),
    headline: style('hei', b * 2.6, 700, 'start'),
    subtitle: style('song', b * 1.5, 700, 'start'),
    byline: style('kai', b, 400, 'start'),
    subhead: style('hei', b * 1.1, 700, 'start'),
    paragraph: style('song', b, 400, 'justify', 2),
    caption: style('kai', b * 0.9, 400, 'justify'),
    credit: style('kai', b * 0.8, 400, 'end'),
    jump_line: style('kai', b, 400, 'end'),
    jump_headline: style('hei', b * 1.6, 700, 'start'),
  });
}
