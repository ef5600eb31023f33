// The text rules. Each scans once, left to right, so a megabyte-long line costs
// a megabyte of work and no more.
import { isHan } from '../model/text';
import type { LintFixLabel, LintLanguage, LintMessage, LintWarning } from './types';

type Rule = (text: string, out: LintWarning[]) => void;

// One byte per UTF-16 code unit says what a character is to the rules below, so
// the scans test a table instead of building one-character strings.
const DELIM = 1;
const HALF = 2;
const OPENER = 4;
const CLOSER = 8;
const TABLE = new Uint8Array(65536);
const mark = (chars: string, flag: number) => {
  for (const c of chars) TABLE[c.charCodeAt(0)] |= flag;
};

/** Marks that end a list item or a phrase: the boundaries a repeated phrase sits between. */
mark('、，。；：！？“”‘’《》（）()『』「」【】 \u3000,.;:!?—…', DELIM);

/**
 * 工匠精神、工匠精神: the same item twice in a 、 list is usually a slip, but
 * 跟党走、跟党走、跟党走 is a deliberate figure, so it is always a question, never a fix.
 */
export const repeatedPhraseZh: Rule = (text, out) => {
  // Items are compared in place by char codes: slicing every phrase of every paragraph
  // into a string made most of the import's garbage. A string is made only for a repeat.
  let itemStart = 0;
  let lastStart = -1;
  let lastEnd = -1;
  let lastSep = 0;
  let open: LintWarning | null = null;
  const COMMA = 0x3001; // 、
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !(TABLE[text.charCodeAt(i)] & DELIM)) continue;
    const c = i < text.length ? text.charCodeAt(i) : 0x3002;
    const len = i - itemStart;
    let same = lastStart >= 0 && lastEnd - lastStart === len;
    for (let k = 0; same && k < len; k++) same = text.charCodeAt(itemStart + k) === text.charCodeAt(lastStart + k);
    if (lastSep === COMMA && len >= 2 && same) {
      if (open && open.to === itemStart - 1) open.to = i;
      else {
        const item = text.slice(itemStart, i);
        open = {
          kind: 'repeated-phrase',
          from: itemStart - 1 - item.length,
          to: i,
          text: item,
          message: { code: 'lint.repeated-phrase', params: { text: item } },
        };
        out.push(open);
      }
    } else if (c !== COMMA || !same) open = null;
    lastStart = itemStart;
    lastEnd = i;
    lastSep = c;
    itemStart = i + 1;
  }
};

/** "the the": a doubled word, the commonest slip of hand-set and OCR text. Scanned by char codes: no allocation per word. */
export const repeatedWordEn: Rule = (text, out) => {
  let prevStart = -1;
  let prevEnd = -1;
  let i = 0;
  const n = text.length;
  const letter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  while (i < n) {
    if (!letter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && letter(text.charCodeAt(i))) i++;
    const len = i - start;
    if (prevEnd >= 0 && len > 1 && start === prevEnd + 1 && text.charCodeAt(prevEnd) === 32 && prevEnd - prevStart === len) {
      let same = true;
      for (let k = 0; k < len && same; k++) same = (text.charCodeAt(start + k) | 32) === (text.charCodeAt(prevStart + k) | 32);
      if (same) {
        const word = text.slice(start, i);
        out.push({
          kind: 'repeated-phrase',
          from: prevStart,
          to: i,
          text: word,
          message: { code: 'lint.repeated-word', params: { text: word } },
        });
      }
    }
    prevStart = start;
    prevEnd = i;
  }
};

