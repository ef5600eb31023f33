import { describe, it, expect } from 'vitest';
import { Transform } from 'prosemirror-transform';
import { lintText, lintDoc } from '../../src/lib/lint/index';
import { storySchema } from '../../src/lib/model/schema';
import { translate } from '../../src/lib/i18n/catalog';
import { importText, toStoryDoc } from '../../src/lib/import/index';
import { readFileSync } from 'node:fs';

const kinds = (ws: { kind: string }[]) => ws.map((w) => w.kind);

describe('lintText', () => {
  it('repeated phrase: found with its position, never fixed', () => {
    const text = '大力弘扬劳模精神、工匠精神、工匠精神，巩固团结';
    const [w] = lintText(text, 'zh');
    expect(w).toMatchObject({ kind: 'repeated-phrase', text: '工匠精神' });
    expect(text.slice(w.from, w.to)).toBe('工匠精神、工匠精神');
    expect(w.fix).toBeUndefined();
    expect(w.message).toEqual({ code: 'lint.repeated-phrase', params: { text: '工匠精神' } });
    expect(translate('zh', w.message.code, w.message.params)).toContain('请核对');
    expect(translate('en', w.message.code, w.message.params)).toContain('check');
  });

  it('a triple repetition is one question, not two', () => {
    const text = '口号：跟党走、跟党走、跟党走；作为';
    const ws = lintText(text, 'zh').filter((w) => w.kind === 'repeated-phrase');
    expect(ws).toHaveLength(1);
    expect(text.slice(ws[0].from, ws[0].to)).toBe('跟党走、跟党走、跟党走');
    // Glued to the words before it, the first item is not a whole item: only exact repeats count,
    // so that 高级技师、技师 is never taken for a repeat.
    const glued = lintText('引导职工坚定不移跟党走、跟党走、跟党走；', 'zh').filter((w) => w.kind === 'repeated-phrase');
    expect(glued.map((w) => w.text)).toEqual(['跟党走']);
    expect(lintText('培育了高级技师、技师和工人。', 'zh')).toEqual([]);
  });

  it('a list without repeats is clean', () => {
    expect(lintText('送教入企、一课两讲、插空培训、弹性上班。', 'zh')).toEqual([]);
  });

  it('half-width punctuation in Chinese text, with a full-width fix', () => {
    const text = '本报讯 (记者王鑫) 他说:好!真的吗?是的;对,';
    const ws = lintText(text, 'zh').filter((w) => w.kind === 'halfwidth-punctuation');
    expect(ws.map((w) => w.text)).toEqual(['(', ')', ':', '!', '?', ';', ',']);
    expect(ws.map((w) => w.fix!.insert)).toEqual(['（', '）', '：', '！', '？', '；', '，']);
    for (const w of ws) expect(text.slice(w.fix!.from, w.fix!.to)).toBe(w.text);
  });

  it('half-width marks between figures or in English are left alone', () => {
    expect(lintText('会议9:30开始，增长3.5%，比分2:1', 'zh')).toEqual([]);
    expect(lintText('He said: "Yes, (really) now!"', 'en')).toEqual([]);
  });

  it('unbalanced quotes and brackets', () => {
    expect(kinds(lintText('他说：“好的。', 'zh'))).toEqual(['unbalanced']);
    expect(lintText('《意见》要求（草案）和『好工人』“真问题”', 'zh')).toEqual([]);
    const ws = lintText('这是》多余的', 'zh');
    expect(ws[0]).toMatchObject({ kind: 'unbalanced', text: '》', from: 2, to: 3 });
    const crossed = lintText('《关于（草案》）', 'zh');
    expect(crossed.map((w) => w.text)).toEqual(['（', '）']);
  });

  it('English doubled words', () => {
    const [w] = lintText('He went to the the station.', 'en');
    expect(w).toMatchObject({ kind: 'repeated-phrase', text: 'the', from: 11, to: 18 });
    expect(lintText('They said that the theme was good.', 'en')).toEqual([]);
  });
});

