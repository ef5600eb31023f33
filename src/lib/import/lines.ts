// Source text → classified lines. Each line is looked at once, on its own,
// with bounded work, so the importer stays linear however the text is shaped.
import { captionCreditStart, findDatelineEn, findDatelessEn, findDatelineZh, isBylineLine, isCredit, type FoundDateline } from './datelines';
import { findJump, type FoundJump } from './jumps';
import type { FurnitureKind } from './types';
import { NOISE, endsSentence, isNoiseCode, isUpper, isLatinLetter } from '../model/text';

export type LineKind =
  | 'heading' // short, unpunctuated: a headline line, a deck, a subhead
  | 'subtitle' // 副题 opening with ——
  | 'dateline' // a paragraph opening with a dateline
  | 'byline' // a byline on its own line
  | 'credit' // a photo credit on its own line
  | 'caption' // a caption ending in its credit
  | 'jump' // a jump line on its own
  | 'rule' // OCR debris or a rule between stories
  | 'furniture' // page or web furniture, not story text: folio line, breadcrumb, source/editor lines
  | 'note' // an author note in brackets closing a commentary: （作者为本报评论员）
  | 'text';

/** What every line carries, whatever it is. */
interface LineBase {
  /** The line without its indent, trailing spaces and stray OCR marks. */
  text: string;
  /** Offsets of the whole line in the normalised source. */
  start: number;
  end: number;
  /** Blank lines before this one. */
  gap: number;
  /** The line opened with an indent (U+3000, NBSP, spaces): in a web-edition dump, a paragraph. */
  indented: boolean;
  /** Stray OCR marks taken off the ends of the line. */
  dropped?: string;
  /** A jump marker somewhere in the line ("…(下转第2版)"); a jump line is all marker. */
  jump?: FoundJump;
  /** English decks: a line in capitals. */
  caps?: boolean;
  /** A headline-group part, named by a label in the source ("引题：…") or by its title slot. */
  role?: HeadlineRole;
}

export type HeadlineRole = 'kicker' | 'headline' | 'subtitle';

/** A classified line, by kind: the kinds that found something carry it, so no field is optional where it is known. */
export type SourceLine =
  | (LineBase & { kind: Exclude<LineKind, 'dateline' | 'caption' | 'furniture' | 'jump'> })
  | (LineBase & { kind: 'dateline'; dateline: FoundDateline })
  | (LineBase & { kind: 'caption'; /** Where the credit starts in `text`. */ creditAt: number })
  | (LineBase & { kind: 'furniture'; furniture: FurnitureKind })
  | (LineBase & { kind: 'jump'; jump: FoundJump });

export type LineOf<K extends LineKind> = Extract<SourceLine, { kind: K }>;

/** BOM off, CR LF and lone CR to LF. */
export function normaliseSource(text: string): string {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return t.indexOf('\r') >= 0 ? t.replace(/\r\n?/g, '\n') : t;
}

const RULE_LINE = /^[|¦■▪□\-_=~*·•—\s]+$/;
// Chronicling America's OCR text prints "?" for a dash it cannot encode, so a rule between
// items can come as a line of question marks alone in an English page.
const RULE_LINE_EN = /^[?|¦■▪□\-_=~*·•—\s]+$/;

/** Take isolated OCR marks ('|', '■') off both ends of a line. */
const NO_NOISE = { text: '', dropped: '' };

function stripNoise(text: string): { text: string; dropped: string } {
  if (!isNoiseCode(text.charCodeAt(0)) && !isNoiseCode(text.charCodeAt(text.length - 1))) {
    NO_NOISE.text = text;
    return NO_NOISE;
  }
  let a = 0;
  let b = text.length;
  while (a < b && (NOISE.has(text[a]) || (a > 0 && text[a] === ' '))) a++;
  while (b > a && (NOISE.has(text[b - 1]) || (b < text.length && text[b - 1] === ' '))) b--;
  // A "|" glued to a word may be a misread I or l, so it goes only when it stood apart;
  // a "■" or "▪" is never a letter and goes either way.
  const gluedOk = (c: string) => c === '■' || c === '▪';
  if (a > 0 && text[a - 1] !== ' ' && !gluedOk(text[a - 1])) a = 0;
  if (b < text.length && text[b] !== ' ' && !gluedOk(text[b])) b = text.length;
  const dropped = (text.slice(0, a) + text.slice(b)).trim();
  return { text: text.slice(a, b).trim(), dropped };
}

