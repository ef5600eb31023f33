// The edition document: Edition ⇄ Y.Doc without loss, snapshots that re-derive
// only what changed, one transaction per dispatch, layout undo, two desks merging.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { ySyncPluginKey, yXmlFragmentToProseMirrorRootNode } from 'y-prosemirror';
import { EditionDocument, ORIGIN, ROOT, STORY_TEXT } from '../../src/lib/document';
import type { DocJSON, Edition, Story } from '../../src/lib/model/edition';
import { storySchema } from '../../src/lib/model/schema';
import { importText, storiesFromImport } from '../../src/lib/import';
import { Typesetter } from '../../src/lib/typeset';
import { autoLayout, moveModule, newEdition } from '../../src/lib/layout';
import { photoRecord } from './photo-helpers';
import { GRID as grid } from './edition-fixtures';


function story(id: string, text: string): Story {
  return {
    id,
    slug: `slug-${id}`,
    doc: {
      type: 'doc',
      content: [
        { type: 'headline', content: [{ type: 'text', text: `标题${id}` }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: '本报北京电', marks: [{ type: 'dateline' }] },
            { type: 'text', text, marks: [{ type: 'strong' }, { type: 'entity', attrs: { kind: 'place' } }] },
            { type: 'hard_break' },
            { type: 'text', text: 'tail' },
          ],
        },
        { type: 'paragraph' },
        { type: 'jump_line', attrs: { direction: 'continuedTo', page: 2 } },
        { type: 'jump_line', attrs: { direction: 'continuedFrom', page: null } },
      ],
    },
    meta: { section: '要闻', priority: 2, status: 'edited', tags: ['a', 'b'] },
    raw: `raw ${text}`,
  };
}

function edition(): Edition {
  return {
    id: 'ed-1',
    title: 'Galley 日报',
    date: '2022-01-08',
    issueNumber: 7,
    language: 'zh',
    pages: [
      {
        id: 'p1',
        number: 1,
        grid,
        placements: [
          { id: 'a:1', storyId: 'a', part: 1, column: 0, span: 4, line: 10, lines: 40, headlineSizePt: 30 },
          { id: 'b:1', storyId: 'b', part: 1, column: 4, span: 4, line: 10, lines: 40, photoId: 'ph1' },
        ],
      },
      { id: 'p2', number: 2, grid, placements: [{ id: 'a:2', storyId: 'a', part: 2, column: 0, span: 2, line: 0, lines: 20 }] },
    ],
    stories: [story('a', '正文甲'), story('b', 'Body of b'), story('c', '丙')],
    photos: { ph1: photoRecord('ph1') },
    revision: 0,
    updatedAt: 1000,
  };
}

/**
 * The parts of an edition the document keeps (revision is the local change
 * count), with story text in ProseMirror's normal form: the importer may write
 * two neighbouring text nodes with the same marks, which ProseMirror (and so
 * the document) joins into one.
 */
function content(e: Edition) {
  const { revision: _r, ...rest } = e;
  return { ...rest, stories: rest.stories.map((s) => ({ ...s, doc: storySchema.nodeFromJSON(s.doc).toJSON() })) };
}

function plainText(doc: DocJSON): string {
  return storySchema.nodeFromJSON(doc).textContent;
}

function move(e: Edition, id: string, to: { column?: number; line?: number }): Edition {
  return { ...e, pages: e.pages.map((p) => ({ ...p, placements: p.placements.map((x) => (x.id === id ? { ...x, ...to } : x)) })) };
}

