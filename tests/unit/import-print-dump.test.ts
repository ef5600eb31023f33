// Print dumps of another day: hand-written inputs in the conventions of the sample dump
// (one line per paragraph or headline line, blank lines between them), each holding one thing
// another day's front page or inside page of a Chinese daily plausibly has and the sample does not.
// The texts are written for these tests; none is copied from a real page.
import { describe, it, expect } from 'vitest';
import { importText } from '../../src/lib/import/index';
import { findDatelineZh, isBylineLine, isCredit } from '../../src/lib/import/datelines';

const dump = (...lines: string[]) => lines.join('\n\n') + '\n';

describe('print dumps: what another day holds', () => {
  it('the folio line (paper, date, weekday, page) is furniture, not a kicker', () => {
    const { stories, furniture } = importText(dump('人民日报 2022年1月9日 星期日 第1版', '两国元首互致贺电', '新华社北京12月31日电 两国元首互致贺电。'));
    expect(furniture.map((f) => [f.kind, f.text])).toEqual([['folio', '人民日报 2022年1月9日 星期日 第1版']]);
    expect(stories[0].kicker).toBeUndefined();
    expect(stories[0].headline).toEqual(['两国元首互致贺电']);
    // A page line of an inside page, and a date alone with its weekday.
    expect(importText(dump('第02版：要闻', '标题', '本报北京1月8日电 正文。')).furniture.map((f) => f.text)).toEqual(['第02版：要闻']);
    // A sentence naming a day and its weekday is text.
    const text = importText(dump('标题', '本报北京1月8日电 会议定于2022年1月9日（星期日）召开，会期一天。'));
    expect(text.furniture).toEqual([]);
  });

  it('a headline closing in a column tag opens a commentary after a finished story, with no dateline', () => {
    const { stories } = importText(dump('两国元首互致贺电', '新华社北京12月31日电 两国元首互致贺电。', '习近平指出，关系健康发展。', '只要有信心 黄土变成金（今日谈）', '只要有信心，黄土变成金。', '这是第二段。'));
    expect(stories).toHaveLength(2);
    expect(stories[1].headline).toEqual(['只要有信心 黄土变成金']);
    expect(stories[1].column).toBe('（今日谈）');
    expect(stories[1].body).toEqual(['只要有信心，黄土变成金。', '这是第二段。']);
    // A short line with no tag between finished paragraphs stays a subhead.
    const sub = importText(dump('标题', '本报北京1月8日电 第一段。', '飞入寻常百姓家', '第二段。')).stories;
    expect(sub).toHaveLength(1);
    expect(sub[0].subheads).toEqual([{ text: '飞入寻常百姓家', beforeParagraph: 1 }]);
  });

  it('a byline line after a finished story (or its author note) heads the next one', () => {
    const { stories } = importText(dump('学思践悟坚定信心', '人民日报记者 张三', '全会是一次重要会议。', '（作者为中央党校教授）', '经济日报记者 李四', '这是另一篇稿件的正文。'));
    expect(stories).toHaveLength(2);
    expect(stories[0].body.at(-1)).toBe('（作者为中央党校教授）');
    expect(stories[1].byline).toBe('经济日报记者 李四');
    expect(stories[1].body).toEqual(['这是另一篇稿件的正文。']);
  });

  it('datelines of other shapes: the agency alone, a web outlet\'s 消息', () => {
    expect(findDatelineZh('据新华社电 记者7日了解到，14部门印发意见。')).toMatchObject({ dateline: '据新华社电' });
    expect(findDatelineZh('央视网消息：1月17日，春运正式开始。')).toMatchObject({ dateline: '央视网消息：' });
    expect(findDatelineZh('新华社华盛顿1月6日电（记者 徐剑梅）美国国会…')).toMatchObject({ dateline: '新华社华盛顿1月6日电', byline: '（记者 徐剑梅）' });
    // Ordinary words stay text.
    expect(findDatelineZh('新华社电视台报道了此事。')).toBeNull();
    expect(findDatelineZh('他收到一条消息：明天开会。')).toBeNull();
  });

  it('bylines of any outlet, credits of supplied and agency pictures', () => {
    expect(isBylineLine('中国青年报记者 王五', 'zh')).toBe(true);
    expect(isBylineLine('本报驻柏林记者 赵六', 'zh')).toBe(true);
    expect(isBylineLine('记者在现场看到，人们排队。', 'zh')).toBe(false);
    expect(isCredit('新华社发（王鹏摄）')).toBe(true);
    expect(isCredit('视觉中国供图')).toBe(true);
    expect(isCredit('受访者供图')).toBe(true);
    expect(isCredit('他说这是朋友供图，并不是自己拍的。')).toBe(false);
    const { stories } = importText(dump('冰雪健儿驰骋赛场', '本报讯 第一段。（下转第二版）', '', '', '图为1月7日，一名居民在超市选购菜品。', '新华社发（王鹏摄）'));
    expect(stories.at(-1)!.caption).toEqual({ text: '图为1月7日，一名居民在超市选购菜品。', credit: '新华社发（王鹏摄）' });
  });

  it('a headline holding a comma, right above a dateline or a byline, heads its story', () => {
    const { stories } = importText(dump('两国元首互致贺电', '新华社北京12月31日电 两国元首互致贺电。', '今天的中国，是梦想接连实现的中国', '本报评论员', '日月开新元，万象启新篇。', '全国总工会制定意见', '群众烦心事，就是要紧事', '本报北京1月7日电 （记者郝赫）全总党组日前研究决定。'));
    expect(stories.map((s) => [s.kicker, s.headline])).toEqual([
      [undefined, ['两国元首互致贺电']],
      [undefined, ['今天的中国，是梦想接连实现的中国']],
      ['全国总工会制定意见', ['群众烦心事，就是要紧事']],
    ]);
    // The rest of a sentence a column break cut stays text, dateline below or not.
    const cut = importText(dump('标题', '本报北京1月7日电 会议强调，要坚持以人民为中心，', '深入学习贯彻全会精神，', '本报北京1月8日电 又一篇。')).stories;
    expect(cut[0].body).toEqual(['会议强调，要坚持以人民为中心，深入学习贯彻全会精神，']);
  });

  it('jump lines of a paper in sections name the page with its letter: (下转A2版), (上接A1版)', () => {
    const { stories } = importText(dump('标题', '本报讯 第一段写完了。(下转A2版)', '', '', '(上接A1版)', '第二段。'));
    expect(stories[0].body).toEqual(['第一段写完了。']);
    expect(stories[0].jumps).toEqual([{ direction: 'continuedTo', page: 2, text: '(下转A2版)' }]);
    expect(stories[1].jumps).toEqual([{ direction: 'continuedFrom', page: 1, text: '(上接A1版)' }]);
    expect(stories[1].body).toEqual(['第二段。']);
  });
});
