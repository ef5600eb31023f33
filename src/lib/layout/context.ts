// The flow context of a page: its grid, the edition's language, the typesetter and the layout memo.
import type { Edition, Page } from '../model/edition';
import type { LayoutCache } from './cache';
import type { FlowContext } from './flow';
import type { Typesetter } from './types';
import { headlineScale } from '../typeset/styles';

/** The flow context of a page; the cache is bound to the typesetter (another one empties it). */
export function flowContext(edition: Pick<Edition, 'language' | 'typography'>, page: Page, typesetter: Typesetter, cache: LayoutCache): FlowContext {
  cache.use(typesetter);
  const t = edition.typography;
  const scale = headlineScale(t?.headlines);
  const scaleKey = t ? JSON.stringify(t) : '';
  return { typesetter, language: edition.language, grid: page.grid, metrics: cache.metrics(page.grid, edition.language), cache, scale, punctuation: t?.punctuation ?? 'compress', scaleKey };
}
