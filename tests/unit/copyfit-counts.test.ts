// The story list's copyfit figures: a story's fit follows its setting (language, pages,
// typography) at once, and its text once typing pauses; what it reads is what it is given.
import { describe, expect, it, vi } from 'vitest';
import { buildSampleEdition } from '../../src/lib/sample/edition';
import { LayoutCache } from '../../src/lib/layout';
import { Typesetter } from '../../src/lib/typeset';
import { copyfitPlaced } from '../../src/lib/editor/copyfit';
import { CopyfitCounts } from '../../src/lib/state/warning-counts.svelte';
import type { Edition, Story } from '../../src/lib/model/edition';

describe('CopyfitCounts', () => {
  const typesetter = new Typesetter();
  const edition = buildSampleEdition(typesetter);
  // A story set in one module that fits or is short (so a few more lines, or a taller module, show).
  const placement = edition.pages.flatMap((p) => p.placements).find((p) => {
    const parts = edition.pages.flatMap((q) => q.placements).filter((q) => q.storyId === p.storyId);
    return parts.length === 1 && copyfitPlaced(edition, p.storyId, typesetter)!.kind !== 'over';
  })!;
  const story = edition.stories.find((s) => s.id === placement.storyId)!;
  const para = story.doc.content!.find((b) => b.type === 'paragraph')!;
  const longer: Story = { ...story, doc: { ...story.doc, content: [...story.doc.content!, ...Array(30).fill(para)] } };

  it('follows a new setting at once, and typing once it pauses', async () => {
    vi.useFakeTimers();
    const fits = new CopyfitCounts(typesetter, new LayoutCache());
    try {
      const setting = { language: edition.language, pages: edition.pages, typography: edition.typography };
      const before = fits.fit(story, setting);
      expect(before).toEqual(copyfitPlaced(edition, story.id, typesetter));
      // Taller module (new pages): at once.
      const pages = edition.pages.map((p) => ({ ...p, placements: p.placements.map((x) => (x.id === placement.id ? { ...x, lines: x.lines + 10 } : x)) }));
      const taller = fits.fit(story, { ...setting, pages });
      expect(taller).toEqual(copyfitPlaced({ ...edition, pages }, story.id, typesetter));
      expect(taller).not.toEqual(before);
      // Another typography (punctuation set full width: longer lines of text) is part of the setting too: counted at once.
      expect(fits.fit(story, setting)).toEqual(before);
      const typography: Edition['typography'] = { ...edition.typography, punctuation: edition.typography?.punctuation === 'full' ? 'compress' : 'full' };
      const otherType = copyfitPlaced({ ...edition, typography }, story.id, typesetter);
      expect(otherType).not.toEqual(before);
      expect(fits.fit(story, { ...setting, typography })).toEqual(otherType);
      // Typing (a new story object in the same setting): the last figure stays until typing pauses.
      const last = fits.fit(story, setting);
      expect(fits.fit(longer, setting)).toEqual(last);
      const version = fits.version;
      await vi.advanceTimersByTimeAsync(1000);
      expect(fits.version).toBeGreaterThan(version);
      expect(fits.fit(longer, setting)).toEqual({ kind: 'over', lines: expect.any(Number) });
      expect(fits.fit(longer, setting)).toEqual(copyfitPlaced({ ...edition, stories: [longer] }, story.id, typesetter));
    } finally {
      fits.dispose();
      vi.useRealTimers();
    }
  });
});
