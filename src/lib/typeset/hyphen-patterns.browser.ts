// `#hyphen-patterns` in the browser build (package.json "imports", condition
// "browser"): the en-us patterns (~23 kB gzipped) and the UAX #14 line breaker
// (linebreak-en.ts, whose table is decoded when it loads) are chunks of their own,
// fetched when an English edition is to be typeset, so a Chinese edition's
// first page never waits for them. Same exports as hyphen-patterns.ts.
import type * as AtOnce from './hyphen-patterns';

export const patternsAtStart: typeof AtOnce.patternsAtStart = null;

export const loadPatterns: typeof AtOnce.loadPatterns = () =>
  Promise.all([import('./hyphen-en-us'), import('./linebreak-en')]).then(([h, l]) => ({ hyphenate: h.hyphenateSync, LineBreaker: l.LineBreaker }));
