// The list's story length is kept per block (a key recounts one block); it must
// equal counting the story's whole text at once, which is what these check
// against: the text run together, whitespace dropped, graphemes or words counted.
import { describe, expect, it } from 'vitest';
import type { DocJSON } from '../../src/lib/model/edition';
import { StoryLengths } from '../../src/lib/state/stories';

function wholeText(doc: DocJSON): string {
  const out: string[] = [];
  const walk = (n: DocJSON) => {
    if (n.text) out.push(n.text);
    for (const c of n.content ?? []) walk(c);
  };
  walk(doc);
  return out.join('');
}

/** The count from the whole text, as the list counted before it counted per block. */
function lengthOfWholeText(doc: DocJSON): { unit: 'chars' | 'words'; n: number } {
  const text = wholeText(doc);
  const han = text.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
  const visible = text.replace(/\s+/g, '');
  if (visible.length > 0 && han / visible.length < 0.2) {
    let n = 0;
    for (const s of new Intl.Segmenter('en', { granularity: 'word' }).segment(text)) if (s.isWordLike) n++;
    return { unit: 'words', n };
  }
  let n = 0;
  for (const _ of new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(visible)) n++;
  return { unit: 'chars', n };
}

const para = (text: string): DocJSON => (text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' });
const doc = (...texts: string[]): DocJSON => ({ type: 'doc', content: texts.map(para) });

// A small seeded generator, so a failure names a case that can be run again.
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}
const PIECES = ['The', 'house', ' ', '  ', 'met', '.', ',', '3', '.5', "'t", 'can', '全国', '总工会', '。', 'e\u0301', '👩‍👩‍👧', '\n', '-', 'x', '', 'don', '2026'];

describe('story length, counted per block', () => {
  it('equals counting the whole text, for Chinese, English and text that runs across blocks', () => {
    const lengths = new StoryLengths();
    const storyLength = (d: DocJSON) => lengths.of(d);
    const next = rng(7);
    for (let round = 0; round < 400; round++) {
      const blocks: string[] = [];
      const nBlocks = 1 + Math.floor(next() * 6);
      for (let b = 0; b < nBlocks; b++) {
        let t = '';
        const n = Math.floor(next() * 6);
        for (let i = 0; i < n; i++) t += PIECES[Math.floor(next() * PIECES.length)];
        blocks.push(t);
      }
      const d = doc(...blocks);
      expect(storyLength(d), JSON.stringify(blocks)).toEqual(lengthOfWholeText(d));
    }
  });

  it('follows an edit of one block (a new doc object, the other blocks the same strings)', () => {
    const lengths = new StoryLengths();
    const storyLength = (d: DocJSON) => lengths.of(d);
    const body = Array.from({ length: 50 }, (_, i) => `工会领导机关干部蹲点工作第${i}段。`);
    const before = doc(...body);
    const n = storyLength(before).n;
    const typed = { ...before, content: before.content!.map((b, i) => (i === 25 ? para(body[25] + '新字') : b)) };
    expect(storyLength(typed)).toEqual({ unit: 'chars', n: n + 2 });
    expect(storyLength(typed)).toEqual(lengthOfWholeText(typed));
    const english = doc('The House met', 'today and', 'the bankers spoke.');
    // The blocks meet without a space, so "met"+"today" and "and"+"the" read as one word each, as the whole text does.
    expect(storyLength(english)).toEqual({ unit: 'words', n: 6 });
    expect(storyLength(english)).toEqual(lengthOfWholeText(english));
  });
});

