// First fit: lines as a desk compositor sets Chinese, taken as they are when
// every line is good; otherwise it names the bad lines for total fit to repair.
import type { PreparedBlock } from './prepared';
import { GAP_CJK, GAP_SPACE, PENALTY_DATELINE, SPACE_SHRINK, SPACE_STRETCH } from './prepared';
import { EPS, LOOSE_EM_PER_GAP, isOrphanLine } from './fit-rules';

/**
 * First fit, as a desk compositor sets Chinese, in clreq's order: push in first
 * (compress punctuation blanks, shrink word and ¼ em spaces to fit one more
 * segment), then push out. Taken as it is when every line is good: none looser
 * than LOOSE_EM_PER_GAP (Chinese) or SPACE_STRETCH (Latin), no break inside a
 * dateline or a word, no 孤字. Otherwise the index of the first bad line, and the total fit decides from a little above it: most
 * paragraphs need no search (first fit is a few times cheaper, and layout
 * re-breaks on every drag step).
 */
export function firstFit(p: PreparedBlock, widthPt: number, s0: number, starts: number[]): number[] | null {
  const n = p.segCount;
  const { segWidth, segGap, segGapKind, segEndTrim, segSqueeze, segPads, segHyphen, segForced, segEmergency, segPenalty, cumGaps } = p;
  const shrink = 1 - SPACE_SHRINK;
  const size = p.style.sizePt;
  const en = p.language === 'en';
  let bad: number[] | null = null;
  let s = s0;
  while (s < n) {
    starts.push(s);
    const avail = widthPt - (s === 0 ? p.indent : 0);
    let x = segWidth[s];
    let sq = segSqueeze[s];
    let spaces = 0;
    let pads = segPads[s];
    let e = s + 1;
    if (!segForced[s]) {
      for (; e < n; e++) {
        const gap = segGap[e];
        const kind = segGapKind[e];
        const nx = x + gap + segWidth[e];
        const natural = nx - segEndTrim[e] + segHyphen[e];
        const nsq = sq + segSqueeze[e];
        const nspaces = spaces + (kind === GAP_SPACE ? gap : 0);
        const npads = pads + segPads[e] + (kind === GAP_CJK ? gap : 0);
        if (natural <= avail + EPS) {
          x = nx;
          sq = nsq;
          spaces = nspaces;
          pads = npads;
          if (segForced[e]) {
            e++;
            break;
          }
          continue;
        }
        if (segEmergency[e]) {
          (bad ??= []).push(starts.length - 1);
          break;
        }
        // Push in: do word spaces, ¼ em Han–Western spaces and punctuation blanks make room?
        const room = nsq - segEndTrim[e] + nspaces * shrink + npads;
        if (natural - room <= avail + EPS) {
          e++;
          x = Infinity; // pushed in: not loose
        }
        break;
      }
    }
    if (e < n) {
      let poor = segPenalty[e] >= PENALTY_DATELINE;
      if (!poor && !segForced[e - 1]) {
        const slack = avail - (x - segEndTrim[e - 1] + segHyphen[e - 1]);
        if (slack > EPS) {
          if (en) poor = slack > (spaces > 0 ? spaces : p.space) * (SPACE_STRETCH - 1);
          else poor = slack > LOOSE_EM_PER_GAP * size * Math.max(1, cumGaps[e] - cumGaps[s]);
        }
      }
      if (poor && (bad === null || bad[bad.length - 1] !== starts.length - 1)) (bad ??= []).push(starts.length - 1);
    }
    s = e;
  }
  if (starts.length >= 2 && isOrphanLine(p, starts[starts.length - 1], n)) (bad ??= []).push(starts.length - 1);
  starts.push(n);
  return bad;
}
