// Page-wide measures the segmenter compares lines against.
import type { SourceLine } from './lines';
import type { SegmentContext } from './segment';
import type { ImportLanguage } from './types';

/** The usual gap between paragraphs, and (English) the usual line length. */
export function measureLines(lines: SourceLine[]): { usualGap: number; measure: number } {
  const gaps = new Map<number, number>();
  // A histogram, not a sort: line lengths past 200 all count as long.
  const lengths = new Uint32Array(202);
  let counted = 0;
  const step = Math.max(1, Math.floor(lines.length / 20000));
  for (let i = 1; i < lines.length; i += step) {
    gaps.set(lines[i].gap, (gaps.get(lines[i].gap) ?? 0) + 1);
    if (lines[i].kind === 'text' || lines[i].kind === 'dateline') {
      lengths[Math.min(201, lines[i].text.length)]++;
      counted++;
    }
  }
  let usualGap = 0;
  let best = -1;
  for (const [gap, n] of gaps) if (n > best || (n === best && gap < usualGap)) [usualGap, best] = [gap, n];
  let measure = 60;
  for (let len = 0, seen = 0; len < lengths.length && counted; len++) {
    seen += lengths[len];
    if (seen * 2 > counted) {
      measure = len;
      break;
    }
  }
  return { usualGap, measure };
}

const COMPOUND = /[A-Za-z]+-[A-Za-z]+/g;

/** Hyphenated words printed whole inside a line: evidence that their hyphen is real. */
export function collectCompounds(lines: SourceLine[], into = new Set<string>(), from = 0, to = lines.length): Set<string> {
  for (let i = from; i < to; i++) {
    const t = lines[i].text;
    if (t.indexOf('-') < 0) continue;
    // The last word of the line may be a split word, not a compound.
    const body = t.endsWith('-') ? t.slice(0, t.lastIndexOf(' ') + 1) : t;
    for (const m of body.matchAll(COMPOUND)) into.add(m[0].toLowerCase());
  }
  return into;
}

export function segmentContext(lines: SourceLine[], language: ImportLanguage, compounds: Set<string>): SegmentContext {
  return { language, ...measureLines(lines), compounds };
}
