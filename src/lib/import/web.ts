// Web-edition dumps: a newspaper's web edition saved article after article, one
// line per paragraph. Each article is three title slots (引题, 主题, 副题; an empty
// slot is an empty line) followed by its paragraphs, each indented with U+3000:
//
//     ⏎                                   ← 引题 slot, empty
//     中共中央国务院举行春节团拜会          ← 主题
//     习近平发表讲话…                       ← 副题
//     　　本报北京1月23日电　（记者张洋）…  ← paragraphs, indented
//     　　…
//     ⏎                                   ← the next article's 引题 slot
//     在二〇二〇年春节团拜会上的讲话
//     （二〇二〇年一月二十三日）
//     同志们，朋友们：                      ← a salutation, not indented: body
//     　　在农历庚子鼠年春节即将到来之际…
//
// So a line is never joined to the next (each is a paragraph as printed), and the
// indent, not the wording, tells a title from a paragraph. The run of unindented
// lines between two articles ends with the next article's title slots; what comes
// before them (a signature, a date) closes the story above.
import type { SourceLine } from './lines';
import type { Draft } from './segment';
import type { PageFurniture } from './types';
import { findDatelineZh, isCredit } from './datelines';
import { endsSentence } from '../model/text';

/** Title slots of one article: 引题, 主题, 副题. */
const SLOTS = 3;
/** Share of a page's lines that must be indented for the indent to mark paragraphs. */
const INDENTED_SHARE = 0.5;
/** Share of title runs spanning all three slots for a page to count as keeping them. */
const SLOTTED_SHARE = 0.6;
/** Share of the indented lines that must share one indent for another indent to mark no paragraph. */
const PAGE_INDENT_SHARE = 0.9;
/** A subhead inside a web article is short ("（一）", "编者的话"). */
const SUBHEAD_MAX = 20;
/** A line this long is a paragraph, never a title block's line. */
const PARAGRAPH_MIN = 30;
/** Share of a flat page's long lines ending at a mark (a sentence's end, a closing quote, a colon, a dash):
 * each is a whole paragraph, not a column's cut line. */
const FLAT_CLOSED_SHARE = 0.6;
/** Share of a flat page's long lines following the line above with no blank: paragraphs run on, blanks mark titles. */
const FLAT_RUN_ON_SHARE = 0.5;
/** Long lines a page needs before its shape is read as flat (a few lines prove nothing). */
const FLAT_MIN_LONG = 3;

/** How a page lays out its paragraphs, read from the text (never from a flag). */
export type PageLayout =
  /** Printed columns: a paragraph may be cut across lines and must be joined. */
  | 'print'
  /** One line per paragraph, titles and paragraphs alike indented: never join, titles by wording. */
  | 'lines'
  /** One line per paragraph, paragraphs indented and titles not: the web edition's article files. */
  | 'web-edition';

/**
 * Whether the page is a web-edition dump. Most of its lines are indented paragraphs;
 * when some lines stand unindented (the titles), the indent separates titles from text.
 */
export function pageLayout(lines: SourceLine[], language: 'zh' | 'en'): PageLayout {
  if (language !== 'zh' || !lines.length) return 'print';
  let indented = 0;
  for (const l of lines) if (l.indented) indented++;
  if (indented < INDENTED_SHARE * lines.length) return flatTitleLines(lines) ? 'web-edition' : 'print';
  return indented < lines.length ? 'web-edition' : 'lines';
}

/**
 * A web edition saved without its indents (another crawl's style): still one line per paragraph,
 * the paragraphs following one another with no blank line, and each article's three title slots
 * standing with their empty slots as empty lines. Long lines then nearly all close a sentence (a
 * printed column cuts them anywhere) and most follow the line above directly (a print dump with
 * one line per paragraph puts a blank between paragraphs). Returns the lines of the title slots,
 * or null when the page is not of that kind.
 *
 * The slots are found from the blanks: the first blank after an article's paragraphs is one of
 * the next article's three slots (the 引题 or the 副题 left empty, or the 主题 of a picture item),
 * so the slots start at it or one or two lines before it, where every line reads as a title and a
 * paragraph follows. Of the sets that fit, the one with more empty slots is preferred, then one
 * starting where the line above closes a paragraph, then one starting at the blank itself (an
 * empty 引题 is the commonest slot left empty).
 */
