// Test helpers for the layout core: a fixed-width line source (every character
// one em, break anywhere) standing in for the typesetting engine where a test
// is about flow and cutting rather than line breaking, and story docs built
// from the sample's answer file.
import { readFileSync } from 'node:fs';
import type { DocJSON, Story } from '../../src/lib/model/edition';
import type { Line, SourceBlock, TextStyle, TypesetOptions } from '../../src/lib/typeset/types';
import type { Typesetter } from '../../src/lib/layout';

export class FixedWidthTypesetter implements Typesetter {
  calls = 0;
  typeset(blocks: SourceBlock[], styleOf: (role: string) => TextStyle, opts: TypesetOptions): Line[] {
    this.calls++;
    const out: Line[] = [];
    blocks.forEach((b, block) => {
      const style = styleOf(b.role);
      const text = b.runs.map((r) => r.text).join('');
      const em = style.sizePt;
      const perLine = Math.max(1, Math.floor(opts.widthPt / em + 1e-9));
      let from = 0;
      let first = true;
      while (from < text.length || first) {
        const room = Math.max(1, perLine - (first ? style.indentEm : 0));
        const to = Math.min(text.length, from + room);
        const t = text.slice(from, to);
        const x = first ? style.indentEm * em : 0;
        out.push({
          block,
          from,
          to,
          text: t,
          naturalWidth: t.length * em,
          stretch: 0,
          leadingPt: style.leadingPt,
          sizePt: em,
          firstOfBlock: first,
          lastOfBlock: to >= text.length,
          runs: [{ text: t, x, width: t.length * em, marks: [] }],
        });
        first = false;
        from = to;
        if (!text.length) break;
      }
    });
    return out;
  }
}

export function para(text: string): DocJSON {
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}

export function block(type: string, text: string): DocJSON {
  return { type, content: [{ type: 'text', text }] };
}

export function makeStory(id: string, content: DocJSON[], priority = 1): Story {
  return { id, slug: id, doc: { type: 'doc', content }, meta: { section: 'news', priority, status: 'raw', tags: [] }, raw: '' };
}

interface ExpectedStory {
  kicker?: string;
  headline?: string[];
  headlineGroupText?: string;
  subtitle?: string;
  dateline?: string;
  byline?: string;
  subheads?: { text: string; beforeParagraph: number }[];
  body: string[];
  caption?: { text: string; credit?: string };
  jumps: { direction: 'continuedTo' | 'continuedFrom'; page: number }[];
}

export const SAMPLE_EXPECTED = 'tests/fixtures/front-page-zh.expected.json';

/** The sample's stories as docs, built from its answer file (not by the importer). */
export function sampleStories(): { stories: Story[]; bodies: string[] } {
  const expected = JSON.parse(readFileSync(SAMPLE_EXPECTED, 'utf8')) as { stories: ExpectedStory[] };
  const stories = expected.stories.map((s, i) => {
    const content: DocJSON[] = [];
    if (s.kicker) content.push(block('kicker', s.kicker));
    for (const h of s.headline ?? (s.headlineGroupText ? [s.headlineGroupText] : [])) content.push(block('headline', h));
    if (s.subtitle) content.push(block('subtitle', s.subtitle));
    if (s.byline && !s.dateline) content.push(block('byline', s.byline));
    s.body.forEach((p, k) => {
      for (const sh of s.subheads ?? []) if (sh.beforeParagraph === k) content.push(block('subhead', sh.text));
      if (k === 0 && s.dateline) {
        const inline: DocJSON[] = [{ type: 'text', text: s.dateline, marks: [{ type: 'dateline' }] }, { type: 'text', text: ' ' }];
        if (s.byline) inline.push({ type: 'text', text: `（${s.byline}）`, marks: [{ type: 'byline_mark' }] }, { type: 'text', text: ' ' });
        inline.push({ type: 'text', text: p });
        content.push({ type: 'paragraph', content: inline });
      } else content.push(para(p));
    });
    if (s.caption) {
      content.push(block('caption', s.caption.text));
      if (s.caption.credit) content.push(block('credit', s.caption.credit));
    }
    for (const j of s.jumps) content.push({ type: 'jump_line', attrs: { direction: j.direction, page: j.page } });
    return makeStory(`s${i}`, content, i + 1);
  });
  return { stories, bodies: expected.stories.map((s) => s.body.join('')) };
}
