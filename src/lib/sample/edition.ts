// The edition a newcomer sees on first run: the real sample front page, run
// through the real importer (never a hand-written fixture), on one 对开 page.
import raw from './front-page-zh.txt?raw';
import type { Edition } from '../model/edition';
import { gridPreset } from '../layout/geometry';
import { importText, storiesFromImport } from '../state/pipeline';

export const SAMPLE_EDITION_ID = 'sample-2022-01-08';

export function buildSampleEdition(): Edition {
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
  // HOOK (coordinator): once src/lib/layout exports autoLayout, lay the front
  // page out here so the first screen is a full page, e.g.
  //   return autoLayout(edition);
  return edition;
}
