// The desk's versions (VersionHistory) over the library database in
// fake-indexeddb, on a clock the test moves: an automatic version after 5
// minutes of this desk's editing (not of another desk's), one before a risky
// step, named ones, a read-only preview, a restore that is saved first and
// undone in one step, and automatic versions pruned by the rule.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditionDocument, ORIGIN, VersionStore, openLibraryDB, type LibraryDatabase } from '../../src/lib/document';
import { VersionHistory } from '../../src/lib/state/versions.svelte';
import type { Edition } from '../../src/lib/model/edition';
import { storySchema } from '../../src/lib/model/schema';
import { oneStoryEdition, typeInStory } from './edition-fixtures';

const MINUTE = 60_000;

const edition = () => oneStoryEdition('ed-v');
const type = typeInStory;

const textOf = (e: Edition) => storySchema.nodeFromJSON(e.stories[0].doc).textContent;

let db: LibraryDatabase;
let clock = 0;
const histories: VersionHistory[] = [];

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openLibraryDB();
  clock = Date.UTC(2026, 10, 29, 8, 0);
});
afterEach(() => {
  for (const h of histories.splice(0)) h.dispose();
  db.close();
});

function history(document: EditionDocument, author = '王芳'): VersionHistory {
  const h = new VersionHistory({ document, store: new VersionStore(db), author, now: () => clock });
  histories.push(h);
  return h;
}

describe('VersionHistory', () => {
  it("saves an automatic version after 5 minutes of this desk's editing, not of another desk's", async () => {
    const document = EditionDocument.fromEdition(edition());
    const h = history(document);
    await h.refresh();
    expect(h.list).toEqual([]);

    // Another desk's change (a provider origin, not local) does not count as this desk editing.
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(document.doc));
    const theirs = new EditionDocument(remote);
    type(theirs, '他');
    Y.applyUpdate(document.doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(document.doc)), 'desk');
    clock += 6 * MINUTE;
    expect(await h.tick()).toBeNull();

    // This desk edits: due at once, 5 minutes having passed since the history started.
    type(document, '一');
    const first = await h.tick();
    expect(first).toMatchObject({ author: '王芳', kind: 'auto', reason: 'interval', name: null, time: clock });
    type(document, '二');
    clock += 2 * MINUTE;
    expect(await h.tick()).toBeNull(); // edited, but only 2 minutes since the last version
    clock += 3 * MINUTE;
    const saved = await h.tick();
    expect(saved).toMatchObject({ reason: 'interval', time: clock });
    expect(h.list.map((v) => v.id)).toEqual([saved!.id, first!.id]);
    // Nothing edited since: no new version however long the desk waits.
    clock += 30 * MINUTE;
    expect(await h.tick()).toBeNull();
  });

  it('lists named and automatic versions newest first, by time and author', async () => {
    const document = EditionDocument.fromEdition(edition());
    const h = history(document, '王芳');
    const other = history(document, 'Anna');
    await h.before('import');
    clock += 5 * MINUTE;
    await other.saveNamed('  付印前  ');
    clock += 5 * MINUTE;
    await h.before('auto-layout');
    expect(await h.saveNamed('   ')).toBeNull(); // a blank name is no name
    await h.refresh();
    expect(h.list.map((v) => [v.kind, v.name, v.reason, v.author])).toEqual([
      ['auto', null, 'auto-layout', '王芳'],
      ['named', '付印前', null, 'Anna'],
      ['auto', null, 'import', '王芳'],
    ]);
    expect(h.list[0].time - h.list[2].time).toBe(10 * MINUTE);
    expect(h.list.every((v) => v.bytes > 0)).toBe(true);
  });

  it('previews a version read-only without touching the live edition', async () => {
    const document = EditionDocument.fromEdition(edition());
    const h = history(document);
    const v = await h.saveNamed('一校');
    type(document, '后来');
    const live = document.snapshot();

    const shown = await h.preview(v!.id);
    expect(textOf(shown!)).toBe('题正文');
    expect(h.previewEdition).toBe(shown);
    expect(h.previewId).toBe(v!.id);
    expect(document.snapshot()).toBe(live);
    expect(textOf(document.snapshot())).toBe('题正文后来');
    h.closePreview();
    expect(h.previewEdition).toBeNull();
    expect(await h.preview('gone')).toBeNull();
  });

  it('restores a version after saving the state before it, as one undoable step that other desks receive', async () => {
    const document = EditionDocument.fromEdition(edition());
    const peer = new Y.Doc();
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(document.doc));
    document.doc.on('update', (u: Uint8Array, origin: unknown) => origin !== 'peer' && Y.applyUpdate(peer, u, 'peer'));
    const h = history(document);
    const v = await h.saveNamed('一校');
    type(document, '后来');
    const e = document.snapshot();
    document.dispatch({ ...e, pages: [{ ...e.pages[0], placements: [{ ...e.pages[0].placements[0], span: 2 }] }] }, ORIGIN.layout);
    await h.preview(v!.id);

    clock += MINUTE;
    const restored = await h.restore(v!.id);
    expect(textOf(restored!)).toBe('题正文');
    expect(document.snapshot().pages[0].placements[0].span).toBe(4);
    expect(h.previewEdition).toBeNull();
    // The state before the restore is a version of its own.
    const before = h.list.find((x) => x.reason === 'restore')!;
    expect(before.time).toBe(clock);
    expect(textOf((await h.preview(before.id))!)).toBe('题正文后来');
    // The other desk got the restore as an ordinary change.
    expect(textOf(new EditionDocument(peer).snapshot())).toBe('题正文');

    // One undo step takes the whole restore back.
    expect(document.undo.canUndo()).toBe(true);
    document.undo.undo();
    expect(textOf(document.snapshot())).toBe('题正文后来');
    expect(document.snapshot().pages[0].placements[0].span).toBe(2);
    expect(await h.restore('gone')).toBeNull();
  });

  it('prunes automatic versions by the rule after each automatic save, and keeps named ones', async () => {
    const document = EditionDocument.fromEdition(edition());
    const h = history(document);
    const named = await h.saveNamed('付印前');
    // Three risky steps within one 5-minute slot: the newest automatic one stays.
    const slotStart = Math.ceil(clock / (5 * MINUTE)) * 5 * MINUTE;
    clock = slotStart + 1000;
    await h.before('import');
    clock = slotStart + 2000;
    await h.before('auto-layout');
    clock = slotStart + 3000;
    const last = await h.before('replace-all');
    expect(h.list.map((v) => v.id)).toEqual([last.id, named!.id]);

    await h.remove(named!.id);
    expect(h.list.map((v) => v.id)).toEqual([last.id]);
  });
});
