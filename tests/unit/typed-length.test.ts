// The story list's length of the story being typed follows the editor's doc, not
// the edition (which catches up with typing only once keys pause): counted in an
// idle period after the key, nothing on the key itself, and given up for the
// list's own count once the edition's story is a new object (caught up).
import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { storySchema } from '../../src/lib/model/schema';
import type { DocJSON, Story } from '../../src/lib/model/edition';
import { StoryLengths } from '../../src/lib/state/stories';
import { TypedLength } from '../../src/lib/state/typed-length.svelte';

const idle = () => new Promise((resolve) => setTimeout(resolve, 0));

function story(doc: DocJSON): Story {
  return { id: 's1', slug: 's1', raw: '', doc, meta: { section: '要闻', priority: 1, status: 'raw', tags: [] } };
}

const zhDoc: DocJSON = {
  type: 'doc',
  content: [
    { type: 'headline', content: [{ type: 'text', text: '标题' }] },
    { type: 'paragraph', content: [{ type: 'text', text: '第一段正文。' }] },
    { type: 'jump_line', attrs: { direction: 'continuedTo', page: 2 } },
    { type: 'paragraph', content: [{ type: 'text', text: '第二段。' }] },
  ],
};

describe('the typed story\'s length', () => {
  it('follows the editor\'s doc before the edition catches up, then gives way to the list\'s own count', async () => {
    let inEdition = story(zhDoc);
    const typed = new TypedLength(() => inEdition);
    let state = EditorState.create({ doc: storySchema.nodeFromJSON(zhDoc) });
    // A key: two characters typed at the end of the first paragraph (after "第一段正文").
    const at = state.doc.child(0).nodeSize + 1 + '第一段正文'.length;
    state = state.apply(state.tr.insertText('补充', at));
    typed.note('s1', state.doc, 'zh');
    // Nothing counted on the key itself.
    expect(typed.of(inEdition)).toBeNull();
    await idle();
    const listCount = new StoryLengths().of(inEdition.doc, 'zh');
    expect(listCount).toEqual({ unit: 'chars', n: 2 + 6 + 4 });
    // The list reads the typed figure while the edition still holds the story before the key.
    expect(typed.of(inEdition)).toEqual({ unit: 'chars', n: 2 + 6 + 4 + 2 });
    // The edition caught up: its story is a new object, and the list's own count holds.
    inEdition = story(state.doc.toJSON() as DocJSON);
    expect(typed.of(inEdition)).toBeNull();
    expect(new StoryLengths().of(inEdition.doc, 'zh')).toEqual({ unit: 'chars', n: 14 });
    // Another story is never given this one's length.
    expect(typed.of({ ...inEdition, id: 's2' })).toBeNull();
    typed.dispose();
  });

  it('counts as the list counts the same text, key after key, in words for English copy', async () => {
    const enDoc: DocJSON = {
      type: 'doc',
      content: [
        { type: 'headline', content: [{ type: 'text', text: 'Council votes' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'The council met on Monday.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'It voted twice' }] },
      ],
    };
    const inEdition = story(enDoc);
    const typed = new TypedLength(() => inEdition);
    let state = EditorState.create({ doc: storySchema.nodeFromJSON(enDoc) });
    for (const ch of ' and adjourned.') {
      state = state.apply(state.tr.insertText(ch, state.doc.content.size - 1));
      typed.note('s1', state.doc, 'en');
      await idle();
      expect(typed.of(inEdition)).toEqual(new StoryLengths().of(state.doc.toJSON() as DocJSON, 'en'));
    }
    // Two words more than the edition's story: "and adjourned".
    expect(typed.of(inEdition)).toEqual({ unit: 'words', n: new StoryLengths().of(enDoc, 'en').n + 2 });
    typed.dispose();
  });
});
