// Draft → ImportedStory: name the headline group's parts and run the lint.
import { lintText, storyEndWarnings } from '../lint';
import { paragraphText, type Draft } from './segment';
import type { ImportedStory, ImportWarning } from './types';
import { isAuthorNote } from './lines';
import { wireTagOpening } from './datelines';
import { COLUMN_TAG, NOT_COLUMN } from './columns';

/**
 * Roles in a headline group. Chinese: a line opening with —— is the 副题; of
 * the others, with two or more the first is the 引题 above the 主题. English:
 * the capitals are the headline, the mixed-case deck under them the subtitle.
 */
function headlineRoles(d: Draft, language: 'zh' | 'en'): Pick<ImportedStory, 'kicker' | 'headline' | 'subtitle'> {
  if (language === 'en') {
    const caps = d.head.filter((l) => l.caps).map((l) => l.text);
    const decks = d.head.filter((l) => !l.caps).map((l) => l.text);
    // A small head set in upper and lower case (segment.ts, findTitleHeadlines): every line is the headline's.
    if (!caps.length && decks.length && d.head.every((l) => l.role === 'headline')) return { headline: decks };
    if (!caps.length) return { headline: decks.slice(0, 1), subtitle: decks.slice(1).join(' ') || undefined };
    return { headline: caps, subtitle: decks.length ? decks.join(' ') : undefined };
  }
  if (d.head.some((l) => l.role)) {
    // The source named the parts ("引题：…"): its labels decide, unlabelled lines are the 主题.
    const of = (role: string) => d.head.filter((l) => (l.role ?? (l.kind === 'subtitle' ? 'subtitle' : 'headline')) === role).map((l) => l.text);
    const kicker = of('kicker');
    const subtitle = of('subtitle');
    return { kicker: kicker.length ? kicker.join(' ') : undefined, headline: of('headline'), subtitle: subtitle.length ? subtitle.join('') : undefined };
  }
  const sub = d.head.filter((l) => l.kind === 'subtitle').map((l) => l.text);
  const main = d.head.filter((l) => l.kind !== 'subtitle').map((l) => l.text);
  const subtitle = sub.length ? sub.join('') : undefined;
  if (main.length >= 2) return { kicker: main[0], headline: main.slice(1), subtitle };
  return { headline: main, subtitle };
}

/** Takes a column tag off the first headline-group line that carries one. */
function takeColumn(roles: Pick<ImportedStory, 'kicker' | 'headline' | 'subtitle'>): string | undefined {
  const lines: { get: () => string | undefined; set: (t: string) => void }[] = [
    ...roles.headline.map((_, i) => ({ get: () => roles.headline[i], set: (t: string) => (roles.headline[i] = t) })),
    { get: () => roles.subtitle, set: (t: string) => (roles.subtitle = t) },
    { get: () => roles.kicker, set: (t: string) => (roles.kicker = t) },
  ];
  for (const line of lines) {
    const text = line.get();
    const m = text ? COLUMN_TAG.exec(text) : null;
    if (!m || NOT_COLUMN.test(m[2]) || m[1].trim().length < 2) continue;
    line.set(m[1].trimEnd());
    return m[2];
  }
  return undefined;
}

/**
 * Marks no English paragraph opens with — a closing or joining mark (", the", "; and", ") said", a stop
 * that is not an ellipsis) — and the spaces after them. On an OCR page they are debris (a column's bleed,
 * a masthead or a rule read as marks), and set first they would open a line; a paragraph of nothing else
 * goes. They join the import's dropped marks.
 */
const LEADING_DEBRIS = /^(?:(?:[,;:!?)\]}]|\.(?!\.\.))\s*)+/;

/** `dropped`: where the debris taken off paragraphs goes (the import's record of what it set aside). */
export function finishStory(d: Draft, language: 'zh' | 'en', source: string, dropped: string[] = []): ImportedStory {
  // Empty paragraphs (a dateline alone on its line) are dropped; subheads keep their place.
  const bodyIndex: number[] = [];
  const body: string[] = [];
  for (const p of d.paras) {
    bodyIndex.push(body.length);
    let text = paragraphText(p);
    const debris = language === 'en' ? LEADING_DEBRIS.exec(text)?.[0] : undefined;
    if (debris) {
      dropped.push(debris.trim());
      text = text.slice(debris.length);
    }
    if (text) body.push(text);
  }
  bodyIndex.push(body.length);
  const subheads = d.subheads.map((s) => ({ text: s.text, beforeParagraph: bodyIndex[s.beforeParagraph] }));
  const roles = headlineRoles(d, language);
  const column = language === 'zh' ? takeColumn(roles) : undefined;
  const story: ImportedStory = { headline: roles.headline, subheads, body, jumps: d.jumps, warnings: [], raw: source.slice(d.start, d.end) };
  if (roles.kicker !== undefined) story.kicker = roles.kicker;
  if (roles.subtitle !== undefined) story.subtitle = roles.subtitle;
  if (column) story.column = column;
  if (d.dateline) story.dateline = d.dateline;
  if (d.byline) story.byline = d.byline;
  // A wire tag the line break took off the dateline ("(Spe-" / "cial.) —") opens the body: it is the credit.
  if (language === 'en' && d.dateline && !d.byline && body.length) {
    const at = wireTagOpening(body[0]);
    if (at > 0 && at < body[0].length) {
      story.byline = body[0].slice(0, at).trim();
      body[0] = body[0].slice(at);
    }
  }
  if (d.caption) story.caption = d.caption.credit ? d.caption : { text: d.caption.text };
  story.warnings = storyWarnings(story, language);
  return story;
}

export function storyWarnings(story: ImportedStory, language: 'zh' | 'en'): ImportWarning[] {
  const out: ImportWarning[] = [];
  const field = (name: ImportWarning['field'], texts: string[]) =>
    texts.forEach((t, paragraph) => {
      for (const w of lintText(t, language) as ImportWarning[]) {
        // Located in place (no copy): a page of stray marks can hold a great many warnings.
        w.field = name;
        w.paragraph = paragraph;
        out.push(w);
      }
    });
  field('headline', [story.kicker, ...story.headline, story.subtitle].filter((t): t is string => !!t));
  field('body', story.body);
  if (story.caption?.text) field('caption', [story.caption.text]);
  // The dateline's byline "(记者…)" is text too: its brackets get the same GB/T 15834 check.
  if (story.byline && language === 'zh') {
    for (const w of lintText(story.byline, language) as ImportWarning[]) {
      w.field = 'story';
      out.push(w);
    }
  }
  // An author note closing a commentary is not where the text stops: look at the paragraph above it.
  let lastIndex = story.body.length - 1;
  if (lastIndex > 0 && isAuthorNote(story.body[lastIndex])) lastIndex--;
  const last = lastIndex >= 0 ? { text: story.body[lastIndex], from: 0, to: story.body[lastIndex].length } : null;
  const jumps = story.jumps.map((j) => ({ ...j, from: 0, to: 0 }));
  for (const w of storyEndWarnings(last, jumps)) out.push({ ...w, field: w.kind === 'truncated' ? 'body' : 'story', paragraph: w.kind === 'truncated' ? lastIndex : undefined });
  return out;
}
