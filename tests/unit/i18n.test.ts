import { readEditionFile } from '../../src/lib/model/edition-file';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  CORE_PARAMS, bilingual, formatMoment, formatSize, initialLanguage, LOCALES, messages, presetName, rememberLanguage, translate, LANGUAGE_STORAGE_KEY,
  type CoreCode, type Message, type MessageKey,
} from '../../src/lib/i18n';
import { lintText, storyEndWarnings, type LintWarning } from '../../src/lib/lint';
import { problem, type ProblemParams } from '../../src/lib/layout/problems';
import type { LayoutProblemKind } from '../../src/lib/layout/types';
import { checkEditionRecord, checkStoryRecord } from '../../src/lib/storage/records';
import { importText } from '../../src/lib/import';

const codes = Object.keys(messages.zh) as MessageKey[];
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const unique = (names: string[]) => [...new Set(names)];

/** Every message the cores can say, made by running them: lint rules, story-end checks, each problem, each refusal. */
function emitted(): Message[] {
  const out: Message[] = [];
  const warnings: LintWarning[] = [
    ...lintText('大力弘扬劳模精神、工匠精神、工匠精神，好(的)a,b 中文,完:好;吗?是!“开《没有”》(a]【', 'zh'),
    ...lintText('the the cat (open [x', 'en'),
    ...storyEndWarnings({ text: '他说这是一个', from: 0, to: 6 }, [
      { direction: 'continuedTo', page: null, from: 0, to: 1 },
      { direction: 'continuedFrom', page: null, from: 0, to: 1 },
    ]),
    ...importText(readFileSync('tests/fixtures/front-page-zh.txt', 'utf8')).stories.flatMap((s) => s.warnings),
  ];
  for (const w of warnings) {
    out.push(w.message);
    if (w.fix) out.push(w.fix.label);
  }
  const problems: { [K in LayoutProblemKind]: ProblemParams[K][] } = {
    overset: [{ page: 2, lines: 3, chars: 40 }],
    'jump-missing': [
      { why: 'no-part', page: 1, text: '（下转第2版）', part: 2 },
      { why: 'no-return', page: 1, part: 2, other: 3 },
      { why: 'no-prev', page: 1, part: 2 },
      { why: 'no-room', page: 1, part: 2 },
    ],
    'jump-wrong-page': [{ page: 1, text: '（下转第2版）', part: 2, other: 4 }],
    'empty-part': [{ page: 1, part: 2 }],
    overlap: [{ page: 1, a: 'p1', b: 'p2' }],
    'off-grid': [{ page: 1, a: 'p1' }],
    'headline-clipped': [{ page: 1, need: 4, lines: 2 }],
    underfilled: [{ page: 2, column: 3, lines: 5 }],
    'jump-same-page': [{ page: 1, part: 2 }],
    'source-jump': [{ title: '学思践悟', target: 2 }],
  };
  for (const [kind, list] of Object.entries(problems)) for (const params of list) out.push(problem(kind as LayoutProblemKind, params as never));
  const story = { id: 's', editionId: 'e', slug: 'x', raw: '', meta: { section: 'a', priority: 1, status: 'raw', tags: [] }, doc: { type: 'doc', content: [{ type: 'paragraph' }] } };
  const edition = { id: 'e', title: 't', date: 'd', issueNumber: 1, language: 'zh', revision: 1, updatedAt: 1, storyIds: [], pages: [] };
  // One record per check, each failing it.
  const badStories: unknown[] = [
    null, { ...story, id: '' }, { ...story, editionId: 1 }, { ...story, slug: 1 }, { ...story, raw: 1 }, { ...story, meta: 1 },
    ...[{ section: 1 }, { priority: 0 }, { status: 'lost' }, { tags: 1 }].map((m) => ({ ...story, meta: { ...story.meta, ...m } })),
    { ...story, doc: 1 }, { ...story, doc: { type: 'nope' } }, { ...story, doc: { type: 'paragraph' } },
  ];
  const badEditions: unknown[] = [
    ...[{ title: 1 }, { date: 1 }, { issueNumber: 'x' }, { language: 'fr' }, { revision: 'x' }, { storyIds: 1 }, { photos: 1 }, { pages: 1 }].map((f) => ({ ...edition, ...f })),
    ...[[1], [{ id: 'p', number: 3 }], [{ id: 'p', number: 3, grid: {} }], [{ id: 'p', number: 3, grid: {}, placements: [1] }]].map((pages) => ({ ...edition, pages })),
  ];
  const refusals = [...badStories.map(checkStoryRecord), ...badEditions.map(checkEditionRecord)];
  for (const r of refusals) if (!r.ok) out.push({ code: `reason.${r.code}`, params: r.params });
  // Edition files, one per refusal of the reader.
  const file = (e: unknown, version = 2) => JSON.stringify({ format: 'galley-edition', version, edition: e });
  const grid = { preset: 'a', widthMm: 1, heightMm: 1, margins: { top: 0, right: 0, bottom: 0, left: 0 }, columns: 1, gutterMm: 0, bodySizePt: 9, leadingPt: 13 };
  const good = { id: 'e', title: 't', date: '', issueNumber: 1, language: 'zh', revision: 0, updatedAt: 0, stories: [], pages: [] };
  const doc = { type: 'doc', content: [{ type: 'paragraph' }] };
  const aStory = { id: 's', slug: 's', raw: '', doc, meta: { section: '', priority: 1, status: 'raw', tags: [] } };
  const aPage = { id: 'p', number: 1, grid, placements: [] };
  const files = [
    'x'.repeat(64), '{"format": }', '{"format": "galley-edition"', '{}', file({}, 9), file({}, 0),
    file({ ...good, title: undefined }), file({ ...good, title: 1 }), file({ ...good, language: 'fr' }),
    file({ ...good, pages: [aPage, aPage] }), file({ ...good, pages: [{ ...aPage, placements: [{ id: 'x', storyId: 'nobody', part: 1, column: 0, span: 1, line: 0, lines: 1 }] }] }),
    file({ ...good, stories: [{ ...aStory, doc: { type: 'doc', content: [{ type: 'nope' }] } }] }),
    file({ ...good, stories: Array.from({ length: 30 }, () => 1) }),
  ];
  for (const [i, text] of files.entries()) {
    const read = readEditionFile(text, i === 0 ? { maxBytes: 63 } : {});
    if (!read.ok) out.push(...read.problems.filter((p, i, all) => all.findIndex((q) => q.code === p.code) === i));
  }
  out.push(...importText('<html><body><h1>Tokyo markets rally</h1><p>TOKYO — Shares rose today, traders said.</p></body></html>').notices.map((n) => n.message));
  return out;
}

