// Classified lines → story drafts. One pass, front to back, with a short look
// ahead over a headline group. Every rule is one a copy editor would state.
import type { LineKind, LineOf, SourceLine } from './lines';
import type { ImportedJump, ImportedSubhead, PageFurniture } from './types';
import { endsSentence, isUpper } from '../model/text';
import { keepsHyphen, lostHyphen, type HyphenEvidence } from './hyphens';
import { endsInColumnTag } from './columns';

/**
 * A paragraph as the pieces it was joined from. Appending to a growing string
 * and then reading its end would copy the whole paragraph on every join (V8
 * flattens the concatenation when read), so the pieces are joined once, at the end.
 */
export interface Paragraph {
  parts: string[];
  last: SourceLine;
}

/** The paragraph's text, joined. */
export const paragraphText = (p: Paragraph): string => (p.parts.length === 1 ? p.parts[0] : p.parts.join(''));
const lastPart = (p: Paragraph): string => p.parts[p.parts.length - 1] ?? '';

export interface Draft {
  /** Headline-group lines in order (headings, decks, 副题). */
  head: SourceLine[];
  dateline?: string;
  byline?: string;
  paras: Paragraph[];
  subheads: ImportedSubhead[];
  caption?: { text: string; credit?: string };
  jumps: ImportedJump[];
  /** A "continued on" jump closed the story: what follows is another story. */
  closedByJump: boolean;
  /** A subhead or a jump stands after the last paragraph: the next text starts a new one. */
  fresh: boolean;
  start: number;
  end: number;
}

export interface SegmentContext {
  language: 'zh' | 'en';
  /** The usual number of blank lines between paragraphs; more than that is a break between items. */
  usualGap: number;
  /** English: the usual length of a text line (the column measure). */
  measure: number;
  /** English: how the page prints its words, the evidence for line-end hyphens. */
  evidence: HyphenEvidence;
  /** One line per paragraph (a web dump): a line is never joined to the one before. */
  linePerParagraph: boolean;
}

/**
 * How two hard-wrapped English lines join: "gov-" + "ernment" → "government"
 * (drop the hyphen), "well-" + "known" keeps it (see hyphens.ts), a dash joins
 * tight, else a space. Only the ends of the lines are looked at.
 */
export function englishJoint(a: string, b: string, evidence: HyphenEvidence): { dropHyphen: boolean; sep: string } {
  const end = a.length > 48 ? a.slice(-48) : a;
  if (end.endsWith('-') && !end.endsWith('--') && /[A-Za-z]-$/.test(end) && /^[A-Za-z]/.test(b)) {
    const head = /([A-Za-z]+)-$/.exec(end)![1];
    const tail = /^[A-Za-z]+/.exec(b.length > 48 ? b.slice(0, 48) : b)![0];
    return { dropHyphen: !keepsHyphen(head, tail, evidence), sep: '' };
  }
  if (end.endsWith('—') || end.endsWith('--')) return { dropHyphen: false, sep: '' };
  // A word whose line-end hyphen the text lost ("assur" / "ances"), where the text proves the word.
  const head = /[A-Za-z]+$/.exec(end)?.[0];
  const tail = head && /^[a-z]+(?![A-Za-z])/.exec(b.length > 48 ? b.slice(0, 48) : b)?.[0];
  if (head && tail && lostHyphen(head, tail, evidence)) return { dropHyphen: false, sep: '' };
  return { dropHyphen: false, sep: ' ' };
}

/** Two hard-wrapped English lines joined (see englishJoint). */
export function joinEnglish(a: string, b: string, evidence: HyphenEvidence): string {
  const { dropHyphen, sep } = englishJoint(a, b, evidence);
  return (dropHyphen ? a.slice(0, -1) : a) + sep + b;
}

/** English mixed-case deck under the capitals: "President Severs Relations", "of Ruthless Submarine War". */
function isSubdeckEn(s: string): boolean {
  // A deck may close with a full stop ("Amendments Added by Upper House."), as 1910s decks did.
  if (s.length > 60 || s.endsWith('-') || /[,;:!?]$/.test(s)) return false;
  const words = s.split(/\s+/).filter((w) => w.length >= 4);
  if (!words.length) return false;
  const capitalised = words.filter((w) => isUpper(w.charCodeAt(0))).length;
  return capitalised / words.length >= 0.6;
}

