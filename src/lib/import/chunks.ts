// The same import as importText, cut into slices with a yield between them, so
// a worker can report progress and honour a cancel on a 50 MB file.
import { classifyLines, isBlank, type SourceLine } from './lines';
import { prepareSource } from './prepare';
import { emptyEvidence } from './hyphens';
import { StorySegmenter } from './segment';
import { finishStory } from './story';
import { detectLanguage } from '../model/text';
import type { ImportLanguage, ImportResult, ImportedStory } from './types';
import { collectEvidence, segmentContext } from './measure';
import { pageLayout, WebEditionReader } from './web';

const SLICE = 256 * 1024;
const yieldTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Resolves to the result, or null when cancelled. Progress goes from 0 to 1. */
export async function importInChunks(
  text: string,
  onProgress: (fraction: number) => void = () => {},
  isCancelled: () => boolean = () => false,
  opts: { language?: ImportLanguage } = {},
): Promise<ImportResult | null> {
  const { source, notices, headings } = prepareSource(text);
  const language = opts.language ?? detectLanguage(source);
  if (isBlank(source, 0, source.length)) return { language, stories: [], dropped: [], furniture: [], notices, problem: { code: 'empty-input' } };
  const lines: SourceLine[] = [];
  const dropped: string[] = [];
  let gap = 0;
  // 1. Classify, slice by slice, each slice ending at a line end.
  for (let from = 0; from < source.length; ) {
    let to = Math.min(source.length, from + SLICE);
    if (to < source.length) {
      const nl = source.indexOf('\n', to);
      to = nl < 0 ? source.length : nl + 1;
    }
    const part = classifyLines(source, language, from, to, gap, dropped, headings);
    for (const l of part.lines) lines.push(l);
    gap = part.gap;
    from = to;
    onProgress((0.5 * from) / source.length);
    await yieldTurn();
    if (isCancelled()) return null;
  }
  const layout = pageLayout(lines, language);
  if (layout === 'web-edition') {
    // A web edition is read in one pass over its lines (they are few: one per paragraph).
    const reader = new WebEditionReader(lines, source);
    const stories = reader.read().map((d) => finishStory(d, language, source));
    onProgress(1);
    return { language, stories, dropped: reader.dropped, furniture: reader.furniture, notices };
  }
  const evidence = emptyEvidence();
  if (language === 'en') collectEvidence(lines, evidence);
  // 2. Segment, a slice of lines at a time.
  const segmenter = new StorySegmenter(lines, segmentContext(lines, language, evidence, layout));
  const perSlice = 20000;
  for (let i = 0; i < lines.length; ) {
    const stop = Math.min(lines.length, i + perSlice);
    while (i < stop) i = segmenter.step(i);
    onProgress(0.5 + (0.2 * i) / lines.length);
    await yieldTurn();
    if (isCancelled()) return null;
  }
  // 3. Name the parts and lint, a batch of stories at a time.
  const drafts = segmenter.finish();
  const stories: ImportedStory[] = [];
  for (let k = 0; k < drafts.length; k++) {
    stories.push(finishStory(drafts[k], language, source));
    if (k % 500 === 499) {
      onProgress(0.7 + (0.3 * k) / drafts.length);
      await yieldTurn();
      if (isCancelled()) return null;
    }
  }
  onProgress(1);
  return { language, stories, dropped, furniture: segmenter.furniture, notices };
}
