// A hyphen at the end of a hard-wrapped English line: the compositor's soft
// hyphen ("gov-" / "ernment" → "government") or a real compound split at its
// hyphen ("well-" / "known" → "well-known")? Decided on the whole joined word,
// with the evidence a proofreader uses when no dictionary is at hand: the text
// itself (how the word is printed elsewhere), a short list of prefixes that
// take a hyphen by rule, and the en-us hyphenation patterns (`hyphen`, already
// a dependency of the typesetter) to tell a syllable break from a word break.
import { hyphenateSync } from '../typeset/hyphen-en-us';

/** What the rest of the text says about words. Filled by collectEvidence (measure.ts). */
export interface HyphenEvidence {
  /** Hyphenated words printed whole inside a line ("well-known"), lower case. */
  compounds: Set<string>;
  /** Words printed whole somewhere (line-end fragments excluded), lower case. */
  words: Set<string>;
  /**
   * Words printed inside a line (neither its first nor its last word), lower case: the words
   * a line-end hyphen lost by the text's encoding ("assur" / "ances") cannot have touched.
   */
  innerWords?: Set<string>;
  /** The patterns' answers so far ("word|at" → a syllable break there): one import's memo, not the module's. */
  syllableBreaks?: Map<string, boolean>;
}

export const emptyEvidence = (): HyphenEvidence => ({ compounds: new Set(), words: new Set(), innerWords: new Set(), syllableBreaks: new Map() });

// Prefixes that take a hyphen by rule before any word (Chicago Manual, Webster's):
// self-respect, vice-president, well-known, half-hour. "ex-" only before a title
// ("ex-president"), so it needs the title printed elsewhere; non-/anti-/pro-
// take one only before a capital (non-Catholic, anti-German), handled by the capital rule.
const HYPHEN_PREFIXES = new Set(['self', 'vice', 'well', 'half']);
// Suffixes that make one word with those heads (selfish, wellness, halfpenny is rare enough).
const CLOSED_AFTER_PREFIX = new Set(['ish', 'ishly', 'ishness', 'ness', 'ington']);
// Compound numbers twenty-one … ninety-nine are hyphenated by rule.
const TENS = new Set(['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']);
const UNITS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'first', 'second', 'third', 'fourth',
  'fifth', 'sixth', 'seventh', 'eighth', 'ninth']);

/** Whether the en-us patterns allow a hyphen in `word` after `at` letters (`memo`: the caller's, kept across calls). */
export function isHyphenationPoint(word: string, at: number, memo: Map<string, boolean> = new Map()): boolean {
  const key = `${word}|${at}`;
  let ok = memo.get(key);
  if (ok === undefined) {
    const marked = hyphenateSync(word, { hyphenChar: '\u00ad' });
    let letters = 0;
    ok = false;
    for (const c of marked) {
      if (c === '\u00ad') {
        if (letters === at) ok = true;
      } else letters++;
    }
    if (memo.size > 50_000) memo.clear(); // bounded: a 50 MB dump holds many words
    memo.set(key, ok);
  }
  return ok;
}

const upper = (c: string) => c >= 'A' && c <= 'Z';

/**
 * Whether "head-" at a line end + "tail…" on the next keeps its hyphen.
 * head and tail are the letters either side of the hyphen.
 */
export function keepsHyphen(head: string, tail: string, ev: HyphenEvidence): boolean {
  const h = head.toLowerCase();
  const t = tail.toLowerCase();
  // 1. The text prints the hyphenated form inside a line: the hyphen is the author's.
  if (ev.compounds.has(`${h}-${t}`)) return true;
  // 2. The text prints the joined word: the hyphen was the compositor's.
  if (ev.words.has(h + t)) return false;
  // 3. Capitals: a letter-name (U-boat, X-ray) or a proper noun after the hyphen (Anglo-American, anti-German).
  if ((head.length === 1 && upper(head)) || upper(tail[0])) return true;
  // 4. Compound numbers.
  if (TENS.has(h) && UNITS.has(t)) return true;
  // 5. Prefixes hyphenated by rule; "ex-" only when its word stands alone elsewhere (ex-president).
  if (HYPHEN_PREFIXES.has(h) && t.length >= 3 && !CLOSED_AFTER_PREFIX.has(t)) return true;
  if (h === 'ex' && ev.words.has(t)) return true;
  // 6. Two words the text uses on their own, split where the joined word has no syllable
  // break: a compound ("steel-workers"). At a syllable break ("some-thing") it is a soft hyphen.
  if (h.length >= 2 && t.length >= 2 && ev.words.has(h) && ev.words.has(t)) return !isHyphenationPoint(h + t, h.length, (ev.syllableBreaks ??= new Map()));
  // Otherwise a word broken between syllables: join it (pre-sident, so-cial, great-ly).
  return false;
}

/**
 * Whether a line ending in "head" (no hyphen) and the next opening with "tail" are one word whose
 * line-end hyphen the text lost (Chronicling America's page text drops it: "assur" / "ances").
 * Only where the text itself proves it: the joined word printed inside a line elsewhere, neither
 * half printed inside a line as a word of its own, and the break a syllable break of the word.
 */
export function lostHyphen(head: string, tail: string, ev: HyphenEvidence): boolean {
  const inner = ev.innerWords;
  if (!inner || head.length < 2 || tail.length < 2) return false;
  const h = head.toLowerCase();
  const t = tail.toLowerCase();
  return inner.has(h + t) && !inner.has(h) && !inner.has(t) && isHyphenationPoint(h + t, h.length, (ev.syllableBreaks ??= new Map()));
}
