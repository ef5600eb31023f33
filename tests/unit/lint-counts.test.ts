// The story list's warning counts follow edits block by block and always equal
// a full lint of the story.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { storySchema as s } from '../../src/lib/model/schema';
import type { DocJSON } from '../../src/lib/model/edition';
import { lintDoc, lintText } from '../../src/lib/lint';
import { WarningCounts } from '../../src/lib/state/warning-counts.svelte';

const PIECES = ['工匠', '、', '，', '。', '(', ')', '“', '”', '《', '》', 'the ', 'The', ' ', '中文'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((a) => a.join(''));
const docOf = (paras: string[], jump: number | null | undefined): DocJSON =>
  s.nodes.doc
    .create(null, [
      s.nodes.headline.create(null, s.text('标题(一)')),
      ...paras.map((t) => s.nodes.paragraph.create(null, t ? s.text(t) : null)),
      ...(jump === undefined ? [] : [s.nodes.jump_line.create({ direction: 'continuedTo', page: jump })]),
    ])
    .toJSON() as DocJSON;

describe('WarningCounts', () => {
  it('equals the full lint for any story, once known, in both languages', async () => {
    const counts = new WarningCounts();
    await fc.assert(
      fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 5 }), fc.constantFrom(undefined, null, 4), fc.constantFrom('zh' as const, 'en' as const), async (paras, jump, language) => {
        const doc = docOf(paras, jump);
        const full = lintDoc(s.nodeFromJSON(doc), language).length;
        let n = counts.count(doc, language);
        if (n === null) {
          await vi.waitFor(() => expect(counts.count(doc, language)).not.toBeNull());
          n = counts.count(doc, language);
        }
        expect(n).toBe(full);
      }),
      { numRuns: 60 },
    );
    counts.dispose();
  });

  it('after one paragraph changes, the count is there at once (one block linted) and right', async () => {
    const counts = new WarningCounts();
    const paras = ['正文(一)。', '工匠、工匠。', '其它。'];
    // Long enough that the first count waits for a slice.
    const before = docOf(paras.map((p) => p.repeat(400)), undefined);
    expect(counts.count(before, 'zh')).toBeNull();
    await vi.waitFor(() => expect(counts.count(before, 'zh')).not.toBeNull());
    const edited = docOf([paras[0].repeat(400), '工匠、工匠、工匠(。', paras[2].repeat(400)], undefined);
    const n = counts.count(edited, 'zh');
    expect(n).not.toBeNull();
    expect(n).toBe(lintDoc(s.nodeFromJSON(edited), 'zh').length);
    counts.dispose();
  });

  it('a block count the editor notes goes to its own list only: two lists do not share their block counts', async () => {
    const one = new WarningCounts();
    const two = new WarningCounts();
    const paras = ['正文(一)。', '工匠、工匠。'];
    const before = docOf(paras, undefined);
    // Both lists know the story (a story not seen before is counted in a slice; then an edit is counted at once).
    one.count(before, 'zh');
    two.count(before, 'zh');
    const whole = lintDoc(s.nodeFromJSON(before), 'zh').length;
    await vi.waitFor(() => expect([one.count(before, 'zh'), two.count(before, 'zh')]).toEqual([whole, whole]));
    // The editor beside list one re-lints an edited paragraph and tells list one what it found.
    // (A count no lint would give, so a list that read it would show it.)
    const edited = docOf([paras[0], '工匠、工匠。新'], undefined);
    const told = 7;
    one.noteBlockLinted('zh', '工匠、工匠。新', told);
    const real = lintDoc(s.nodeFromJSON(edited), 'zh').length;
    expect(one.count(edited, 'zh')).toBe(real - lintText('工匠、工匠。新', 'zh').length + told);
    expect(two.count(edited, 'zh')).toBe(real);
    one.dispose();
    two.dispose();
  });
});
