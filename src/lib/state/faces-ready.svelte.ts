// Whether a typeset page can be shown as laid out: every bundled face its lines
// are drawn in has loaded the unicode-range slices of the characters they set.
// The faces' pieces are registered here as the page needs them (face-loader.ts) and
// are font-display: block, so until then the browser draws nothing
// for those runs rather than a fallback font the engine did not measure; this
// is what lets the page say when it is really there (PageSurface's
// data-laid-out, which the first-load bench and the fonts e2e spec wait for).
import type { ModuleLayout, PageLayout, PositionedLine } from '../layout';
import { cssWeight, FACE_FAMILY, fontKey } from '../typeset/faces';
import { nextTask, whenIdle } from './idle';
import { faceLoader, FIRST_FACE_FILES_KEY, FIRST_FACES_KEY, stylesheetFontFiles, type EarlyPreload, type FirstFaces } from './face-loader';

function* moduleLines(mod: ModuleLayout): Generator<PositionedLine> {
  yield* mod.headline;
  if (mod.photo) yield* mod.photo.caption;
  for (const col of mod.columns) yield* col;
}

/** A CSS font's face table key (face-loader.ts), CSS family and weight. */
type BundledFace = { key: string; family: string; weight: number };

/** Adds the code points of `text` to `set` (no string per character). */
function addCodePoints(set: Set<number>, text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      set.add(text.codePointAt(i)!);
      i++;
    } else set.add(c);
  }
}

/** Code points as text. */
function textOf(cps: Iterable<number>): string {
  const list = [...cps];
  let out = '';
  for (let i = 0; i < list.length; i += 4096) out += String.fromCodePoint(...list.slice(i, i + 4096));
  return out;
}

/**
 * The text `sheet` draws outside its typeset lines in a bundled face, by CSS font (its
 * computed family list; `faceOfFont` learns its face key, family and weight).
 */