function capsShare(s: string): { letters: number; upper: number } {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isLatinLetter(c)) {
      letters++;
      if (isUpper(c)) upper++;
    }
  }
  return { letters, upper };
}

/** Chinese headline test: short, with no comma, full stop or semicolon (headlines use spaces). */
function isHeadingZh(s: string): boolean {
  if (s.length > 80 || /[，。；,;]/.test(s)) return false;
  return !endsSentence(s) && !/[、：:]$/.test(s);
}

/** English deck test: a line set in capitals, as decks were in the 1910s. */
function isDeckEn(s: string): boolean {
  if (s.length > 70 || s.endsWith('-')) return false;
  const { letters, upper } = capsShare(s);
  return letters >= 3 && upper / letters >= 0.8;
}

/**
 * The folio line's parts standing on a line of their own, as an OCR of a front page
 * often leaves them: "VOL. XXVI. NO. 217.", "LXXXIV—No. 307" (OCR: "LXXXIY"), "10 PAGES", "TWELVE PAGES.", "PRICE ONE CENT."
 * Nothing else on the line: a sentence about "two cents" is text.
 */
const FOLIO_PARTS = /^(?:(?:VOL\.?\s*[IVXLC\d]+|[IVXLC][IVXLCY]+\s*[—–-]+|NO\.?\s*[\d,]+|(?:\d{1,2}|[A-Z]+(?:-[A-Z]+)?)\s+PAGES|(?:PRICE\s+)?(?:\d|ONE|TWO|THREE|FIVE)\s+CENTS?)[.,;]?\s*)+$/i;
const FOLIO_PARTS_MAX = 60;

