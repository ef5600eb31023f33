// The UAX #14 line breaker English text is split into words with (atoms.ts westernAtoms), in a
// module of its own so that the browser build can fetch it with the en-us hyphenation patterns
// (hyphen-patterns.browser.ts): the `linebreak` package decodes its character-class table when it
// loads (a base64 string inflated into a trie, some 10–40 ms of main thread on the first load),
// and a Chinese edition never asks for it. In Node it is there from the start (hyphen-patterns.ts).
import LineBreaker from 'linebreak';

export { LineBreaker };
