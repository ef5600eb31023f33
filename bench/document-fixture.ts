// The edition the document benches open and type into: 50 stories, one of
// 20,000 characters (the rest 2,000), and a desk's typing as history. Shared
// by the Node bench (bench/document-persist.ts) and the Chromium bench
// (bench/document-open.ts, which imports this file in the page).
import * as Y from 'yjs';
import { ySyncPluginKey } from 'y-prosemirror';
import type { Edition, Story } from '../src/lib/model/edition';

const grid = { preset: 'duikai', widthMm: 390, heightMm: 545, margins: { top: 20, right: 20, bottom: 25, left: 20 }, columns: 8, gutterMm: 2.5, bodySizePt: 9, leadingPt: 13.5 };
const sentence = '会议总结蹲点活动成效，推动蹲点工作常态化、长效化、制度化。';

function story(i: number, chars: number): Story {
  const paragraphs = [];
  for (let n = 0; n < chars; n += 400) paragraphs.push({ type: 'paragraph', content: [{ type: 'text', text: sentence.repeat(Math.ceil(400 / sentence.length)).slice(0, Math.min(400, chars - n)) }] });
  return { id: `s${i}`, slug: `s${i}`, doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: `标题${i}` }] }, ...paragraphs] }, meta: { section: '要闻', priority: 1, status: 'raw', tags: [] }, raw: '' };
}

export function benchEdition(id = 'bench'): Edition {
  return {
    id,
    title: '日报',
    date: '2022-01-08',
    issueNumber: 1,
    language: 'zh',
    pages: [{ id: 'p1', number: 1, grid, placements: [] }],
    // One 20,000-character story among 50.
    stories: [story(0, 20_000), ...Array.from({ length: 49 }, (_, i) => story(i + 1, 2_000))],
    revision: 0,
    updatedAt: 0,
  };
}

/** The text of paragraph `n` (1-based: 0 is the headline) of the 20,000-character story. */
export function paragraphText(doc: Y.Doc, n: number): Y.XmlText {
  const fragment = (doc.getMap('stories').get('s0') as Y.Map<unknown>).get('text') as Y.XmlFragment;
  return (fragment.get(n) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The origin of the editor's typing (ySync's key): the store batches these writes, as it does the desk's keys. */
export const EDITOR_TYPING = ySyncPluginKey;

/**
 * Edit `i` of a desk's typing: 500 keys per paragraph of the long story, the
 * caret moving forward, two backspaces in every ten. Each is one transaction,
 * as each keystroke of the editor is.
 */
export function typeEdit(doc: Y.Doc, i: number, origin: unknown = 'editor'): void {
  const text = paragraphText(doc, 1 + (Math.floor(i / 500) % 40));
  const k = i % 500;
  const caret = 10 + k - 2 * Math.floor(k / 10);
  doc.transact(() => (i % 10 >= 8 ? text.delete(caret - 1, 1) : text.insert(caret, '改')), origin);
}

/** A copy of `doc` in memory (no provider): the same content and history, for the no-persistence baseline. */
export function copyDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Yjs itself, for measurements in the page (a bare import cannot be resolved there). */
export { Y };
