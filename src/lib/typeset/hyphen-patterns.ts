// `#hyphen-patterns` outside a browser (the CLIs, the unit tests and benches in
// Node): what English text needs (the en-us patterns and the UAX #14 line breaker)
// at once, as the typesetter has always had them. package.json's "imports" gives
// the browser build hyphen-patterns.browser.ts.
import { hyphenateSync } from './hyphen-en-us';
import { LineBreaker } from './linebreak-en';

export type Hyphenate = typeof hyphenateSync;

/** What typesetting English text needs beyond the engine: hyphenation patterns and the UAX #14 breaker. */
export interface EnglishText {
  hyphenate: Hyphenate;
  LineBreaker: typeof LineBreaker;
}

/** The English pieces before anyone asks (null: they are fetched by loadPatterns). */
export const patternsAtStart: EnglishText | null = { hyphenate: hyphenateSync, LineBreaker };

export const loadPatterns = (): Promise<EnglishText> => Promise.resolve(patternsAtStart!);
