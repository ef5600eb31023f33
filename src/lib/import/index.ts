// The importer: raw newspaper text → tagged stories. Pure: no DOM, runs in
// Node and in a Web Worker alike.
import { classifyLines, isBlank } from './lines';
import { collectEvidence, segmentContext } from './measure';
import { StorySegmenter } from './segment';
import { finishStory } from './story';
import { detectLanguage } from '../model/text';
import { emptyEvidence } from './hyphens';
import { prepareSource } from './prepare';
import { pageLayout, WebEditionReader } from './web';
import type { ImportLanguage, ImportResult, ImportedStory } from './types';

export type { ImportProblem, ImportLanguage, ImportResult, ImportedStory, ImportedJump, ImportedSubhead, ImportWarning, ImportNotice, PageFurniture, FurnitureKind } from './types';
export { decodeBytes, ImportError } from './decode';
export { toStoryDoc, fromStoryDoc, storiesFromImport } from './doc';
export { importInChunks } from './chunks';
export { htmlToText, looksLikeHtml } from './html';

export function importText(text: string, opts: { language?: ImportLanguage } = {}): ImportResult {
  const { source, notices, headings } = prepareSource(text);
  const language = opts.language ?? detectLanguage(source);
  // Nothing but whitespace: said as data, found in one pass however many blank lines there are.
  if (isBlank(source, 0, source.length)) return { language, stories: [], dropped: [], furniture: [], notices, problem: { code: 'empty-input' } };
  const { lines, dropped } = classifyLines(source, language, 0, source.length, 0, [], headings);
  const layout = pageLayout(lines, language);
  if (layout === 'web-edition') {
    const reader = new WebEditionReader(lines, source);
    const stories: ImportedStory[] = reader.read().map((d) => finishStory(d, language, source, reader.dropped));
    return { language, stories, dropped: reader.dropped, furniture: reader.furniture, notices };
  }
  const ctx = segmentContext(lines, language, language === 'en' ? collectEvidence(lines) : emptyEvidence(), layout);
  const segmenter = new StorySegmenter(lines, ctx);
  for (let i = 0; i < lines.length; ) i = segmenter.step(i);
  const stories: ImportedStory[] = segmenter.finish().map((d) => finishStory(d, language, source, dropped));
  return { language, stories, dropped, furniture: segmenter.furniture, notices };
}
