// What the edition document costs per keystroke, in Node (npx tsx bench/document-persist.ts).
// The same in Chromium, with its real IndexedDB: bench/document-open.ts (in `npm run bench`).
// IndexedDB here is fake-indexeddb (JavaScript), so the persistence figure is an
// upper bound of the synchronous part a browser pays (its IndexedDB queues the
// write off the main thread); the browser figure belongs in the Chromium bench.
import 'fake-indexeddb/auto';
import * as Y from 'yjs';
import { EditionDocument, ORIGIN, openPersistedEdition } from '../src/lib/document';
import type { Edition } from '../src/lib/model/edition';
import { benchEdition, EDITOR_TYPING, paragraphText as fixtureParagraph, typeEdit } from './document-fixture';

const edition: Edition = benchEdition();

function paragraphText(document: EditionDocument, paragraph: number): Y.XmlText {
  return fixtureParagraph(document.doc, paragraph);
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
    // The editor's keystroke: one transaction with the editor's origin; the store's update handler runs
    // inside it (it queues the update: a burst of typing is written in one IndexedDB transaction later).
    document.doc.transact(() => text.insert(i % 50, '字'), EDITOR_TYPING);
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
// Typed as a desk types (bench/document-fixture.ts): 500 keys per paragraph, the caret moving forward, two backspaces in ten.
for (let i = 0; i < 20_000; i++) typeEdit(source.doc, i);
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
