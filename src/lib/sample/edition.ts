// The edition a newcomer sees on first run: the real sample front page, run
// through the real importer (never a hand-written fixture), auto-laid out on
// the 对开 grid so the first screen is a full front page. The caller passes
// its typesetter and layout cache (the app its own, so the first layout is warm).
import raw from './front-page-zh.txt?raw';
import type { Edition } from '../model/edition';
import { gridPreset } from '../layout/geometry';
import { importText, storiesFromImport } from '../import';
import { autoLayout, LayoutCache, type Typesetter } from '../layout';

export const SAMPLE_EDITION_ID = 'sample-2022-01-08';

export function buildSampleEdition(typesetter: Typesetter, cache = new LayoutCache()): Edition {
  const stories = storiesFromImport(importText(raw));
  const edition: Edition = {
    id: SAMPLE_EDITION_ID,
    title: 'Galley 日报',
    date: '2022-01-08',
    issueNumber: 1,
    language: 'zh',
    pages: [{ id: 'page-1', number: 1, grid: gridPreset('duikai'), placements: [] }],
    stories,
    revision: 0,
    updatedAt: 0,
  };
  return autoLayout(edition, typesetter, {}, cache);
}