describe('the message catalog', () => {
  it('has the same codes in both languages, none empty', () => {
    expect(Object.keys(messages.en).sort()).toEqual([...codes].sort());
    for (const lang of ['zh', 'en'] as const) for (const k of codes) expect(messages[lang][k].trim(), `${lang} ${k}`).not.toBe('');
  });

  it('asks for the same values in zh and en', () => {
    for (const k of codes) expect(unique(placeholders(messages.en[k])), k).toEqual(unique(placeholders(messages.zh[k])));
  });

  it('has text for every code a core can emit, asking only for values the core supplies', () => {
    for (const [code, params] of Object.entries(CORE_PARAMS) as [CoreCode, readonly string[]][]) {
      expect(codes, code).toContain(code);
      for (const lang of ['zh', 'en'] as const) for (const name of placeholders(messages[lang][code])) expect(params, `${lang} ${code} {${name}}`).toContain(name);
    }
  });

  it('words every message the cores emit, every value filled', () => {
    const said = emitted();
    const seen = new Set(said.map((m) => m.code));
    // The run reaches every code the cores declare, so the checks below cover them all.
    expect([...seen].sort()).toEqual(Object.keys(CORE_PARAMS).sort());
    for (const m of said) {
      expect(Object.keys(CORE_PARAMS), m.code).toContain(m.code);
      expect(Object.keys(m.params).sort(), m.code).toEqual([...CORE_PARAMS[m.code as CoreCode]].sort());
      const { zh, en } = bilingual(m);
      expect(zh, m.code).not.toMatch(/\{\w+\}/);
      expect(en, m.code).not.toMatch(/\{\w+\}/);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('zh', 'import.add', { n: 8 })).toBe('添加 8 篇稿件');
    expect(translate('en', 'import.add', { n: 8 })).toBe('Add 8 stories');
    expect(translate('en', 'import.add')).toBe('Add {n} stories');
    expect(bilingual({ code: 'problem.overset', params: { page: 2, lines: 58, chars: 742 } })).toEqual({
      zh: '第2版：超出 58 行（742 字）未排完',
      en: 'page 2: 58 lines (742 characters) overset',
    });
  });

  it('words English counts in the singular for one, the plural otherwise; Chinese unchanged', () => {
    expect(translate('en', 'import.paragraphs', { n: 1 })).toBe('1 paragraph');
    expect(translate('en', 'import.paragraphs', { n: 2 })).toBe('2 paragraphs');
    expect(translate('en', 'import.paragraphs', { n: 0 })).toBe('0 paragraphs');
    expect(translate('en', 'import.add', { n: 1 })).toBe('Add 1 story');
    expect(translate('en', 'find.countStories', { n: 1, m: 1 })).toBe('1 match in 1 story');
    expect(translate('en', 'fit.short', { n: 1 })).toBe('Short by 1 line');
    expect(translate('en', 'problem.overset', { page: 2, lines: 1, chars: 1 })).toBe('page 2: 1 line (1 character) overset');
    expect(translate('en', 'import.furniture', { n: 1 })).toMatch(/^1 line of page furniture .* was kept apart/);
    expect(translate('zh', 'import.paragraphs', { n: 1 })).toBe(messages.zh['import.paragraphs'].replace('{n}', '1'));
    // No English text says "(s)" or leaves a count's word to chance: every "{n} word" picks its form.
    for (const k of codes) expect(messages.en[k], k).not.toMatch(/\(s\)/);
  });

  it('names page presets, an unknown preset by its id', () => {
    expect(presetName('en', 'berliner')).toBe('Berliner (6 col)');
    expect(presetName('zh', 'duikai')).toBe('对开（8栏）');
    expect(presetName('en', 'my-own')).toBe('my-own');
    // The English desk reads no Chinese: the one Han text is the language switch's own name for Chinese.
    const han = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;
    for (const k of codes) if (k !== 'lang.zh' && k !== 'newEdition.paperZh') expect(messages.en[k], k).not.toMatch(han);
  });

  it('remembers the choice, defaults to Chinese, and survives a throwing storage', () => {
    const map = new Map<string, string>();
    const store = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
    expect(initialLanguage(store)).toBe('zh');
    rememberLanguage(store, 'en');
    expect(map.get(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(initialLanguage(store)).toBe('en');
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } };
    expect(initialLanguage(broken)).toBe('zh');
    expect(() => rememberLanguage(broken, 'en')).not.toThrow();
  });

  it('formats sizes', () => {
    expect(formatSize(20 * 1024 * 1024)).toBe('20.0 MB');
    expect(formatSize(256 * 1024)).toBe('256 KB');
  });
});

describe('dates and times in the desk\'s language', () => {
  it('writes a moment with its month in letters, in the catalog\'s locale (US order in English)', () => {
    const moment = new Date(2026, 10, 3, 11, 4);
    const en = formatMoment('en', moment);
    expect(en).toMatch(/^Nov 3, 2026/);
    expect(en).not.toMatch(/\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/);
    expect(formatMoment('zh', moment)).toMatch(/^2026年11月3日/);
    expect(LOCALES.en).toBe('en-US');
  });
});

describe('status words', () => {
  // A story's approval (审定) and a page's sign-off (签发) are two steps a Chinese desk names
  // differently: the story list must not call an approved story signed off.
  it('names an approved story with the approval word, never the sign-off word, wherever its status shows', () => {
    const approved = messages.zh['status.approved'];
    expect(approved).toContain('审');
    expect(approved).not.toContain('签');
    expect(approved).not.toBe(messages.zh['review.signed']);
    const counts = translate('zh', 'editions.statusCounts', { raw: 1, edited: 2, approved: 3 });
    expect(counts).not.toContain('签');
    expect(counts).toContain('审 3');
  });
});