function typeInto(document: EditionDocument, storyId: string, text: string, origin: unknown = ySyncPluginKey): void {
  // What y-prosemirror's binding does for a keystroke: insert into the paragraph's XmlText.
  const fragment = (document.doc.getMap(ROOT.stories).get(storyId) as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
  const paragraph = fragment.get(1) as Y.XmlElement;
  const textNode = paragraph.get(0) as Y.XmlText;
  document.doc.transact(() => textNode.insert(0, text), origin);
}

describe('EditionDocument model', () => {
  it('holds an edition without loss: fromEdition then snapshot gives it back', () => {
    const e = edition();
    const document = EditionDocument.fromEdition(e);
    expect(content(document.snapshot())).toEqual(content(e));
    expect(document.id).toBe('ed-1');
  });

  it('stores story text as y-prosemirror fragments and page modules as one map keyed by placement', () => {
    const document = EditionDocument.fromEdition(edition());
    const a = document.doc.getMap(ROOT.stories).get('a') as Y.Map<unknown>;
    expect(a.get(STORY_TEXT)).toBeInstanceOf(Y.XmlFragment);
    expect((a.get(STORY_TEXT) as Y.XmlFragment).toString()).toContain('<headline>标题a</headline>');
    const modules = document.doc.getMap(ROOT.modules);
    expect([...modules.keys()].sort()).toEqual(['a:1', 'a:2', 'b:1']);
    expect((modules.get('a:2') as Y.Map<unknown>).get('pageId')).toBe('p2');
  });

  it('returns the same snapshot when nothing changed, and keeps unchanged stories and pages by identity', () => {
    const document = EditionDocument.fromEdition(edition());
    const first = document.snapshot();
    expect(document.snapshot()).toBe(first);
    typeInto(document, 'b', 'X');
    const second = document.snapshot();
    expect(second).not.toBe(first);
    expect(second.stories[0]).toBe(first.stories[0]);
    expect(second.stories[2]).toBe(first.stories[2]);
    expect(second.stories[1]).not.toBe(first.stories[1]);
    expect(second.pages).toBe(first.pages);
    expect(plainText(second.stories[1].doc)).toContain('X本报北京电');
    expect(second.revision).toBeGreaterThan(first.revision);
  });

  it('re-reads a story\'s metadata without re-reading its text', () => {
    const document = EditionDocument.fromEdition(edition());
    const first = document.snapshot();
    const next = { ...first, stories: first.stories.map((s) => (s.id === 'c' ? { ...s, meta: { ...s.meta, status: 'approved' as const } } : s)) };
    const after = document.dispatch(next);
    expect(after.stories[2].meta.status).toBe('approved');
    expect(after.stories[2].doc).toBe(first.stories[2].doc);
    expect(after.pages).toBe(first.pages);
  });

  it('re-derives only the pages a moved module left and entered', () => {
    const document = EditionDocument.fromEdition(edition());
    const first = document.snapshot();
    const movedAcross: Edition = {
      ...first,
      pages: [
        { ...first.pages[0], placements: first.pages[0].placements.filter((p) => p.id !== 'b:1') },
        { ...first.pages[1], placements: [...first.pages[1].placements, { ...first.pages[0].placements[1], column: 2 }] },
      ],
    };
    const after = document.dispatch(movedAcross);
    expect(content(after)).toEqual(content(movedAcross));
    expect(after.stories).toBe(first.stories);
    const untouched = document.dispatch(move(after, 'a:2', { line: 3 }));
    expect(untouched.pages[0]).toBe(after.pages[0]);
    expect(untouched.pages[1].placements[0].line).toBe(3);
  });

  it('applies a dispatch as one transaction with the given origin', () => {
    const document = EditionDocument.fromEdition(edition());
    const origins: unknown[] = [];
    document.doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const e = document.snapshot();
    document.dispatch({ ...move(e, 'a:1', { column: 1 }), title: '新报头', stories: [...e.stories].reverse() }, ORIGIN.layout);
    expect(origins).toEqual([ORIGIN.layout]);
    const s = document.snapshot();
    expect(s.title).toBe('新报头');
    expect(s.stories.map((x) => x.id)).toEqual(['c', 'b', 'a']);
  });

  it('rewrites only the changed paragraph of a story\'s text, keeping the others\' Yjs items', () => {
    const document = EditionDocument.fromEdition(edition());
    const fragment = (document.doc.getMap(ROOT.stories).get('a') as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
    const headline = fragment.get(0);
    const e = document.snapshot();
    const a = e.stories[0];
    const content2 = [...a.doc.content!];
    content2[2] = { type: 'paragraph', content: [{ type: 'text', text: '新段' }] };
    const next = { ...e, stories: [{ ...a, doc: { ...a.doc, content: content2 } }, ...e.stories.slice(1)] };
    const after = document.dispatch(next);
    expect(after.stories[0].doc).toEqual(next.stories[0].doc);
    expect(fragment.get(0)).toBe(headline);
  });

  it('reads the text y-prosemirror writes, and leaves in the doc a block this build cannot show', () => {
    const document = EditionDocument.fromEdition(edition());
    const fragment = (document.doc.getMap(ROOT.stories).get('a') as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
    const expected = storySchema.nodeFromJSON(edition().stories[0].doc).toJSON();
    expect(document.snapshot().stories[0].doc).toEqual(expected);
    expect(yXmlFragmentToProseMirrorRootNode(fragment, storySchema).toJSON()).toEqual(expected);
    // A desk on a newer build adds a node type and a jump line attribute this build refuses.
    document.doc.transact(() => {
      const table = new Y.XmlElement('table');
      const jump = new Y.XmlElement('jump_line');
      fragment.insert(1, [table, jump]);
      jump.setAttribute('direction', 'sideways');
    }, 'remote');
    expect(document.snapshot().stories[0].doc).toEqual(expected);
    expect(fragment.length).toBe(expected.content!.length + 2); // still there for the desks that know them
    expect(fragment.toString()).toContain('<table>');
  });

  it('adds and removes stories and pages', () => {
    const document = EditionDocument.fromEdition(edition());
    const e = document.snapshot();
    const next: Edition = { ...e, stories: [story('d', 'new'), ...e.stories.filter((s) => s.id !== 'b')], pages: [e.pages[0]], photos: undefined };
    const after = document.dispatch(next);
    expect(content(after)).toEqual(content(next));
    expect(document.doc.getMap(ROOT.modules).has('a:2')).toBe(false);
  });
});

describe('dispatch from an older snapshot', () => {
  it('writes only what the command changed: another desk\'s changes since then stay', () => {
    const here = EditionDocument.fromEdition(edition());
    const there = new EditionDocument(new Y.Doc());
    Y.applyUpdate(there.doc, Y.encodeStateAsUpdate(here.doc));
    const base = here.snapshot();
    // The command ran on `base` (say in a worker) while another desk changed other things.
    const next = move(base, 'a:1', { column: 1 });
    const t = there.snapshot();
    there.dispatch({
      ...t,
      title: '他台改的',
      stories: t.stories.map((s) => (s.id === 'b' ? { ...s, meta: { ...s.meta, status: 'approved' as const } } : s)),
      pages: t.pages.map((p) => ({ ...p, placements: p.placements.map((x) => (x.id === 'a:1' ? { ...x, lines: 30 } : x.id === 'b:1' ? { ...x, line: 2 } : x)) })),
    });
    Y.applyUpdate(here.doc, Y.encodeStateAsUpdate(there.doc), 'remote');
    const after = here.dispatch(next, ORIGIN.layout, base);
    expect(after.title).toBe('他台改的');
    expect(after.stories[1].meta.status).toBe('approved');
    expect(after.pages[0].placements[0]).toMatchObject({ column: 1, lines: 30 });
    expect(after.pages[0].placements[1].line).toBe(2);
  });

  it('apply() runs a command on the current snapshot; a declined command writes nothing', () => {
    const document = EditionDocument.fromEdition(edition());
    expect(document.apply((e) => move(e, 'b:1', { column: 3 }))).toBe(true);
    expect(document.snapshot().pages[0].placements[1].column).toBe(3);
    expect(document.apply(() => null)).toBe(false);
    document.undo.undo();
    expect(document.snapshot().pages[0].placements[1].column).toBe(4);
  });
});

describe('layout undo', () => {
  it('undoes and redoes a move as one step, leaving another desk\'s typing alone', () => {
    const document = EditionDocument.fromEdition(edition());
    const start = document.snapshot();
    expect(document.undo.canUndo()).toBe(false); // loading is not a step
    document.dispatch(move(start, 'a:1', { column: 2 }), ORIGIN.layout);
    document.dispatch(move(document.snapshot(), 'b:1', { line: 12 }), ORIGIN.layout);
    typeInto(document, 'a', '键'); // the editor's typing: its own undo, not layout's
    document.undo.undo();
    expect(document.snapshot().pages[0].placements[1].line).toBe(10);
    expect(document.snapshot().pages[0].placements[0].column).toBe(2);
    document.undo.undo();
    expect(document.snapshot().pages).toEqual(start.pages);
    expect(plainText(document.snapshot().stories[0].doc)).toContain('键');
    document.undo.redo();
    expect(document.snapshot().pages[0].placements[0].column).toBe(2);
  });

  it('undoes a whole auto-layout (every module of every page) as one step', () => {
    const source = readFileSync('tests/fixtures/front-page-zh.txt', 'utf8');
    const result = importText(source);
    const blank = newEdition({ stories: storiesFromImport(result), language: result.language, date: '2022-01-08', title: '工人日报' });
    const document = EditionDocument.fromEdition(blank);
    const laidOut = autoLayout(document.snapshot(), new Typesetter());
    expect(laidOut.pages.flatMap((p) => p.placements).length).toBeGreaterThan(5);
    document.dispatch(laidOut, ORIGIN.layout);
    expect(document.snapshot().pages).toEqual(laidOut.pages);
    const moved = moveModule(document.snapshot(), laidOut.pages[0].placements[0].id, { column: 0, line: 0 });
    if (moved) document.dispatch(moved, ORIGIN.layout);
    if (moved) document.undo.undo();
    document.undo.undo();
    expect(content(document.snapshot())).toEqual(content(blank));
    expect(document.undo.canUndo()).toBe(false);
  });

  it('does not track remote changes: undo never reverts another desk\'s move', () => {
    const here = EditionDocument.fromEdition(edition());
    const there = new EditionDocument(new Y.Doc());
    Y.applyUpdate(there.doc, Y.encodeStateAsUpdate(here.doc));
    there.dispatch(move(there.snapshot(), 'a:2', { line: 7 }), ORIGIN.layout);
    Y.applyUpdate(here.doc, Y.encodeStateAsUpdate(there.doc), 'remote');
    expect(here.snapshot().pages[1].placements[0].line).toBe(7);
    expect(here.undo.canUndo()).toBe(false);
  });
});

describe('two desks', () => {
  it('merge concurrent edits: one moves a module to another page while the other resizes it; text typed by both survives', () => {
    const one = EditionDocument.fromEdition(edition());
    const two = new EditionDocument(new Y.Doc());
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc));
    const e1 = one.snapshot();
    one.dispatch(
      { ...e1, pages: [{ ...e1.pages[0], placements: [e1.pages[0].placements[0]] }, { ...e1.pages[1], placements: [...e1.pages[1].placements, e1.pages[0].placements[1]] }] },
      ORIGIN.layout,
    );
    typeInto(one, 'a', '一');
    const e2 = two.snapshot();
    two.dispatch({ ...e2, pages: e2.pages.map((p) => ({ ...p, placements: p.placements.map((x) => (x.id === 'b:1' ? { ...x, span: 3 } : x)) })) }, ORIGIN.layout);
    typeInto(two, 'a', '二');
    Y.applyUpdate(one.doc, Y.encodeStateAsUpdate(two.doc));
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc));
    const s1 = one.snapshot();
    expect(content(two.snapshot())).toEqual(content(s1));
    const b = s1.pages.flatMap((p) => p.placements.map((x) => ({ page: p.id, ...x }))).filter((x) => x.id === 'b:1');
    expect(b).toHaveLength(1);
    expect(b[0]).toMatchObject({ page: 'p2', span: 3 });
    const text = plainText(s1.stories[0].doc);
    expect(text).toContain('一');
    expect(text).toContain('二');
  });

  it('show a story once when both desks reorder the list at the same time', () => {
    const one = EditionDocument.fromEdition(edition());
    const two = new EditionDocument(new Y.Doc());
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc));
    const e1 = one.snapshot();
    one.dispatch({ ...e1, stories: [e1.stories[2], e1.stories[0], e1.stories[1]] });
    const e2 = two.snapshot();
    two.dispatch({ ...e2, stories: [e2.stories[2], e2.stories[1], e2.stories[0]] });
    Y.applyUpdate(one.doc, Y.encodeStateAsUpdate(two.doc));
    Y.applyUpdate(two.doc, Y.encodeStateAsUpdate(one.doc));
    const ids = one.snapshot().stories.map((s) => s.id);
    expect([...ids].sort()).toEqual(['a', 'b', 'c']);
    expect(two.snapshot().stories.map((s) => s.id)).toEqual(ids);
  });
});
