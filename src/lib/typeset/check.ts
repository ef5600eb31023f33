// The rule checker: every way a set of lines breaks clreq or the column.
// It reads only the lines (their text and widths), not the engine's internals,
// so it also judges lines that came from elsewhere.
import type { ClreqLevel, Line } from './types';
import { noStart, noEnd, isHan } from './clreq';
import { isPunctuation } from './fit-rules';

export type ViolationKind = 'line-start' | 'line-end' | 'split-number' | 'split-word' | 'overfull' | 'orphan-char';

export interface Violation {
  kind: ViolationKind;
  /** Index into the checked lines. */
  line: number;
  char?: string;
  message: string;
}

export interface CheckOptions {
  level?: ClreqLevel;
  /** Column width in pt; with it, lines set wider than the column are reported. */
  widthPt?: number;
  /** Tolerance for overfull lines, pt. */
  tolerancePt?: number;
}

const ALNUM = /[0-9A-Za-z\u00c0-\u024f]/;
const DIGIT = /[0-9]/;

/** Set width of a line: where its last run ends (after compression and justification). */
export function setWidth(line: Line): number {
  let w = 0;
  for (const r of line.runs) w = Math.max(w, r.x + r.width);
  return w;
}

export function checkLines(lines: Line[], opts: CheckOptions = {}): Violation[] {
  const level = opts.level ?? 'basic';
  const tol = opts.tolerancePt ?? 0.01;
  const out: Violation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = line.text.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (!t) continue;
    const first = String.fromCodePoint(t.codePointAt(0)!);
    const lastCp = t.codePointAt(t.length - 1)!;
    const last = lastCp >= 0xdc00 && lastCp <= 0xdfff ? t.slice(-2) : t.slice(-1);
    if (noStart(first, level) && !(line.firstOfBlock)) out.push({ kind: 'line-start', line: i, char: first, message: `line ${i} starts with ${first}: ${t.slice(0, 12)}` });
    if (noEnd(last, level) && !line.lastOfBlock) out.push({ kind: 'line-end', line: i, char: last, message: `line ${i} ends with ${last}: ${t.slice(-12)}` });
    const next = lines[i + 1];
    if (next && next.block === line.block && !line.lastOfBlock && !line.text.endsWith('-')) {
      const a = t.slice(-1);
      const nt = next.text.replace(/^[\s\u3000]+/, '');
      const b = nt.charAt(0);
      // A number split from its decimals or unit: 14.|8万, 2022|年, 24|%, 1.3万|名.
      const numberEnd = DIGIT.test(a) || (/[.,]/.test(a) && DIGIT.test(t.slice(-2, -1)));
      if (numberEnd && (DIGIT.test(b) || /^[.,%‰％]/.test(nt) || /^[万亿千百年月日时个名元岁次]/.test(nt))) out.push({ kind: 'split-number', line: i, char: b, message: `number split after line ${i}: …${t.slice(-6)} | ${nt.slice(0, 6)}…` });
      else if (/^[万亿][名人个元]/.test(nt) && DIGIT.test(t.slice(-1))) out.push({ kind: 'split-number', line: i, char: b, message: `number split from its unit after line ${i}` });
      else if (ALNUM.test(a) && ALNUM.test(b) && line.to === next.from) out.push({ kind: 'split-word', line: i, char: b, message: `word split after line ${i}: …${t.slice(-6)} | ${nt.slice(0, 6)}…` });
      else if ((a === '—' && b === '—') || (a === '…' && b === '…')) out.push({ kind: 'split-word', line: i, char: b, message: `${a}${b} split after line ${i}` });
    }
    if (opts.widthPt !== undefined && setWidth(line) > opts.widthPt + tol) out.push({ kind: 'overfull', line: i, message: `line ${i} is ${(setWidth(line) - opts.widthPt).toFixed(2)} pt wider than the column: ${t.slice(0, 12)}` });
    if (line.lastOfBlock && !line.firstOfBlock) {
      let chars = 0;
      let latin = false;
      for (const ch of t) {
        const cp = ch.codePointAt(0)!;
        if (ALNUM.test(ch)) latin = true;
        if (isHan(cp) || (!isPunctuation(cp) && !ALNUM.test(ch))) chars++;
      }
      if (!latin && chars === 1) out.push({ kind: 'orphan-char', line: i, message: `last line of a paragraph holds one character (孤字): ${t}` });
    }
  }
  return out;
}
