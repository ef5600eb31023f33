// Review as plain data: comment threads, verdicts and 签发, and their automatic
// withdrawal when a story changes after it was approved or signed.
import { describe, expect, it } from 'vitest';
import type { Edition, Story } from '../../src/lib/model/edition';
import {
  addComment,
  canSignOff,
  clearSignOff,
  clearVerdict,
  pageComments,
  placeTextAnchor,
  reopenComment,
  replyToComment,
  resolveComment,
  setVerdict,
  signOffOf,
  signOffPage,
  signedPages,
  storyComments,
  storyFingerprint,
  storyStatus,
  verdictOf,
  type ReviewResult,
} from '../../src/lib/model/review';
import { GRID as grid } from './edition-fixtures';


function story(id: string, headline: string, body: string): Story {
  return {
    id,
    slug: `slug-${id}`,
    doc: {
      type: 'doc',
      content: [
        { type: 'headline', content: [{ type: 'text', text: headline }] },
        { type: 'paragraph', content: [{ type: 'text', text: body }] },
      ],
    },
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
    pages: [
      {
        id: 'p1',
        number: 1,
        grid,
        placements: [
          { id: 'a:1', storyId: 'a', part: 1, column: 0, span: 4, line: 0, lines: 40 },
          { id: 'b:1', storyId: 'b', part: 1, column: 4, span: 4, line: 0, lines: 40 },
        ],
      },
      { id: 'p2', number: 2, grid, placements: [{ id: 'c:1', storyId: 'c', part: 1, column: 0, span: 8, line: 0, lines: 40 }] },
    ],
    stories: [story('a', '春运开启', '今年春运共四十天。铁路部门加开列车。'), story('b', '新桥通车', '大桥今日通车。'), story('c', '体育', '比赛结束。')],
    revision: 0,
    updatedAt: 0,
  };
}

const ann = { author: '王编辑', at: '2026-11-29T09:00:00.000Z' };
const bob = { author: 'Bob', at: '2026-11-29T09:05:00.000Z' };

function ok(result: ReviewResult): Edition {
  if (!result.ok) throw new Error(`refused: ${result.reason.code}`);
  return result.edition;
}

/** Replace story `id`'s body text (what typing in the editor amounts to). */
function edit(e: Edition, id: string, body: string): Edition {
  return { ...e, stories: e.stories.map((s) => (s.id === id ? story(id, (s.doc.content![0].content![0].text as string), body) : s)) };
}

describe('comment threads', () => {
  // "春运开启" fills positions 1–5; the paragraph’s text starts at 7, so "四十天" is 12–15.
  const anchor = { kind: 'text' as const, storyId: 'a', from: 12, to: 15, quote: '四十天' };

  it('open on a range of text with author and time, take replies, resolve and reopen', () => {
    let e = ok(addComment(edition(), 't1', anchor, ' 核实天数 ', ann));
    expect(e.comments).toEqual([{ id: 't1', anchor, messages: [{ id: 't1-0', author: '王编辑', at: ann.at, text: '核实天数' }] }]);
    e = ok(replyToComment(e, 't1', '已核实', bob));
    expect(e.comments![0].messages.map((m) => [m.author, m.text])).toEqual([['王编辑', '核实天数'], ['Bob', '已核实']]);
    e = ok(resolveComment(e, 't1', ann));
    expect(e.comments![0].resolved).toEqual({ by: '王编辑', at: ann.at });
    e = ok(reopenComment(e, 't1'));
    expect(e.comments![0].resolved).toBeUndefined();
    // A reply to a resolved thread reopens it.
    e = ok(replyToComment(ok(resolveComment(e, 't1', ann)), 't1', '还有问题', bob));
    expect(e.comments![0].resolved).toBeUndefined();
    expect(e.comments![0].messages).toHaveLength(3);
  });

  it('refuses a comment without author or text, on a missing story or page, a reply to no thread', () => {
    expect(addComment(edition(), 't', anchor, 'x', { ...ann, author: ' ' })).toEqual({ ok: false, reason: { code: 'noAuthor', params: {} } });
    expect(addComment(edition(), 't', anchor, '  ', ann)).toEqual({ ok: false, reason: { code: 'emptyText', params: {} } });
    expect(addComment(edition(), 't', { ...anchor, storyId: 'zz' }, 'x', ann)).toMatchObject({ ok: false, reason: { code: 'noStory' } });
    expect(addComment(edition(), 't', { kind: 'page', pageId: 'p9', x: 1, y: 1 }, 'x', ann)).toMatchObject({ ok: false, reason: { code: 'noPage' } });
    expect(replyToComment(edition(), 'nope', 'x', ann)).toMatchObject({ ok: false, reason: { code: 'noThread' } });
  });

  it('lists threads per story and per page (pins and the text of the stories placed there)', () => {
    let e = ok(addComment(edition(), 't1', anchor, '文字批注', ann));
    e = ok(addComment(e, 't2', { kind: 'page', pageId: 'p2', x: 100, y: 200 }, '版面批注', ann));
    expect(storyComments(e, 'a').map((t) => t.id)).toEqual(['t1']);
    expect(storyComments(e, 'c')).toEqual([]);
    expect(pageComments(e, 'p1').map((t) => t.id)).toEqual(['t1']);
    expect(pageComments(e, 'p2').map((t) => t.id)).toEqual(['t2']);
  });

  it('keeps a text anchor on its words, follows them when text is inserted before, and detaches when they change', () => {
    const doc = edition().stories[0].doc;
    expect(placeTextAnchor(doc, anchor)).toEqual({ state: 'attached', from: 12, to: 15 });
    const moved = edit(edition(), 'a', '据悉，今年春运共四十天。铁路部门加开列车。').stories[0].doc;
    expect(placeTextAnchor(moved, anchor)).toEqual({ state: 'attached', from: 15, to: 18 });
    const changed = edit(edition(), 'a', '今年春运共三十九天。').stories[0].doc;
    expect(placeTextAnchor(changed, anchor)).toEqual({ state: 'detached' });
    // Ambiguous (the words twice): detached rather than guessed.
    const twice = edit(edition(), 'a', '共四十天，又四十天。').stories[0].doc;
    expect(placeTextAnchor(twice, anchor)).toEqual({ state: 'detached' });
  });
});

