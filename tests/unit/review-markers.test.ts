// The editor's comment markers: a highlight and a margin number on the
// commented words, following them through edits, replaced on new review data.
import { describe, expect, it } from 'vitest';
import { commentMarkersKey, createStoryState, setCommentMarkers } from '../../src/lib/editor';
import type { EditorState } from 'prosemirror-state';

const doc = { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: '春运开启' }] }, { type: 'paragraph', content: [{ type: 'text', text: '今年春运共四十天。' }] }] };

function ranges(state: EditorState) {
  return commentMarkersKey
    .getState(state)!
    .find()
    .filter((d) => d.from !== d.to)
    .map((d) => [d.from, d.to, (d as unknown as { type: { attrs: { class: string } } }).type.attrs.class] as [number, number, string])
    .sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
}

describe('comment markers in the editor', () => {
  it('mark the commented words, follow them when text is typed before, and take new threads', () => {
    let state = createStoryState(doc, 'zh', undefined, { comments: [{ id: 't1', from: 12, to: 15, resolved: false, label: '批注 1' }] });
    expect(ranges(state)).toEqual([
      [12, 15, 'comment-range comment-open'],
      [12, 13, 'comment-start comment-open'],
    ]);
    state = state.apply(state.tr.insertText('据悉，', 7));
    expect(ranges(state).map((r) => r.slice(0, 2))).toEqual([
      [15, 18],
      [15, 16],
    ]);
    setCommentMarkers([{ id: 't1', from: 15, to: 18, resolved: true, label: '批注 1' }])(state, (tr) => (state = state.apply(tr)));
    expect(ranges(state).map((r) => r[2])).toEqual(['comment-range comment-resolved', 'comment-start comment-resolved']);
    // New review data changes the markers, never the text.
    expect(state.doc.textContent).toContain('据悉，');
  });
});
