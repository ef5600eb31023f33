// Whether a typeset page can be shown as laid out: every bundled face its lines
// are drawn in has loaded the unicode-range slices of the characters they set.
// The faces are font-display: block, so until then the browser draws nothing
// for those runs rather than a fallback font the engine did not measure; this
// is what lets the page say when it is really there (PageSurface's
// data-laid-out, which the first-load bench and the fonts e2e spec wait for).
import type { PageLayout, PositionedLine } from '../layout';
import { cssWeight, FACE_FAMILY } from '../typeset/faces';

/** CSS font shorthand (bundled family only) → the characters the page sets in it. */
export function pageFonts(page: PageLayout): Map<string, string> {
  const chars = new Map<string, Set<string>>();
  const add = (lines: PositionedLine[]) => {
    for (const l of lines) {
      const font = `${cssWeight(l.style.face, l.style.weight)} 16px "${FACE_FAMILY[l.style.face]}"`;
      let set = chars.get(font);
      if (!set) chars.set(font, (set = new Set()));
      for (const r of l.runs) for (const ch of r.text) set.add(ch);
    }
  };
  for (const mod of page.modules) {
    add(mod.headline);
    if (mod.photo) add(mod.photo.caption);
    for (const col of mod.columns) add(col);
  }
  return new Map([...chars].map(([font, set]) => [font, [...set].join('')]));
}

/** The document's faces as pages need them: one per document, as its FontFaceSet is. */
export class FaceLoading {
  /** Bumped when a requested load settles, so `ready` is asked again. */
  #settled = $state(0);
  /** Loads asked for, by font and text: still loading, or settled (loaded, or failed: not asked again). */
  #loads = new Map<string, 'loading' | 'settled'>();

  /** True once every face the page draws with has loaded for its characters; starts the loads otherwise. */
  ready(page: PageLayout): boolean {
    void this.#settled;
    if (typeof document === 'undefined' || !document.fonts) return true;
    let all = true;
    for (const [font, text] of pageFonts(page)) {
      if (document.fonts.check(font, text)) continue;
      const key = `${font}\n${text}`;
      const load = this.#loads.get(key);
      // A failed load (offline) settles too: the page then shows in whatever the browser has.
      if (load === 'settled') continue;
      all = false;
      if (load) continue;
      this.#loads.set(key, 'loading');
      const settle = () => {
        this.#loads.set(key, 'settled');
        this.#settled++;
      };
      document.fonts.load(font, text).then(settle, settle);
    }
    return all;
  }
}

export const faceLoading = new FaceLoading();
