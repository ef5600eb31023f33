import { describe, expect, it } from 'vitest';
import { buildSampleEdition } from '../../src/lib/sample/edition';
import { Typesetter } from '../../src/lib/typeset';
import { layoutEdition } from '../../src/lib/layout';
import { copyfitPlaced, linesAtSpan } from '../../src/lib/editor/copyfit';
import type { Edition } from '../../src/lib/model/edition';

describe('copyfit through the layout engine', () => {
  const typesetter = new Typesetter();
  const edition = buildSampleEdition(typesetter);

  it('agrees with the page: over when layout reports overset, otherwise fits or short', () => {
    const layout = layoutEdition(edition, typesetter);
    const placed = [...new Set(edition.pages.flatMap((p) => p.placements.map((x) => x.storyId)))];
    expect(placed.length).toBeGreaterThan(0);
    for (const id of placed) {
      const fit = copyfitPlaced(edition, id, typesetter)!;
      const modules = layout.pages.flatMap((p) => p.modules).filter((m) => m.storyId === id);
      const last = modules.sort((a, b) => a.part - b.part)[modules.length - 1];
      if (last.overset.lines > 0) expect(fit).toEqual({ kind: 'over', lines: last.overset.lines });
      else expect(fit.kind === 'fits' || fit.kind === 'short').toBe(true);
    }
  });

  it('more text makes a fitting story run over; a taller module makes it short', () => {
    const placement = edition.pages.flatMap((p) => p.placements).find((p) => p.part === 1)!;
    const id = placement.storyId;
    const story = edition.stories.find((s) => s.id === id)!;
    const para = story.doc.content!.find((b) => b.type === 'paragraph')!;
    const longer: Edition = {
      ...edition,
      stories: edition.stories.map((s) => (s.id === id ? { ...s, doc: { ...s.doc, content: [...s.doc.content!, ...Array(30).fill(para)] } } : s)),
    };
    expect(copyfitPlaced(longer, id, typesetter)!.kind).toBe('over');
    // Single-part stories that fit: ten grid lines more leave them short by ten more.
    const single = edition.pages.flatMap((p) => p.placements).find((p) => {
      const parts = edition.pages.flatMap((q) => q.placements).filter((q) => q.storyId === p.storyId);
      return parts.length === 1 && copyfitPlaced(edition, p.storyId, typesetter)!.kind !== 'over';
    })!;
    const before = copyfitPlaced(edition, single.storyId, typesetter)!;
    const taller: Edition = { ...edition, pages: edition.pages.map((p) => ({ ...p, placements: p.placements.map((x) => (x.id === single.id ? { ...x, lines: x.lines + 10 } : x)) })) };
    expect(copyfitPlaced(taller, single.storyId, typesetter)).toEqual({ kind: 'short', lines: (before.kind === 'short' ? before.lines : 0) + 10 });
    const unplaced: Edition = { ...edition, pages: edition.pages.map((p) => ({ ...p, placements: p.placements.filter((x) => x.storyId !== id) })) };
    expect(copyfitPlaced(unplaced, id, typesetter)).toBeNull();
    const one = linesAtSpan(edition, story, 1, typesetter)!;
    const two = linesAtSpan(edition, story, 2, typesetter)!;
    expect(one).toBeGreaterThan(two);
    expect(two).toBeGreaterThan(0);
  });
});
