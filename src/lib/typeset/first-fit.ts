// First fit: lines as a desk compositor sets Chinese, taken as they are when
// every line is good; otherwise it names the bad lines for total fit to repair.
import type { PreparedBlock } from './prepared';
import {
  A_PAD, ATOM, GAP_CJK, GAP_NONE, GAP_SPACE, PENALTY_DATELINE, penaltyOf, S_BITS, S_START, S_WIDTH, SB_EMERGENCY, segPads, segSqueeze,
  SB_END_TRIM, SB_FORCED, SB_GAP_KIND, SB_HYPHEN, SEG, SPACE_SHRINK, SPACE_STRETCH,
} from './prepared';
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
  // Segment s's record is f[segs + s * SEG + S_*], its integers iv[2 * (segs + s * SEG) + S_*].
  const { f, i: iv, segs, atoms, hyphen, half } = p;
  const shrink = 1 - SPACE_SHRINK;
  const size = p.style.sizePt;
  const en = p.language === 'en';
  let bad: number[] | null = null;
  let s = s0;
  while (s < n) {
    starts.push(s);
    const avail = widthPt - (s === 0 ? p.indent : 0);
    const rs = segs + s * SEG;
    const sBits = iv[2 * rs + S_BITS];
    let x = f[rs + S_WIDTH];
    let sq = segSqueeze(p, rs, sBits);
    let spaces = 0;
    let pads = segPads(p, rs, sBits);
    let e = s + 1;
    if (!(sBits & SB_FORCED)) {
      for (let re = rs + SEG; e < n; e++, re += SEG) {
        const gap = f[atoms + iv[2 * re + S_START] * ATOM + A_PAD]; // gapOf
        const bits = iv[2 * re + S_BITS];
        const kind = bits & SB_GAP_KIND;
        const endTrim = bits & SB_END_TRIM ? half : 0;
        const nx = x + gap + f[re + S_WIDTH];
        const natural = nx - endTrim + (bits & SB_HYPHEN ? hyphen : 0);
        const nsq = sq + segSqueeze(p, re, bits);
        const nspaces = spaces + (kind === GAP_SPACE ? gap : 0);
        const npads = pads + segPads(p, re, bits) + (kind === GAP_CJK ? gap : 0);
        if (natural <= avail + EPS) {
          x = nx;
          sq = nsq;
          spaces = nspaces;
          pads = npads;
          if (bits & SB_FORCED) {
            e++;
            break;
          }
          continue;
        }
        if (bits & SB_EMERGENCY) {
          (bad ??= []).push(starts.length - 1);
          break;
        }
        // Push in: do word spaces, ¼ em Han–Western spaces and punctuation blanks make room?
        const room = nsq - endTrim + nspaces * shrink + npads;
        if (natural - room <= avail + EPS) {
          e++;
          x = Infinity; // pushed in: not loose
        }
        break;
      }
    }
    if (e < n) {
      const re = segs + e * SEG;
      const rl = re - SEG; // the line's last segment, e - 1
      const lastBits = iv[2 * rl + S_BITS];
      let poor = penaltyOf(iv[2 * re + S_BITS]) >= PENALTY_DATELINE;
      if (!poor && !(lastBits & SB_FORCED)) {
        const slack = avail - (x - (lastBits & SB_END_TRIM ? half : 0) + (lastBits & SB_HYPHEN ? hyphen : 0));
        if (slack > EPS) {
          if (en) poor = slack > (spaces > 0 ? spaces : p.space) * (SPACE_STRETCH - 1);
          else {
            // The justifiable gaps before the line's segments (that before its first one too, as the prefix sums count them).
            let gaps = 0;
            for (let t = s, rt = rs; t < e; t++, rt += SEG) if (t > 0 && (iv[2 * rt + S_BITS] & SB_GAP_KIND) !== GAP_NONE) gaps++;
            poor = slack > LOOSE_EM_PER_GAP * size * Math.max(1, gaps);
          }
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
