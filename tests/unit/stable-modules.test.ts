// The Layout view's render economy and photo store, in Node: unchanged modules
// keep their identity across re-layouts (so a drag re-renders one module), and
// photos dropped on modules are kept in the edition by photoId.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Typesetter } from '../../src/lib/typeset';
import { autoLayout, findPlacement, layoutEdition, LayoutCache, moveModule, relayoutPage, resizeModule } from '../../src/lib/layout';
import { importText, storiesFromImport } from '../../src/lib/import';
import { gridPreset } from '../../src/lib/layout/geometry';
import type { Edition } from '../../src/lib/model/edition';
import { StableModules } from '../../src/lib/state/layout';
import { withStoryPhoto } from '../../src/lib/model/photo';
import { photoRecord } from './photo-helpers';

const raw = readFileSync(new URL('../../src/lib/sample/front-page-zh.txt', import.meta.url), 'utf8');

function sample(ts: Typesetter): Edition {
  const edition: Edition = {
    id: 'e',
    title: 'T',
    date: '2022-01-08',
    issueNumber: 1,
    language: 'zh',
    pages: [{ id: 'page-1', number: 1, grid: gridPreset('duikai'), placements: [] }],
    stories: storiesFromImport(importText(raw)),
    revision: 0,
    updatedAt: 0,
  };
  return autoLayout(edition, ts);
}

describe('StableModules', () => {
  const ts = new Typesetter();
  const cache = new LayoutCache();
  const ed = sample(ts);
  const page1 = ed.pages[0];
  // Make room under the deepest module, then move it a line down.
  const mod = [...page1.placements].sort((a, b) => b.lines - a.lines)[0];
  const shrunk = resizeModule(ed, mod.id, { span: mod.span, lines: mod.lines - 10 })!;

  it('keeps every module object but the moved one', () => {
    const stable = new StableModules();
    const before = stable.page(relayoutPage(shrunk, page1.id, ts, cache)!, shrunk);
    const p = findPlacement(shrunk, mod.id)!.placement;
    const moved = moveModule(shrunk, mod.id, { column: p.column, line: p.line + 3 })!;
    const after = stable.page(relayoutPage(moved, page1.id, ts, cache)!, moved);
    expect(after.modules).toHaveLength(before.modules.length);
    for (const m of after.modules) {
      const old = before.modules.find((x) => x.placementId === m.placementId)!;
      if (m.placementId === mod.id) {
        expect(m).not.toBe(old);
        expect(m.rect.y).toBeCloseTo(old.rect.y + 3 * page1.grid.leadingPt, 6);
      } else {
        expect(m).toBe(old);
      }
    }
  });

  it('gives a new object to the module of an edited story', () => {
    const stable = new StableModules();
    const before = stable.page(layoutEdition(shrunk, ts, cache).pages[0], shrunk);
    const storyId = mod.storyId;
    const edited: Edition = { ...shrunk, stories: shrunk.stories.map((s) => (s.id === storyId ? { ...s, doc: structuredClone(s.doc) } : s)) };
    const after = stable.page(layoutEdition(edited, ts, cache).pages[0], edited);
    for (const m of after.modules) {
      const old = before.modules.find((x) => x.placementId === m.placementId);
      if (m.storyId === storyId) expect(m).not.toBe(old);
      else expect(m).toBe(old);
    }
  });
});

describe('withStoryPhoto', () => {
  const ts = new Typesetter();
  const ed = sample(ts);
  const placement = ed.pages[0].placements[0];

  it('gives a story a photo record that its part-1 module draws, and takes it away again', () => {
    const record = photoRecord('photo-x');
    const withIt = withStoryPhoto(ed, placement.storyId, record)!;
    expect(withIt.stories.find((s) => s.id === placement.storyId)!.meta.photo).toBe('photo-x');
    expect(withIt.photos?.['photo-x']).toEqual(record);
    // The layout reserves a photo box for it and names the photo.
    const laid = layoutEdition(withIt, ts).pages[0].modules.find((m) => m.placementId === placement.id)!;
    expect(laid.photo?.photoId).toBe('photo-x');
    const without = withStoryPhoto(withIt, placement.storyId, null)!;
    expect(without.stories.find((s) => s.id === placement.storyId)!.meta.photo).toBeUndefined();
    expect(without.photos).toBeUndefined();
    // The original edition is untouched (plain data, no mutation).
    expect(ed.stories.find((s) => s.id === placement.storyId)!.meta.photo).toBeUndefined();
  });
});
