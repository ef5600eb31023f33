// In the browser build the en-us patterns are a chunk of their own (typeset/hyphenation.ts):
// AppState has them in before it shows an English edition (so nothing typesets English
// without them), never asks for them for a Chinese one, and says so when they cannot be fetched.
// `#hyphen-patterns` is given the browser's module here, with a loader the test controls.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Edition } from '../../src/lib/model/edition';
import { newEdition } from '../../src/lib/layout';

type Loader = { asked: number; settle?: (ok: boolean) => void };
let loader: Loader;

beforeEach(() => {
  loader = { asked: 0 };
  vi.doMock('#hyphen-patterns', async () => {
    const browser = await import('../../src/lib/typeset/hyphen-patterns.browser');
    return {
      ...browser,
      loadPatterns: () => {
        loader.asked++;
        return new Promise((resolve, reject) => {
          loader.settle = (ok) => (ok ? resolve(browser.loadPatterns()) : reject(new Error('Failed to fetch dynamically imported module')));
        });
      },
    };
  });
});

afterEach(() => {
  vi.doUnmock('#hyphen-patterns');
  vi.resetModules();
});

const edition = (id: string, language: 'zh' | 'en'): Edition => ({
  ...newEdition({ id, stories: [], language, date: '2022-01-08', pages: 1, sections: [language === 'en' ? 'News' : '要闻'] }),
  stories: [{ id: `${id}-s`, slug: 's', raw: '', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Typesetting newspapers' }] }] }, meta: { section: '', priority: 1, status: 'edited', tags: [] } }],
});

async function app(first: Edition) {
  const { AppState } = await import('../../src/lib/state/app.svelte');
  const { MemoryEditionLibrary } = await import('../../src/lib/state/editions.svelte');
  const hyphenation = await import('../../src/lib/typeset/hyphenation');
  const library = new MemoryEditionLibrary();
  const state = new AppState({ buildSample: () => first, openLibrary: () => Promise.reject(new Error('no storage in this test')), tabs: false, library });
  return { state, library, hyphenation };
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('AppState and the hyphenation patterns', () => {
  it('a Chinese edition starts without asking for them', async () => {
    const { state, hyphenation } = await app(edition('zh-1', 'zh'));
    await state.start();
    expect(state.ready).toBe(true);
    expect(loader.asked).toBe(0);
    expect(hyphenation.hyphenationReady()).toBe(false);
    await state.dispose();
  });

  it('an English edition is shown once they are in', async () => {
    const { state, hyphenation } = await app(edition('en-1', 'en'));
    const started = state.start();
    await tick();
    expect(loader.asked).toBe(1);
    expect(state.ready).toBe(false);
    loader.settle!(true);
    await started;
    expect(state.ready).toBe(true);
    expect(hyphenation.hyphenationReady()).toBe(true);
    expect(hyphenation.hyphenateSync('typesetting', { hyphenChar: '-' })).toBe('type-set-ting');
    await state.dispose();
  });

  it('switching to an English edition waits for them; a chunk that fails leaves words whole and says so', async () => {
    const { state, library, hyphenation } = await app(edition('zh-2', 'zh'));
    await state.start();
    await library.save(edition('en-2', 'en'));
    const opening = state.openEdition('en-2');
    await tick();
    expect(loader.asked).toBe(1);
    // Still the Chinese edition: nothing typesets the English one before its patterns.
    expect(state.edition.language).toBe('zh');
    loader.settle!(false);
    expect(await opening).toBe(true);
    expect(state.edition.language).toBe('en');
    expect(state.messages.map((m) => m.key)).toContain('typeset.hyphenationUnavailable');
    expect(hyphenation.hyphenateSync('typesetting', { hyphenChar: '-' })).toBe('typesetting');
    await state.dispose();
  });
});
