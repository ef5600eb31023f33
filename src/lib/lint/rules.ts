// The text rules. Each scans once, left to right, so a megabyte-long line costs
// a megabyte of work and no more.
import { isHan } from '../import/text';
import type { LintLanguage, LintWarning } from './index';

type Rule = (text: string, out: LintWarning[]) => void;

/** Marks that end a list item or a phrase: the boundaries a repeated phrase sits between. */
const ZH_DELIMITERS = new Set('、，。；：！？“”‘’《》（）()『』「」【】 \u3000,.;:!?—…'.split(''));

/**
 * 工匠精神、工匠精神: the same item twice in a 、 list is usually a slip, but
 * 跟党走、跟党走、跟党走 is a deliberate figure, so it is always a question, never a fix.
 */
export const repeatedPhraseZh: Rule = (text, out) => {
  let itemStart = 0;
  let lastItem: string | null = null;
  let lastSep = '';
  let open: LintWarning | null = null;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text[i] : '。';
    if (!ZH_DELIMITERS.has(c)) continue;
    const item = text.slice(itemStart, i);
    if (lastSep === '、' && item.length >= 2 && item === lastItem) {
      if (open && open.to === itemStart - 1) open.to = i;
      else {
        open = {
          kind: 'repeated-phrase',
          from: itemStart - 1 - item.length,
          to: i,
          text: item,
          message: {
            zh: `“${item}”连续出现：是笔误还是有意的排比？请核对。`,
            en: `“${item}” appears twice in a row: a slip, or intended repetition? Please check.`,
          },
        };
        out.push(open);
      }
    } else if (c !== '、' || item !== lastItem) open = null;
    lastItem = item;
    lastSep = c;
    itemStart = i + 1;
  }
};

/** "the the": a doubled word, the commonest slip of hand-set and OCR text. */
export const repeatedWordEn: Rule = (text, out) => {
  const re = /[A-Za-z]+/g;
  let prev: RegExpExecArray | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (prev && m[0].length > 1 && m[0].toLowerCase() === prev[0].toLowerCase() && text.slice(prev.index + prev[0].length, m.index) === ' ') {
      out.push({
        kind: 'repeated-phrase',
        from: prev.index,
        to: m.index + m[0].length,
        text: m[0],
        message: { zh: `“${m[0]}”连续出现两次，请核对。`, en: `“${m[0]}” appears twice in a row; please check.` },
      });
    }
    prev = m;
  }
};

const FULL_WIDTH: Record<string, string> = { '(': '（', ')': '）', ',': '，', ':': '：', ';': '；', '?': '？', '!': '！' };
/** Closing marks after which Chinese punctuation also belongs (”, 》 …). */
const ZH_CLOSE = new Set('”’》」』）'.split(''));

/** GB/T 15834: Chinese text takes full-width （），：；？！ — offered, never applied silently. */
export const halfwidthPunctuation: Rule = (text, out) => {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const full = FULL_WIDTH[c];
    if (!full) continue;
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
      message: { zh: `中文中宜用全角“${full}”，此处为半角“${c}”。`, en: `Chinese text takes the full-width “${full}”, not the half-width “${c}”.` },
      fix: { from: i, to: i + 1, insert: full, label: { zh: `改为“${full}”`, en: `Change to “${full}”` } },
    });
  }
};

const PAIRS: Record<string, string> = { '“': '”', '《': '》', '（': '）', '『': '』', '「': '」', '(': ')', '[': ']', '【': '】' };
const CLOSERS: Record<string, string> = Object.fromEntries(Object.entries(PAIRS).map(([o, c]) => [c, o]));

/** Every opening quote or bracket needs its closing one, in order. */
export const unbalanced: Rule = (text, out) => {
  const stack: { c: string; at: number }[] = [];
  const report = (c: string, at: number, opening: boolean) =>
    out.push({
      kind: 'unbalanced',
      from: at,
      to: at + 1,
      text: c,
      message: opening
        ? { zh: `“${c}”没有对应的“${PAIRS[c]}”。`, en: `“${c}” is never closed by “${PAIRS[c]}”.` }
        : { zh: `“${c}”前面没有对应的“${CLOSERS[c]}”。`, en: `“${c}” closes nothing: no “${CLOSERS[c]}” before it.` },
    });
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c in PAIRS) stack.push({ c, at: i });
    else if (c in CLOSERS) {
      const want = CLOSERS[c];
      let k = stack.length - 1;
      while (k >= 0 && stack[k].c !== want) k--;
      if (k < 0) report(c, i, false);
      else {
        for (let m = stack.length - 1; m > k; m--) report(stack[m].c, stack[m].at, true);
        stack.length = k;
      }
    }
  }
  for (const s of stack) report(s.c, s.at, true);
};

export function rulesFor(language: LintLanguage): Rule[] {
  return language === 'zh' ? [repeatedPhraseZh, halfwidthPunctuation, unbalanced] : [repeatedWordEn, unbalanced];
}