const FULL_WIDTH: Record<string, string> = { '(': '（', ')': '）', ',': '，', ':': '：', ';': '；', '?': '？', '!': '！' };
mark('(),:;?!', HALF);
// The message of each half-width warning is the same every time: made once, shared (read-only).
const HALF_WORDS: Record<string, { message: LintMessage; label: LintFixLabel }> = Object.fromEntries(
  Object.entries(FULL_WIDTH).map(([c, full]) => [
    c,
    {
      message: { code: 'lint.halfwidth-punctuation', params: { full, half: c } },
      label: { code: 'fix.full-width', params: { full } },
    },
  ]),
);
/** Closing marks after which Chinese punctuation also belongs (”, 》 …). */
const ZH_CLOSE = new Set('”’》」』）'.split(''));

/** GB/T 15834: Chinese text takes full-width （），：；？！ — offered, never applied silently. */
export const halfwidthPunctuation: Rule = (text, out) => {
  for (let i = 0; i < text.length; i++) {
    if (!(TABLE[text.charCodeAt(i)] & HALF)) continue;
    const c = text[i];
    const full = FULL_WIDTH[c];
    const before = i > 0 ? text.charCodeAt(i - 1) : 0;
    const after = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    const chineseBefore = isHan(before) || ZH_CLOSE.has(text[i - 1]);
    const chinese = c === '(' || c === ')' ? chineseBefore || isHan(after) : chineseBefore;
    if (!chinese) continue;
    out.push({
      kind: 'halfwidth-punctuation',
      from: i,
      to: i + 1,
      text: c,
      message: HALF_WORDS[c].message,
      fix: { from: i, to: i + 1, insert: full, label: HALF_WORDS[c].label },
    });
  }
};

const PAIRS: Record<string, string> = { '“': '”', '《': '》', '（': '）', '『': '』', '「': '」', '(': ')', '[': ']', '【': '】' };
const CLOSERS: Record<string, string> = Object.fromEntries(Object.entries(PAIRS).map(([o, c]) => [c, o]));
mark(Object.keys(PAIRS).join(''), OPENER);
// Made once per mark and shared (read-only): a page of stray brackets should not cost a string per warning.
const OPEN_WORDS: Record<string, LintMessage> = Object.fromEntries(Object.entries(PAIRS).map(([o, c]) => [o, { code: 'lint.unbalanced.open', params: { mark: o, pair: c } }]));
const CLOSE_WORDS: Record<string, LintMessage> = Object.fromEntries(Object.entries(CLOSERS).map(([c, o]) => [c, { code: 'lint.unbalanced.close', params: { mark: c, pair: o } }]));
mark(Object.values(PAIRS).join(''), CLOSER);

/** Every opening quote or bracket needs its closing one, in order. */
export const unbalanced: Rule = (text, out) => {
  const stack: { c: string; at: number }[] = [];
  const report = (c: string, at: number, opening: boolean) =>
    out.push({ kind: 'unbalanced', from: at, to: at + 1, text: c, message: (opening ? OPEN_WORDS : CLOSE_WORDS)[c] });
  // How many of each opener are on the stack: a closer with none open is reported at once,
  // without a walk down the stack (which would make 《《《…））） quadratic).
  const open = new Map<string, number>();
  for (let i = 0; i < text.length; i++) {
    const flag = TABLE[text.charCodeAt(i)];
    if (!(flag & (OPENER | CLOSER))) continue;
    const c = text[i];
    if (flag & OPENER) {
      stack.push({ c, at: i });
      open.set(c, (open.get(c) ?? 0) + 1);
    } else {
      const want = CLOSERS[c];
      if (!open.get(want)) {
        report(c, i, false);
        continue;
      }
      // Everything opened after the matching opener was left unclosed.
      for (let top = stack.pop()!; ; top = stack.pop()!) {
        open.set(top.c, open.get(top.c)! - 1);
        if (top.c === want) break;
        report(top.c, top.at, true);
      }
    }
  }
  for (const s of stack) report(s.c, s.at, true);
};

export function rulesFor(language: LintLanguage): Rule[] {
  return language === 'zh' ? [repeatedPhraseZh, halfwidthPunctuation, unbalanced] : [repeatedWordEn, unbalanced];
}
