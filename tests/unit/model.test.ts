import { describe, expect, it } from 'vitest';
import { BLOCK_ROLES, jumpLineText, storySchema } from '../../src/lib/model/schema';

describe('the story schema', () => {
  it('has every block role as a node, and no mark shares a node name', () => {
    for (const role of BLOCK_ROLES) expect(storySchema.nodes[role]).toBeDefined();
    const nodes = new Set(Object.keys(storySchema.nodes));
    for (const mark of Object.keys(storySchema.marks)) expect(nodes.has(mark)).toBe(false);
    expect(Object.keys(storySchema.marks)).toEqual(['dateline', 'byline_mark', 'em', 'strong', 'entity']);
  });

  it('accepts a story doc with a jump line and rejects a bad page number', () => {
    const good = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '正文' }] }, { type: 'jump_line', attrs: { direction: 'continuedTo', page: 2 } }] };
    expect(() => storySchema.nodeFromJSON(good).check()).not.toThrow();
    const bad = { type: 'doc', content: [{ type: 'jump_line', attrs: { direction: 'continuedTo', page: 0 } }] };
    expect(() => storySchema.nodeFromJSON(bad).check()).toThrow();
    expect(() => storySchema.nodeFromJSON({ type: 'doc', content: [] }).check()).toThrow();
  });

  it('words jump lines in both languages', () => {
    expect(jumpLineText('continuedTo', 2, 'zh')).toBe('（下转第2版）');
    expect(jumpLineText('continuedFrom', 1, 'zh')).toBe('（上接第1版）');
    expect(jumpLineText('continuedTo', null, 'en')).toBe('Continued on Page ?');
  });
});