/** "WEDNESDAY, JANUARY 8, 1913", "SATURDAY MORNING, JANUARY 1, 1916": weekday (and edition), month, day and year in a row. */
const FOLIO_DATE = /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+(?:(?:morning|evening|afternoon|night),?\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+(1[6-9]\d\d|20\d\d)\b/i;

/**
 * Page furniture: lines that belong to the page or the web page, not to a story.
 * - The folio line under a nameplate, "WASHINGTON, D. C., WEDNESDAY, JANUARY 8, 1913.":
 *   a weekday and a full date with its year, and no sentence (no dash, hardly a lower-case
 *   word). A story's dateline gives month and day, never the weekday and year.
 * - Web chrome copied with a Chinese article: the breadcrumb "首页 > 新闻中心 > 国内要闻",
 *   the source and time line "来源：人民网　2024年03月05日 08:12", "责任编辑：…", "分享到".
 */
export function furnitureOf(s: string, language: 'zh' | 'en'): FurnitureKind | null {
  if (s.length > 90) return null;
  if (language === 'zh' && s.length <= ZH_FOLIO_MAX && isFolioZh(s)) return 'folio';
  // Cheap tests first (this runs on every line): a weekday's "day", a ">" mark, a Chinese label.
  const dayAt = s.indexOf('day') >= 0 || s.indexOf('DAY') >= 0;
  const arrow = s.indexOf('>') >= 0 || s.indexOf('›') >= 0 || s.indexOf('»') >= 0 || s.indexOf('＞') >= 0;
  const label = s.indexOf('：') >= 0 || s.indexOf(':') >= 0 || /^[【\[]?(分享|打印|关闭|收藏|字号)/.test(s);
  if (language === 'en' && s.length <= FOLIO_PARTS_MAX && FOLIO_PARTS.test(s)) return 'folio';
  if (!dayAt && !arrow && !label) return null;
  if (dayAt && FOLIO_DATE.test(s) && s.indexOf('—') < 0 && s.indexOf('--') < 0 && (s.match(/\b[a-z]{3,}\b/g) ?? []).length <= 2) return 'folio';
  // A breadcrumb: two or more ">" (or "›", "»") between short names, no sentence.
  let seps = 0;
  if (arrow) for (let i = 0; i < s.length; i++) if (s[i] === '>' || s[i] === '›' || s[i] === '»' || s[i] === '＞') seps++;
  if (seps >= 2 && !/[。，；！？.,;!?]/.test(s) && s.split(/\s*[>›»＞]\s*/).every((p) => p.length > 0 && p.length <= 16)) return 'breadcrumb';
  if (label && (language === 'zh' || /[\u4e00-\u9fff]/.test(s))) {
    if (s.length <= 60 && /^[【\[（(]?\s*(来源|稿源|出处|发布时间|发布日期|时间)\s*[:：]/.test(s) && !/[。！？]$/.test(s)) return 'source';
    if (s.length <= 40 && /^[【\[（(]?\s*(责任编辑|责编|编辑|校对|审核|监制)\s*[:：]/.test(s)) return 'editor';
    if (s.length <= 30 && /^[【\[]?(分享到|分享|打印|关闭窗口|关闭|收藏|字号)/.test(s) && !/[。，；]/.test(s)) return 'share';
  }
  return null;
}

/** Longest Chinese folio line: "人民日报 2022年1月9日 星期日 第1版 要闻 责编：…" stays well under it. */
const ZH_FOLIO_MAX = 60;

/**
 * A Chinese paper's folio line, as a print dump keeps it at the head or foot of a page:
 * the full date with its weekday ("2022年1月9日 星期日"), or the page number standing with
 * a date or a page name ("第2版", "第02版：要闻"). No sentence: a story's text may name a day
 * and its weekday, but inside a sentence, with its punctuation.
 */
function isFolioZh(s: string): boolean {
  if (/[，。；！？、“”]/.test(s)) return false;
  const date = /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日/.test(s);
  const weekday = /星期[一二三四五六日天]|周[一二三四五六日]/.test(s);
  const page = /(^|\s)第\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版(\s|[：:]|$)/.test(s);
  return (date && (weekday || page)) || (page && s.replace(/\s/g, '').length <= 16);
}

/** An author note in brackets, the last line of a commentary: （作者为本报评论员）, (作者系…教授). */
export function isAuthorNote(s: string): boolean {
  return s.length <= 80 && /^[（(](本文)?作者(为|系|是|单位)[^（()）]{1,70}[）)]$/.test(s);
}

/** What a line was found to hold beside its kind (each kind's own field; see SourceLine). */
interface Found {
  dateline?: FoundDateline;
  creditAt?: number;
  furniture?: FurnitureKind;
  role?: HeadlineRole;
  caps?: boolean;
}
const NOTHING: Found = {};

/**
 * A line record with every field present, whatever its kind, so all lines share one
 * shape in the engine (fast property access on the hot path, less garbage); callers pass
 * the field their kind carries (classifyLine below is the only caller).
 */
function record(kind: LineKind, text: string, dropped: string, start: number, end: number, gap: number, jump: FoundJump | undefined, found: Found = NOTHING): SourceLine {
  return {
    kind,
    text,
    start,
    end,
    gap,
    indented: false,
    dropped: dropped || undefined,
    caps: found.caps,
    dateline: found.dateline,
    jump,
    creditAt: found.creditAt,
    furniture: found.furniture,
    role: found.role,
  } as SourceLine;
}

/** Longest line a rule or row of debris can be. */
const RULE_MAX = 80;
/** Longest line a labelled headline part ("引题：…") can be. */
const LABELLED_MAX = 90;
/** Longest line a Chinese 副题 opening with —— can be. */
const SUBTITLE_MAX = 80;

export function classifyLine(raw: string, language: 'zh' | 'en', start = 0, end = raw.length, gap = 0): SourceLine {
  const trimmed = raw.trim();
  if (trimmed.length <= RULE_MAX && (language === 'en' ? RULE_LINE_EN : RULE_LINE).test(trimmed) && !trimmed.startsWith('——')) return record('rule', '', trimmed, start, end, gap, undefined);
  const stripped = stripNoise(trimmed);
  let { text, dropped } = stripped;
  // Web dumps label the headline group's parts: "引题：…", "副题：…". The label names the
  // role; it is not headline text, so it goes with the dropped marks (kept, not lost).
  if (language === 'zh' && text.length <= LABELLED_MAX && text.charCodeAt(1) === 0x9898 /* 题 */) {
    const lab = /^(引题|肩题|眉题|主题|副题|标题)\s*[:：]\s*/.exec(text);
    if (lab && lab[0].length < text.length) {
      const role: HeadlineRole = lab[1] === '副题' ? 'subtitle' : lab[1] === '主题' || lab[1] === '标题' ? 'headline' : 'kicker';
      dropped = dropped ? `${dropped} ${lab[0].trim()}` : lab[0].trim();
      text = text.slice(lab[0].length);
      return record(role === 'subtitle' ? 'subtitle' : 'heading', text, dropped, start, end, gap, undefined, { role });
    }
  }
  const jump = findJump(text, language) ?? undefined;
  if (jump && jump.from === 0 && jump.to >= text.length) return record('jump', text, dropped, start, end, gap, jump);
  const furniture = furnitureOf(text, language);
  if (furniture) return record('furniture', text, dropped, start, end, gap, jump, { furniture });
  let kind: LineKind = 'text';
  let found = NOTHING;
  if (language === 'zh') {
    const note = isAuthorNote(text);
    const dateline = note ? null : findDatelineZh(text);
    if (note) kind = 'note';
    else if (dateline) [kind, found] = ['dateline', { dateline }];
    else if (isCredit(text)) kind = 'credit';
    else if (isBylineLine(text, 'zh')) kind = 'byline';
    else if (text.startsWith('——') && text.length <= SUBTITLE_MAX && !/[。；]/.test(text)) kind = 'subtitle';
    else {
      const creditAt = captionCreditStart(text);
      if (creditAt > 0) [kind, found] = ['caption', { creditAt }];
      else if (!jump && isHeadingZh(text)) kind = 'heading';
    }
  } else {
    const dateline = findDatelineEn(text) ?? findDatelessEn(text);
    if (dateline) [kind, found] = ['dateline', { dateline }];
    else if (isBylineLine(text, 'en')) kind = 'byline';
    else if (isCredit(text)) kind = 'credit';
    else if (!jump && isDeckEn(text)) [kind, found] = ['heading', { caps: true }];
  }
  return record(kind, text, dropped, start, end, gap, jump, found);
}

const JUMP_OPENING = /(^|[\s(\[])\(?\s*(c[o0][nu] ?t[il1!][nu][uvn][ec]d|concluded)(\s+(on|from|to)(\s+(the\s+)?(p[ao]g[eo]|p[a-z]{1,2}[gq][ceo]))?)?\s*$/i;

/** A line ending in the first words of a jump formula, its page on the next line. */
function opensJump(raw: string): boolean {
  const tail = raw.length > 40 ? raw.slice(-40) : raw;
  return (tail.indexOf('ont') >= 0 || tail.indexOf('ONT') >= 0 || /onclud|ONCLUD/.test(tail)) && JUMP_OPENING.test(tail);
}

// The start of the jump formula cut by a line-end hyphen: "(Con-", "(Continued on Pa-".
const HYPHENATED_JUMP_OPENING = /(^|[\s(\[])\(?\s*c[o0][nu][a-z0-9'\s]{0,30}-$/i;

function opensHyphenatedJump(raw: string): boolean {
  const t = raw.trimEnd();
  // Cheap test first: most lines do not end in a hyphen.
  if (t.charCodeAt(t.length - 1) !== 45) return false;
  return HYPHENATED_JUMP_OPENING.test(t.length > 44 ? t.slice(-44) : t);
}

// It stops after a comma, a state after its comma ("Tex.", OCR's "1U..") or a month.
const DATELINE_OPENING = /^[A-Z][A-Z'&.-]{2,}[^a-z]{0,3}.{0,50}(,|,\s*[A-Z0-9][A-Za-z0-9]{0,3}\.{1,2}|\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?)$/i;

/** A short line that opens like a dateline (a city) and stops before the day. */
function opensDateline(raw: string): boolean {
  // Past the debris a dateline may open with (see findDatelineEn): a stray mark, a rule read as "I".
  const t = raw.trim().replace(/^(?:['"‘’“”•·*,|¦■]+\s*|[Il] (?=[A-Z]))/, '');
  const c = t.charCodeAt(0);
  return t.length <= 60 && c >= 65 && c <= 90 && DATELINE_OPENING.test(t) && !findDatelineEn(t);
}

/** A paragraph indent: the full-width space, NBSP, a space or a tab. */
const isIndent = (c: number): boolean => c === 0x3000 || c === 0xa0 || c === 32 || c === 9;

/** Whether text[start, end) is only whitespace (no string is made to find out). */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 0x3000 && c !== 0xa0 && c !== 13 && c !== 0xfeff && c !== 12 && c !== 11 && !(c >= 0x2000 && c <= 0x200a)) return false;
  }
  return true;
}

/** Split into lines and classify each; blank lines only count towards the next line's gap. */
export function classifyLines(
  text: string,
  language: 'zh' | 'en',
  from = 0,
  to = text.length,
  gapIn = 0,
  dropped: string[] = [],
  headings?: Set<string>,
): { lines: SourceLine[]; gap: number; dropped: string[] } {
  const lines: SourceLine[] = [];
  let gap = gapIn;
  let start = from;
  while (start < to) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > to) end = to;
    if (isBlank(text, start, end)) gap++;
    else {
      let raw = text.slice(start, end);
      // A jump set in a narrow column may wrap: "(Continued on Page" / "Five.)". Read the two as one line.
      // Or break inside a word with the compositor's hyphen: "(Con-" / "tinued on Page Five.)".
      const hyphenated = end < to && opensHyphenatedJump(raw);
      if (end < to && (hyphenated || opensJump(raw))) {
        let end2 = text.indexOf('\n', end + 1);
        if (end2 < 0 || end2 > to) end2 = to;
        const next = text.slice(end + 1, end2).trim();
        if (next && next.length <= 40) {
          const joined = hyphenated ? raw.trimEnd().slice(0, -1) + next : raw.trimEnd() + ' ' + next;
          const j = findJump(joined.trim(), language);
          if (j && j.to >= joined.trim().length - 1 && j.from < raw.trim().length) {
            raw = joined;
            end = end2;
          }
        }
      }
      // A dateline set in a narrow column may wrap too: "SAN FRANCISCO, Cal., Jan." / "7.—The…".
      // OCR may leave blank lines inside it ("Washington," / "" / "January 16.—(Spe-"): up to two are passed over.
      else if (language === 'en' && end < to && opensDateline(raw)) {
        let from2 = end + 1;
        let end2 = text.indexOf('\n', from2);
        for (let blank = 0; blank < 2 && end2 >= 0 && end2 < to && isBlank(text, from2, end2); blank++) {
          from2 = end2 + 1;
          end2 = text.indexOf('\n', from2);
        }
        if (end2 < 0 || end2 > to) end2 = to;
        const head = raw.trim();
        const next = text.slice(from2, end2).trim();
        const joined = head + ' ' + next;
        const d = findDatelineEn(joined);
        // A line that is a dateline by itself opens its own story: the line above ("Destroyed,") is a deck.
        if (d && d.dateline.length > head.length && !findDatelineEn(next)) {
          raw = joined;
          end = end2;
        }
      }
      const line = classifyLine(raw, language, start, end, gap);
      line.indented = isIndent(raw.charCodeAt(0));
      // A line the HTML marked as a heading is one, whatever its case.
      if (headings && line.kind === 'text' && !line.jump && headings.has(line.text)) {
        line.kind = 'heading';
        line.caps = true;
      }
      if (line.dropped) dropped.push(line.dropped);
      lines.push(line);
      gap = 0;
    }
    start = end + 1;
  }
  return { lines, gap, dropped };
}
