// The language a story is set in, which may differ from its edition's (an English page in a Chinese file).
import type { Edition, Language, Story } from '../model/edition';
import { detectLanguage } from '../model/text';

/** How much of a story's raw text decides its language: enough for a verdict, cheap on every layout. */
const LANGUAGE_SAMPLE = 2000;

/**
 * The language a story is set and jumped in: its own when stored, else read off
 * its raw text as the importer reads a file (Han against Latin letters), else the edition's.
 */
export function storyLanguage(story: Story, edition: Pick<Edition, 'language'>, read?: { raw?: Language | null }): Language {
  if (story.language) return story.language;
  // What the raw text says is kept in the story's memo when one is given (flow asks on every module).
  let said = read?.raw;
  if (said === undefined) {
    const sample = story.raw.slice(0, LANGUAGE_SAMPLE);
    said = /\S/.test(sample) ? detectLanguage(sample) : null;
    if (read) read.raw = said;
  }
  return said ?? edition.language;
}
