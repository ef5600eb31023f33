// `#hyphen-patterns` in the browser build (package.json "imports", condition
// "browser"): the en-us patterns (~23 kB gzipped) are a chunk of their own,
// fetched when an English edition is to be typeset, so a Chinese edition's
// first page never waits for them. Same exports as hyphen-patterns.ts.
import type * as AtOnce from './hyphen-patterns';

export const patternsAtStart: typeof AtOnce.patternsAtStart = null;

export const loadPatterns: typeof AtOnce.loadPatterns = () => import('./hyphen-en-us').then((m) => m.hyphenateSync);
