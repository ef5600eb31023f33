// Web-edition pages scored the way ../shared/tools/check_corpus.py scores them: a story
// is right when its title lines are found whole as its headline group (a column tag may
// move to `column`) and dateline + byline + body + subheads + caption + credit give the
// page's paragraphs back one for one.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { importText, type ImportedStory } from '../../src/lib/import/index';

const DIR = new URL('../fixtures/corpus/', import.meta.url);
const PAGES = readdirSync(DIR).filter((f) => f.endsWith('.expected.json')).sort();

interface Expected {
  titles: string[];
  paragraphs: string[];
}

const norm = (s: string | undefined) => (s ?? '').replace(/[\s\u00a0\u3000]+/g, '');
const unbracket = (s: string) => s.replace(/[()（）]/g, '');

const titlesOf = (s: ImportedStory) => unbracket(norm([s.kicker ?? '', ...s.headline, s.subtitle ?? ''].join('')));

function titlesExpected(e: Expected, s: ImportedStory): string {
  const want = unbracket(norm(e.titles.join('')));
  const column = unbracket(norm(s.column));
  return column && want.includes(column) ? want.replace(column, '') : want;
}

function paragraphsOf(s: ImportedStory): string[] {
  let body = [...s.body];
  const head = (s.dateline ?? '') + (s.byline ?? '');
  if (head) body = [head + (body[0] ?? ''), ...body.slice(1)];
  for (const sub of [...s.subheads].sort((a, b) => b.beforeParagraph - a.beforeParagraph)) {
    body.splice(Math.min(Math.max(sub.beforeParagraph, 0), body.length), 0, sub.text);
  }
  body.push(...(s.caption?.text ?? '').split('\n').filter((l) => l.trim()));
  if (s.caption?.credit) body.push(s.caption.credit);
  return body.map(norm).filter(Boolean);
}

/** Pairs each expected story with the imported story sharing most of its text (4-grams, as the scorer does). */
function match(expected: Expected[], actual: ImportedStory[]): (ImportedStory | null)[] {
  const used = new Set<number>();
  return expected.map((e) => {
    const et = norm([...e.titles, ...e.paragraphs].join(''));
    const grams = new Set<string>();
    for (let i = 0; i < Math.max(et.length - 3, 1); i += 2) grams.add(et.slice(i, i + 4));
    let best = -1;
    let score = 0;
    actual.forEach((a, i) => {
      if (used.has(i)) return;
      const at = titlesOf(a) + norm(a.column) + paragraphsOf(a).join('');
      let hits = 0;
      for (const g of grams) if (at.includes(g)) hits++;
      const s = hits / Math.max(grams.size, 1);
      if (s > score) [best, score] = [i, s];
    });
    if (best < 0 || score <= 0.5) return null;
    used.add(best);
    return actual[best];
  });
}

function score(page: string): { right: number; total: number; extra: number; wrong: string[] } {
  const expected = (JSON.parse(readFileSync(new URL(page, DIR), 'utf8')) as { stories: Expected[] }).stories;
  const stories = importText(readFileSync(new URL(page.replace('.expected.json', '.txt'), DIR), 'utf8')).stories;
  const pairs = match(expected, stories);
  const wrong: string[] = [];
  let right = 0;
  pairs.forEach((a, i) => {
    const e = expected[i];
    const ok = a && titlesOf(a) === titlesExpected(e, a) && JSON.stringify(paragraphsOf(a)) === JSON.stringify(e.paragraphs.map(norm));
    if (ok) right++;
    else wrong.push(e.titles[0] ?? '?');
  });
  return { right, total: expected.length, extra: stories.length - pairs.filter(Boolean).length, wrong };
}

describe('web-edition pages (corpus-v1), scored as check_corpus.py scores them', () => {
  it('has the six pages', () => {
    expect(PAGES).toHaveLength(6);
  });

  for (const page of PAGES) {
    it(`${page}: every story right, none extra`, () => {
      const { right, total, extra, wrong } = score(page);
      expect(wrong).toEqual([]);
      expect(right).toBe(total);
      expect(extra).toBe(0);
    });
  }

  it('the scoring fails a page whose paragraphs were joined or whose titles were lost', () => {
    // The scorer itself must be able to say "wrong": a story with two paragraphs joined,
    // and one with its headline read as body text, do not count.
    const e: Expected = { titles: ['标题'], paragraphs: ['第一段。', '第二段。'] };
    const joined: ImportedStory = { headline: ['标题'], subheads: [], body: ['第一段。第二段。'], jumps: [], warnings: [], raw: '' };
    const lost: ImportedStory = { headline: [], subheads: [], body: ['标题', '第一段。', '第二段。'], jumps: [], warnings: [], raw: '' };
    expect(JSON.stringify(paragraphsOf(joined))).not.toBe(JSON.stringify(e.paragraphs.map(norm)));
    expect(titlesOf(lost)).not.toBe(titlesExpected(e, lost));
  });

  it('a column tag comes out of the headline into `column`, brackets kept', () => {
    const { stories } = importText(readFileSync(new URL('rmrb-20200105-01.txt', DIR), 'utf8'));
    const s = stories.find((x) => x.column === '（今日谈）')!;
    expect(s.headline).toEqual(['只要有信心 黄土变成金']);
  });
});
