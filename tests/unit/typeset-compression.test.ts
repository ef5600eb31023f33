// Punctuation compression (标点挤压, W3C clreq §3.1.6) in the engine's line
// breaking, so line counts stay exact and the page draws the same positions;
// the house style's switch; and UAX #14 LB13 for Latin lines in noisy OCR text.
import { describe, it, expect } from 'vitest';
import { Typesetter } from '../../src/lib/typeset';
import { houseStyle } from '../../src/lib/typeset/styles';
import type { TextStyle } from '../../src/lib/typeset/types';

const SIZE = 9;
const zhBody = houseStyle('paragraph', { language: 'zh', bodySizePt: SIZE, leadingPt: 13.5, headlinePt: 20 });
const flat: TextStyle = { ...zhBody, indentEm: 0, align: 'start' };
let n = 0;
function set(text: string, style: TextStyle, widthPt = 400, language: 'zh' | 'en' = 'zh') {
  return new Typesetter().typeset([{ key: `t${n++}`, role: 'paragraph', runs: [{ text, marks: [] }] }], () => style, { widthPt, language });
}

describe('punctuation compression (clreq)', () => {
  it('sets two adjacent full-width marks in 1.5 em, and draws the second where the engine counted it', () => {
    const [line] = set('是的！（今日谈）', flat);
    // 是的！（今日谈） is 8 marks and characters: 7 em, half an em off the ！（ pair and half off the closing ） at the line end.
    expect(line.naturalWidth).toBeCloseTo(7 * SIZE, 6);
    const open = line.runs.find((r) => r.text.startsWith('（'))!;
    expect(open.x).toBeCloseTo(2.5 * SIZE, 6);
  });

  it('sets a space beside a full-width mark at no width (OCR and web copy carry them)', () => {
    const [line] = set('是的！ （今日谈）', flat);
    expect(line.naturalWidth).toBeCloseTo(7 * SIZE, 6);
  });

  it('trims the blank half of a mark at the line end', () => {
    const [line] = set('他说：好。', flat);
    const last = line.runs[line.runs.length - 1];
    expect(last.text.endsWith('。')).toBe(true);
    expect(last.x + last.width).toBeCloseTo(4.5 * SIZE, 6);
  });

  it('fits more text on a line, so a paragraph can take fewer lines than at full width', () => {
    const text = '“你好”，（注）《书》。'.repeat(12);
    const width = 20 * SIZE;
    const compressed = set(text, { ...zhBody, indentEm: 0 }, width);
    const full = set(text, { ...zhBody, indentEm: 0, punctuation: 'full' }, width);
    expect(compressed.length).toBeLessThan(full.length);
    // Either way every line stays inside the column.
    for (const l of [...compressed, ...full]) {
      const end = l.runs[l.runs.length - 1];
      expect(end.x + end.width).toBeLessThanOrEqual(width + 1e-6);
    }
  });

  it('is switched off by the house style: every mark a full em', () => {
    const off = houseStyle('paragraph', { language: 'zh', bodySizePt: SIZE, leadingPt: 13.5, headlinePt: 20, punctuation: 'full' });
    expect(off.punctuation).toBe('full');
    const [line] = set('是的！（今日谈）', { ...off, indentEm: 0, align: 'start' });
    expect(line.naturalWidth).toBeCloseTo(8 * SIZE, 6);
  });
});

describe('Latin lines (UAX #14 LB13) in noisy OCR text', () => {
  const en = houseStyle('paragraph', { language: 'en', bodySizePt: SIZE, leadingPt: 13.5, headlinePt: 20 });
  const noisy = 'The mayor said , that the plan was good ! and the people ( who came ) were glad . Then more words follow here ; and : so on ? yes ! ok .';
  it('never starts a line with ! . , ) ; : ? and never ends one with (', () => {
    for (let w = 40; w <= 160; w += 7) {
      for (const l of set(noisy, en, w, 'en')) {
        const t = l.text.trim();
        expect(t[0], `width ${w}: ${t}`).not.toMatch(/[!.,);:?]/);
        expect(t[t.length - 1], `width ${w}: ${t}`).not.toBe('(');
      }
    }
  });
});

describe('Latin lines and spaced curly quotes in OCR text', () => {
  // UAX #14 breaks after any space (LB18), so OCR's “ word ” set a line start with ” or ’ and a line end with “
  // or ‘ (check_layout.py counts those as clreq faults, as it does the ASCII ones above).
  const en = houseStyle('paragraph', { language: 'en', bodySizePt: SIZE, leadingPt: 13.5, headlinePt: 20 });
  const noisy = 'The mayor said “ the plan is good ” and the people ’round here were ‘ glad ’ of it . He went on to say “ more ” and ‘ less ’ ; then ’tis done ” quite .';
  it('never starts a line with ” ’ and never ends one with “ ‘', () => {
    for (let w = 40; w <= 160; w += 7) {
      for (const l of set(noisy, en, w, 'en')) {
        const t = l.text.trim();
        expect(t[0], `width ${w}: ${t}`).not.toMatch(/[”’!.,);:?]/);
        expect(t[t.length - 1], `width ${w}: ${t}`).not.toMatch(/[“‘(]/);
      }
    }
  });
});