function flatTitleLines(lines: SourceLine[]): Set<SourceLine> | null {
  let long = 0;
  let closed = 0;
  let runOn = 0;
  let gaps = 0;
  for (let k = 0; k < lines.length; k++) {
    const L = lines[k];
    if (L.gap) gaps++;
    if (L.text.length < PARAGRAPH_MIN) continue;
    long++;
    if (closesParagraph(L.text) || /[：；:;—”’」』）)》】]$/.test(L.text)) closed++;
    if (k > 0 && !L.gap) runOn++;
  }
  if (!gaps || long < FLAT_MIN_LONG || closed < FLAT_CLOSED_SHARE * long || runOn < FLAT_RUN_ON_SHARE * long) return null;
  const entries: Entry[] = [];
  for (const L of lines) {
    for (let g = 0; g < L.gap; g++) entries.push(null);
    entries.push(L);
  }
  const fits = (s: number): boolean => {
    if (s + SLOTS > entries.length) return false;
    for (let k = s; k < s + SLOTS; k++) {
      const e = entries[k];
      if (e && !readsAsTitle(e.text)) return false;
    }
    // A paragraph follows, or the next article's slots (an article kept with its title alone).
    return entries[s + SLOTS] !== null || fits(s + SLOTS);
  };
  const afterParagraph = (s: number): boolean => {
    const above = entries[s - 1];
    return !above || closesParagraph(above.text);
  };
  // Most articles leave slots empty: the set holding more blanks is the likelier one ("", 主题, ""
  // rather than two short closing lines of the story above taken for a 引题 and a 主题).
  const emptySlots = (s: number): number => entries.slice(s, s + SLOTS).filter((e) => e === null).length;
  const titles = new Set<SourceLine>();
  const take = (s: number) => {
    for (let k = s; k < s + SLOTS; k++) if (entries[k]) titles.add(entries[k]!);
  };
  // The page opens with an article's slots; with an empty one among them, they are a first set found.
  take(0);
  const opensWithSlots = entries.slice(0, SLOTS).includes(null) && fits(0);
  let windows = opensWithSlots ? 1 : 0;
  let blanks = opensWithSlots ? 1 : 0;
  for (let p = SLOTS; p < entries.length; ) {
    let b = p;
    while (b < entries.length && entries[b]) b++;
    if (b >= entries.length) break;
    blanks++;
    const fitting = [b, b - 2, b - 1].filter((s) => s >= p && fits(s));
    const most = Math.max(0, ...fitting.map(emptySlots));
    const best = fitting.filter((s) => emptySlots(s) === most);
    const s = best.find(afterParagraph) ?? best[0];
    if (s === undefined) {
      p = b + 1; // a blank inside an article
      continue;
    }
    take(s);
    windows++;
    p = s + SLOTS;
  }
  // Nearly every blank must fall in a set of slots: a page whose stories are parted by one blank
  // line, titles told by wording, is not of this kind.
  return windows && windows >= SLOTTED_SHARE * blanks ? titles : null;
}

/** One entry of a title run: a line of text, or null for an empty line (an empty slot). */
type Entry = SourceLine | null;

/**
 * A salutation opening a speech or a letter ("同志们，朋友们：", "各位代表："), standing
 * unindented right after the title slots: the first line of the body, never a title.
 * A title ending in a colon is a 引题 ("国家卫健委："), which stands first, not last.
 */
const isSalutation = (s: string): boolean => /[：:]$/.test(s) && s.length <= 30;

/** A photo credit closing a picture item: "白水平摄（影像中国）", "祝大伟　崔　凯摄影报道". */
const isPhotoCredit = (s: string): boolean => isCredit(s) || (s.length <= 40 && /摄影报道\s*([（(][^）)]{1,12}[）)])?$/.test(s) && !/[，。；]/.test(s));

/** A caption names what the picture shows: "图为…", "上图：…". */
const isCaption = (s: string): boolean => /^(图为|图片|图：|上图|下图|左图|右图|题图)/.test(s);

/**
 * A paragraph that may close a story: a finished sentence, a photo credit, or a line in
 * brackets — the trailing source line "（新华社北京1月2日电　记者…）", an author note.
 */
