// Typing pays for the editor only; what follows from the text catches up later
// and then is right: the app's edition after an idle moment, the warnings list
// keyed by warning (positions read when a button is pressed), the list's change
// count once typing pauses.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { ySyncPluginKey } from 'y-prosemirror';
import { AppState } from '../../src/lib/state/app.svelte';
import { ROOT, STORY_TEXT } from '../../src/lib/document';
import { buildSampleEdition } from '../../src/lib/sample/edition';
import { Typesetter } from '../../src/lib/typeset';
import { createStoryState, lintWarnings, lintedWarnings, placeWarning } from '../../src/lib/editor';
import { ChangeCounts } from '../../src/lib/state/warning-counts.svelte';
import { StoryLengths } from '../../src/lib/state/stories';
import { storySchema } from '../../src/lib/model/schema';
import type { DocJSON, Story } from '../../src/lib/model/edition';

const typesetter = new Typesetter();
const apps: AppState[] = [];
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

async function started(): Promise<AppState> {
  const app = new AppState({ buildSample: () => buildSampleEdition(typesetter), tabs: false });
  apps.push(app);
  await app.start();
  return app;
}

/** A key as y-prosemirror writes it: into the first paragraph's text, with ySync as origin. */
function typeKey(app: AppState, storyId: string, text: string): void {
  const fragment = (app.document!.doc.getMap(ROOT.stories).get(storyId) as Y.Map<unknown>).get(STORY_TEXT) as Y.XmlFragment;
  const paragraph = fragment.toArray().find((b) => b instanceof Y.XmlElement && b.nodeName === 'paragraph') as Y.XmlElement;
  app.document!.doc.transact(() => (paragraph.get(0) as Y.XmlText).insert(0, text), ySyncPluginKey);
}

const textOf = (doc: DocJSON) => storySchema.nodeFromJSON(doc).textContent;

describe('the edition follows typing', () => {
  it('catches up once typing pauses, with every key, and at once when asked', async () => {
    const app = await started();
    const story = app.edition.stories[0];
    const lengths = new StoryLengths();
    const before = lengths.of(story.doc).n;
    const edition = app.edition;
    typeKey(app, story.id, '甲');
    // Not in the same task as the key: the key's frame pays for the editor only.
    expect(app.edition).toBe(edition);
    typeKey(app, story.id, '乙');
    await vi.waitFor(() => expect(textOf(app.edition.stories[0].doc)).toContain('乙甲'));
    expect(lengths.of(app.edition.stories[0].doc).n).toBe(before + 2);
    typeKey(app, story.id, '丙');
    // Asked for directly (a command about to change the edition): the key is in at once.
    expect(textOf(app.currentEdition().stories[0].doc)).toContain('丙乙甲');
    expect(app.edition).toBe(app.currentEdition());
  });

  it('a command right after a key keeps the key', async () => {
    const app = await started();
    const story = app.edition.stories[0];
    typeKey(app, story.id, '丁');
    app.updateStorySlug(story.id, 'new-slug');
    const now = app.edition.stories[0];
    expect(now.slug).toBe('new-slug');
    expect(textOf(now.doc)).toContain('丁');
    expect(textOf(app.document!.snapshot().stories[0].doc)).toContain('丁');
  });
});

describe('saving while typing', () => {
  it('a key\'s write, committed in milliseconds, is not shown as "saving", yet leaving before it commits is unsaved', async () => {
    const app = await started();
    await app.flush();
    const statuses: string[] = [];
    typeKey(app, app.edition.stories[0].id, '戊');
    statuses.push(app.saveStatus.state);
    expect(app.unsaved).toBe(true);
    await app.flush();
    statuses.push(app.saveStatus.state);
    expect(statuses).toEqual(['saved', 'saved']);
    expect(app.unsaved).toBe(false);
  });
});

describe('the warnings list', () => {
  const para = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

  it('keeps each warning object while its paragraph is not typed in, and places it where it now is', () => {
    const doc: DocJSON = { type: 'doc', content: [para('第一段(甲)。'), para('第二段(乙)。'), para('第三段(丙)。')] };
    const state = createStoryState(doc, 'zh');
    const before = lintedWarnings(state);
    expect(before.length).toBeGreaterThanOrEqual(3);
    const typed = state.apply(state.tr.insertText('新', 2));
    const after = lintedWarnings(typed);
    // The warnings of the second and third paragraphs are the same objects…
    const later = before.filter((w) => w.from > 12);
    for (const w of later) expect(after).toContain(w);
    // …and placed one character on, as the full list has them.
    const placed = later.map((w) => placeWarning(typed, w));
    const full = lintWarnings(typed);
    for (const p of placed) expect(full).toContainEqual(p);
    expect(placed.map((p) => p!.from)).toEqual(later.map((w) => w.from + 1));
    expect(after.length).toBe(full.length);
  });
});

describe('the list change count', () => {
  it('keeps the last count while typing and is right once typing pauses', async () => {
    vi.useFakeTimers();
    try {
      const original: DocJSON = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '原文一句。' }] }] };
      const story = (text: string): Story => ({
        id: 's',
        slug: 's',
        doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
        original,
        meta: { section: '', priority: 1, status: 'edited', tags: [] },
        raw: '',
      });
      const counts = new ChangeCounts();
      expect(counts.count(story('原文一句。'))).toBe(0);
      const typed = story('新原文一句。');
      expect(counts.count(typed)).toBe(0);
      const version = counts.version;
      await vi.advanceTimersByTimeAsync(1000);
      expect(counts.version).toBeGreaterThan(version);
      expect(counts.count(typed)).toBe(1);
      counts.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});