/** A line of a small mixed-case English head: short, its words capitalised, no sentence in it, no closing stop. */
function readsAsTitleLine(L: SourceLine): boolean {
  const s = L.text;
  return L.kind === 'text' && !L.jump && s.length <= 40 && !/[.,;:!?]$/.test(s) && !/[.!?]\s/.test(s) && isSubdeckEn(s);
}

/** Headline lines looked back over from a dateline to a headline holding a comma. */
const HEAD_LOOKBACK = 4;
/** Longest headline line with a comma: a line of a printed headline, not of a column. */
const COMMA_TITLE_MAX = 40;

/** A headline line holding a comma: short, no sentence in it, not ending on a comma or colon. */
function readsAsCommaTitle(s: string): boolean {
  return s.length <= COMMA_TITLE_MAX && /[，,]/.test(s) && !/[。；;！？!?]/.test(s) && !/[，、：:,]$/.test(s) && !endsSentence(s);
}

export class StorySegmenter {
  drafts: Draft[] = [];
  /** Page and web furniture met on the way (folio, nameplate, breadcrumbs…), in source order. */
  furniture: PageFurniture[] = [];
  private cur: Draft | null = null;
  private pendingBreak = false;
  /** A short dash under a headline not yet followed by text: the next bank of the headline may follow. */
  private deckDash = false;
  constructor(private lines: SourceLine[], private ctx: SegmentContext) {
    if (ctx.language === 'zh') this.findCommaHeadlines();
    else this.findTitleHeadlines();
  }

  /**
   * Small English heads are set in upper and lower case, two or three short lines over a
   * credit and the dateline ("Millersburg Minister" / "Dies After Long Illness" / "Special to
   * the Telegraph" / "Millersburg, Pa., Jan. 1.—"). With no capitals above them, the line test
   * reads them as text and the story lost its headline to the story before. Where they stand
   * tells: right above the dateline (or its credit), after a finished paragraph, a jump, a rule
   * or the page's start. A single such line counts only over a credit line.
   */
  private findTitleHeadlines(): void {
    const { lines } = this;
    for (let i = 1; i < lines.length; i++) {
      if (lines[i].kind !== 'dateline') continue;
      const credit = lines[i - 1].kind === 'byline';
      let j = credit ? i - 2 : i - 1;
      const top = j;
      while (j >= 0 && top - j < 3 && readsAsTitleLine(lines[j])) j--;
      const count = top - j;
      if (count < (credit ? 1 : 2)) continue;
      const above = lines[j];
      if (above && !(above.kind === 'jump' || above.kind === 'rule' || above.kind === 'furniture' || (above.kind === 'text' && !above.jump && endsSentence(above.text)) || (above.kind === 'text' && above.jump))) continue;
      for (let k = j + 1; k <= top; k++) {
        const L = lines[k] as { kind: LineKind; role?: 'headline' };
        L.kind = 'heading';
        L.role = 'headline';
      }
    }
  }

  /**
   * A Chinese headline may hold a comma ("今天的中国，是梦想接连实现的中国"), so the line test
   * (isHeadingZh) reads it as text. Where it stands tells: right above a dateline or a byline (or
   * above the headline lines over one), short, with no sentence in it, after a finished paragraph,
   * a jump or the page's start. A line cut by a column break is long, or follows an open sentence.
   */
  private findCommaHeadlines(): void {
    const { lines } = this;
    for (let i = 1; i < lines.length; i++) {
      const k = lines[i].kind;
      if (k !== 'dateline' && k !== 'byline') continue;
      let j = i - 1;
      while (j >= 0 && i - j <= HEAD_LOOKBACK && (lines[j].kind === 'heading' || lines[j].kind === 'subtitle')) j--;
      const L = lines[j];
      if (!L || i - j > HEAD_LOOKBACK || L.kind !== 'text' || L.jump || !readsAsCommaTitle(L.text)) continue;
      const above = lines[j - 1];
      if (above && above.kind === 'text' && !endsSentence(above.text) && above.gap <= L.gap) continue;
      (L as { kind: LineKind }).kind = 'heading';
    }
  }

