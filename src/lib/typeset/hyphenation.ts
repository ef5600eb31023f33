// The typesetter's en-us hyphenation (atoms.ts), from `#hyphen-patterns`
// (package.json "imports"): in Node the patterns are there from the start, so
// the CLIs, tests and benches typeset English as they always have; in the
// browser build they are a chunk of their own that loadHyphenation() fetches,
// and the app awaits it before it typesets an English edition (AppState), so a
// Chinese edition's first page never waits for them (the importer, a later
// chunk, has them at once: import/hyphens.ts). Same patterns, same breaks.
import { loadPatterns, patternsAtStart, type EnglishText, type Hyphenate } from '#hyphen-patterns';

// The one piece of module state in the engine, set once: loaded code (what a
// static import would hold), not a cache of results. The UAX #14 line breaker
// English words are split with comes with the patterns (linebreak-en.ts).
let patterns = patternsAtStart;
/** The browser could not fetch the patterns: words are left whole (the app said so in a banner). */
let unavailable = false;
let loading: Promise<void> | null = null;

/** Hyphenate a word with the en-us patterns; in the browser only after loadHyphenation() (else it throws: a path that typesets English without awaiting it is a bug). */
export const hyphenateSync: Hyphenate = (text, options) => {
  if (patterns) return patterns.hyphenate(text, options);
  if (unavailable) return text;
  throw new Error('The en-us hyphenation patterns are not loaded: await loadHyphenation() before typesetting English text.');
};

/**
 * The UAX #14 line breaker for English text (atoms.ts westernAtoms), loaded with the patterns;
 * null when the browser could not fetch it (English words then break at spaces only). Throws
 * before loadHyphenation(), as hyphenateSync does.
 */
export function englishBreaker(): EnglishText['LineBreaker'] | null {
  if (patterns) return patterns.LineBreaker;
  if (unavailable) return null;
  throw new Error('The English line breaker is not loaded: await loadHyphenation() before typesetting English text.');
}

/**
 * hyphenateSync may be called: the patterns are in (always, in Node), or the
 * browser could not fetch them and words are left whole.
 */
export function hyphenationReady(): boolean {
  return patterns !== null || unavailable;
}

/**
 * Fetch the patterns once. Rejects when the chunk cannot be fetched: words are
 * then left whole (hyphenateSync returns them as they are) until a later call
 * fetches the patterns; lines already set stay as they were until the page is reloaded.
 */
export function loadHyphenation(): Promise<void> {
  loading ??= loadPatterns().then(
    (loaded) => {
      patterns = loaded;
      unavailable = false;
    },
    (error: unknown) => {
      loading = null;
      unavailable = true;
      throw error;
    },
  );
  return loading;
}
