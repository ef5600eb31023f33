// A digest of everything the engine computes for a corpus, to show that a change to
// prepare/atoms/measure keeps every line break byte-identical: each paragraph of the test
// fixtures and the sample, plain and with marks, in every house role (zh and en), both
// punctuation settings and both clreq levels; every array of its prepared form, its breaks at
// four widths and its lines at one (the prepared form as one array per field, as it was before
// the records of session 5: see prepared.ts preparedColumns). Run it on two checkouts and compare the output:
//   npx tsx bench/typeset-digest.ts /tmp/before > a.json; npx tsx bench/typeset-digest.ts . > b.json; diff a.json b.json
// (slow: about 100,000 blocks, a minute or two).
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
const root = resolve(process.argv[2] ?? '.');
const here = join(import.meta.dirname, '..');
const ts = (await import(pathToFileURL(join(root, 'src/lib/typeset/index.ts')).href)) as typeof import('../src/lib/typeset');
const files = [
  ...readdirSync(join(here, 'tests/fixtures/corpus')).filter((f) => f.endsWith('.txt')).map((f) => 'tests/fixtures/corpus/' + f),
  ...readdirSync(join(here, 'tests/fixtures/layout')).map((f) => 'tests/fixtures/layout/' + f),
  ...readdirSync(join(here, 'tests/fixtures')).filter((f) => f.endsWith('.txt')).map((f) => 'tests/fixtures/' + f),
  'src/lib/sample/front-page-zh.txt',
];
const out: Record<string, string> = {};
const all = createHash('sha1');
let count = 0;
for (const f of files) {
  const txt = readFileSync(join(here, f), 'utf8');
  const paras = txt.split(/\n/).map((s) => s.replace(/^\s+/, '')).filter((s) => s.length);
  const h = createHash('sha1');
  for (const para of paras) {
    // also a multi-run variant with marks
    const runs = para.length > 20 ? [{ text: para.slice(0, 7), marks: ['dateline'] }, { text: para.slice(7, 15), marks: ['em'] }, { text: para.slice(15), marks: [] }] : [{ text: para, marks: [] }];
    for (const lang of ['zh', 'en'] as const) for (const role of ['paragraph', 'headline', 'byline', 'caption', 'subhead']) for (const punct of ['compress', 'full'] as const) for (const level of ['basic', 'strict'] as const) {
      if (lang === 'en' && level === 'strict') continue;
      const style = ts.houseStyle(role, { language: lang, bodySizePt: 9, leadingPt: 13.5, headlinePt: 26, punctuation: punct });
      for (const rs of [[{ text: para, marks: [] }], runs]) {
        const p = ts.prepareBlock({ key: 'k', role, runs: rs }, style, { level });
        // Since session 5 the prepared form is records in a shared slab: preparedColumns gives it back
        // as the arrays it was before, field for field, so that the digests of both forms compare.
        const columns = (ts as { preparedColumns?: (p: unknown) => Record<string, unknown> }).preparedColumns;
        const { style: _s, ...rest } = columns ? columns(p) : (p as unknown as Record<string, unknown>);
        const ser = JSON.stringify(rest, (k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as number[]) : v));
        h.update(ser);
        for (const w of [40, 99, 207, 315]) h.update(JSON.stringify(ts.breakLines(p, w)));
        const cache = new ts.TypesetCache();
        h.update(JSON.stringify(ts.layoutBlock(p, 99, 0, cache)));
        count++;
      }
    }
  }
  out[f] = h.digest('hex');
  all.update(out[f]);
}
console.log(JSON.stringify({ count, all: all.digest('hex'), files: out }, null, 1));
