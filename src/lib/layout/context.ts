// The flow context of a page: its grid, the edition's language, the typesetter and the layout memo.
import type { Edition, Page } from '../model/edition';
import type { LayoutCache } from './cache';
import type { FlowContext } from './flow';
import type { Typesetter } from './types';
import { headlineScale } from '../typeset/styles';

/** The flow context of a page; the cache is bound to the typesetter (another one empties it). */
export function flowContext(edition: Edition, page: Page, typesetter: Typesetter, cache: LayoutCache): FlowContext {
  cache.use(typesetter);
  const scale = headlineScale(edition.headlineScale);
  const scaleKey = edition.headlineScale ? JSON.stringify(edition.headlineScale) : '';
  return { typesetter, language: edition.language, grid: page.grid, metrics: cache.metrics(page.grid, edition.language), cache, scale, scaleKey };
}
