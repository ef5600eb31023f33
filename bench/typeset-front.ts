// The benchmark's front page: 12 stories, about 15,000 characters with about
// 3% Latin letters and digits, built from the real sample, on an 8-column grid.
import type { SourceBlock } from '../src/lib/typeset/types';

export interface BenchModule {
  story: number;
  column: number;
  span: number;
  /** Height in body lines. */
  lines: number;
}

export interface BenchFront {
  stories: SourceBlock[][];
  modules: BenchModule[];
  chars: number;
  westernShare: number;
  columnWidthPt: number;
  gutterPt: number;
  bodySizePt: number;
  leadingPt: number;
}

// Western words dropped into the Chinese text, as a real front page has them.
const LATIN = ['WHO', 'COVID-19', '5G', 'GDP', 'APEC', 'CPI 2.5%', 'iPhone', 'NASA', 'G20', 'Wi-Fi', 'AI', 'NBA', 'UNESCO', '2035', 'PM2.5', '3.2万'];

export function buildFront(sample: string): BenchFront {
  const paragraphs = sample.split(/\n\s*\n/).map((s) => s.trim()).filter((s) => s.length > 0);
  const body = paragraphs.filter((p) => p.length > 30);
  const heads = paragraphs.filter((p) => p.length <= 30);
  const stories: SourceBlock[][] = [];
  let chars = 0;
  let western = 0;
  let k = 0;
  for (let s = 0; s < 12; s++) {
    const blocks: SourceBlock[] = [{ key: `s${s}-h`, role: 'headline', runs: [{ text: heads[s % heads.length], marks: [] }] }];
    let size = 0;
    let i = 0;
    while (size < 1230) {
      let text = body[k++ % body.length];
      // The sample already has digits (dates, counts); a Western word every ~300
      // characters brings Latin letters and digits to about 3% of the text.
      let out = '';
      for (let at = 0; at < text.length; at += 300) out += text.slice(at, at + 300) + (at + 300 < text.length ? LATIN[(k + at) % LATIN.length] : '');
      text = out;
      blocks.push({ key: `s${s}-p${i++}`, role: 'paragraph', runs: [{ text, marks: [] }] });
      size += text.length;
    }
    for (const b of blocks) for (const r of b.runs) {
      chars += r.text.length;
      western += (r.text.match(/[A-Za-z0-9]/g) ?? []).length;
    }
    stories.push(blocks);
  }
  // Modules: a rough front page, each story a rectangle of columns (spans 1-4) and lines.
  const modules: BenchModule[] = [
    { story: 0, column: 0, span: 4, lines: 30 },
    { story: 1, column: 4, span: 2, lines: 40 },
    { story: 2, column: 6, span: 2, lines: 40 },
    { story: 3, column: 0, span: 2, lines: 50 },
    { story: 4, column: 2, span: 2, lines: 50 },
    { story: 5, column: 4, span: 1, lines: 70 },
    { story: 6, column: 5, span: 1, lines: 70 },
    { story: 7, column: 6, span: 2, lines: 35 },
    { story: 8, column: 0, span: 3, lines: 25 },
    { story: 9, column: 3, span: 1, lines: 60 },
    { story: 10, column: 6, span: 1, lines: 60 },
    { story: 11, column: 7, span: 1, lines: 60 },
  ];
  return { stories, modules, chars, westernShare: western / chars, columnWidthPt: 11 * 9, gutterPt: 9, bodySizePt: 9, leadingPt: 13.5 };
}

/** Module width in pt for a span of columns (the measure of each of its columns is one column width). */
export function moduleWidthPt(front: BenchFront, span: number): number {
  return span * front.columnWidthPt + (span - 1) * front.gutterPt;
}
