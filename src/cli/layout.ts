// npm run -s layout -- <file|-> [--json] [--preset duikai|berliner|sikai|a3]
// Imports the file, auto-lays its stories out (front page by priority, the rest
// continued inside with jump lines) and prints the pages as JSON (stdout only,
// see LAYOUT_FORMAT.md) or, without --json, a readable summary per page.
import { readFileSync } from 'node:fs';
import { GRID_PRESETS, LayoutCache, autoLayout, layoutEdition, newEdition } from '../lib/layout/index';
import type { EditionLayout, ModuleLayout, PositionedLine } from '../lib/layout/index';
import type { Edition } from '../lib/model/edition';
import { Typesetter } from '../lib/typeset/index';
import { decodeBytes, importText, storiesFromImport } from '../lib/import/index';
import { translate } from '../lib/i18n/catalog';

/**
 * Input larger than this is refused before anything is read into stories: 2 MiB
 * of text is some 70 broadsheet pages (a month of one paper's front section),
 * laid out in under a minute and half a gigabyte on a 2-core machine; past it
 * time and memory grow with the text and no edition needs it.
 */
export const MAX_INPUT_BYTES = 2 * 1024 * 1024;

function usage(): never {
  process.stderr.write('usage: npm run -s layout -- <file|-> [--json] [--preset duikai|berliner|sikai|a3]\n');
  process.exit(2);
}

/** Lines of body text (and generated jump lines) go in `columns`; subheads and byline blocks are listed apart. */
function isBodyLine(l: PositionedLine): boolean {
  return l.role.startsWith('paragraph') || l.role === 'jump_line';
}

function moduleJson(m: ModuleLayout) {
  return {
    story: m.storyIndex,
    part: m.part,
    rect: { column: m.grid.column, span: m.grid.span, line: m.grid.line, lines: m.grid.lines },
    headline: m.headline.map((l) => l.text),
    columns: m.columns.map((col) => col.filter(isBodyLine).map((l) => l.text)),
    inserts: m.columns.flatMap((col, column) => col.filter((l) => !isBodyLine(l)).map((l) => ({ column, role: l.role, text: l.text }))),
    photo: m.photo ? { caption: m.photo.caption.map((l) => l.text), heightPt: Math.round(m.photo.rect.height * 10) / 10 } : undefined,
    jumps: m.jumps.map(({ direction, page, text }) => ({ direction, page, text })),
    overset: m.overset.chars,
    oversetLines: m.overset.lines,
  };
}

function toJson(edition: Edition, layout: EditionLayout) {
  return {
    language: edition.language,
    preset: edition.pages[0]?.grid.preset,
    pages: layout.pages.map((p) => ({
      number: p.number,
      columns: p.metrics.columns,
      linesPerColumn: p.metrics.linesPerColumn,
      columnWidthPt: Math.round(p.metrics.columnWidthPt * 1000) / 1000,
      mastheadLines: p.masthead?.lines,
      modules: p.modules.map(moduleJson),
    })),
    problems: layout.problems.map(({ kind, level, params, code, page, storyId }) => ({ kind, level, params, message: translate('en', code, params), page, story: storyId })),
    // Stories on no page (a headline group no page takes): the desk places them by hand or cuts them.
    unplaced: layout.unplaced.map((id) => edition.stories.findIndex((s) => s.id === id)),
  };
}

function summary(edition: Edition, layout: EditionLayout): string {
  const out: string[] = [];
  const title = (i: number) => {
    const doc = edition.stories[i]?.doc;
    const head = (doc?.content ?? []).find((n) => n.type === 'headline');
    return (head?.content ?? []).map((t) => t.text ?? '').join('') || `story ${i + 1}`;
  };
  for (const p of layout.pages) {
    const m = p.metrics;
    out.push(`Page ${p.number}: ${m.columns} columns of ${m.columnWidthPt.toFixed(1)} pt, ${m.linesPerColumn} lines${p.masthead ? `, masthead ${p.masthead.lines} lines (${p.masthead.title} ${p.masthead.dateText} ${p.masthead.weekday})` : ''}`);
    for (const mod of p.modules) {
      const lines = mod.columns.reduce((n, c) => n + c.length, 0);
      const jumps = mod.jumps.map((j) => j.text).join(' ');
      out.push(
        `  [${mod.grid.column + 1}–${mod.grid.column + mod.grid.span}, line ${mod.grid.line}+${mod.grid.lines}] ${title(mod.storyIndex)}${mod.part > 1 ? ` (part ${mod.part})` : ''}: ${lines} lines${jumps ? `  ${jumps}` : ''}${mod.overset.chars ? `  OVERSET ${mod.overset.chars} chars` : ''}`,
      );
    }
  }
  if (layout.unplaced.length) out.push(`Unplaced: ${layout.unplaced.join(', ')}`);
  out.push(layout.problems.length ? `${layout.problems.length} problems:` : 'No problems.');
  for (const pr of layout.problems) out.push(`  ${pr.level === 'info' ? 'i' : '!'} ${translate('en', pr.code, pr.params)}`);
  return out.join('\n') + '\n';
}

async function main(argv: string[]): Promise<void> {
  let file: string | undefined;
  let json = false;
  let preset = 'duikai';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--preset') preset = argv[++i] ?? usage();
    else if (a.startsWith('--')) usage();
    else file = a;
  }
  if (!file) usage();
  if (!GRID_PRESETS[preset]) usage();
  const bytes = file === '-' ? readFileSync(0) : readFileSync(file);
  if (bytes.length > MAX_INPUT_BYTES) {
    process.stderr.write(
      `layout refused: the input is ${(bytes.length / 1048576).toFixed(1)} MiB; the limit is ${MAX_INPUT_BYTES / 1048576} MiB (${MAX_INPUT_BYTES} bytes, about 70 broadsheet pages). Split it into editions.\n`,
    );
    process.exit(3);
  }
  const result = importText(decodeBytes(bytes).text);
  const stories = storiesFromImport(result);
  const typesetter = new Typesetter();
  const cache = new LayoutCache();
  const edition = autoLayout(newEdition({ stories, language: result.language, grid: preset }), typesetter, {}, cache);
  const layout = layoutEdition(edition, typesetter, cache);
  process.stdout.write(json ? JSON.stringify(toJson(edition, layout)) + '\n' : summary(edition, layout));
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`layout failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
