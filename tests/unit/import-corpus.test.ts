// Web-edition pages scored the way the shared scorer tools/check_corpus.py (run by hand, never read here) scores them: a story
// is right when its title lines are found whole as its headline group (a column tag may
// move to `column`) and dateline + byline + body + subheads + caption + credit give the
// page's paragraphs back one for one.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { importText, type ImportedStory } from '../../src/lib/import/index';

const CORPUS = new URL('../fixtures/corpus/', import.meta.url);
/** Pages of the same kind from other crawls and years (see its README). */
const WEB_PAGES = new URL('../fixtures/web-pages/', import.meta.url);
const answers = (dir: URL) => readdirSync(dir).filter((f) => f.endsWith('.expected.json')).sort().map((f) => new URL(f, dir).href);
const PAGES = [...answers(CORPUS), ...answers(WEB_PAGES)];
const DIR = CORPUS;

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
  const expected = (JSON.parse(readFileSync(new URL(page), 'utf8')) as { stories: Expected[] }).stories;
  const stories = importText(readFileSync(new URL(page.replace('.expected.json', '.txt')), 'utf8')).stories;
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
  it('has the ten pages', () => {
    expect(PAGES).toHaveLength(10);
  });

  for (const page of PAGES) {
    it(`${page.split('/fixtures/')[1]}: every story right, none extra`, () => {
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

  it('the title slots name 引题, 主题 and 副题; the salutation after them opens the body', () => {
    const { stories } = importText(readFileSync(new URL('rmrb-20200124-01.txt', DIR), 'utf8'));
    const meeting = stories[1];
    expect(meeting.kicker).toBeUndefined();
    expect(meeting.headline).toEqual(['中共中央国务院举行春节团拜会']);
    expect(meeting.subtitle).toMatch(/^习近平发表讲话/);
    const speech = stories[2];
    expect(speech.headline).toEqual(['在二〇二〇年春节团拜会上的讲话']);
    expect(speech.subtitle).toBe('（二〇二〇年一月二十三日）');
    expect(speech.body[0]).toBe('同志们，朋友们：');
    expect(speech.body.at(-1)).toBe('（新华社北京1月23日电）');
  });

  it('a letter keeps its signature and date; a ■ lead keeps its mark', () => {
    const { stories } = importText(readFileSync(new URL('rmrb-20200128-01.txt', DIR), 'utf8'));
    const notice = stories.find((s) => s.headline.join('').startsWith('国务院办公厅关于延长'))!;
    expect(notice.body.slice(-2)).toEqual(['国务院办公厅', '2020年1月26日']);
    expect(stories.some((s) => s.body[0]?.startsWith('■'))).toBe(true);
  });

  it('title blocks without blank lines: after a finished paragraph, a title line opens the next story', () => {
    const text = ['国办印发', '国家政务信息化项目建设管理办法', '　　新华社北京1月21日电　近日，国务院办公厅印发办法。', '　　《办法》指出，要规范建设管理。', '水岸同治', '　　近年来，仙居县治理小流域。', '　　陈月明摄（人民视觉）'].join('\r\n');
    const { stories } = importText(text);
    expect(stories).toHaveLength(2);
    expect(stories[0].kicker).toBe('国办印发');
    expect(stories[0].headline).toEqual(['国家政务信息化项目建设管理办法']);
    expect(stories[0].body).toHaveLength(2);
    expect(stories[1].headline).toEqual(['水岸同治']);
    expect(stories[1].caption).toEqual({ text: '近年来，仙居县治理小流域。', credit: '陈月明摄（人民视觉）' });
  });

  it('an unindented line inside a story that reads as text stays a paragraph', () => {
    const text = ['', '标题', '', '　　第一段写到这里，', '接着写的一段不是标题，它有逗号和句号。', '　　第三段。'].join('\n');
    const { stories } = importText(text);
    expect(stories).toHaveLength(1);
    expect(stories[0].body).toEqual(['第一段写到这里，', '接着写的一段不是标题，它有逗号和句号。', '第三段。']);
  });

  it('three empty title slots open an article; one or two empty lines between paragraphs do not', () => {
    const { stories } = importText(readFileSync(new URL('composed-picture-item.txt', WEB_PAGES), 'utf8'));
    expect(stories).toHaveLength(3);
    expect(stories[1].headline).toEqual([]);
    expect(stories[1].body).toEqual(['新年前夕，国家主席习近平通过中央广播电视总台和互联网，发表二〇二三年新年贺词。新华社记者  鞠  鹏摄']);
    expect(stories[0].body).toHaveLength(5);
    // An empty paragraph inside an article (one or two blank lines, as the crawl has them) stays inside it.
    const page = ['', '标题', '', '　　第一段。', '', '', '　　第二段。', '', '　　第三段。'].join('\r\n');
    expect(importText(page).stories.map((s) => s.body.length)).toEqual([3]);
  });

  it('a title kept with no paragraph is an article of its own, even on a page of two', () => {
    const { stories } = importText(readFileSync(new URL('composed-title-only.txt', WEB_PAGES), 'utf8'));
    expect(stories.map((s) => [s.kicker, s.headline, s.body.length])).toEqual([
      [undefined, ['中俄两国元首互致新年贺电'], 0],
      [undefined, ['中俄两国元首互致新年贺电'], 5],
    ]);
  });

  it('a title the site left a space before is a title: the page indents its paragraphs one way', () => {
    const page = readFileSync(new URL('rmrb-20260512-01.txt', WEB_PAGES), 'utf8').replace('\r\n增智逐绿', '\r\n 增智逐绿');
    const { stories } = importText(page);
    expect(stories.map((s) => s.headline[0] ?? '')).toEqual(['改造升级  传统产业提质增效', '增智逐绿  中国制造聚力创新', '浙江稳步推进共同富裕']);
    expect(stories[0].body).toHaveLength(9);
  });

  it('a web page saved without indents keeps one paragraph per line: read as the same page with its indents', () => {
    const indented = readFileSync(new URL('rmrb-20260512-01.txt', WEB_PAGES), 'utf8');
    const parts = (t: string) => importText(t).stories.map((s) => ({ k: s.kicker, h: s.headline, t: s.subtitle, c: s.column, d: s.dateline, b: s.body, s: s.subheads, p: s.caption }));
    const flat = parts(indented.replace(/^\u3000\u3000/gm, ''));
    expect(flat.map((s) => s.b.length + s.s.length)).toEqual([9, 7, 9]);
    expect(flat).toEqual(parts(indented));
    // The source line under the opening quote stands in its place, not joined to the next paragraph.
    expect(flat[0].b.slice(1, 3)).toEqual([
      '——2025年7月，习近平总书记在山西考察时指出',
      '从日常使用的铅笔橡皮，到工业机械的螺丝阀门，传统制造业是国民经济的重要支撑。',
    ]);
    expect(flat[2].b[2]).toBe('完善机制，深化“山海协作”——');
  });

  it('a web page saved without indents: the blanks of the title slots part the articles, whatever the titles say', () => {
    // The crawl's own page with every indent taken off: a title with a comma, a quoted title and a
    // picture caption with its credit opening the page no longer stand apart by their indent.
    const name = new URL('rmrb-20230101-01.expected.json', WEB_PAGES).href;
    const page = readFileSync(new URL('rmrb-20230101-01.txt', WEB_PAGES), 'utf8').replace(/^\u3000\u3000/gm, '');
    const { stories } = importText(page);
    const expected = (JSON.parse(readFileSync(new URL(name), 'utf8')) as { stories: Expected[] }).stories;
    expect(stories.map((s) => s.headline.join(''))).toEqual(expected.map((e) => e.titles.join('')));
    stories.forEach((s, k) => expect(paragraphsOf(s)).toEqual(expected[k].paragraphs.map(norm)));
  });

  it('without indents, slots holding a 引题 and a 主题 end at their blank even when short paragraphs follow', () => {
    const page = [
      '',
      '第一篇的标题',
      '',
      '第一段写完了，这是一个足够长的段落，后面还有别的话要在这里一并说完。',
      '第二段也写完了，这同样是一个足够长的段落，要说的话已经在这里说完了。',
      '读者的问题在这里——',
      '城际出行，如何更便捷',
      '',
      '读者关切',
      '——人民网网友',
      '回答写在这里，这是一个足够长的段落，后面还有别的话要在这里一并说完。',
      '第二个回答也写在这里，这同样是一个足够长的段落，要说的话在这里说完了。',
    ].join('\r\n');
    const { stories } = importText(page);
    expect(stories.map((s) => [s.kicker, s.headline])).toEqual([
      [undefined, ['第一篇的标题']],
      ['读者的问题在这里——', ['城际出行，如何更便捷']],
    ]);
    expect(stories.map((s) => paragraphsOf(s).length)).toEqual([2, 4]);
  });

  it('without indents, a page of one article, an article kept with its title alone, and quoted lines are read by their slots', () => {
    const flat = (t: string) => t.replace(/^\u3000\u3000/gm, '');
    const shape = (t: string) => importText(t).stories.map((s) => [s.kicker, s.headline, s.body.length + s.subheads.length]);
    // One article: only the slots opening the page hold a blank.
    const three = readFileSync(new URL('rmrb-20260512-01.txt', WEB_PAGES), 'utf8');
    const one = three.slice(0, three.indexOf('\r\n\r\n增智逐绿') + 2);
    expect(shape(flat(one))).toEqual([[undefined, ['改造升级  传统产业提质增效'], 9]]);
    // A title with no paragraph, its empty 副题 slot followed by the next article's empty 引题 slot.
    const titleOnly = readFileSync(new URL('composed-title-only.txt', WEB_PAGES), 'utf8');
    expect(shape(flat(titleOnly))).toEqual(shape(titleOnly));
    // An article whose paragraphs are mostly quoted lines and ——lines (no 。 at their end), told six times over.
    const page = readFileSync(new URL('rmrb-20230101-01.txt', WEB_PAGES), 'utf8');
    const last = page.lastIndexOf('\r\n\r\n贺词里的追梦人');
    const long = page.slice(0, last) + page.slice(last).replace(/(\u3000\u3000[^\r]*\r\n)+/, (m) => m.repeat(6));
    expect(shape(flat(long))).toEqual(shape(long));
  });

  it('without indents, a title between two blanks is the next article even after two short closing lines', () => {
    const page = [
      '',
      '第一篇的标题',
      '',
      '第一段写完了，这是一个足够长的段落，后面还有别的话要在这里一并说完。',
      '第二段也写完了，这同样是一个足够长的段落，要说的话已经在这里说完了。',
      '本期统筹：张三',
      '版式设计：李四',
      '',
      '第二篇的标题',
      '',
      '回答写在这里，这是一个足够长的段落，后面还有别的话要在这里一并说完。',
      '第二个回答也写在这里，这同样是一个足够长的段落，要说的话在这里说完了。',
    ].join('\r\n');
    const { stories } = importText(page);
    expect(stories.map((s) => [s.kicker, s.headline, s.body.length + s.subheads.length])).toEqual([
      [undefined, ['第一篇的标题'], 4],
      [undefined, ['第二篇的标题'], 2],
    ]);
  });

  it('on a page that keeps its title slots, two unindented lines inside an article are its text', () => {
    const page = readFileSync(new URL('rmrb-20200124-01.txt', DIR), 'utf8');
    const at = page.indexOf('\u3000\u3000用汗水浇灌收获');
    const { stories } = importText(page.slice(0, at) + '床前明月光\r\n疑是地上霜\r\n' + page.slice(at));
    expect(stories).toHaveLength(3);
    expect(stories[0].body.slice(2, 4)).toEqual(['床前明月光', '疑是地上霜']);
  });
});