  /** Process lines from index i; returns the next index. */
  step(i: number): number {
    const L = this.lines[i];
    if (L.kind === 'rule') {
      // English papers part the banks of a headline with a short dash ("—", "---"); a story
      // still all headline goes on under it. Any other rule or OCR debris marks a break.
      const c = this.cur;
      if (this.ctx.language === 'en' && isDeckDash(L.dropped) && c && c.head.length && !c.paras.length && !c.dateline && !c.byline && !c.jumps.length && !c.closedByJump) {
        this.deckDash = true;
        return i + 1;
      }
      this.pendingBreak = true;
      return i + 1;
    }
    if (this.deckDash) {
      this.deckDash = false;
      const next = this.bank(i);
      if (next > i) return next;
    }
    const brk = this.pendingBreak || L.gap > this.ctx.usualGap;
    this.pendingBreak = false;
    switch (L.kind) {
      case 'furniture':
        return this.furnitureLine(L), i + 1;
      case 'note': {
        // An author note closes its commentary: the last paragraph of the story above.
        const c = this.cur ?? this.open(L);
        c.paras.push({ parts: [L.text], last: L });
        c.fresh = true;
        this.touch(L);
        return i + 1;
      }
      case 'heading':
      case 'subtitle':
        return this.heading(i, brk);
      case 'dateline':
        return this.dateline(L), i + 1;
      case 'byline':
        // A byline stands under its headline group, whatever blank lines OCR left between
        // them; a second credit line ("BY WESTBROOK PEGLER," / "United News Staff
        // Correspondent.") adds to the first.
        if (this.cur && !this.cur.closedByJump && !this.cur.paras.length && !this.cur.dateline && (!brk || this.cur.head.length > 0 || !!this.cur.byline)) {
          this.cur.byline = this.cur.byline ? `${this.cur.byline} ${L.text}` : L.text;
          this.touch(L);
        } else if (!this.cur || this.cur.closedByJump || brk || (this.cur.paras.length && (this.lastClosed() || this.cur.fresh))) {
          // A byline heads a story: after a finished paragraph (or an author note, a jump) it begins the next one.
          this.open(L).byline = L.text;
        } else this.text(L, L.text, false);
        return i + 1;
      case 'credit':
        return this.credit(L), i + 1;
      case 'caption': {
        const d = !this.cur || this.cur.closedByJump || (brk && this.lastClosed()) || this.cur.caption ? this.open(L) : this.cur;
        d.caption = { text: L.text.slice(0, L.creditAt).trim(), credit: L.text.slice(L.creditAt).trim() };
        this.touch(L);
        return i + 1;
      }
      case 'jump':
        return this.jumpLine(L), i + 1;
      default:
        this.text(L, L.text, brk);
        return i + 1;
    }
  }

  finish(): Draft[] {
    this.cur = null;
    return this.drafts;
  }

  private furnitureLine(L: LineOf<'furniture'>): void {
    const kind = L.furniture;
    if (kind === 'folio') {
      // The nameplate stands right above the folio line: a "headline" with nothing under it
      // before the folio is the paper's name, not a story.
      const d = this.cur;
      if (d && d === this.drafts.at(-1) && d.head.length && !d.paras.length && !d.dateline && !d.byline && !d.jumps.length && !d.caption && !d.subheads.length) {
        for (const h of d.head) this.furniture.push({ kind: 'nameplate', text: h.text, start: h.start, end: h.end });
        this.drafts.pop();
        this.cur = this.drafts.at(-1) ?? null;
      }
    }
    this.furniture.push({ kind, text: L.text, start: L.start, end: L.end });
  }

  /**
   * The bank of a headline under a deck dash, added to the current story's headline group:
   * capitals as headline lines, a mixed-case deck ("Captain Sampson Named to Pre- / side Over
   * the Board.") as one deck line, its line ends joined as in the text. Returns i when the
   * line under the dash is no bank (a dateline, a byline, the text).
   */
  private bank(i: number): number {
    const c = this.cur!;
    const first = this.lines[i];
    if ((first.kind === 'heading' || first.kind === 'subtitle') && first.caps) {
      let j = i;
      while (j < this.lines.length && (j === i || this.lines[j].gap <= this.ctx.usualGap) && this.lines[j].caps && this.lines[j].kind === 'heading' && !this.lines[j].jump) c.head.push(this.lines[j++]);
      c.end = this.lines[j - 1].end;
      return j;
    }
    let j = i;
    let text = '';
    while (j < this.lines.length && j - i < 4) {
      const L = this.lines[j];
      // (a line that ends a word broken at the line before is judged by its other words)
      const words = text.endsWith('-') ? L.text.replace(/^\S+\s*/, '') : L.text;
      if ((L.kind !== 'text' && L.kind !== 'heading') || L.caps || L.jump || (j > i && L.gap > 0) || !isSubdeckEn(words.replace(/-$/, ''))) break;
      text = text ? joinEnglish(text, L.text, this.ctx.evidence) : L.text;
      j++;
      if (endsSentence(L.text)) break;
    }
    // A deck ends on its full stop or at the next rule, dateline or gap; running on into a paragraph, it was text.
    const after = this.lines[j];
    if (j === i || !(endsSentence(text) || !after || after.kind === 'rule' || after.kind === 'dateline' || after.kind === 'byline' || after.gap > 0)) return i;
    c.head.push({ ...first, kind: 'subtitle', text, caps: undefined, end: this.lines[j - 1].end });
    c.end = this.lines[j - 1].end;
    return j;
  }

