// What the command-line entries print from: a raw text file (imported and
// auto-laid out, as `npm run -s layout` does) or an edition file
// (`.galley.json`, as 导出整期 writes it), opened as it is.
import { readFileSync } from 'node:fs';
import { GRID_PRESETS, autoLayout, newEdition } from '../lib/layout/index';
import type { Edition } from '../lib/model/edition';
import { Typesetter } from '../lib/typeset/index';
import { decodeBytes, importText, storiesFromImport } from '../lib/import/index';
import { readEditionFile, sizeProblem, type PhotoBytes } from '../lib/model/edition-file';
import { translate } from '../lib/i18n/catalog';

export class SourceError extends Error {}

function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text);
}

/** The edition inside an edition file (the app's one reader), or a SourceError listing what is wrong with it. */
export function editionFromFile(text: string): Edition {
  return editionFileFrom(text).edition;
}

/** The edition and the photo bytes an edition file carries. */
function editionFileFrom(text: string): EditionSource {
  const read = readEditionFile(text);
  if (read.ok) return { edition: read.edition, photoBytes: read.photoBytes };
  const first = read.problems[0];
  // The first line keeps the wording scripts already match on; every problem follows.
  const head =
    first.code === 'file.newer'
      ? `edition file version ${first.params.version} is newer than this build reads (${first.params.supported})`
      : 'not a readable edition file';
  throw new SourceError(`${head}:\n${read.problems.map((p) => `  ${translate('en', p.code, p.params)}`).join('\n')}`);
}

/** Import raw text and lay it out automatically on `preset`. */
export function editionFromText(text: string, preset: string, typesetter: Typesetter): Edition {
  const result = importText(text);
  if (!result.stories.length) throw new SourceError('the text holds no story');
  const stories = storiesFromImport(result);
  return autoLayout(newEdition({ stories, language: result.language, grid: preset }), typesetter);
}

/** An edition to print, with the photo bytes its file carries (none for a text file). */
export interface EditionSource {
  edition: Edition;
  photoBytes: PhotoBytes;
}

/** The edition a file names: an edition file as it is, a text file imported and laid out. */
export function readEditionSource(path: string, preset: string, typesetter = new Typesetter()): EditionSource {
  if (!GRID_PRESETS[preset]) throw new SourceError(`unknown preset ${preset} (${Object.keys(GRID_PRESETS).join(', ')})`);
  let bytes: Uint8Array;
  try {
    bytes = path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (e) {
    throw new SourceError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const tooBig = sizeProblem(bytes.length);
  if (tooBig) throw new SourceError(translate('en', tooBig.code, tooBig.params));
  const { text } = decodeBytes(bytes);
  return looksLikeJson(text) ? editionFileFrom(text) : { edition: editionFromText(text, preset, typesetter), photoBytes: {} };
}
