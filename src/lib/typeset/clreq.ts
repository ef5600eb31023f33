// Character classes of W3C clreq (Requirements for Chinese Text Layout,
// https://www.w3.org/TR/clreq/): §6.1.1 line start/end prohibitions, §6.1.2
// unbreakable marks, §6.3.2 punctuation width adjustment, §6.3.3 mixed text.
// Hand-written rather than taken from UAX #14 (the `linebreak` package): UAX #14
// lets a line break between a number and its unit (2022|年) and treats “ ” as
// ambiguous quotes (no break around them), both wrong for Chinese newspapers.
import { isHan, isCjk, isWestern } from '../model/unicode';
import type { ClreqLevel } from './types';

/** 开始引号、开始括号、开始书名号: never at a line end (full-width and the ASCII ones). */
export const OPENING = '“‘（〔［｛【〖〈《「『〘〚([{';
/** 结束引号、结束括号、结束书名号. */
export const CLOSING = '”’）〕］｝】〗〉》」』〙〛)]}';
/** 点号: 顿号、逗号、句号、冒号、分号、叹号、问号 (and their half-width forms). */
export const STOPS = '、，。．：；！？,.:;!?‼⁇⁈⁉';
/** 连接号 (incl. the wave dash) and 间隔号. */
export const CONNECTORS = '～〜–‐-';
export const INTERPUNCTS = '·・‧';
/** 分隔号: not at a line start (basic); not at a line end either from the GB level on. */
export const SOLIDUS = '/／';
/** 破折号 and 省略号: kept whole (——, ……); in strict setting never at a line start. */
export const DASHES = '—…⋯';
/** clreq strict additions: iteration marks, prolonged sound mark, small kana. */
export const STRICT_NO_START = '々〻ゝゞヽヾーぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ';

const basicNoStart = new Set([...CLOSING, ...STOPS, ...CONNECTORS, ...INTERPUNCTS, ...SOLIDUS]);
const strictNoStart = new Set([...basicNoStart, ...DASHES, ...STRICT_NO_START]);
const basicNoEnd = new Set([...OPENING]);
const strictNoEnd = new Set([...OPENING, ...SOLIDUS]);

const cps = (s: string) => new Set([...s].map((c) => c.codePointAt(0)!));
const basicNoStartCp = cps([...basicNoStart].join(''));
const strictNoStartCp = cps([...strictNoStart].join(''));
const basicNoEndCp = cps([...basicNoEnd].join(''));
const strictNoEndCp = cps([...strictNoEnd].join(''));

export { isHan, isCjk, isWestern };

/** noStart by code point. */
export function noStartCp(cp: number, level: ClreqLevel): boolean {
  return (level === 'strict' ? strictNoStartCp : basicNoStartCp).has(cp);
}
/** noEnd by code point. */
export function noEndCp(cp: number, level: ClreqLevel): boolean {
  return (level === 'strict' ? strictNoEndCp : basicNoEndCp).has(cp);
}

/** May `ch` not begin a line at this clreq level? */
export function noStart(ch: string, level: ClreqLevel = 'basic'): boolean {
  return (level === 'strict' ? strictNoStart : basicNoStart).has(ch);
}

/** May `ch` not end a line at this clreq level? */
export function noEnd(ch: string, level: ClreqLevel = 'basic'): boolean {
  return (level === 'strict' ? strictNoEnd : basicNoEnd).has(ch);
}


/**
 * Characters that join a Western word or number when between its letters or
 * digits: 14.8, 1,000, COVID-19, e-mail, don't, 24%, 3℃, ‰.
 */
export const WORD_INNER = ".,'’-‐/:&_+";
export const NUMBER_SUFFIX = '%‰℃°′″％';
export const NUMBER_PREFIX = '¥$€£￥#№+-±−';

/**
 * Measure words and units that clreq §6.1.2 keeps with their number (14.8万,
 * 2022年, 1.3万名, 24个): a number is never split from the unit that follows it.
 */
export const UNITS = '万亿千百十年月日时分秒号个名人元角岁次家项件倍条辆架艘吨米克斤里度届期版座所批位只台套股户篇部本张';

/** Punctuation whose right half is blank in zh-Hans fonts (can be set half width). */
export const RIGHT_BLANK = '、，。．' + '”’）〕］｝】〗〉》」』〙〛';
/** Punctuation whose left half is blank (opening brackets and quotes). */
export const LEFT_BLANK = '“‘（〔［｛【〖〈《「『〘〚';

/**
 * The classes above as bits of one table over the Basic Multilingual Plane, for
 * the engine's per-character loops (prepare.ts, atoms.ts): one array read per
 * character instead of a Set look-up per class. Every class here holds BMP
 * characters only, so a code point above U+FFFF has none of them.
 */
export const CP_NO_START_BASIC = 1 << 0;
export const CP_NO_START_STRICT = 1 << 1;
export const CP_NO_END_BASIC = 1 << 2;
export const CP_NO_END_STRICT = 1 << 3;
export const CP_RIGHT_BLANK = 1 << 4;
export const CP_LEFT_BLANK = 1 << 5;
/** 、，。．: a right blank that closes no bracket or quote. */
export const CP_BLANK_STOP = 1 << 6;
export const CP_WORD_INNER = 1 << 7;
export const CP_NUMBER_SUFFIX = 1 << 8;
export const CP_NUMBER_PREFIX = 1 << 9;
export const CP_UNIT = 1 << 10;
export const CP_DASH = 1 << 11;
/** 年月日号时: the units after which a headline's dictionary segmentation is cut (atoms.ts unitEnds). */
export const CP_DATE_UNIT = 1 << 12;

function classTable(): Uint16Array {
  const t = new Uint16Array(0x10000);
  const mark = (chars: Iterable<string>, bit: number) => {
    for (const c of chars) t[c.codePointAt(0)!] |= bit;
  };
  mark(basicNoStart, CP_NO_START_BASIC);
  mark(strictNoStart, CP_NO_START_STRICT);
  mark(basicNoEnd, CP_NO_END_BASIC);
  mark(strictNoEnd, CP_NO_END_STRICT);
  mark(RIGHT_BLANK, CP_RIGHT_BLANK);
  mark(LEFT_BLANK, CP_LEFT_BLANK);
  mark('、，。．', CP_BLANK_STOP);
  mark(WORD_INNER, CP_WORD_INNER);
  mark(NUMBER_SUFFIX, CP_NUMBER_SUFFIX);
  mark(NUMBER_PREFIX, CP_NUMBER_PREFIX);
  mark(UNITS, CP_UNIT);
  mark(DASHES, CP_DASH);
  mark('年月日号时', CP_DATE_UNIT);
  return t;
}

/** Class bits by BMP code point (a constant derived from the lists above, built once: 128 KB, never changed). */
export const CP_CLASS: Readonly<Uint16Array> = classTable();

/** The class bits of any code point (none above the BMP). */
export function cpClass(cp: number): number {
  return cp < 0x10000 ? CP_CLASS[cp] : 0;
}
