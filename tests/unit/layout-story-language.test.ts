import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { LayoutCache, bodyLines, flowContext, newEdition, START } from '../../src/lib/layout';
import { importText, storiesFromImport } from '../../src/lib/import';
import { Typesetter } from '../../src/lib/typeset';

// A file may hold a Chinese page and then an English one: the edition is Chinese, but its English
// stories are set by the English rules (hyphenation, UAX #14), as they would be in an English edition.
describe('a story is set in its own language', () => {
  const en = importText(readFileSync('tests/fixtures/en-ocr-real/en-ocr-1916-ottumwa.txt', 'utf8'));
  const stories = storiesFromImport(en);
  const ts = new Typesetter();
  const lines = (language: 'zh' | 'en', s = stories) => {
    const ed = newEdition({ stories: s, language, pages: 1, date: '2022-01-08' });
    // The Chinese page's column width for both, so that only the rules differ.
    const zh = flowContext({ ...ed, language: 'zh' }, ed.pages[0], ts, new LayoutCache());
    const ctx = { ...zh, language };
    return s.map((story) => bodyLines(ctx, story, zh.metrics.columnWidthPt, START).map((f) => f.line.text ?? ''));
  };

  it('an English story in a Chinese edition breaks its lines as in an English one', () => {
    const inZh = lines('zh');
    expect(inZh).toEqual(lines('en'));
    // …which is not how the Chinese rules break them (else this test would prove nothing).
    expect(inZh.flat().some((l) => /[a-z]-$/.test(l))).toBe(true);
  });

  it('a story marked as English is set in English whatever its text', () => {
    const marked = stories.map((s) => ({ ...s, raw: '', language: 'en' as const }));
    expect(lines('zh', marked)).toEqual(lines('en'));
  });
});
