// The masthead title's size: most of the band's depth, unless the paper's name is too wide for the
// room between the date and the issue number, as an English name ("The Morning Galley") is on a
// Berliner or tabloid page; then as large as fits. Measured with the committed metric tables, so
// the Layout view, the Proof and the printed PDF agree.
import type { GridMetrics, Masthead } from '../../lib/layout';
import { fontMetrics, widthEm } from '../../lib/typeset/measure';

/** Letter-spacing of the title in em: Han titles are set with a little air between characters. */
export function titleTrackingEm(language: Masthead['language']): number {
  return language === 'en' ? 0.01 : 0.12;
}

/** The sides' type size in pt (date, weekday, issue). */
export const SIDE_PT = 11;
/** Clear room between the title and each side, in pt. */
const SIDE_CLEAR_PT = 12;

/** The title's size in pt: 0.56 of the band's depth, or less so that it fits between the sides. */
export function mastheadTitlePt(masthead: Masthead, metrics: GridMetrics): number {
  const band = Math.round(masthead.lines * metrics.leadingPt * 0.56);
  const en = masthead.language === 'en';
  const sideRegular = fontMetrics(en ? 'latin' : 'hei', 400);
  const sideBold = fontMetrics(en ? 'latin' : 'hei', 700);
  const side = SIDE_PT * Math.max(widthEm(sideRegular, masthead.dateText), widthEm(sideBold, masthead.weekday), widthEm(sideRegular, masthead.issueText));
  const room = metrics.typeArea.width - 2 * (side + SIDE_CLEAR_PT);
  const chars = [...masthead.title].length;
  const perPt = widthEm(fontMetrics(en ? 'latin' : 'song', 700), masthead.title) + titleTrackingEm(masthead.language) * chars;
  if (!(perPt > 0) || room <= 0) return band;
  return Math.min(band, Math.floor(room / perPt));
}