const closesParagraph = (s: string): boolean => endsSentence(s) || isPhotoCredit(s) || /^[（(][^（(]*[）)]$/.test(s) || isLetterDate(s);

/** The date closing a letter or a decree: "2020年1月26日", "二〇二〇年一月二十三日". */
const isLetterDate = (s: string): boolean => /^[\d〇零一二三四五六七八九]{4}年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$/.test(s);

/** What follows a subhead is text: a paragraph longer than a subhead, not a letter's date under its signature. */
const opensText = (s: string): boolean => s.length > SUBHEAD_MAX && !isLetterDate(s);

/** A title line read for what it is: no sentence inside, not long. */
const readsAsTitle = (s: string): boolean => s.length <= 80 && !endsSentence(s) && !/[。；]/.test(s);

export class WebEditionReader {
  drafts: Draft[] = [];
  furniture: PageFurniture[] = [];
  /** Rules and debris lines, kept for the record (see ImportResult.dropped). */
  dropped: string[] = [];
  private cur: Draft | null = null;
  /** The page keeps every article's three title slots (see keepsSlots). */
  private slotted = false;
  constructor(private lines: SourceLine[], private source: string) {}

  read(): Draft[] {
    const { lines } = this;
    let indented = 0;
    for (const L of lines) if (L.indented) indented++;
    if (indented < INDENTED_SHARE * lines.length) {
      // A page saved without indents: its title slots found from the blanks (see flatTitleLines),
      // every other line indented as the paragraph it is, and the page read as any other.
      const titles = flatTitleLines(lines);
      for (const L of lines) L.indented = !!titles && !titles.has(L);
    } else this.keepPageIndent();
    this.slotted = keepsSlots(lines);
    let i = 0;
    while (i < lines.length) {
      const L = lines[i];
      if (L.indented) {
        // Three or more empty lines between two paragraphs, on a page that keeps its slots: an
        // article whose three title slots are all empty (a picture item) begins. Inside an
        // article an empty paragraph leaves one or two, never a whole set of slots.
        if (this.slotted && L.gap >= SLOTS && i > 0 && lines[i - 1].indented) this.open(L);
        this.body(L);
        i++;
        continue;
      }
      let j = i;
      while (j < lines.length && !lines[j].indented) j++;
      this.titleRun(i, j);
      i = j;
    }
    for (const d of this.drafts) finishBody(d);
    return this.drafts;
  }

  /**
   * The page indents its paragraphs one way (the crawl's "　　"); a line opening with other
   * whitespace (a stray space before a title the site left in its heading) is not indented
   * as a paragraph is. Only when the page is consistent: nearly all its indents alike.
   */
  private keepPageIndent(): void {
    const counts = new Map<string, number>();
    let indented = 0;
    const prefixOf = (L: SourceLine) => /^[\u3000\u00a0 \t]*/.exec(this.source.slice(L.start, L.start + 8))![0];
    for (const L of this.lines) {
      if (!L.indented) continue;
      indented++;
      const p = prefixOf(L);
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    let usual = '';
    let most = 0;
    for (const [p, n] of counts) if (n > most) [usual, most] = [p, n];
    if (most < PAGE_INDENT_SHARE * indented) return;
    for (const L of this.lines) if (L.indented && prefixOf(L) !== usual) L.indented = false;
  }

  /** The line as the page has it, indent and trailing spaces off, nothing else taken out. */
  private textOf(L: SourceLine): string {
    return this.source.slice(L.start, L.end).trim();
  }

  private open(at: SourceLine): Draft {
    const d: Draft = { head: [], paras: [], subheads: [], jumps: [], closedByJump: false, fresh: false, start: at.start, end: at.end };
    this.drafts.push(d);
    this.cur = d;
    return d;
  }

  private body(L: SourceLine): void {
    if (L.kind === 'rule') {
      this.dropped.push(this.textOf(L));
      return;
    }
    const d = this.cur ?? this.open(L);
    d.paras.push({ parts: [this.textOf(L)], last: L });
    d.end = L.end;
  }

  /**
   * Unindented lines from i to j (exclusive), with the empty lines between them:
   * the next article's title slots, maybe after the last lines of the story above
   * and before the next article's salutation.
   */
  private titleRun(i: number, j: number): void {
    const entries: Entry[] = [];
    for (let k = i; k < j; k++) {
      const L = this.lines[k];
      for (let g = 0; g < L.gap; g++) entries.push(null);
      // Web chrome (来源, 责任编辑, a breadcrumb) and rules are no title: kept aside.
      if (L.kind === 'furniture') this.furniture.push({ kind: L.furniture, text: L.text, start: L.start, end: L.end });
      else if (L.kind === 'rule') this.dropped.push(this.textOf(L));
      else entries.push(L);
    }
    const next = this.lines[j];
    // Empty lines before the next paragraph are empty slots too (an empty 副题).
    for (let g = 0; next && g < next.gap; g++) entries.push(null);
    let end = entries.length;
    const tail: SourceLine[] = [];
    const last = entries[end - 1];
    if (last && next && isSalutation(last.text) && entries.slice(0, end - 1).some((e) => e)) {
      tail.push(last);
      end--;
    }
    const cur = this.cur;
    let slotsFrom = Math.max(0, end - SLOTS);
    const titleOnly = this.slotted && next ? titleOnlyArticles(entries.slice(0, slotsFrom)) : [];
    if (!cur && !titleOnly.length) slotsFrom = 0; // the page opens with a title block
    for (const group of titleOnly) {
      // An article the crawl kept without a paragraph (a picture, a title whose text is elsewhere).
      const texts = group.map((e) => (e ? { ...e, text: this.textOf(e) } : e));
      const head = texts.filter((e): e is SourceLine => !!e);
      const d = this.open(head[0]);
      d.head = head;
      assignRoles(texts, true);
      d.end = head.at(-1)!.end;
    }
    const before = titleOnly.length ? [] : entries.slice(0, slotsFrom).filter((e): e is SourceLine => !!e);
    let slots: Entry[] = entries.slice(slotsFrom, end);
    // Title lines as the page has them (nothing read as OCR debris and taken off).
    slots = slots.map((e) => (e ? { ...e, text: this.textOf(e) } : e));
    const texts = slots.filter((e): e is SourceLine => !!e);
    // Fewer than three lines between paragraphs, or the page's last lines: no full set of
    // slots; the wording decides whether they are a title block (after a blank line or a
    // finished story above) or the last lines of the story above (a signature, a date).
    const shortRun = cur && (entries.length < SLOTS || !next);
    if (shortRun) {
      const prev = cur.paras.at(-1)?.parts[0] ?? '';
      // On a page that keeps its slots, a title block always fills three lines: fewer
      // unindented lines inside an article are its text (a verse, an unindented paragraph).
      const titleLike = !(this.slotted && next) && texts.length > 0 && readsAsTitle(texts[0].text) && (entries[0] === null || !prev || closesParagraph(prev));
      if (!titleLike) {
        for (const t of [...before, ...texts, ...tail]) this.body({ ...t, indented: true });
        return;
      }
    }
    for (const t of before) this.body({ ...t, indented: true });
    if (!texts.length) {
      for (const t of tail) this.body({ ...t, indented: true });
      return;
    }
    const d = this.open(texts[0]);
    d.head = texts;
    assignRoles(slots, !shortRun && slots.length === SLOTS);
    d.end = texts.at(-1)!.end;
    for (const t of tail) this.body({ ...t, indented: true });
  }
}

/**
 * Unindented lines standing before the last title slots of a run, on a page that keeps its
 * slots, read as whole articles without paragraphs: only when they fill whole sets of three
 * slots, each with its 主题 and at least one empty slot, every line reading as a title. The
 * closing lines of a story (a signature, a date) stand together, with no empty slot among them.
 */
function titleOnlyArticles(lead: Entry[]): Entry[][] {
  if (!lead.length || lead.length % SLOTS) return [];
  const groups: Entry[][] = [];
  for (let k = 0; k < lead.length; k += SLOTS) {
    const g = lead.slice(k, k + SLOTS);
    if (!g[1] || g.every((e) => e) || !g.every((e) => !e || readsAsTitle(e.text))) return [];
    groups.push(g);
  }
  return groups;
}

/**
 * Whether the dump kept every article's three title slots (empty ones as empty lines):
 * nearly every run of unindented lines between paragraphs then spans three lines or more.
 * A dump whose empty lines were taken out does not, and its title blocks are read by wording.
 */
function keepsSlots(lines: SourceLine[]): boolean {
  let runs = 0;
  let full = 0;
  for (let i = 0; i < lines.length; ) {
    if (lines[i].indented) {
      i++;
      continue;
    }
    let span = 0;
    let j = i;
    for (; j < lines.length && !lines[j].indented; j++) span += lines[j].gap + 1;
    if (j < lines.length) {
      span += lines[j].gap;
      runs++;
      if (span >= SLOTS) full++;
    }
    i = j;
  }
  return full >= 1 && full >= SLOTTED_SHARE * runs;
}

/**
 * 引题, 主题 and 副题 of a title block.
 * - The slots say it when the dump kept all three: ["", "中共中央国务院举行春节团拜会",
 *   "习近平发表讲话…"] is 主题 and 副题; ["国办印发", "国家政务信息化项目建设管理办法", ""]
 *   is 引题 and 主题.
 * - Otherwise the wording: a line opening with —— is the 副题 ("——党的十九大以来…纪实");
 *   a line ending with —— or a colon, or naming who spoke ("韩正召开财税部门座谈会强调"),
 *   sets the scene before the 主题: the 引题 ("四川自贡——", "国家卫健委："); a line
 *   saying who attended ("汪洋出席并讲话", "韩正等出席") follows it: the 副题.
 * The 主题 is what is left: the core statement. A person fixes a wrong guess in the editor.
 */
export function assignRoles(slots: Entry[], slotted: boolean): void {
  const texts = slots.filter((e): e is SourceLine => !!e);
  for (const t of texts) t.role = 'headline';
  if (texts.length === 1) return;
  if (slotted && slots[1]) {
    if (slots[0]) slots[0].role = 'kicker';
    if (slots[2]) slots[2].role = 'subtitle';
    return;
  }
  const opensSub = (s: string) => s.startsWith('——') || s.startsWith('—');
  const setsScene = (s: string) => /(——|—|[：:]|强调|指出|表示|要求|印发|宣布)$/.test(s);
  const attended = (s: string) => /(出席|讲话|主持|会见|等出席|陪同|参加)$/.test(s);
  const [a, b, c] = texts;
  if (texts.length >= 3) {
    a.role = 'kicker';
    c.role = 'subtitle';
    return;
  }
  if (opensSub(b.text) || attended(b.text)) b.role = 'subtitle';
  else if (setsScene(a.text) || a.text.length < b.text.length) a.role = 'kicker';
  else b.role = 'subtitle';
}

/**
 * A web article's body read whole: the dateline opens the first paragraph, a short
 * unpunctuated line between paragraphs is a subhead, and a credit closing the item
 * takes the caption above it. Every line stays a paragraph of its own.
 */
function finishBody(d: Draft): void {
  const paras = d.paras;
  const first = paras[0];
  if (first) {
    const text = first.parts[0];
    const found = findDatelineZh(text);
    if (found) {
      d.dateline = found.dateline;
      if (found.byline) d.byline = found.byline;
      first.parts = [text.slice(found.rest)];
    }
  }
  const last = paras.at(-1);
  if (last && paras.length >= 1 && isPhotoCredit(last.parts[0])) {
    paras.pop();
    const above = paras.at(-1);
    const caption = above && (isCaption(above.parts[0]) || paras.length === 1) ? (paras.pop(), above.parts[0]) : '';
    d.caption = { text: caption, credit: last.parts[0] };
  }
  const kept: typeof paras = [];
  for (let k = 0; k < paras.length; k++) {
    const t = paras[k].parts[0];
    const prev = kept.at(-1);
    // Only after a paragraph: a second short line under a subhead is its text (stacked
    // subheads would lose their order, both standing before the same paragraph).
    if (prev && prev === paras[k - 1] && k + 1 < paras.length && opensText(paras[k + 1].parts[0]) && t.length <= SUBHEAD_MAX && readsAsTitle(t) && !/[，、：:—]/.test(t) && endsSentence(prev.parts[0])) {
      d.subheads.push({ text: t, beforeParagraph: kept.length });
      continue;
    }
    kept.push(paras[k]);
  }
  d.paras = kept;
}
