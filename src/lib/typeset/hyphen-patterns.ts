// `#hyphen-patterns` outside a browser (the CLIs, the unit tests and benches in
// Node): the en-us patterns at once, as the typesetter has always had them.
// package.json's "imports" gives the browser build hyphen-patterns.browser.ts.
import { hyphenateSync } from './hyphen-en-us';

export type Hyphenate = typeof hyphenateSync;

/** The patterns before anyone asks (null: they are fetched by loadPatterns). */
export const patternsAtStart: Hyphenate | null = hyphenateSync;

export const loadPatterns = (): Promise<Hyphenate> => Promise.resolve(hyphenateSync);
