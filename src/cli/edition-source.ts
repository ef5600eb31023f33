// What the command-line entries print from: a raw text file (imported and
// auto-laid out, as `npm run -s layout` does) or an edition file
// (`.galley.json`, as 导出整期 writes it), opened as it is.
import { readFileSync } from 'node:fs';
import { GRID_PRESETS, autoLayout, newEdition } from '../lib/layout/index';
import type { Edition } from '../lib/model/edition';
import { Typesetter } from '../lib/typeset/index';
import { decodeBytes, importText, storiesFromImport } from '../lib/import/index';

/** The export envelope's format name and the newest version this build reads. */
const EDITION_FILE_FORMAT = 'galley-edition';
const EDITION_FILE_VERSION = 1;

export class SourceError extends Error {}

function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text);
}

/** The edition inside an edition file, or a SourceError saying what is wrong with it. */
export function editionFromFile(text: string): Edition {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SourceError(`not a readable edition file: ${e instanceof Error ? e.message : String(e)}`);
  }
  const file = data as { format?: unknown; version?: unknown; edition?: unknown };
  if (file?.format !== EDITION_FILE_FORMAT) throw new SourceError(`not a Galley edition file (format is ${JSON.stringify(file?.format)})`);
  if (typeof file.version !== 'number' || file.version > EDITION_FILE_VERSION) {
    throw new SourceError(`edition file version ${String(file.version)} is newer than this build reads (${EDITION_FILE_VERSION})`);
  }
  const edition = file.edition as Partial<Edition> | undefined;
  if (!edition || !Array.isArray(edition.pages) || !Array.isArray(edition.stories)) throw new SourceError('the edition file has no pages or stories');
  return edition as Edition;
}

/** Import raw text and lay it out automatically on `preset`. */
export function editionFromText(text: string, preset: string, typesetter: Typesetter): Edition {
  const result = importText(text);
  if (!result.stories.length) throw new SourceError('the text holds no story');
  const stories = storiesFromImport(result);
  return autoLayout(newEdition({ stories, language: result.language, grid: preset }), typesetter);
}

/** The edition a file names: an edition file as it is, a text file imported and laid out. */
export function readEditionSource(path: string, preset: string, typesetter = new Typesetter()): Edition {
  if (!GRID_PRESETS[preset]) throw new SourceError(`unknown preset ${preset} (${Object.keys(GRID_PRESETS).join(', ')})`);
  let bytes: Uint8Array;
  try {
    bytes = path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (e) {
    throw new SourceError(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { text } = decodeBytes(bytes);
  return looksLikeJson(text) ? editionFromFile(text) : editionFromText(text, preset, typesetter);
}