describe('verdicts and 签发', () => {
  it('a story needs a note to be sent back; approval records the text it was given on', () => {
    expect(setVerdict(edition(), 'a', 'changes', ' ', ann)).toEqual({ ok: false, reason: { code: 'noteRequired', params: {} } });
    const e = ok(setVerdict(edition(), 'a', 'changes', '导语太长', ann));
    expect(e.reviews!.a).toMatchObject({ verdict: 'changes', note: '导语太长', by: '王编辑' });
    const a = ok(setVerdict(e, 'a', 'approved', '', bob));
    expect(a.reviews!.a).toEqual({ verdict: 'approved', by: 'Bob', at: bob.at, fingerprint: storyFingerprint(a.stories[0].doc) });
    expect(verdictOf(a, a.stories[0]).state).toBe('approved');
  });

  it('allows 签发 only when every story on the page is approved, saying which is not', () => {
    let e = ok(setVerdict(edition(), 'a', 'approved', '', ann));
    expect(canSignOff(e, 'p1')).toEqual({ ok: false, reason: { code: 'notApproved', params: { story: '新桥通车' } } });
    expect(signOffPage(e, 'p1', ann)).toMatchObject({ ok: false, reason: { code: 'notApproved' } });
    e = ok(setVerdict(e, 'b', 'changes', '核对桥名', ann));
    expect(canSignOff(e, 'p1')).toEqual({ ok: false, reason: { code: 'needsChanges', params: { story: '新桥通车' } } });
    e = ok(setVerdict(e, 'b', 'approved', '', ann));
    expect(canSignOff(e, 'p1')).toEqual({ ok: true });
    e = ok(signOffPage(e, 'p1', bob));
    expect(signOffOf(e, 'p1')).toMatchObject({ state: 'signed', signoff: { by: 'Bob', at: bob.at } });
    expect(signedPages(e)).toEqual([{ pageId: 'p1', number: 1, by: 'Bob', at: bob.at }]);
    expect(canSignOff(e, 'p2')).toMatchObject({ ok: false, reason: { code: 'notApproved', params: { story: '体育' } } });
  });

  it('withdraws approval and sign-off when a story on the page changes afterwards, with the reason', () => {
    let e = ok(setVerdict(edition(), 'a', 'approved', '', ann));
    e = ok(setVerdict(e, 'b', 'approved', '', ann));
    e = ok(signOffPage(e, 'p1', ann));
    // A story on another page changing leaves page 1 signed.
    expect(signOffOf(edit(e, 'c', '加时赛。'), 'p1').state).toBe('signed');
    const edited = edit(e, 'b', '大桥明日通车。');
    expect(signOffOf(edited, 'p1')).toMatchObject({ state: 'withdrawn', reason: { code: 'changedAfterSignOff', params: { story: '新桥通车' } } });
    expect(verdictOf(edited, edited.stories[1])).toMatchObject({ state: 'withdrawn', reason: { code: 'storyChanged' } });
    expect(signedPages(edited)).toEqual([]);
    expect(canSignOff(edited, 'p1')).toMatchObject({ ok: false, reason: { code: 'storyChanged' } });
    // Changing it back restores what was signed: the fingerprints match again.
    expect(signOffOf(edit(edited, 'b', '大桥今日通车。'), 'p1').state).toBe('signed');
    // A story placed on the page after sign-off withdraws it too; taking the sign-off back clears it.
    const added: Edition = { ...e, pages: [{ ...e.pages[0], placements: [...e.pages[0].placements, { id: 'c:2', storyId: 'c', part: 2, column: 0, span: 2, line: 40, lines: 10 }] }, e.pages[1]] };
    expect(signOffOf(added, 'p1')).toMatchObject({ state: 'withdrawn', reason: { code: 'storyAdded', params: { story: '体育' } } });
    expect(signOffOf(clearSignOff(added, 'p1'), 'p1').state).toBe('none');
  });

  it('moves the status with the verdict (raw → edited → approved) and reads it as the verdict stands', () => {
    const raw: Edition = { ...edition(), stories: edition().stories.map((x) => ({ ...x, meta: { ...x.meta, status: 'raw' as const } })) };
    const approved = ok(setVerdict(raw, 'a', 'approved', '', ann));
    expect(approved.stories[0].meta.status).toBe('approved');
    expect(storyStatus(approved, approved.stories[0])).toBe('approved');
    expect(approved.stories[1]).toBe(raw.stories[1]);
    // Sent back, or the approval taken back: edited, not approved by no one.
    expect(ok(setVerdict(approved, 'a', 'changes', '导语太长', bob)).stories[0].meta.status).toBe('edited');
    const cleared = clearVerdict(approved, 'a');
    expect(cleared.stories[0].meta.status).toBe('edited');
    expect(storyStatus(cleared, cleared.stories[0])).toBe('edited');
    // Edited after approval: the approval no longer holds, so neither does the status it gave.
    const changed: Edition = { ...approved, stories: approved.stories.map((x) => (x.id === 'a' ? { ...x, doc: edit(approved, 'a', '改动。').stories[0].doc } : x)) };
    expect(changed.stories[0].meta.status).toBe('approved');
    expect(storyStatus(changed, changed.stories[0])).toBe('edited');
    // A status no verdict backs reads as edited; raw stays raw.
    const unbacked: Edition = { ...raw, stories: raw.stories.map((x) => (x.id === 'b' ? { ...x, meta: { ...x.meta, status: 'approved' as const } } : x)) };
    expect(storyStatus(unbacked, unbacked.stories[1])).toBe('edited');
    expect(storyStatus(raw, raw.stories[2])).toBe('raw');
  });

  it('fingerprints tell changed text from unchanged, stably', () => {
    const [a, b] = edition().stories;
    expect(storyFingerprint(a.doc)).toBe(storyFingerprint(structuredClone(a.doc)));
    expect(storyFingerprint(a.doc)).not.toBe(storyFingerprint(b.doc));
    expect(storyFingerprint(a.doc)).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('reasons in words', () => {
  it('every reason the review model gives has text in both languages, every value filled', async () => {
    const { bilingual } = await import('../../src/lib/i18n');
    const reasons = new Map<string, Record<string, string>>();
    const collect = (r: ReviewResult | { ok: boolean; reason?: { code: string; params: Record<string, string> } }) => {
      if (!r.ok && 'reason' in r && r.reason) reasons.set(r.reason.code, r.reason.params as Record<string, string>);
    };
    const e = edition();
    const anchor = { kind: 'text' as const, storyId: 'a', from: 12, to: 15, quote: '四十天' };
    collect(addComment(e, 't', anchor, 'x', { ...ann, author: '' }));
    collect(addComment(e, 't', anchor, '', ann));
    collect(addComment(e, 't', { ...anchor, storyId: 'zz' }, 'x', ann));
    collect(addComment(e, 't', { kind: 'page', pageId: 'zz', x: 0, y: 0 }, 'x', ann));
    collect(replyToComment(e, 'zz', 'x', ann));
    collect(setVerdict(e, 'a', 'changes', '', ann));
    collect(canSignOff({ ...e, pages: [{ ...e.pages[0], placements: [] }] }, 'p1'));
    collect(canSignOff(e, 'p1'));
    const changes = ok(setVerdict(ok(setVerdict(e, 'a', 'changes', '改', ann)), 'b', 'approved', '', ann));
    collect(canSignOff(changes, 'p1'));
    const signed = ok(signOffPage(ok(setVerdict(changes, 'a', 'approved', '', ann)), 'p1', ann));
    collect(canSignOff(edit(signed, 'a', '改了'), 'p1'));
    for (const s of [signOffOf(edit(signed, 'a', '改了'), 'p1'), signOffOf({ ...signed, pages: [{ ...signed.pages[0], placements: [...signed.pages[0].placements, { id: 'c:9', storyId: 'c', part: 1, column: 0, span: 1, line: 50, lines: 5 }] }] }, 'p1'), signOffOf({ ...signed, pages: [{ ...signed.pages[0], placements: signed.pages[0].placements.slice(0, 1) }] }, 'p1')]) {
      if (s.state === 'withdrawn') reasons.set(s.reason.code, s.reason.params as Record<string, string>);
    }
    expect([...reasons.keys()].sort()).toEqual(
      ['changedAfterSignOff', 'emptyPage', 'emptyText', 'needsChanges', 'noAuthor', 'noPage', 'noStory', 'noThread', 'notApproved', 'noteRequired', 'storyAdded', 'storyChanged', 'storyRemoved'].sort(),
    );
    for (const [code, params] of reasons) {
      const words = bilingual({ code: `review.reason.${code}` as never, params });
      expect(words.zh, code).not.toMatch(/\{\w+\}|^review\./);
      expect(words.en, code).not.toMatch(/\{\w+\}|^review\./);
    }
  });
});
