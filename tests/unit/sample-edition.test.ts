import { describe, it, expect } from 'vitest';
import { buildSampleEdition } from '../../src/lib/sample/edition';
import { layoutEdition, checkEdition } from '../../src/lib/layout';
import { Typesetter } from '../../src/lib/typeset';

describe('the first-run sample edition', () => {
  const typesetter = new Typesetter();
  const edition = buildSampleEdition(typesetter);

  it('is the real sample, auto-laid out: every story placed on page 1', () => {
    expect(edition.stories).toHaveLength(8);
    const onPage1 = new Set(edition.pages[0].placements.map((p) => p.storyId));
    for (const story of edition.stories) expect(onPage1.has(story.id)).toBe(true);
  });

  it('is one full front page (its text is less than a page; the photo takes the rest), with no problem', () => {
    const layout = layoutEdition(edition, typesetter);
    expect(edition.pages).toHaveLength(1);
    expect(layout.pages.flatMap((p) => p.modules).every((m) => m.overset.chars === 0)).toBe(true);
    expect(checkEdition(layout).filter((p) => p.kind !== 'source-jump')).toEqual([]);
  });
});

describe('headlines on the sample page', () => {
  const typesetter = new Typesetter();
  const layout = layoutEdition(buildSampleEdition(typesetter), typesetter);
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

  it('break only between words (never 制 / 度化)', () => {
    let junctions = 0;
    for (const module of layout.pages.flatMap((p) => p.modules)) {
      const lines = module.headline;
      for (let i = 1; i < lines.length; i++) {
        if (lines[i].block !== lines[i - 1].block) continue;
        const before = lines[i - 1].text.trimEnd();
        const after = lines[i].text.trimStart();
        const joined = before + after;
        const boundaries = new Set([...segmenter.segment(joined)].map((s) => s.index));
        expect(boundaries.has(before.length), `${before} / ${after}`).toBe(true);
        junctions++;
      }
    }
    expect(junctions).toBeGreaterThan(0);
  });
});
