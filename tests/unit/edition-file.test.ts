// The edition file: written, read back equal; every bad file refused as a whole
// with readable problems; version 1 migrates; markup in text stays text.
import { describe, it, expect, beforeAll } from 'vitest';
import {
  EDITION_FILE_VERSION, looksLikeEditionFile, readEditionFile, sizeProblem, writeEditionFile, editionFileName,
} from '../../src/lib/model/edition-file';
import { buildSampleEdition } from '../../src/lib/sample/edition';
import { Typesetter } from '../../src/lib/typeset';
import { translate } from '../../src/lib/i18n';
import type { Edition } from '../../src/lib/model/edition';
import { editionFromFile, SourceError } from '../../src/cli/edition-source';

let sample: Edition;
beforeAll(() => {
  sample = buildSampleEdition(new Typesetter());
});

function withSections(ed: Edition): Edition {
  return {
    ...ed,
    jumpTemplates: { continuedTo: 'See Page {page}', continuedFrom: 'From Page {page}' },
    pages: ed.pages.map((p, i) => ({ ...p, section: ['要闻', '国内', '国际', '评论'][i % 4] })),
    stories: ed.stories.map((s, i) => (i === 0 ? { ...s, language: 'en' as const } : s)),
  };
}

describe('edition file', () => {
  it('round-trips an edition to an equal edition', () => {
    const ed = withSections(sample);
    const text = writeEditionFile(ed, [], new Date('2026-01-02T03:04:05Z'));
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'galley-edition', version: EDITION_FILE_VERSION, app: 'galley', exportedAt: '2026-01-02T03:04:05.000Z' });
    const read = readEditionFile(text);
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.edition).toEqual(ed);
      expect(read.migratedFrom).toBeUndefined();
    }
    expect(looksLikeEditionFile(text)).toBe(true);
    expect(looksLikeEditionFile('新华社北京1月7日电 {"format": "galley-edition"}')).toBe(false);
    expect(editionFileName(ed)).toMatch(/^2022-01-08-.+\.galley\.json$/);
  });

  it('migrates a version 1 file (today’s export) with its damaged records', () => {
    const v1 = { format: 'galley-edition', version: 1, exportedAt: '2025-01-01T00:00:00.000Z', edition: sample, damagedRecords: [{ store: 'stories', id: 'x', name: 'x', reason: 'r', record: { id: 'x' } }] };
    const read = readEditionFile(JSON.stringify(v1));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.migratedFrom).toBe(1);
    expect(read.edition).toEqual(sample);
    expect(read.damagedRecords).toEqual(v1.damagedRecords);
  });

  it('carries the photos’ bytes by hash, reads a version 2 file (no bytes) as before, and refuses bytes that are not base64', () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 250, 251, 252]);
    const hash = 'a'.repeat(64);
    const text = writeEditionFile(sample, [], new Date(0), { [hash]: bytes.toString('base64') });
    // The edition stays readable in a text editor; the bytes are the file's last field.
    expect(text.indexOf('"photoBytes"')).toBeGreaterThan(text.indexOf('"damagedRecords"'));
    const read = readEditionFile(text);
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.edition).toEqual(sample);
      expect(Buffer.from(read.photoBytes[hash], 'base64')).toEqual(bytes);
    }
    const v2 = readEditionFile(JSON.stringify({ format: 'galley-edition', version: 2, exportedAt: '', app: 'galley', edition: sample, damagedRecords: [] }));
    expect(v2.ok && v2.photoBytes).toEqual({});
    expect(v2.ok && v2.migratedFrom).toBe(2);
    const file = JSON.parse(text);
    const bad = readEditionFile(JSON.stringify({ ...file, photoBytes: { [hash]: 'not base64!', short: bytes.toString('base64') } }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.params.path)).toEqual([`photoBytes.${hash}`, 'photoBytes.short']);
  });

  it('refuses a file from a newer version with a message that says so', () => {
    const read = readEditionFile(JSON.stringify({ format: 'galley-edition', version: EDITION_FILE_VERSION + 1, edition: {} }));
    expect(read).toEqual({ ok: false, problems: [{ code: 'file.newer', params: { version: EDITION_FILE_VERSION + 1, supported: EDITION_FILE_VERSION } }] });
    if (!read.ok) expect(translate('en', read.problems[0].code, read.problems[0].params)).toContain('newer Galley');
  });

  it('tells a truncated file from hand-broken JSON and from another JSON file', () => {
    const text = writeEditionFile(sample);
    const cut = readEditionFile(text.slice(0, Math.floor(text.length / 2)));
    expect(cut).toEqual({ ok: false, problems: [{ code: 'file.truncated', params: {} }] });
    const broken = readEditionFile(text.replace('"format"', 'format'));
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problems[0].code).toBe('file.notJson');
    expect(readEditionFile('{"name": "package"}')).toEqual({ ok: false, problems: [{ code: 'file.notEdition', params: {} }] });
    expect(readEditionFile('[1,2]')).toEqual({ ok: false, problems: [{ code: 'file.notEdition', params: {} }] });
  });

  it('refuses an oversized file by size before parsing it', () => {
    // Not JSON at all: a parse would say so; the size check answers first.
    const read = readEditionFile('x'.repeat(2048), { maxBytes: 1024 });
    expect(read).toEqual({ ok: false, problems: [{ code: 'file.tooLarge', params: { size: '0 MB', max: '0 MB' } }] });
    const huge = sizeProblem(500 * 1024 * 1024);
    expect(huge).toEqual({ code: 'file.tooLarge', params: { size: '500 MB', max: '400 MB' } });
    expect(sizeProblem(5 * 1024 * 1024)).toBeNull();
  });

  it('checks the whole file and names every problem with its path', () => {
    const bad = structuredClone(sample) as unknown as Record<string, unknown> & { pages: Record<string, unknown>[]; stories: Record<string, unknown>[] };
    bad.language = 'fr';
    delete bad.stories[1].slug;
    (bad.stories[2].meta as Record<string, unknown>).status = 'printed';
    bad.stories[3].doc = { type: 'doc', content: [{ type: 'marquee', content: [] }] };
    (bad.pages[0].placements as Record<string, unknown>[])[0].storyId = 'nobody';
    (bad.pages[0].grid as Record<string, unknown>).columns = 'six';
    // (The sample fits one page: a second, empty one to take the first's id.)
    if (!bad.pages[1]) bad.pages.push({ ...structuredClone(sample.pages[0]), id: 'page-2', number: 2, placements: [] } as unknown as Record<string, unknown>);
    bad.pages[1].id = bad.pages[0].id;
    const read = readEditionFile(JSON.stringify({ format: 'galley-edition', version: 2, edition: bad }));
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const got = read.problems.map((p) => `${p.code} ${p.params.path ?? ''}`);
    expect(got).toEqual(
      expect.arrayContaining([
        'file.badValue edition.language',
        'file.missing edition.stories[1].slug',
        'file.badValue edition.stories[2].meta.status',
        'file.badDoc edition.stories[3].doc',
        'file.unknownStory edition.pages[0].placements[0].storyId',
        'file.wrongType edition.pages[0].grid.columns',
        'file.duplicateId edition.pages[1].id',
      ]),
    );
    expect(read.problems).toHaveLength(7);
    const en = read.problems.map((p) => translate('en', p.code, p.params));
    expect(en).toContain('edition.stories[1].slug is missing');
    expect(translate('zh', read.problems[0].code, read.problems[0].params)).not.toMatch(/\{\w+\}/);
  });

  it('sums up a file with very many problems', () => {
    const stories = Array.from({ length: 40 }, (_, i) => ({ id: `s${i}` }));
    const read = readEditionFile(JSON.stringify({ format: 'galley-edition', version: 2, edition: { ...sample, stories } }));
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problems).toHaveLength(21);
      expect(read.problems[20].code).toBe('file.more');
    }
  });

  it('keeps markup in a story’s text as characters, and refuses a photo that is not image data', () => {
    const evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';
    const story = { ...sample.stories[0], doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: evil }] }] } };
    const ed = { ...sample, stories: [story, ...sample.stories.slice(1)] };
    const read = readEditionFile(writeEditionFile(ed));
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.edition.stories[0].doc.content![0].content![0].text).toBe(evil);
    const js = readEditionFile(writeEditionFile({ ...sample, photos: { p: 'javascript:alert(1)' } as never }));
    expect(js).toEqual({ ok: false, problems: [{ code: 'file.badValue', params: { path: 'edition.photos.p' } }] });
  });

  it('is the reader the PDF command uses', () => {
    expect(editionFromFile(writeEditionFile(sample))).toEqual(sample);
    expect(() => editionFromFile('{"format": "galley-edition", "version": 99}')).toThrow(SourceError);
    expect(() => editionFromFile('{"format": "galley-edition", "version": 99}')).toThrow(/newer Galley/);
  });

});
