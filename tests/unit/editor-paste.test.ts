import { describe, expect, it } from 'vitest';
import { EditorState, TextSelection } from 'prosemirror-state';
import { Fragment, Slice, type Node as PMNode } from 'prosemirror-model';
import { storySchema as s } from '../../src/lib/model/schema';
import { cleanPastedHTML, fitPastedSlice, plainTextSlice } from '../../src/lib/editor/paste';

const t = (text: string) => s.text(text);
const p = (...c: PMNode[]) => s.nodes.paragraph.create(null, c);
const h = (...c: PMNode[]) => s.nodes.headline.create(null, c);
const kicker = (...c: PMNode[]) => s.nodes.kicker.create(null, c);
const doc = (...c: PMNode[]) => s.nodes.doc.create(null, c);

function pasteAt(d: PMNode, pos: number, slice: Slice): PMNode {
  let state = EditorState.create({ doc: d });
  state = state.apply(state.tr.setSelection(TextSelection.create(d, pos)));
  const fitted = fitPastedSlice(slice, state);
  return state.apply(state.tr.replaceSelection(fitted)).doc;
}

describe('paste keeps the role of the block the cursor is in', () => {
  // <p>甲</p><h1>乙</h1> as ProseMirror's clipboard parser gives it: open at both ends.
  const pasted = new Slice(Fragment.from([p(t('甲')), h(t('乙'))]), 1, 1);

  it('mid-paragraph: the rest of the paragraph stays body text, the headline becomes body', () => {
    const d = doc(kicker(t('引题')), p(t('前文后文')));
    const out = pasteAt(d, d.child(0).nodeSize + 3, pasted);
    expect(out.childCount).toBe(3);
    expect(out.child(0).type.name).toBe('kicker');
    expect([out.child(1).type.name, out.child(1).textContent]).toEqual(['paragraph', '前文甲']);
    expect([out.child(2).type.name, out.child(2).textContent]).toEqual(['paragraph', '乙后文']);
  });

  it('inside a kicker: the kicker stays a kicker at both ends', () => {
    const d = doc(kicker(t('引题文字')), p(t('正文')));
    const out = pasteAt(d, 3, new Slice(Fragment.from([p(t('甲')), p(t('乙'))]), 1, 1));
    expect(out.child(0).type.name).toBe('kicker');
    expect(out.child(1).type.name).toBe('kicker');
    expect(out.child(1).textContent).toBe('乙文字');
  });

  it('whole stories pasted into an empty block keep their roles', () => {
    const d = doc(p(t('正文')), p());
    const slice = new Slice(Fragment.from([kicker(t('引')), h(t('题')), p(t('文'))]), 1, 1);
    const out = pasteAt(d, d.child(0).nodeSize + 1, slice);
    expect(['kicker', 'headline', 'paragraph'].every((r, i) => out.child(i + 1).type.name === r)).toBe(true);
  });
});

describe('pasted HTML and text', () => {
  it('drops Word conditional comments, style sheets and scripts before parsing', () => {
    const html = '<!--[if gte mso 9]><xml><o:OfficeDocumentSettings/></xml><![endif]--><style>p{color:red}</style><p>正文<o:p></o:p></p><script>alert(1)</script>';
    expect(cleanPastedHTML(html)).toBe('<p>正文</p>');
  });

  it('plain text goes through the importer and comes as open blocks', () => {
    const slice = plainTextSlice('第一段正文，内容(记者)。\n\n第二段正文。', 'zh');
    expect(slice.openStart).toBe(1);
    expect(slice.content.childCount).toBeGreaterThanOrEqual(1);
    expect(slice.content.textBetween(0, slice.content.size)).toContain('第二段正文');
    const one = plainTextSlice('一句话', 'zh');
    expect(one.content.childCount).toBe(1);
    expect(one.content.firstChild!.textContent).toBe('一句话');
  });
});

describe('a web page pasted as HTML', () => {
  // <p>　　甲。 </p><p>&nbsp;</p><p>　　乙。</p>, as the clipboard parser gives it.
  const pasted = new Slice(Fragment.from([p(t('　　甲。 ')), p(t('\u00a0')), p(t('　　乙。'))]), 1, 1);

  it('drops the paragraphs’ ideographic indents and its blank paragraphs', () => {
    const d = doc(p(t('正文。')), p());
    const out = pasteAt(d, d.child(0).nodeSize + 1, pasted);
    expect([...Array(out.childCount).keys()].map((i) => out.child(i).textContent)).toEqual(['正文。', '甲。', '乙。']);
  });

  it('keeps the spaces where the paste joins the text around the cursor', () => {
    const d = doc(p(t('He said more.')));
    const out = pasteAt(d, 1 + 'He said'.length, new Slice(Fragment.from(p(t(' and'))), 1, 1));
    expect(out.child(0).textContent).toBe('He said and more.');
  });
});