describe('story length, following edits from the last count', () => {
  // Edits as the edition document makes them: a new doc and content array, the unchanged
  // blocks the very same objects, the edited ones new.
  type Edit = (blocks: DocJSON[], next: () => number) => DocJSON[];
  const piece = (next: () => number) => PIECES[Math.floor(next() * PIECES.length)];
  const textOf = (b: DocJSON) => (b.content ?? []).map((c) => c.text ?? '').join('');
  const EDITS: Edit[] = [
    // type into a block
    (bs, next) => {
      const i = Math.floor(next() * bs.length);
      const t = textOf(bs[i]);
      const at = Math.floor(next() * (t.length + 1));
      return bs.map((b, j) => (j === i ? para(t.slice(0, at) + piece(next) + t.slice(at)) : b));
    },
    // delete a character
    (bs, next) => {
      const i = Math.floor(next() * bs.length);
      const t = textOf(bs[i]);
      const at = Math.floor(next() * t.length);
      return bs.map((b, j) => (j === i ? para(t.slice(0, at) + t.slice(at + 1)) : b));
    },
    // split a block (Enter)
    (bs, next) => {
      const i = Math.floor(next() * bs.length);
      const t = textOf(bs[i]);
      const at = Math.floor(next() * (t.length + 1));
      return [...bs.slice(0, i), para(t.slice(0, at)), para(t.slice(at)), ...bs.slice(i + 1)];
    },
    // join a block with the next (Backspace at its start)
    (bs, next) => {
      if (bs.length < 2) return bs;
      const i = Math.floor(next() * (bs.length - 1));
      return [...bs.slice(0, i), para(textOf(bs[i]) + textOf(bs[i + 1])), ...bs.slice(i + 2)];
    },
    // paste blocks
    (bs, next) => {
      const i = Math.floor(next() * (bs.length + 1));
      return [...bs.slice(0, i), para(piece(next) + piece(next)), para(piece(next)), ...bs.slice(i)];
    },
    // a headline over the first block (a block of another type, same text)
    (bs) => (bs.length ? [{ ...bs[0], type: 'headline' }, ...bs.slice(1)] : bs),
    // the same blocks in a new doc (an edit elsewhere in the story's record)
    (bs) => [...bs],
  ];

  it('equals a count from scratch after every edit, two stories typed in turns', () => {
    const lengths = new StoryLengths();
    const storyLength = (d: DocJSON) => lengths.of(d);
    const next = rng(13);
    const stories = [0, 1].map((k) =>
      Array.from({ length: 8 }, (_, i) => para(k ? `第${i}段全国总工会。` : ['The house met', 'today', ' and ', '3.5'][i % 4])),
    );
    for (let step = 0; step < 1500; step++) {
      const k = next() < 0.8 ? 0 : 1;
      const blocks = EDITS[Math.floor(next() * EDITS.length)](stories[k], next);
      stories[k] = blocks.length ? blocks : [para('')];
      const d: DocJSON = { type: 'doc', content: stories[k] };
      // The whole text counted at once is the count from scratch (counting a copy here would make the copy the next base).
      expect(storyLength(d), JSON.stringify(stories[k].map(textOf))).toEqual(lengthOfWholeText(d));
    }
  });
});

describe('story lengths, one per list', () => {
  /** A paragraph whose text reads are counted: a count from the last base reads only the blocks that changed. */
  function watched(text: string, reads: { n: number }): DocJSON {
    const inline = [{ type: 'text', text }];
    return {
      type: 'paragraph',
      get content() {
        reads.n++;
        return inline;
      },
    };
  }

  it('two lists each follow their own story: one list counting does not move the other\'s base', () => {
    const reads = { n: 0 };
    const story = (k: number) => Array.from({ length: 40 }, (_, i) => watched(`第${k}篇第${i}段。`, reads));
    const [a, b] = [story(0), story(1)];
    const first = new StoryLengths();
    const second = new StoryLengths();
    first.of({ type: 'doc', content: a });
    second.of({ type: 'doc', content: b });
    // A key in story a's tenth block: the first list counts it from its own base (story a).
    const typed = a.map((block, i) => (i === 10 ? para('第0篇第10段。新') : block));
    const typedDoc: DocJSON = { type: 'doc', content: typed };
    const typedB: DocJSON = { type: 'doc', content: b.map((block, i) => (i === 3 ? para('第1篇第3段。新') : block)) };
    const [wholeA, wholeB] = [lengthOfWholeText(typedDoc), lengthOfWholeText(typedB)];
    reads.n = 0;
    expect(first.of(typedDoc)).toEqual(wholeA);
    // Only the new block was read (a shared base would have been story b, and every block read again).
    expect(reads.n).toBe(0);
    // The second list's base is still story b: a key there is one block too.
    expect(second.of(typedB)).toEqual(wholeB);
    expect(reads.n).toBe(0);
    // A list that never counted story a reads it whole.
    new StoryLengths().of(typedDoc);
    expect(reads.n).toBe(39);
  });
});