describe('lintDoc over a story doc', () => {
  const doc = (content: object[]) => storySchema.nodeFromJSON({ type: 'doc', content });

  it('maps offsets to doc positions, across marks', () => {
    const d = doc([
      { type: 'headline', content: [{ type: 'text', text: '标题' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: '本报讯', marks: [{ type: 'dateline' }] },
          { type: 'text', text: ' (记者王鑫) ', marks: [{ type: 'byline_mark' }] },
          { type: 'text', text: '工匠精神、工匠精神。' },
        ],
      },
    ]);
    const ws = lintDoc(d, 'zh');
    const repeat = ws.find((w) => w.kind === 'repeated-phrase')!;
    expect(d.textBetween(repeat.from, repeat.to)).toBe('工匠精神、工匠精神');
    const paren = ws.find((w) => w.kind === 'halfwidth-punctuation')!;
    expect(d.textBetween(paren.fix!.from, paren.fix!.to)).toBe('(');
    // Applying the fix as the editor will (a replace step) gives the full-width bracket, marks kept.
    const { from, to, insert } = paren.fix!;
    const fixed = new Transform(d).replaceWith(from, to, storySchema.text(insert, d.nodeAt(from)!.marks)).doc;
    expect(fixed.textContent).toContain('（记者王鑫)');
    expect(fixed.resolve(paren.fix!.from + 1).marks().map((m) => m.type.name)).toEqual(['byline_mark']);
  });

  it('flags a story cut off mid-sentence, but not one that jumps', () => {
    const cut = doc([{ type: 'paragraph', content: [{ type: 'text', text: '无论遇到什么样的风险和挑' }] }]);
    expect(kinds(lintDoc(cut, 'zh'))).toEqual(['truncated']);
    const jumped = doc([
      { type: 'paragraph', content: [{ type: 'text', text: '无论遇到什么样的风险和挑' }] },
      { type: 'jump_line', attrs: { direction: 'continuedTo', page: 2 } },
    ]);
    expect(lintDoc(jumped, 'zh')).toEqual([]);
  });

  it('takes a closing dateline or attribution in brackets as the end of a story, not a cut', () => {
    // Web-edition pages of Chinese papers end stories with "（本报莫斯科电）" or "（……报道）".
    const story = (last: string) =>
      doc([
        { type: 'paragraph', content: [{ type: 'text', text: '展览将持续至1月8日。' }] },
        { type: 'paragraph', content: [{ type: 'text', text: last }] },
      ]);
    expect(lintDoc(story('（本报莫斯科电）'), 'zh')).toEqual([]);
    expect(lintDoc(story('（综合本报记者刘维涛、赵婀娜、倪光辉报道）'), 'zh')).toEqual([]);
    expect(lintDoc(story('（完）'), 'zh')).toEqual([]);
    // Cut inside the note, or a sentence cut after one: still flagged.
    expect(kinds(lintDoc(story('（综合本报记者刘维涛、赵婀'), 'zh'))).toContain('truncated');
    expect(kinds(lintDoc(story('（本报莫斯科电）无论遇到什么样的风险和挑'), 'zh'))).toEqual(['truncated']);
  });

  it('flags a jump line without a page, at the jump node', () => {
    const d = doc([
      { type: 'paragraph', content: [{ type: 'text', text: '完整的一句。' }] },
      { type: 'jump_line', attrs: { direction: 'continuedTo', page: null } },
    ]);
    const [w] = lintDoc(d, 'zh');
    expect(w.kind).toBe('jump-without-page');
    expect(d.nodeAt(w.from)!.type.name).toBe('jump_line');
  });

  it('finds in the imported sample doc what the importer found in its text', () => {
    const text = readFileSync(new URL('../../src/lib/sample/front-page-zh.txt', import.meta.url), 'utf8');
    for (const story of importText(text).stories) {
      const d = storySchema.nodeFromJSON(toStoryDoc(story));
      const fromDoc = lintDoc(d, 'zh').map((w) => `${w.kind}:${w.text ?? ''}`).filter((k) => !k.startsWith('truncated')).sort();
      const fromImport = story.warnings.map((w) => `${w.kind}:${w.text ?? ''}`).filter((k) => !k.startsWith('truncated')).sort();
      expect(fromDoc).toEqual(fromImport);
      expect(lintDoc(d, 'zh').some((w) => w.kind === 'truncated')).toBe(story.warnings.some((w) => w.kind === 'truncated'));
    }
  });
});
