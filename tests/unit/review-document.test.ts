// Review data in the edition document: comments, verdicts and sign-offs round
// trip through the Y.Doc and merge when two desks review at the same time.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditionDocument, ORIGIN } from '../../src/lib/document';
import type { Edition, Story } from '../../src/lib/model/edition';
import { addComment, replyToComment, resolveComment, setVerdict, signOffOf, signOffPage, type ReviewResult } from '../../src/lib/model/review';
import { GRID as grid } from './edition-fixtures';


function story(id: string, body: string): Story {
  return {
    id,
    slug: id,
    doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: `标题${id}` }] }, { type: 'paragraph', content: [{ type: 'text', text: body }] }] },
    meta: { section: '要闻', priority: 1, status: 'edited', tags: [] },
    raw: body,
  };
}

function edition(): Edition {
  return {
    id: 'ed',
    title: '日报',
    date: '2026-11-29',
    issueNumber: 1,
    language: 'zh',
    pages: [{ id: 'p1', number: 1, grid, placements: [{ id: 'a:1', storyId: 'a', part: 1, column: 0, span: 8, line: 0, lines: 40 }] }],
    stories: [story('a', '正文甲')],
    revision: 0,
    updatedAt: 1,
  };
}

const ann = { author: '王编辑', at: '2026-11-29T09:00:00.000Z' };
const bob = { author: 'Bob', at: '2026-11-29T09:01:00.000Z' };

function ok(result: ReviewResult): Edition {
  if (!result.ok) throw new Error(result.reason.code);
  return result.edition;
}

function reviewOf(e: Edition) {
  return { comments: e.comments, reviews: e.reviews, signoffs: e.signoffs };
}

describe('review in the edition document', () => {
  it('round-trips comments, verdicts and sign-offs through fromEdition and dispatch', () => {
    let e = ok(addComment(edition(), 't1', { kind: 'text', storyId: 'a', from: 5, to: 7, quote: '正文' }, '核实', ann));
    e = ok(addComment(e, 't2', { kind: 'page', pageId: 'p1', x: 120.5, y: 300 }, '图片偏暗', bob));
    e = ok(resolveComment(e, 't2', ann));
    e = ok(setVerdict(e, 'a', 'approved', '', ann));
    e = ok(signOffPage(e, 'p1', ann));
    const document = EditionDocument.fromEdition(e);
    expect(reviewOf(document.snapshot())).toEqual(reviewOf(e));

    // A reply and a reopen are written as a diff; an unchanged snapshot keeps its identity.
    const base = document.snapshot();
    const next = ok(replyToComment(base, 't2', '已调亮', bob));
    document.dispatch(next, 'review', base);
    const after = document.snapshot();
    expect(after.comments!.find((t) => t.id === 't2')).toEqual(next.comments!.find((t) => t.id === 't2'));
    expect(after.comments!.find((t) => t.id === 't2')!.resolved).toBeUndefined();
    expect(document.snapshot()).toBe(after);
    expect(signOffOf(after, 'p1').state).toBe('signed');
  });

  it('merges two desks: both replies to one thread stay; verdicts on different stories both stay', () => {
    const start: Edition = { ...edition(), stories: [story('a', '正文甲'), story('b', '正文乙')] };
    const one = EditionDocument.fromEdition(ok(addComment(start, 't1', { kind: 'page', pageId: 'p1', x: 10, y: 10 }, '标题太长', ann)));
    const two = new EditionDocument(new Y.Doc());
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc));

    one.apply((e) => ok(setVerdict(ok(replyToComment(e, 't1', '同意', ann, 'm-ann')), 'a', 'approved', '', ann)), ORIGIN.layout);
    two.apply((e) => ok(setVerdict(ok(replyToComment(e, 't1', '已改', bob, 'm-bob')), 'b', 'changes', '核对数字', bob)), ORIGIN.layout);
    Y.applyUpdate(one.doc, Y.encodeStateAsUpdate(two.doc));
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc));

    const s1 = one.snapshot();
    expect(reviewOf(two.snapshot())).toEqual(reviewOf(s1));
    const texts = s1.comments![0].messages.map((m) => m.text);
    expect(texts[0]).toBe('标题太长');
    expect(texts.slice(1).sort()).toEqual(['同意', '已改'].sort());
    expect(s1.reviews!.a.verdict).toBe('approved');
    expect(s1.reviews!.b).toMatchObject({ verdict: 'changes', note: '核对数字', by: 'Bob' });
  });

  it('a story typed into after sign-off shows the sign-off withdrawn on every desk', () => {
    let e = ok(setVerdict(edition(), 'a', 'approved', '', ann));
    e = ok(signOffPage(e, 'p1', ann));
    const one = EditionDocument.fromEdition(e);
    const two = new EditionDocument(new Y.Doc());
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc));
    expect(signOffOf(two.snapshot(), 'p1').state).toBe('signed');
    one.apply((s) => ({ ...s, stories: [story('a', '正文甲改')] }), ORIGIN.layout);
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc));
    expect(signOffOf(two.snapshot(), 'p1')).toMatchObject({ state: 'withdrawn', reason: { code: 'changedAfterSignOff' } });
  });
});