  private open(L: SourceLine): Draft {
    const d: Draft = { head: [], paras: [], subheads: [], jumps: [], closedByJump: false, fresh: false, start: L.start, end: L.end };
    this.drafts.push(d);
    this.cur = d;
    return d;
  }

  private touch(L: SourceLine): void {
    if (this.cur) this.cur.end = L.end;
  }

  private lastClosed(): boolean {
    const p = this.cur?.paras.at(-1);
    return !p || endsSentence(lastPart(p));
  }

  private isDeckLine(L: SourceLine, first: boolean, sawCaps: boolean): boolean {
    if (L.kind === 'heading' || L.kind === 'subtitle') return true;
    // English: mixed-case decks follow the capitals, with no gap, before the dateline or body.
    return this.ctx.language === 'en' && !first && sawCaps && L.kind === 'text' && !L.jump && isSubdeckEn(L.text);
  }

  private heading(i: number, brk: boolean): number {
    const run: SourceLine[] = [];
    let j = i;
    let sawCaps = false;
    while (j < this.lines.length && run.length < 8) {
      const L = this.lines[j];
      if (j > i && L.gap > this.ctx.usualGap) break;
      if (!this.isDeckLine(L, j === i, sawCaps)) break;
      sawCaps ||= !!L.caps;
      run.push(L);
      j++;
    }
    const next = this.lines[j];
    const cur = this.cur;
    const opensStory =
      !cur ||
      brk ||
      cur.closedByJump ||
      run.length >= 2 ||
      // A line closing in a column tag ("…（今日谈）") heads a commentary: a subhead carries no 栏目.
      (this.ctx.language === 'zh' && endsInColumnTag(this.lines[i].text)) ||
      (next && (next.kind === 'dateline' || next.kind === 'byline')) ||
      (next && next.jump?.direction === 'continuedFrom' && next.jump.from === 0) ||
      !next;
    if (cur && isJumpHeadOnly(cur)) {
      // A "continued from" line standing alone above a headline is the jump head over
      // the continuation's headline: one story, not an empty one and a headless one.
      cur.head = run;
      cur.end = run.at(-1)!.end;
      return j;
    }
    if (opensStory) {
      // A headline group followed by a dateline, a byline or a continuation, or
      // standing after a break, opens a story.
      const d = this.open(run[0]);
      d.head = run;
      d.end = run.at(-1)!.end;
      return j;
    }
    const L = this.lines[i];
    if (cur.paras.length && this.lastClosed() && next && (next.kind === 'text' || next.kind === 'heading')) {
      // One short line between complete paragraphs, inside a story: a subhead (小标题).
      cur.subheads.push({ text: L.text, beforeParagraph: cur.paras.length });
      cur.fresh = true;
      this.touch(L);
      return i + 1;
    }
    if (this.ctx.language === 'en' && L.caps) {
      const d = this.open(L);
      d.head = [L];
      return i + 1;
    }
    // Otherwise it is the rest of a sentence a column break cut off.
    this.text(L, L.text, false);
    return i + 1;
  }

  private dateline(L: LineOf<'dateline'>): void {
    const c = this.cur;
    const d = !c || c.dateline || c.paras.length || c.closedByJump || c.caption ? this.open(L) : c;
    const found = L.dateline;
    d.dateline = found.dateline;
    if (found.byline) d.byline = d.byline ? `${d.byline} ${found.byline}` : found.byline;
    this.touch(L);
    // A short item may end on its dateline's line, jump and all: the jump comes out of the text.
    const j = L.jump && L.jump.from >= found.rest ? L.jump : null;
    const rest = j ? (L.text.slice(found.rest, j.from) + ' ' + L.text.slice(j.to)).trim() : L.text.slice(found.rest);
    if (rest) this.paragraph(L, rest, true);
    else d.paras.push({ parts: [], last: L });
    if (j) {
      d.jumps.push({ direction: j.direction, page: j.page, text: L.text.slice(j.from, j.to) });
      if (j.direction === 'continuedTo') d.closedByJump = true;
    }
  }

