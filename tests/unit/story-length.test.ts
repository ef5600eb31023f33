// The list's story length is kept per block (a key recounts one block); it must
// equal counting the story's whole text at once, which is what these check
// against: the text run together, whitespace dropped, graphemes or words counted.
import { describe, expect, it } from 'vitest';
import type { DocJSON } from '../../src/lib/model/edition';
import { storyLength } from '../../src/lib/state/stories';

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
