// The one message catalog: zh.ts and en.ts hold every word the desk reads, by
// code. The cores emit `{ code, params }` (lint warnings, layout problems,
// import notices, storage reasons); only the UI and the CLIs turn a code into
// text, here. Pure: no DOM, so the storage and the CLIs can use it too.
import type { Language } from '../model/edition';
import type { LintFixLabels, LintMessages } from '../lint';
import type { ProblemMessages } from '../layout/problems';
import type { ReasonMessages } from '../storage/records';
import type { NoticeMessages } from '../import/types';
import type { EditionFileMessages } from '../model/edition-file';
import { zh } from './zh';
import { en } from './en';

export type MessageKey = keyof typeof zh;
export type MessageParams = Record<string, string | number>;

/** A message as a core hands it over: a catalog code and the values its text needs. */
export interface Message {
  code: MessageKey;
  params: MessageParams;
}

export const messages: Record<Language, Record<MessageKey, string>> = { zh, en };

/** `{n|story|stories}`: the word the count `n` takes, by the language's plural rules (Chinese has none to write). */
const PLURAL = /\{(\w+)\|([^|{}]*)\|([^|{}]*)\}/g;

/**
 * A catalog text with `{name}` placeholders filled in; an unknown placeholder stays visible.
 * `{name|one|other}` picks the word for the count `name` ("1 story", "2 stories"; the plural
 * form when the count is missing).
 */
export function translate(lang: Language, key: MessageKey, params: MessageParams = {}): string {
  let text = messages[lang][key] ?? messages.zh[key] ?? key;
  if (text.includes('|')) {
    const rules = new Intl.PluralRules(lang);
    text = text.replace(PLURAL, (_, name: string, one: string, other: string) => {
      const n = Number(params[name]);
      return name in params && Number.isFinite(n) && rules.select(n) === 'one' ? one : other;
    });
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A message in both languages: the CLIs' `{zh, en}` fields. */
export function bilingual(message: Message): { zh: string; en: string } {
  return { zh: translate('zh', message.code, message.params), en: translate('en', message.code, message.params) };
}

/**
 * The locale a language's dates and times are written in: one style in every view, and
 * the same as the printed page's (the masthead writes "November 30, 2026", US order).
 */
export const LOCALES: Record<Language, string> = { zh: 'zh-CN', en: 'en-US' };

/**
 * A moment (a save, a comment, a print) as the desk reads it: the month in letters
 * ("Nov 30, 2026, 11:04 AM", "2026年11月30日 11:04"), never an all-numeric date that
 * one desk reads as 11 March and another as 3 November.
 */
export function formatMoment(lang: Language, time: Date | number): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

/** The name of a page-size preset; a preset the catalog does not know is shown as its id. */
export function presetName(lang: Language, preset: string): string {
  const key = `preset.${preset}`;
  return key in messages.zh ? translate(lang, key as MessageKey) : preset;
}

/** A key of the Layout and Proof desks, without its `layout.` prefix (their views pass these). */
export type LayoutKey = MessageKey extends infer K ? (K extends `layout.${infer Rest}` ? Rest : never) : never;

// ---- Every code a core can emit has text, and its text asks only for values the core supplies.

/** Every code the cores emit, with the values each needs. */
export type CoreMessages = LintMessages & LintFixLabels & ProblemMessages & ReasonMessages & NoticeMessages & EditionFileMessages;
export type CoreCode = keyof CoreMessages;

/**
 * The same codes at run time, each with the names of its params, for the
 * parity test. Typed so that a code missing here, or a param listed that the
 * core does not supply, fails the type check.
 */
export const CORE_PARAMS: { [C in CoreCode]: readonly (keyof CoreMessages[C] & string)[] } = {
  'lint.truncated': ['tail'],
  'lint.repeated-phrase': ['text'],
  'lint.repeated-word': ['text'],
  'lint.halfwidth-punctuation': ['full', 'half'],
  'lint.unbalanced.open': ['mark', 'pair'],
  'lint.unbalanced.close': ['mark', 'pair'],
  'lint.jump-without-page.to': [],
  'lint.jump-without-page.from': [],
  'fix.full-width': ['full'],
  'problem.overset': ['page', 'lines', 'chars'],
  'problem.jump-missing.no-part': ['why', 'page', 'text', 'part'],
  'problem.jump-missing.no-return': ['why', 'page', 'part', 'other'],
  'problem.jump-missing.no-prev': ['why', 'page', 'part'],
  'problem.jump-missing.no-room': ['why', 'page', 'part'],
  'problem.jump-wrong-page': ['page', 'text', 'part', 'other'],
  'problem.empty-part': ['page', 'part'],
  'problem.overlap': ['page', 'a', 'b'],
  'problem.off-grid': ['page', 'a'],
  'problem.headline-clipped': ['page', 'need', 'lines'],
  'problem.underfilled': ['page', 'column', 'lines'],
  'problem.jump-same-page': ['page', 'part'],
  'problem.source-jump': ['title', 'target'],
  'reason.notObject': [],
  'reason.noId': [],
  'reason.noEditionId': [],
  'reason.slug': [],
  'reason.raw': [],
  'reason.meta': [],
  'reason.section': [],
  'reason.priority': [],
  'reason.status': ['value'],
  'reason.tags': [],
  'reason.noDoc': [],
  'reason.docInvalid': ['detail'],
  'reason.notDoc': [],
  'reason.title': [],
  'reason.date': [],
  'reason.issue': [],
  'reason.language': [],
  'reason.revision': [],
  'reason.storyIds': [],
  'reason.photos': [],
  'reason.pages': [],
  'reason.pageId': [],
  'reason.grid': ['page'],
  'reason.placements': ['page'],
  'reason.placement': ['page'],
  'notice.converted-html': [],
  'file.tooLarge': ['size', 'max'],
  'file.notJson': ['detail'],
  'file.truncated': [],
  'file.notEdition': [],
  'file.newer': ['version', 'supported'],
  'file.badVersion': [],
  'file.missing': ['path'],
  'file.wrongType': ['path', 'expected'],
  'file.badValue': ['path'],
  'file.duplicateId': ['path', 'id'],
  'file.unknownStory': ['path', 'id'],
  'file.badDoc': ['path', 'detail'],
  'file.more': ['n'],
};

/** The `{name}` placeholders of a template, as a union of names (`{name|one|other}` asks for `name`). */
type Placeholders<S> = S extends `${string}{${infer Name}}${infer Rest}` ? (Name extends `${infer N}|${string}` ? N : Name) | Placeholders<Rest> : never;

/** Codes whose text in `table` asks for a value the core does not supply (never, when all is well). */
type Unsupplied<Table extends Record<CoreCode, string>> = {
  [C in CoreCode]: [Exclude<Placeholders<Table[C]>, keyof CoreMessages[C]>] extends [never] ? never : C;
}[CoreCode];

/** Fails the type check with the offending codes named, unless T is never. */
type ExpectNone<T extends never> = T;

// A code without text in either language, or a template asking for a value its
// core does not give, is a type error here (and names the code).
export type CatalogCoversCores = [ExpectNone<Exclude<CoreCode, MessageKey>>, ExpectNone<Unsupplied<typeof zh>>, ExpectNone<Unsupplied<typeof en>>];