  private credit(L: SourceLine): void {
    const c = this.cur && !this.cur.closedByJump ? this.cur : this.open(L);
    const prev = c.paras.at(-1);
    if (c.caption) {
      this.text(L, L.text, false);
      return;
    }
    // The credit sits right under its caption: the paragraph just above is the caption.
    const above = prev && prev.parts.length && prev.last.end < L.start ? prev : null;
    if (above && endsSentence(lastPart(above))) {
      c.paras.pop();
      c.caption = { text: paragraphText(above), credit: L.text };
    } else c.caption = { text: '', credit: L.text };
    this.touch(L);
  }

  private jumpLine(L: LineOf<'jump'>): void {
    const j = L.jump;
    let c = this.cur;
    // "Continued from" opens the continuation of a story; on its own it never ends one.
    if (!c || (j.direction === 'continuedFrom' && (c.paras.length || c.closedByJump))) c = this.open(L);
    c.jumps.push({ direction: j.direction, page: j.page, text: L.text });
    c.fresh = true;
    if (j.direction === 'continuedTo') c.closedByJump = true;
    this.touch(L);
  }

  private text(L: SourceLine, text: string, brk: boolean): void {
    let body = text;
    const j = L.jump;
    let c = this.cur;
    if (j && j.direction === 'continuedFrom' && j.from === 0) {
      if (!c || c.paras.length || c.closedByJump) c = this.open(L);
      c.jumps.push({ direction: j.direction, page: j.page, text: L.text.slice(j.from, j.to) });
      c.fresh = true;
      body = L.text.slice(j.to).trim();
    }
    // After a "continued on" jump, or after a break following a complete paragraph, a new item begins.
    if (!c || c.closedByJump || (brk && this.lastClosed() && c.paras.length)) c = this.open(L);
    let after: ImportedJump | null = null;
    if (j && !(j.direction === 'continuedFrom' && j.from === 0)) {
      after = { direction: j.direction, page: j.page, text: L.text.slice(j.from, j.to) };
      body = (L.text.slice(0, j.from) + ' ' + L.text.slice(j.to)).trim();
    }
    if (body) this.paragraph(L, body, false);
    this.touch(L);
    if (after) {
      c.jumps.push(after);
      if (after.direction === 'continuedTo') c.closedByJump = true;
    }
  }

  /** Continue the last paragraph when it was cut mid-sentence, else start a new one. */
  private paragraph(L: SourceLine, text: string, fresh: boolean): void {
    const c = this.cur!;
    const p = c.paras.at(-1);
    const afterBreak = c.fresh;
    c.fresh = false;
    if (!fresh && !afterBreak && p && this.continues(p, L)) {
      if (p.parts.length && this.ctx.language === 'en') {
        const { dropHyphen, sep } = englishJoint(lastPart(p), text, this.ctx.evidence);
        if (dropHyphen) p.parts[p.parts.length - 1] = lastPart(p).slice(0, -1);
        if (sep) p.parts.push(sep);
      }
      p.parts.push(text);
      p.last = L;
      return;
    }
    c.paras.push({ parts: [text], last: L });
  }

  private continues(p: Paragraph, L: SourceLine): boolean {
    if (!p.parts.length) return true; // a dateline standing alone on its line
    if (this.ctx.linePerParagraph) return false;
    const end = lastPart(p);
    if (this.ctx.language === 'zh') return !endsSentence(end);
    // English in hard-wrapped columns: a line runs on unless the one before stopped
    // short of the measure after a full stop, which is how a paragraph ends.
    if (L.gap > 0) return !endsSentence(end);
    const short = p.last.text.length < 0.75 * this.ctx.measure;
    return !(short && endsSentence(end)) || end.endsWith('-');
  }
}

/** A draft holding only a "continued from" line: the head of a continuation whose headline follows. */
function isJumpHeadOnly(d: Draft): boolean {
  return (
    !d.head.length && !d.paras.length && !d.dateline && !d.byline && !d.caption && !d.subheads.length &&
    d.jumps.length > 0 && d.jumps.every((j) => j.direction === 'continuedFrom')
  );
}

/** A short dash standing alone ("—", "--", "---"): the rule between the banks of an English headline. */
function isDeckDash(rule: string | undefined): boolean {
  return !!rule && /^[-—–]{1,4}$/.test(rule.replace(/\s+/g, ''));
}
