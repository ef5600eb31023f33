// ImportedStory ⇄ ProseMirror JSON in the story schema, and stories for the edition.
import type { DocJSON, Story } from '../model/edition';
import type { JumpDirection } from '../model/schema';
import { hash } from '../model/text';
import type { ImportedStory, ImportResult } from './types';

const block = (type: string, text: string): DocJSON => (text ? { type, content: [{ type: 'text', text }] } : { type });
const jump = (direction: JumpDirection, page: number | null): DocJSON => ({ type: 'jump_line', attrs: { direction, page } });

/** A byline in brackets rode on the dateline; one on its own line ("新华社记者", "By JOHN SMITH") is a block. */
const inlineByline = (b: string | undefined) => !!b && /^[(（]/.test(b);

export function toStoryDoc(story: ImportedStory): DocJSON {
  const content: DocJSON[] = [];
  if (story.kicker) content.push(block('kicker', story.kicker));
  for (const line of story.headline) content.push(block('headline', line));
  if (story.subtitle) content.push(block('subtitle', story.subtitle));
  if (story.byline && !inlineByline(story.byline)) content.push(block('byline', story.byline));
  for (const j of story.jumps) if (j.direction === 'continuedFrom') content.push(jump(j.direction, j.page));
  const zh = /[\u3400-\u9fff]/.test(story.body[0] ?? story.dateline ?? '');
  story.body.forEach((text, i) => {
    for (const s of story.subheads) if (s.beforeParagraph === i) content.push(block('subhead', s.text));
    const runs: DocJSON[] = [];
    if (i === 0) {
      // The 电头 and its bracketed byline open the first paragraph, marked, with the source's brackets.
      const space = zh ? '\u3000' : ' ';
      if (story.dateline) runs.push({ type: 'text', text: story.dateline, marks: [{ type: 'dateline' }] });
      if (inlineByline(story.byline)) {
        if (story.dateline) runs.push({ type: 'text', text: space });
        runs.push({ type: 'text', text: story.byline!, marks: [{ type: 'byline_mark' }] });
      }
      if (runs.length && text && !(story.dateline && /[—-]$/.test(story.dateline) && !inlineByline(story.byline))) runs.push({ type: 'text', text: space });
    }
    if (text) runs.push({ type: 'text', text });
    content.push(runs.length ? { type: 'paragraph', content: runs } : { type: 'paragraph' });
  });
  for (const s of story.subheads) if (s.beforeParagraph >= story.body.length) content.push(block('subhead', s.text));
  if (!story.body.length && (story.dateline || inlineByline(story.byline))) {
    const runs: DocJSON[] = [];
    if (story.dateline) runs.push({ type: 'text', text: story.dateline, marks: [{ type: 'dateline' }] });
    if (inlineByline(story.byline)) runs.push({ type: 'text', text: story.byline!, marks: [{ type: 'byline_mark' }] });
    content.push({ type: 'paragraph', content: runs });
  }
  for (const j of story.jumps) if (j.direction === 'continuedTo') content.push(jump(j.direction, j.page));
  if (story.caption) {
    content.push(block('caption', story.caption.text));
    if (story.caption.credit) content.push(block('credit', story.caption.credit));
  }
  if (!content.length) content.push({ type: 'paragraph' });
  return { type: 'doc', content };
}

const textOf = (n: DocJSON): string => (n.text ?? '') + (n.content ?? []).map(textOf).join('');

/** The fields back from a story doc: what layout needs (body paragraphs) and the rest. */
export function fromStoryDoc(doc: DocJSON): ImportedStory {
  const story: ImportedStory = { headline: [], subheads: [], body: [], jumps: [], warnings: [], raw: '' };
  for (const node of doc.content ?? []) {
    const text = textOf(node);
    switch (node.type) {
      case 'kicker':
        story.kicker = text;
        break;
      case 'headline':
        story.headline.push(text);
        break;
      case 'subtitle':
        story.subtitle = text;
        break;
      case 'byline':
        story.byline = text;
        break;
      case 'subhead':
        story.subheads.push({ text, beforeParagraph: story.body.length });
        break;
      case 'caption':
        story.caption = { text, ...story.caption };
        story.caption.text = text;
        break;
      case 'credit':
        story.caption = { text: story.caption?.text ?? '', credit: text };
        break;
      case 'jump_line':
        story.jumps.push({ direction: node.attrs?.direction as JumpDirection, page: (node.attrs?.page as number | null) ?? null, text: '' });
        break;
      case 'paragraph': {
        let body = '';
        for (const run of node.content ?? []) {
          const marks = (run.marks ?? []).map((m) => m.type);
          if (marks.includes('dateline')) story.dateline = (story.dateline ?? '') + (run.text ?? '');
          else if (marks.includes('byline_mark')) story.byline = (story.byline ?? '') + (run.text ?? '').trim();
          else body += textOf(run);
        }
        story.body.push(story.body.length === 0 ? body.trim() : body);
        break;
      }
    }
  }
  return story;
}

const SECTION = { zh: '要闻', en: 'Front' } as const;

function slugOf(story: ImportedStory): string {
  const base = story.headline.join(' ') || story.kicker || story.body[0]?.slice(0, 24) || 'story';
  // Han characters stay (a Chinese slug cannot be transliterated without a dictionary); the rest is kebab-case.
  return base.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'story';
}

export function storiesFromImport(result: ImportResult): Story[] {
  return result.stories.map((s, i) => ({
    id: `story-${i + 1}-${hash(s.raw || s.body.join('\n'))}`,
    slug: slugOf(s),
    doc: toStoryDoc(s),
    meta: { section: SECTION[result.language], priority: i + 1, status: 'raw', tags: [], ...(s.column ? { column: s.column } : {}) },
    raw: s.raw,
  }));
}
