// Auto-layout of the real sample with the real engine and importer: the
// newcomer's first screen must be a full front page. Its text is less than a
// page, so the photo story's box takes the room the text leaves; every module
// is as deep as its text (no column ends more than two lines short).
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { importText, storiesFromImport } from '../../src/lib/import';
import { Typesetter, checkLines } from '../../src/lib/typeset';
import { addPage, autoLayout, freeRects, layoutEdition, newEdition, partsOf, relayoutPage, moveModule, storyBlocks } from '../../src/lib/layout';

const source = readFileSync('tests/fixtures/front-page-zh.txt', 'utf8');
const result = importText(source);
const stories = storiesFromImport(result);
const typesetter = new Typesetter();
const edition = autoLayout(newEdition({ stories, language: result.language, date: '2022-01-08', title: '工人日报' }), typesetter);
const layout = layoutEdition(edition, typesetter);

describe('auto-layout of the real sample', () => {
  it('gives every story a place on page 1, with no problem', () => {
    expect(stories).toHaveLength(8);
    expect(layout.unplaced).toEqual([]);
    for (const s of stories) expect(partsOf(edition, s.id)[0].page.id).toBe(edition.pages[0].id);
    // The source's own jump lines are noted (info) when the layout does not continue that story.
    expect(layout.problems.filter((p) => p.level !== 'info')).toEqual([]);
    for (const p of layout.problems) expect(p.kind).toBe('source-jump');
    for (const p of layout.pages) for (const m of p.modules) expect(m.overset).toEqual({ lines: 0, chars: 0 });
  });

  it('fills page 1 from the masthead to the foot (95% at least), every module filled, the photo taking the rest', () => {
    const page = layout.pages[0];
    const cells = page.modules.reduce((n, m) => n + m.grid.span * m.grid.lines, 0) + (page.masthead?.lines ?? 0) * page.metrics.columns;
    expect(cells / (page.metrics.columns * page.metrics.linesPerColumn)).toBeGreaterThanOrEqual(0.95);
    expect(layout.pages[0].masthead?.weekday).toBe('星期六');
    for (const m of page.modules) expect(Math.max(...(m.emptyLines ?? [0]))).toBeLessThanOrEqual(2);
    const photo = page.modules.find((m) => m.photo);
    expect(photo?.photo?.rect.height).toBeGreaterThan(0);
  });

  it('puts the lead on top under the masthead with the biggest headline on the page', () => {
    const page = layout.pages[0];
    const lead = page.modules.find((m) => m.storyId === stories[0].id)!;
    expect(lead.grid.line).toBe(page.masthead?.lines);
    const size = (m: (typeof page.modules)[number]) => Math.max(0, ...m.headline.filter((l) => l.role === 'headline').map((l) => l.style.sizePt));
    for (const m of page.modules) if (m !== lead) expect(size(m)).toBeLessThan(size(lead));
  });

  it('places every character of every body paragraph once, in order', () => {
    for (const story of stories) {
      const blocks = storyBlocks(story.doc).filter((b) => b.role === 'paragraph');
      const got = new Map<string, [number, number][]>();
      for (const { page, placement } of partsOf(edition, story.id)) {
        const pl = layout.pages[edition.pages.indexOf(page)].modules.find((m) => m.placementId === placement.id)!;
        for (const l of pl.columns.flat()) if (l.role.startsWith('paragraph')) (got.get(l.key) ?? got.set(l.key, []).get(l.key)!).push([l.from, l.to]);
      }
      for (const b of blocks) {
        const spans = got.get(`${story.id}/${b.key}`) ?? [];
        const text = b.runs.map((r) => r.text).join('');
        let at = 0;
        for (const [from, to] of spans) {
          // A space at a line break vanishes (U+3000 after a dateline): only whitespace may be skipped.
          expect(text.slice(at, from).trim()).toBe('');
          expect(from).toBeGreaterThanOrEqual(at);
          at = to;
        }
        expect(at).toBe(text.length);
      }
    }
  });

  it('sets lines that break no clreq rule', () => {
    let lines = 0;
    for (const p of layout.pages)
      for (const m of p.modules)
        for (const col of m.columns) {
          const body = col.filter((l) => l.role !== 'jump_line');
          lines += body.length;
          expect(checkLines(body)).toEqual([]);
        }
    expect(lines).toBeGreaterThan(300);
  });

  it('re-lays out a page after a drag from the caches', () => {
    const before = typesetter.prepared;
    // A module moved a line down on a page of its own (page 1 is full).
    const m = edition.pages[0].placements[0];
    const spread = addPage(edition);
    const onPage2 = moveModule(spread, m.id, { column: 0, line: 0, pageId: spread.pages[1].id })!;
    const moved = moveModule(onPage2, m.id, { column: 0, line: 1 });
    expect(moved).not.toBeNull();
    const page = relayoutPage(moved!, spread.pages[1].id, typesetter)!;
    expect(page.modules.find((x) => x.placementId === m.id)!.grid.line).toBe(1);
    expect(typesetter.prepared).toBe(before);
  });
});

describe('auto-layout of an English page', () => {
  it('places every story with English jump wording when one is continued, and no problem', () => {
    const r = importText(readFileSync('tests/fixtures/en-ocr-1910s.txt', 'utf8'));
    expect(r.language).toBe('en');
    const ts = new Typesetter();
    const ed = autoLayout(newEdition({ stories: storiesFromImport(r), language: 'en' }), ts);
    const l = layoutEdition(ed, ts);
    expect(l.unplaced).toEqual([]);
    expect(l.problems.filter((p) => p.kind !== 'source-jump')).toEqual([]);
    for (const page of ed.pages.slice(0, -1)) expect(freeRects(page)).toEqual([]);
    for (const m of l.pages.flatMap((p) => p.modules)) for (const j of m.jumps) expect(j.text).toMatch(/^Continued (on|from) Page \d$/);
    // Latin columns are not snapped to whole em, so they use the exact width.
    expect(l.pages[0].metrics.columnWidthPt).not.toBe(Math.round(l.pages[0].metrics.columnWidthPt / 9) * 9);
  });
});
