// What the edition document costs per keystroke, in Node (npx tsx bench/document-persist.ts).
// IndexedDB here is fake-indexeddb (JavaScript), so the persistence figure is an
// upper bound of the synchronous part a browser pays (its IndexedDB queues the
// write off the main thread); the browser figure belongs in the Chromium bench.
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { EditionDocument, ORIGIN, ROOT, STORY_TEXT, openPersistedEdition } from '../src/lib/document';
import type { Edition, Story } from '../src/lib/model/edition';

const grid = { preset: 'duikai', widthMm: 390, heightMm: 545, margins: { top: 20, right: 20, bottom: 25, left: 20 }, columns: 8, gutterMm: 2.5, bodySizePt: 9, leadingPt: 13.5 };
const sentence = '会议总结蹲点活动成效，推动蹲点工作常态化、长效化、制度化。';

function story(i: number, chars: number): Story {
  const paragraphs = [];
  for (let n = 0; n < chars; n += 400) paragraphs.push({ type: 'paragraph', content: [{ type: 'text', text: sentence.repeat(Math.ceil(400 / sentence.length)).slice(0, Math.min(400, chars - n)) }] });
  return { id: `s${i}`, slug: `s${i}`, doc: { type: 'doc', content: [{ type: 'headline', content: [{ type: 'text', text: `标题${i}` }] }, ...paragraphs] }, meta: { section: '要闻', priority: 1, status: 'raw', tags: [] }, raw: '' };
}

const edition: Edition = {
  id: 'bench',
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

function paragraphText(document: EditionDocument, paragraph: number): Y.XmlText {
  const fragment = (document.doc.getMap(ROOT.stories).get('s0') as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
  return (fragment.get(paragraph) as Y.XmlElement).get(0) as Y.XmlText;
}

function p(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

async function keystrokes(persist: boolean, n: number): Promise<{ transact: number[]; snapshot: number[] }> {
  const stored = persist ? await openPersistedEdition(`bench-${Date.now()}`) : null;
  const document = stored?.document ?? new EditionDocument();
  document.dispatch(edition, ORIGIN.load);
  document.snapshot();
  const transact: number[] = [];
  const snapshot: number[] = [];
  for (let i = 0; i < n; i++) {
    const text = paragraphText(document, 1 + (i % 40));
    let t = performance.now();
    // The editor's keystroke: one transaction; y-indexeddb's update handler runs inside it.
    document.doc.transact(() => text.insert(i % 50, '字'), 'editor');
    transact.push(performance.now() - t);
    t = performance.now();
    document.snapshot();
    snapshot.push(performance.now() - t);
    // Let IndexedDB run its queued writes, as the browser does between key events.
    if (persist && i % 20 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  await stored?.close();
  return { transact, snapshot };
}

const N = 1000;
await keystrokes(false, 200); // warm up
const bare = await keystrokes(false, N);
const persisted = await keystrokes(true, N);
console.log(`keystroke into a 20,000-character story (50 stories), ${N} keys:`);
console.log(`  Yjs transaction, no persistence:     median ${fmt(p(bare.transact, 0.5))}, p95 ${fmt(p(bare.transact, 0.95))}`);
console.log(`  Yjs transaction + y-indexeddb write: median ${fmt(p(persisted.transact, 0.5))}, p95 ${fmt(p(persisted.transact, 0.95))}`);
console.log(`  => persisting one keystroke (sync part): median ${fmt(p(persisted.transact, 0.5) - p(bare.transact, 0.5))}`);
console.log(`  snapshot() after the keystroke (re-derives that one story): median ${fmt(p(bare.snapshot, 0.5))}, p95 ${fmt(p(bare.snapshot, 0.95))}`);

// Opening an edition with 20,000 edits of history.
const source = EditionDocument.fromEdition(edition);
// Typed as a desk types: 500 keys per paragraph, the caret moving forward, two backspaces in ten.
for (let i = 0; i < 20_000; i++) {
  const text = paragraphText(source, 1 + (Math.floor(i / 500) % 40));
  const k = i % 500;
  const caret = 10 + k - 2 * Math.floor(k / 10);
  source.doc.transact(() => (i % 10 >= 8 ? text.delete(caret - 1, 1) : text.insert(caret, '改')), 'editor');
}
const state = Y.encodeStateAsUpdate(source.doc);
globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let t = performance.now();
const opened = new EditionDocument(new Y.Doc());
Y.applyUpdate(opened.doc, state);
const applied = performance.now() - t;
t = performance.now();
opened.snapshot();
const snap = performance.now() - t;
globalThis.gc?.();
const heapAfter = process.memoryUsage().heapUsed;
console.log(`open 50 stories + 20,000 edits of history: state ${(state.length / 1024).toFixed(0)} kB, apply ${fmt(applied)}, first snapshot ${fmt(snap)}, heap +${((heapAfter - heapBefore) / 1048576).toFixed(1)} MB${globalThis.gc ? '' : ' (run with node --expose-gc for a steadier figure)'}`);

// The same edition without its history, to separate the cost of history from that of content.
const fresh = Y.encodeStateAsUpdate(EditionDocument.fromEdition(edition).doc);
t = performance.now();
Y.applyUpdate(new Y.Doc(), fresh);
console.log(`open the same 50 stories without history: state ${(fresh.length / 1024).toFixed(0)} kB, apply ${fmt(performance.now() - t)}`);
console.log(`snapshot() per keystroke: p50 ${fmt(p(bare.snapshot, 0.5))}, p90 ${fmt(p(bare.snapshot, 0.9))}, p99 ${fmt(p(bare.snapshot, 0.99))}`);