function furnitureText(sheet: HTMLElement, faceOfFont: Map<string, BundledFace>): Map<string, { key: string; text: string }> {
  const chars = new Map<string, Set<number>>();
  const walker = sheet.ownerDocument.createTreeWalker(sheet, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent?.trim() || el.closest('.ln')) continue;
    const cs = getComputedStyle(el);
    const weight = Number(cs.fontWeight) || 400;
    const key = faceLoader.facesOf(cs.fontFamily, weight)[0];
    if (!key) continue;
    const font = `${weight} 16px ${cs.fontFamily}`;
    if (!faceOfFont.has(font)) faceOfFont.set(font, { key, family: cs.fontFamily.split(',')[0].trim().replace(/^['"]|['"]$/g, ''), weight });
    let set = chars.get(font);
    if (!set) chars.set(font, (set = new Set()));
    addCodePoints(set, n.textContent);
  }
  return new Map([...chars].map(([font, set]) => [font, { key: faceOfFont.get(font)!.key, text: textOf(set) }]));
}

/** The document's faces as pages need them: one per document, as its FontFaceSet is. */
export class FaceLoading {
  /**
   * The Layout view's page has been drawn in its faces (PageSurface sets it once). What
   * else sets text in the bundled faces around it (the page strip's headlines of every
   * page) waits for it: the first page's font slices and drawing come first.
   */
  pageShown = $state(false);
  /** Bumped when a requested load settles, so `ready` is asked again. */
  #settled = $state(0);
  /** Loads asked for, by font and text: still loading, or settled (loaded, or failed: not asked again). */
  #loads = new Map<string, 'loading' | 'settled'>();
  /** Characters seen loaded, per font: a page re-laid out while dragging is checked only for new ones. */
  #known = new Map<string, Set<number>>();
  /**
   * The characters each page draws, per font (a page is immutable: the same object, the same
   * text). `ready` is asked again after every font load settles (dozens on a first load); it
   * reads a page's few thousand runs once, not on each of those.
   */
  #pageChars = new WeakMap<PageLayout, Map<string, Set<number>>>();
  /** The same per module: a page laid out again keeps its unchanged modules' objects, so only new modules are read. */
  #moduleChars = new WeakMap<ModuleLayout, Map<string, Set<number>>>();
  /** The hint last written (FIRST_FACES_KEY), not written again unchanged. */
  #hint = '';
  /** CSS font shorthand (bundled family only) each line style is drawn in: made once per style object (all lines of a role share it). */
  #fontOfStyle = new WeakMap<PositionedLine['style'], string>();
  /** Each font #lineFont or furnitureText gives: its face table key, CSS family and weight. */
  #faceOfFont = new Map<string, BundledFace>();

  #lineFont(l: PositionedLine): string {
    let font = this.#fontOfStyle.get(l.style);
    if (!font) this.#fontOfStyle.set(l.style, (font = `${cssWeight(l.style.face, l.style.weight)} 16px "${FACE_FAMILY[l.style.face]}"`));
    return font;
  }

  #charsOf(page: PageLayout): Map<string, Set<number>> {
    let byFont = this.#pageChars.get(page);
    if (byFont) return byFont;
    byFont = new Map();
    for (const mod of page.modules) {
      let own = this.#moduleChars.get(mod);
      if (!own) {
        own = new Map();
        for (const l of moduleLines(mod)) {
          const font = this.#lineFont(l);
          if (!this.#faceOfFont.has(font)) this.#faceOfFont.set(font, { key: fontKey(l.style.face, l.style.weight), family: FACE_FAMILY[l.style.face], weight: cssWeight(l.style.face, l.style.weight) });
          let set = own.get(font);
          if (!set) own.set(font, (set = new Set()));
          for (const r of l.runs) addCodePoints(set, r.text);
        }
        this.#moduleChars.set(mod, own);
      }
      for (const [font, chars] of own) {
        const set = byFont.get(font);
        if (!set) byFont.set(font, new Set(chars));
        else for (const ch of chars) set.add(ch);
      }
    }
    this.#pageChars.set(page, byFont);
    return byFont;
  }

  #hintLater: (() => void) | null = null;
  #rareWait = false;
  #firstChecked = false;

  /**
   * The Layout view has drawn `page` (in `sheet`): its fonts and characters are left for the next
   * start (FIRST_FACES_KEY) once the browser is idle.
   */
  pageDrawn(page: PageLayout, sheet?: HTMLElement): void {
    this.#hintLater?.();
    this.#hintLater = whenIdle(() => {
      this.#hintLater = null;
      const faces: FirstFaces = Object.fromEntries([...this.#charsOf(page)].map(([font, chars]) => [font, { key: this.#faceOfFont.get(font)?.key ?? '', text: textOf(chars) }]));
      // Then what the sheet draws beside its lines (the masthead, the folio, a photo's
      // placeholder): its pieces after the lines' (the page waits only for its lines), but in
      // the hint, so they are not asked for last, once the view is built.
      if (sheet) for (const [font, f] of furnitureText(sheet, this.#faceOfFont)) faces[font] ??= f;
      const hint = JSON.stringify(faces);
      if (hint === this.#hint) return;
      this.#hint = hint;
      const pieces = [...new Map(Object.values(faces).flatMap((f) => (f.key ? faceLoader.pieces(f.key, f.text) : [])).map((p) => [p.url, p])).values()];
      // The stylesheets' files of the characters no piece holds (Latin, digits: slices.css, Noto
      // Serif): the page waits for them too, and asked for only once it is laid out they came last.
      const preloads = new Set<string>();
      for (const [font, { key, text }] of Object.entries(faces)) {
        const style = this.#faceOfFont.get(font);
        const rest = faceLoader.unknown(key, text);
        if (style && rest) for (const url of stylesheetFontFiles(document.styleSheets, style.family, style.weight, rest)) preloads.add(url);
      }
      const files: (EarlyPreload | (typeof pieces)[number])[] = [...[...preloads].map((url): EarlyPreload => ({ preload: 'font', url })), ...pieces];
      try {
        localStorage.setItem(FIRST_FACES_KEY, hint);
        localStorage.setItem(FIRST_FACE_FILES_KEY, JSON.stringify(files));
      } catch {
        // Storage refused or full: the next start asks for the fonts once its page is laid out, as without a hint.
      }
    });
  }

  /** True once every face the page draws with has loaded for its characters; starts the loads otherwise. */
  ready(page: PageLayout): boolean {
    void this.#settled;
    if (typeof document === 'undefined' || !document.fonts) return true;
    // The very first check (a start's page: a few thousand characters against every slice of
    // its faces) runs in the task after the one that builds the view: a task of its own.
    if (!this.#firstChecked) {
      this.#firstChecked = true;
      void nextTask().then(() => this.#settled++);
      return false;
    }
    const unknown = new Map<string, Set<number>>();
    for (const [font, chars] of this.#charsOf(page)) {
      let known = this.#known.get(font);
      if (!known) this.#known.set(font, (known = new Set()));
      for (const ch of chars) {
        if (known.has(ch)) continue;
        let set = unknown.get(font);
        if (!set) unknown.set(font, (set = new Set()));
        set.add(ch);
      }
    }
    let all = true;
    for (const [font, chars] of unknown) {
      const text = textOf(chars);
      const face = this.#faceOfFont.get(font)?.key ?? '';
      // One pass of the loader over the text: the pieces it needs, registered now (found by
      // code point: no matching of the text against every face), whether a character waits for
      // the table's rare part (known only once that part has arrived), and what no piece holds
      // (Latin…: slices.css, Noto Serif), the document's to match.
      const need = faceLoader.need(face, text);
      if (need.rare) {
        all = false;
        if (!this.#rareWait) {
          this.#rareWait = true;
          void faceLoader.settled().then(() => {
            this.#rareWait = false;
            this.#settled++;
          });
        }
        continue;
      }
      const key = `${font}\n${text}`;
      const load = this.#loads.get(key);
      const loading = need.faces.filter((f) => f.status === 'unloaded' || f.status === 'loading');
      if ((!loading.length && (!need.rest || document.fonts.check(font, need.rest))) || load === 'settled') {
        // Loaded, or (a failed load, offline) the page shows in whatever the browser has.
        for (const ch of chars) this.#known.get(font)!.add(ch);
        continue;
      }
      all = false;
      if (load) continue;
      this.#loads.set(key, 'loading');
      const settle = () => {
        this.#loads.set(key, 'settled');
        this.#settled++;
      };
      Promise.all([...loading.map((f) => f.load().catch(() => f)), need.rest && document.fonts.load(font, need.rest)]).then(settle, settle);
    }
    return all;
  }
}

export const faceLoading = new FaceLoading();
