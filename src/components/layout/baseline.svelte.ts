// Where the baseline of a line of type sits inside its CSS line box.
// The engine gives every line's baseline in pt; CSS positions boxes by their
// top, so each line is placed at `baseline - offset`. With line-height equal to
// the font size the offset is (1 + ascent - descent) / 2 em by the fonts' hhea
// metrics (read with fontkit from the bundled files: the defaults below), but
// Chromium rounds ascent and descent to whole pixels per size, so once the
// fonts are loaded the offset is measured once per face and size with a probe.
import type { FaceRole, TextStyle } from '../../lib/typeset/types';
import { cssWeight, FACE_FALLBACK } from '../../lib/typeset/faces';

/** (1 + hhea ascent - hhea descent) / 2 of the bundled files, in em. */
const DEFAULT_OFFSET: Record<FaceRole, number> = { song: 0.9325, hei: 0.936, kai: 0.836, latin: 0.888 };

const measured = new Map<string, number>();
/** The style each measured key was probed with. */
const probedStyle = new Map<string, Pick<TextStyle, 'face' | 'weight' | 'sizePt'>>();
/** Face/size keys placed with the defaults (the fonts were still loading): placed again once they have loaded. */
const defaulted = new Set<string>();
/** The style each defaulted key was asked for with. */
const defaultedStyle = new Map<string, Pick<TextStyle, 'face' | 'weight' | 'sizePt'>>();
/** Bumped when an offset changes, so the lines placed with the old one are placed again. */
let version = $state(0);

if (typeof document !== 'undefined' && document.fonts) {
  // Each batch of font loads ends in `loadingdone`: measure again what was measured, and
  // re-place the lines only if an offset moved (re-placing every line of a page forces a
  // layout of all of it; a first load sees one such event per batch of font slices).
  const remeasure = () => {
    if (document.fonts.status !== 'loaded') return;
    let changed = defaulted.size > 0;
    defaulted.clear();
    defaultedStyle.clear();
    const keys = [...measured.keys()];
    const probed = probeAll(keys.map((key) => probedStyle.get(key)!));
    keys.forEach((key, i) => {
      const p = probed[i];
      if (p === null) return;
      if (p !== measured.get(key)) changed = true;
      measured.set(key, p);
    });
    if (changed) version++;
  };
  document.fonts.addEventListener('loadingdone', remeasure);
  void document.fonts.ready.then(remeasure);
}

/**
 * Measure now what was placed with the defaults, and place it again if an offset moved. The
 * Layout view's first page calls this once the faces its lines use have loaded and before it
 * shows them (its lines are written early, hidden, while the fonts arrive): measured while the
 * lines are hidden, the probes cost a small layout each, and the lines are placed once, not
 * shown and then moved by the next `loadingdone`. That event measures everything again (a
 * value probed before every slice was in is corrected there).
 */
export function settleBaselines(): void {
  let changed = false;
  const keys = [...defaulted];
  const styles = keys.map((key) => defaultedStyle.get(key)!);
  const probed = probeAll(styles);
  if (probed.some((p) => p === null)) return;
  keys.forEach((key, i) => {
    const p = probed[i]!;
    measured.set(key, p);
    probedStyle.set(key, styles[i]);
    if (p !== DEFAULT_OFFSET[styles[i].face] * styles[i].sizePt) changed = true;
  });
  defaulted.clear();
  defaultedStyle.clear();
  if (changed) version++;
}

/**
 * Probes for several faces and sizes at once: all written, then all read, then all removed,
 * so the page is laid out once for them, not once per face and size (each probe's read forces
 * a layout once the one before it was removed). Null where there is no document.
 */
function probeAll(styles: Pick<TextStyle, 'face' | 'weight' | 'sizePt'>[]): (number | null)[] {
  if (typeof document === 'undefined' || !document.body) return styles.map(() => null);
  const boxes = styles.map(probeBox);
  document.body.append(...boxes.map((b) => b.box));
  const offsets = boxes.map(({ box, mark }) => (mark.getBoundingClientRect().top - box.getBoundingClientRect().top) * 0.75); // px → pt
  for (const { box } of boxes) box.remove();
  return offsets;
}

function probe(style: Pick<TextStyle, 'face' | 'weight' | 'sizePt'>): number | null {
  return probeAll([style])[0];
}

/** A hidden line of one face and size with a zero-size mark on its baseline. */
function probeBox(style: Pick<TextStyle, 'face' | 'weight' | 'sizePt'>): { box: HTMLElement; mark: HTMLElement } {
  const box = document.createElement('div');
  box.style.cssText = `position:absolute;left:-9999px;top:0;visibility:hidden;font-family:${FACE_FALLBACK[style.face]};font-weight:${cssWeight(style.face, style.weight)};font-size:${style.sizePt}pt;line-height:${style.sizePt}pt;white-space:pre`;
  const mark = document.createElement('span');
  mark.style.cssText = 'display:inline-block;width:0;height:0;vertical-align:baseline';
  box.append('中', mark);
  return { box, mark };
}

/** Distance in pt from the top of a line box (line-height = size) to its baseline. */
export function baselineOffset(style: Pick<TextStyle, 'face' | 'weight' | 'sizePt'>): number {
  void version; // re-run dependants when the fonts have loaded
  const key = `${style.face}/${style.weight}/${style.sizePt}`;
  let v = measured.get(key);
  if (v === undefined) {
    const loaded = typeof document !== 'undefined' && document.fonts?.status === 'loaded';
    const p = loaded ? probe(style) : null;
    v = p ?? DEFAULT_OFFSET[style.face] * style.sizePt;
    if (p !== null) {
      measured.set(key, v);
      probedStyle.set(key, { face: style.face, weight: style.weight, sizePt: style.sizePt });
    } else {
      defaulted.add(key);
      defaultedStyle.set(key, { face: style.face, weight: style.weight, sizePt: style.sizePt });
    }
  }
  return v;
}
