// npm run -s import -- <file|-> [--json] [--language zh|en]
// Prints {"language", "stories"} as JSON (stdout only), or a readable summary.
import { readFileSync } from 'node:fs';
import { decodeBytes, importText, ImportError, type ImportedStory, type ImportLanguage } from '../lib/import/index';
import { bilingual, translate } from '../lib/i18n/catalog';

function usage(): never {
  process.stderr.write('usage: npm run -s import -- <file|-> [--json] [--language zh|en]\n');
  process.exit(2);
}

/** The CLI's story record: the answer-file fields, warnings as {kind, text?, …}. */
function forOutput(s: ImportedStory) {
  // The answer files' field order, fields absent when the story has none.
  return {
    kicker: s.kicker,
    headline: s.headline,
    subtitle: s.subtitle,
    column: s.column,
    dateline: s.dateline,
    byline: s.byline,
    subheads: s.subheads,
    body: s.body,
    caption: s.caption,
    jumps: s.jumps.map(({ direction, page, text }) => ({ direction, page, text })),
    // The documented format words each message in both languages, from the catalog.
    warnings: s.warnings.map(({ kind, text, message, field, paragraph, from, to, fix }) => ({
      kind,
      text,
      message: bilingual(message),
      field,
      paragraph,
      from,
      to,
      fix: fix && { ...fix, label: bilingual(fix.label) },
    })),
  };
}

function summary(language: ImportLanguage, stories: ImportedStory[]): string {
  const out = [`${stories.length} stories (${language})`];
  stories.forEach((s, i) => {
    out.push('');
    out.push(`${i + 1}. ${[s.kicker, ...s.headline, s.subtitle].filter(Boolean).join(' / ') || '(no headline)'}`);
    const head = [s.dateline, s.byline].filter(Boolean).join(' ');
    if (head) out.push(`   ${head}`);
    const chars = s.body.reduce((n, p) => n + p.length, 0);
    out.push(`   ${s.body.length} paragraphs, ${chars} characters${s.subheads.length ? `, ${s.subheads.length} subheads` : ''}`);
    if (s.caption) out.push(`   caption: ${s.caption.text.slice(0, 40)}${s.caption.credit ? ` — ${s.caption.credit}` : ''}`);
    for (const j of s.jumps) out.push(`   jump: ${j.direction === 'continuedTo' ? 'continued on' : 'continued from'} page ${j.page ?? '?'}`);
    for (const w of s.warnings) out.push(`   ! ${w.kind}${w.text ? ` “${w.text}”` : ''}: ${translate(language, w.message.code, w.message.params)}`);
  });
  return out.join('\n') + '\n';
}

function main(argv: string[]): void {
  let file: string | undefined;
  let json = false;
  let language: ImportLanguage | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--language') {
      const v = argv[++i];
      if (v !== 'zh' && v !== 'en') usage();
      language = v;
    } else if (a === '-' || !a.startsWith('--')) file = a;
    else usage();
  }
  if (!file) usage();
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file === '-' ? 0 : file);
  } catch (e) {
    process.stderr.write(`import: cannot read ${file}: ${(e as Error).message}\n`);
    process.exit(1);
  }
  let text: string;
  try {
    text = decodeBytes(bytes).text;
  } catch (e) {
    if (e instanceof ImportError) {
      process.stderr.write(`import: ${file}: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const result = importText(text, { language });
  if (result.problem?.code === 'empty-input') {
    process.stderr.write(`import: ${file}: the file is empty or holds only whitespace; there is nothing to import.\n`);
    process.exit(1);
  }
  if (json) {
    const notices = result.notices.map(({ kind, message }) => ({ kind, message: bilingual(message) }));
    const out = { language: result.language, stories: result.stories.map(forOutput), furniture: result.furniture.map(({ kind, text }) => ({ kind, text })), notices };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  } else {
    for (const n of result.notices) process.stdout.write(`! ${n.kind}: ${translate(result.language, n.message.code, n.message.params)}\n`);
    for (const f of result.furniture) process.stdout.write(`[${f.kind}] ${f.text}\n`);
    process.stdout.write(summary(result.language, result.stories));
  }
}

main(process.argv.slice(2));
