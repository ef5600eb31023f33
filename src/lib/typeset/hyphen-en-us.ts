// The en-us hyphenation patterns of the `hyphen` package, loaded one way for
// Node (tsx) and bundlers alike. 'hyphen/en-us' is CommonJS whose exports are
// built at run time: Node's ESM loader exposes them only as the default export,
// bundlers as names too. The importer (import/hyphens.ts) imports them from
// here at once; the typesetter through hyphenation.ts, on demand in the browser.
import * as hyphenModule from 'hyphen/en-us';

const hyphen: typeof hyphenModule = (hyphenModule as unknown as { default?: typeof hyphenModule }).default ?? hyphenModule;

export const hyphenateSync: typeof hyphenModule.hyphenateSync = hyphen.hyphenateSync;
