// The flow context of a page, with the caches that live as long as the Typesetter.
import type { Edition, Grid, Page } from '../model/edition';
import { newFlowCache, type FlowCache, type FlowContext } from './flow';
import { gridMetrics, type GridMetrics } from './geometry';
import type { Typesetter } from './types';

const caches = new WeakMap<Typesetter, FlowCache>();
const metricsMemo = new WeakMap<Grid, Map<string, GridMetrics>>();

function metricsOf(grid: Grid, language: Edition['language']): GridMetrics {
  let perGrid = metricsMemo.get(grid);
  if (!perGrid) metricsMemo.set(grid, (perGrid = new Map()));
  let m = perGrid.get(language);
  if (!m) perGrid.set(language, (m = gridMetrics(grid, language)));
  return m;
}

/** The flow context of a page: its grid, the edition's language and the typesetter's caches. */
export function flowContext(edition: Edition, page: Page, typesetter: Typesetter): FlowContext {
  let cache = caches.get(typesetter);
  if (!cache) caches.set(typesetter, (cache = newFlowCache()));
  return { typesetter, language: edition.language, grid: page.grid, metrics: metricsOf(page.grid, edition.language), cache };
}

