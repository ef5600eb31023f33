// Registers the bundled CJK faces' pieces with the document as text needs them.
//
// The pieces (public/fonts/pieces, cut by scripts/build-face-pieces.ts) are listed in a
// compact table (src/fonts/face-table.ts) rather than declared as some thousands of
// @font-face rules: a rule costs CSS bytes on every first load and a face the browser
// matches all text against, whether a page sets its characters or not. Here a piece
// becomes a FontFace (font-display: block) only when text in its face and with one of
// its characters is about to be drawn, so the browser knows of a few hundred faces,
// and fetches, as ever, only those it draws with.
//
// Who asks: the Layout view's page asks for its lines' faces and waits for them
// (faces-ready.svelte.ts); everything else drawn in a bundled family (the story editor,
// the masthead and folios, thumbnails, proofs and print, any UI using these families) is
// found by `watchFaces`: a MutationObserver that reads new and changed text and the
// family it is drawn in, in the microtask after the change, so before the browser
// styles and paints it: no character is ever drawn while its face is unknown (it would
// be drawn in a fallback font, which font-display: block cannot hold back).
// Hand-written: no library registers unicode-range faces from a table.
import { FACE_TABLE } from '../../fonts/face-table';
import { decodeOrder } from '../../fonts/face-order';
import { parseRange, toRange } from '../../fonts/unicode-range';
import { nextTask } from './idle';

interface FaceRow {
  key: string;
  family: string;
  weight: number;
  k: number[];
  /** By rank: 1 where the face lacks the character (the loader names only what a piece has). */
  lacks: Uint8Array;
  /** Registered pieces by first rank. */
  pieces: Map<number, FontFace>;
  /** The face has pieces in the table's rare part (only kai: its characters beyond the CJK bands). */
  rare: boolean;
  /** By rank: 1 once the character's piece is registered (or it has none): `register` skips it at once. */
  done: Uint8Array;
}

/** What a face needs for a text (FaceLoader.need): one pass over the text answers all of it. */
export interface FaceNeed {
  /** The pieces the text's characters are in, registered now. */
  faces: FontFace[];
  /** A character may be in the table's rare part, not here yet (`settled` says when it is). */
  rare: boolean;
  /** The characters no piece of the face holds (drawn from other faces: slices.css…). */
  rest: string;
}

/** Where the pieces are served (Vite copies public/ to the build's root). */
const PIECES_URL = `${import.meta.env?.BASE_URL ?? '/'}fonts/pieces/`;

/** Marks "no rank" in the BMP look-up (ranks are stored + 1). */
const NONE = 0;

/**
 * One per document: its FontFaceSet gets the pieces. The table is read on first use (its
 * order decoded into typed arrays: a code point's rank, a rank's bin, each a single index,
 * so a page's few thousand characters are looked up without hashing or allocating), its
 * rare part (LXGW WenKai's characters beyond the CJK bands: extension A and B, Hangul…) only
 * when a character past the common part turns up.
 */
export class FaceLoader {
  #fonts: FontFaceSet | null;
  #ready = false;
  /** Rank + 1 of each BMP code point (NONE: not in the table); astral ones in #astral. */
  #bmp = new Uint16Array(0x10000);
  #astral = new Map<number, number>();
  /** Code point of each rank (common, then rare once loaded). */
  #order: number[] = [];
  /** Bin of each rank, filled as far as the order is known. */
  #binOf = new Uint16Array(0);
  #faces: FaceRow[] = [];
  #byFamily = new Map<string, FaceRow[]>();
  #rareBelow = new Set<number>();
  #rare: Promise<void> | null = null;
  #rareLoaded = false;
  /** Registrations that waited for the rare part. */
  #afterRare: { face: FaceRow; text: string }[] = [];

  /** Pieces index.html's inline script registered (and began loading) before the app's code ran, by file: taken, not made again. */
  #early: EarlyFaces | null;

  constructor(fonts: FontFaceSet | null, early: EarlyFaces | null = null) {
    this.#fonts = fonts;
    this.#early = early;
  }

  #table(): void {
    if (this.#ready) return;
    this.#ready = true;
    // Ranks are kept + 1 in 16 bits: the builder's order must stay under 65,535 code points.
    if (FACE_TABLE.total >= 0xffff) throw new Error('face table: too many ranks for the loader\'s 16-bit look-up');
    this.#binOf = new Uint16Array(FACE_TABLE.total);
    const bins = FACE_TABLE.bins;
    for (let b = 0; b < bins.length; b++) this.#binOf.fill(b, bins[b], b + 1 < bins.length ? bins[b + 1] : FACE_TABLE.total);
    this.#addRanks(decodeOrder(FACE_TABLE.order));
    this.#faces = FACE_TABLE.faces.map((f) => ({
      key: f.key,
      family: f.family,
      weight: f.weight,
      k: f.k,
      lacks: new Uint8Array(FACE_TABLE.total),
      pieces: new Map(),
      done: new Uint8Array(FACE_TABLE.total),
      rare: f.k.some((k, b) => k > 0 && FACE_TABLE.bins[b] >= FACE_TABLE.common),
    }));
    FACE_TABLE.faces.forEach((f, i) => {
      for (const c of f.lacks) {
        const r = this.#rankOf(c.codePointAt(0)!);
        if (r >= 0) this.#faces[i].lacks[r] = 1;
        else this.#lacksLater.push([i, c.codePointAt(0)!]);
      }
    });
    for (const f of this.#faces) {
      const list = this.#byFamily.get(f.family) ?? [];
      list.push(f);
      this.#byFamily.set(f.family, list);
    }
    if (FACE_TABLE.rareBelow2e80) for (const cp of parseRange(FACE_TABLE.rareBelow2e80)) this.#rareBelow.add(cp);
  }
  /** A face's lacking characters in the rare part: marked once that part's ranks are known. */
  #lacksLater: [number, number][] = [];

  #addRanks(cps: number[]): void {
    for (const cp of cps) {
      const r = this.#order.length;
      this.#order.push(cp);
      if (cp < 0x10000) this.#bmp[cp] = r + 1;
      else this.#astral.set(cp, r);
    }
  }

  /** The rank of a code point, or −1. */
  #rankOf(cp: number): number {
    return cp < 0x10000 ? this.#bmp[cp] - 1 : (this.#astral.get(cp) ?? -1);
  }

  /**
   * The table's face of a CSS family and weight, as CSS font matching picks among a family's
   * weights (desired or nearest on the side CSS prefers; the Noto faces have 400 and 700, kai 500).
   */
  face(family: string, weight: number): string | null {
    const memo = `${family}\n${weight}`;
    if (this.#faceOf.has(memo)) return this.#faceOf.get(memo)!;
    const key = this.#match(family, weight);
    this.#faceOf.set(memo, key);
    return key;
  }
  #faceOf = new Map<string, string | null>();

  #match(family: string, weight: number): string | null {
    this.#table();
    const rows = this.#byFamily.get(family);
    if (!rows) return null;
    const below = rows.filter((f) => f.weight <= weight).sort((a, b) => b.weight - a.weight);
    const above = rows.filter((f) => f.weight > weight).sort((a, b) => a.weight - b.weight);
    // 400–500 first looks up to 500, then down, then up; lighter looks down first; bolder up first.
    const within = weight >= 400 && weight <= 500 ? above.filter((f) => f.weight <= 500) : [];
    const order = weight > 500 ? [...above, ...below] : [...within, ...below, ...above];
    return (order[0] ?? rows[0]).key;
  }

  /** Whether a code point may be in the rare part (past the common part, so not yet known) with a piece of this face there. */
  #maybeRare(face: FaceRow, cp: number): boolean {
    return !this.#rareLoaded && face.rare && (cp >= 0x2e80 || this.#rareBelow.has(cp));
  }

  #loadRare(): Promise<void> {
    this.#rare ??= import('../../fonts/face-table-rare').then(
      ({ RARE_ORDER }) => {
        this.#table();
        this.#addRanks(decodeOrder(RARE_ORDER));
        for (const [i, cp] of this.#lacksLater) {
          const r = this.#rankOf(cp);
          if (r >= 0) this.#faces[i].lacks[r] = 1;
        }
        this.#lacksLater = [];
        this.#rareLoaded = true;
        const waiting = this.#afterRare;
        this.#afterRare = [];
        for (const w of waiting) this.#need(w.face, w.text, true);
      },
      () => {
        // Offline before the rare part was fetched: those characters are drawn in a fallback font.
        this.#rareLoaded = true;
      },
    );
    return this.#rare;
  }

  /** First rank of the piece of `face` holding rank r, or −1 (the face has none there). */
  #pieceStart(face: FaceRow, r: number): number {
    const b = this.#binOf[r];
    const k = face.k[b];
    if (!k) return -1;
    const start = FACE_TABLE.bins[b];
    return start + Math.floor((r - start) / k) * k;
  }

  /**
   * One pass over `text` for face `face`: registers (not loads) the pieces its characters are
   * in, and says which characters wait for the rare part and which no piece holds. With
   * `only`, just registers: a character seen before is skipped after one look-up (the watcher
   * hands over every text drawn, much of it seen already).
   */
  #need(face: FaceRow, text: string, only = false): FaceNeed {
    this.#table();
    // The loader takes over: what index.html's script has not made yet it makes now, then stops.
    if (this.#early && !this.#early.closed) this.#early.finish();
    const faces = new Set<FontFace>();
    let rare = '';
    let rest = '';
    for (let i = 0; i < text.length; i++) {
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) {
        cp = text.codePointAt(i)!;
        i++;
      }
      // Spaces and controls: no face draws them visibly; the pieces hold none.
      if (cp <= 0x20) continue;
      const r = this.#rankOf(cp);
      if (r < 0) {
        if (this.#maybeRare(face, cp)) rare += String.fromCodePoint(cp);
        else if (!only) rest += String.fromCodePoint(cp);
        continue;
      }
      if (only && face.done[r]) continue;
      face.done[r] = 1;
      const at = face.lacks[r] ? -1 : this.#pieceStart(face, r);
      if (at < 0) {
        if (!only) rest += String.fromCodePoint(cp);
        continue;
      }
      let ff = face.pieces.get(at);
      if (!ff) {
        const url = this.#url(face, at);
        // Already in the document (index.html's script made it from the same table version: the
        // file's ?v= says so): one FontFace and one fetch per piece.
        ff = this.#early?.faces[url];
        if (ff) delete this.#early!.faces[url];
        else {
          ff = new FontFace(face.family, `url(${url}) format('woff2')`, { ...this.#descriptors(face), unicodeRange: toRange(this.#pieceChars(face, at)) });
          this.#fonts?.add(ff);
        }
        face.pieces.set(at, ff);
      }
      if (!only) faces.add(ff);
    }
    if (rare) {
      this.#afterRare.push({ face, text: rare });
      void this.#loadRare();
    }
    return { faces: [...faces], rare: !!rare, rest };
  }

  #descriptors(face: FaceRow): FontFaceDescriptors {
    return { weight: String(face.weight), style: 'normal', display: 'block' };
  }

  #pieceChars(face: FaceRow, start: number): number[] {
    const b = this.#binOf[start];
    const end = Math.min(start + face.k[b], FACE_TABLE.bins[b + 1] ?? FACE_TABLE.total);
    const out: number[] = [];
    for (let r = start; r < end; r++) if (!face.lacks[r]) out.push(this.#order[r]);
    return out;
  }

  #row(key: string): FaceRow | undefined {
    this.#table();
    for (const f of this.#faces) if (f.key === key) return f;
    return undefined;
  }

  /**
   * Registers the pieces `text` needs in face `key` (a metric table key, faces.ts fontKey) and
   * says what else it needs (FaceNeed), in one pass: the pieces to load, whether a character
   * waits for the rare part (registered once it arrives: `settled` says when), and what no
   * piece holds. A face the table lacks: all of the text is `rest`.
   */
  need(key: string, text: string): FaceNeed {
    const face = this.#row(key);
    return face ? this.#need(face, text) : { faces: [], rare: false, rest: text };
  }

  /** Registers the pieces `text` needs in face `key`; true when all are known now (none waits for the rare part). */
  register(key: string, text: string): boolean {
    const face = this.#row(key);
    return !face || !this.#need(face, text, true).rare;
  }

  /** Resolves once any rare characters asked for so far are registered, and the text `watchFaces` has seen. */
  async settled(): Promise<void> {
    while (this.#watching.size || (this.#rare && !this.#rareLoaded)) await Promise.all([...this.#watching, this.#rare]);
  }

  #watching = new Set<Promise<void>>();
  /** Work that registers pieces (watchFaces' next frame): `settled` waits for it. */
  settleAfter(work: Promise<void>): void {
    this.#watching.add(work);
    void work.finally(() => this.#watching.delete(work));
  }

  /** Registers and loads the pieces of `text` in face `key`; resolves once they have loaded (or failed). */
  async load(key: string, text: string): Promise<void> {
    let need = this.need(key, text);
    if (need.rare) {
      await this.settled();
      need = this.need(key, text);
    }
    await Promise.all(need.faces.map((f) => (f.status === 'loaded' ? f : f.load().catch(() => f))));
  }

  /**
   * The pieces `text` needs in face `key` as FontFace arguments, without registering them: the
   * next start's inline script (index.html) registers and loads them before the app's code has
   * arrived, and this loader takes those FontFaces (by file) when the page asks for the pieces.
   * Characters past the table's common part are left out (their part may not be here yet).
   */
  pieces(key: string, text: string): EarlyPiece[] {
    const face = this.#row(key);
    if (!face) return [];
    const out = new Map<number, EarlyPiece>();
    for (const ch of text) {
      const r = this.#rankOf(ch.codePointAt(0)!);
      if (r < 0 || face.lacks[r]) continue;
      const at = this.#pieceStart(face, r);
      if (at >= 0 && !out.has(at)) out.set(at, { family: face.family, url: this.#url(face, at), range: toRange(this.#pieceChars(face, at)), ...this.#descriptors(face) });
    }
    return [...out.values()];
  }

  #url(face: FaceRow, first: number): string {
    return `${PIECES_URL}${face.key}-${first}.woff2?v=${FACE_TABLE.version}`;
  }

  /** Every piece `text` needs in face `key` is registered and loaded (or failed: it will not load). */
  loaded(key: string, text: string): boolean {
    const need = this.need(key, text);
    return !need.rare && need.faces.every((f) => f.status !== 'unloaded' && f.status !== 'loading');
  }

  /** The characters of `text` no piece of face `key` holds (drawn from other faces: slices.css…); all of it for a face the table lacks. */
  unknown(key: string, text: string): string {
    const face = this.#row(key);
    if (!face) return text;
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp <= 0x20) continue;
      const r = this.#rankOf(cp);
      if (r < 0 ? !this.#maybeRare(face, cp) : face.lacks[r] || this.#pieceStart(face, r) < 0) out += ch;
    }
    return out;
  }

  /** How many pieces are registered (the bench and tests read it). */
  get registered(): number {
    return this.#faces.reduce((s, f) => s + f.pieces.size, 0);
  }

  #facesOf = new Map<string, Map<number, string[]>>();

  /** The bundled faces a CSS font-family list draws in, at a CSS weight (each family of the list the table has). */
  facesOf(fontFamily: string, weight: number): string[] {
    let byWeight = this.#facesOf.get(fontFamily);
    if (!byWeight) this.#facesOf.set(fontFamily, (byWeight = new Map()));
    let out = byWeight.get(weight);
    if (out) return out;
    out = [];
    byWeight.set(weight, out);
    for (const name of fontFamily.split(',')) {
      const key = this.face(name.trim().replace(/^['"]|['"]$/g, ''), weight);
      if (key) out.push(key);
    }
    return out;
  }
}

/** A piece as index.html's inline script registers it: `new FontFace(family, url(url), {weight, style, display, unicodeRange: range})`. */
export interface EarlyPiece {
  family: string;
  url: string;
  range: string;
  weight?: string;
  style?: string;
  display?: FontDisplay;
}

/**
 * The FontFaces index.html's inline script registers from the last page's hint (FIRST_FACE_FILES_KEY),
 * by file, a few dozen a task; `closed` stops it (the loader makes the rest itself).
 */
export interface EarlyFaces {
  faces: Record<string, FontFace>;
  closed: boolean;
  /** Makes the pieces not made yet, at once, and stops. */
  finish: () => void;
  /** How many it made (the e2e spec reads it). */
  made: number;
}

function earlyFaces(): EarlyFaces | null {
  const early = typeof window !== 'undefined' ? (window as { galleyEarlyFaces?: EarlyFaces }).galleyEarlyFaces : undefined;
  return early && typeof early.faces === 'object' && typeof early.finish === 'function' ? early : null;
}

export const faceLoader = new FaceLoader(typeof document !== 'undefined' ? document.fonts : null, earlyFaces());

interface Font {
  family: string;
  weight: number;
}

/** The family and weight an element sets inline (typeset lines do); null if it sets no family; undefined: a family without a weight (its computed style decides). */
function ownFont(el: Element): Font | null | undefined {
  const s = (el as HTMLElement).style;
  if (!s?.fontFamily) return null;
  return s.fontWeight ? { family: s.fontFamily, weight: Number(s.fontWeight) || 400 } : undefined;
}

/** The family and weight an element's text is drawn in, if it or a close ancestor sets them inline. */
function inlineFont(el: Element): Font | null {
  for (let e: Element | null = el, up = 0; e && up < 3; e = e.parentElement, up++) {
    if (!e.hasAttribute('style')) continue;
    const own = ownFont(e);
    if (own !== null) return own ?? null;
  }
  return null;
}

/** The family and weight an element's text is drawn in, from its computed style. */
function fontOf(el: Element): Font {
  const cs = getComputedStyle(el);
  return { family: cs.fontFamily, weight: Number(cs.fontWeight) || 400 };
}

/** Text worth a look: any character past ASCII, or ASCII in an element whose family the table has (kai's Latin is in pieces). */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Watches `doc` for text drawn in a bundled family and registers its pieces before the
 * browser draws it (see the top). Returns a function that stops watching.
 *
 * A page adds some thousands of runs at once: an element that sets its font inline (a
 * typeset line) is read as one text in that font, its runs not visited (they set only
 * position and spacing), and a batch's text is registered once per font, not per element.
 */
export function watchFaces(doc: Document, loader: FaceLoader = faceLoader): () => void {
  const families = new Set(FACE_TABLE.faces.map((f) => f.family));
  const isBundled = new Map<string, boolean>();
  const bundled = (family: string) => {
    let yes = isBundled.get(family);
    if (yes === undefined) isBundled.set(family, (yes = family.split(',').some((n) => families.has(n.trim().replace(/^['"]|['"]$/g, '')))));
    return yes;
  };
  /** Text by family and weight, gathered from one batch of mutations. */
  const byFont = new Map<string, Map<number, string[]>>();
  const noteFont = ({ family, weight }: Font, text: string) => {
    if (!text || !bundled(family)) return;
    let byWeight = byFont.get(family);
    if (!byWeight) byFont.set(family, (byWeight = new Map()));
    const texts = byWeight.get(weight);
    if (texts) texts.push(text);
    else byWeight.set(weight, [text]);
  };
  const registerNoted = () => {
    for (const [family, byWeight] of byFont) for (const [weight, texts] of byWeight) register(texts, { family, weight });
    byFont.clear();
  };
  /** Text whose font only the computed style tells, by element: read in the next frame. */
  const pending = new Map<Element, string[]>();
  const note = (el: Element | null, text: string) => {
    if (!el || !text.trim()) return;
    const inline = inlineFont(el);
    if (inline) return noteFont(inline, text);
    const list = pending.get(el);
    if (list) list.push(text);
    else pending.set(el, [text]);
  };
  const noteTree = (root: Node) => {
    if (root.nodeType === Node.TEXT_NODE) return note(root.parentElement, (root as Text).data);
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const above = inlineFont(root as Element);
    if (above) return noteFont(above, root.textContent ?? '');
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    let n = walker.nextNode();
    while (n) {
      if (n.nodeType === Node.TEXT_NODE) note(n.parentElement, (n as Text).data);
      else if ((n as Element).hasAttribute('style')) {
        const own = ownFont(n as Element);
        if (own) {
          noteFont(own, n.textContent ?? '');
          n = nextOutside(walker, root);
          continue;
        }
      } else if (n instanceof HTMLInputElement || n instanceof HTMLTextAreaElement) note(n, n.value + n.placeholder);
      n = walker.nextNode();
    }
  };
  /** Styles are read once a frame, just before it is styled and painted (see below). */
  let frame: Promise<void> | null = null;
  const flush = () => {
    registerNoted();
    // Any other element's font needs its computed style: read in the next animation frame,
    // before that frame is styled and painted (so before its text is drawn), when the work the
    // frame does anyway is all that is forced. Read in this microtask it would style the page
    // again for every batch of changes a first load makes, and each face added after a read
    // makes the next read style it all again.
    if (pending.size && !frame) {
      frame = new Promise<void>((done) =>
        requestAnimationFrame(() => {
          frame = null;
          // Every style read before any face is registered: a face added between two reads
          // would make the second style the page again.
          for (const [el, texts] of pending) {
            const font = fontOf(el);
            for (const text of texts) noteFont(font, text);
          }
          pending.clear();
          registerNoted();
          done();
        }),
      );
      loader.settleAfter(frame);
    }
  };
  const register = (texts: string[], { family, weight }: Font) => {
    const text = texts.join('');
    // The Noto faces' Latin is in static slices (slices.css); only kai's is in pieces.
    if (!NON_ASCII.test(text) && !/LXGW WenKai/.test(family)) return;
    for (const key of loader.facesOf(family, weight)) loader.register(key, text);
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') note(r.target.parentElement, (r.target as Text).data);
      else for (const n of r.addedNodes) noteTree(n);
    }
    flush();
  });
  observer.observe(doc.body ?? doc.documentElement, { subtree: true, childList: true, characterData: true });
  // Typing into a form field changes its value, which no mutation reports.
  const onInput = (e: Event) => {
    const t = e.target;
    if (t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) {
      note(t, t.value);
      flush();
    }
  };
  doc.addEventListener('input', onInput, true);
  if (doc.body) noteTree(doc.body);
  flush();
  return () => {
    observer.disconnect();
    doc.removeEventListener('input', onInput, true);
  };
}

/** The walker's next node after the current one's subtree, within `root` (null: none). */
function nextOutside(walker: TreeWalker, root: Node): Node | null {
  for (let n: Node | null = walker.currentNode; n && n !== root; n = walker.parentNode()) {
    const next = walker.nextSibling();
    if (next) return next;
  }
  return null;
}

/**
 * Where the page last drawn in the Layout view leaves the fonts it needed and their characters
 * (faces-ready.svelte.ts writes it), for the next start to ask for as soon as the app's code
 * runs: on a returning desk the pieces then arrive while the app opens the edition and lays
 * out the page, not after. Only a hint: the page still waits for its faces.
 */
export const FIRST_FACES_KEY = 'galley-first-faces';
/**
 * The same page's pieces (EarlyPiece: family, file, unicode-range…), for index.html's inline
 * script: it registers and loads them while the app's code is still on its way (the font
 * fetches then overlap the scripts, the opening of the edition and the typesetting), and the
 * loader takes those FontFaces when the page asks for the pieces. index.html reads this key by name.
 */
export const FIRST_FACE_FILES_KEY = 'galley-first-face-files';

/**
 * A file index.html's inline script asks for with `<link rel=preload as=font crossorigin>`: one of
 * the document's own @font-face files (slices.css's Latin slices, Noto Serif) the page drew with.
 * Preloaded, not made a FontFace: the stylesheet's face stays the only face on the file, and its
 * fetch, once the page asks for it, takes the preloaded response (same URL, same CORS mode).
 */
export interface EarlyPreload {
  preload: 'font';
  url: string;
}

/**
 * The files of the stylesheets' @font-face rules that draw `text` in `family` at `weight` (the
 * family's nearest declared weight), as same-origin paths: the page's characters no piece holds
 * (FaceNeed.rest) are drawn from these. Hand-written: reads the CSSOM's rules as applied (their
 * URLs are the build's hashed ones, known only there).
 */
export function stylesheetFontFiles(sheets: Iterable<CSSStyleSheet>, family: string, weight: number, text: string): string[] {
  const rules: { weight: number; url: string; ranges: number[][] }[] = [];
  const read = (sheet: CSSStyleSheet) => {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      return; // Another origin's sheet: not ours.
    }
    for (const rule of list) {
      if (rule instanceof CSSImportRule && rule.styleSheet) read(rule.styleSheet);
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const s = rule.style;
      if (s.getPropertyValue('font-family').trim().replace(/^['"]|['"]$/g, '') !== family) continue;
      const src = /url\(\s*(['"]?)([^'")]+)\1\s*\)/.exec(s.getPropertyValue('src'))?.[2];
      if (!src) continue;
      const url = new URL(src, sheet.href ?? document.baseURI);
      if (url.origin !== location.origin) continue;
      const ranges = (s.getPropertyValue('unicode-range') || 'U+0-10FFFF').split(',').map((part) => part.trim().slice(2).split('-').map((h) => parseInt(h, 16)));
      rules.push({ weight: Number(s.getPropertyValue('font-weight')) || 400, url: url.pathname + url.search, ranges });
    }
  };
  for (const sheet of sheets) read(sheet);
  if (!rules.length) return [];
  const nearest = rules.reduce((best, r) => (Math.abs(r.weight - weight) < Math.abs(best - weight) ? r.weight : best), rules[0].weight);
  const cps = [...text].map((ch) => ch.codePointAt(0)!).filter((cp) => cp > 0x20);
  const files = new Set<string>();
  // A character two rules cover is drawn from the one declared last (CSS font matching): only its file.
  const own = rules.filter((r) => r.weight === nearest).reverse();
  for (const cp of new Set(cps)) {
    const r = own.find((r) => r.ranges.some(([a, b]) => cp >= a && cp <= (b ?? a)));
    if (r) files.add(r.url);
  }
  return [...files];
}

/** A hint's entries: CSS font (`700 16px "Noto Sans SC"`) → the table's face key (if it has the face) and the text. */
export type FirstFaces = Record<string, { key: string; text: string }>;

const HINT_CHARS_A_TASK = 300;

/** Asks for the faces the hint names when the last session left the Layout view open. */
export function askForLastPageFaces(storage: Storage | null, loader: FaceLoader = faceLoader): void {
  if (typeof document === 'undefined' || !document.fonts) return;
  try {
    const session = JSON.parse(storage?.getItem('galley-session') ?? 'null') as { view?: string } | null;
    if (session?.view !== 'layout') return;
    const hint = JSON.parse(storage?.getItem(FIRST_FACES_KEY) ?? 'null') as FirstFaces | null;
    const entries = Object.entries(hint ?? {}).filter(([, f]) => typeof f?.text === 'string');
    void (async () => {
      for (const [font, { key, text }] of entries) {
        const rest = loader.unknown(key, text);
        if (rest) document.fonts.load(font, rest).catch(() => {});
        // The pieces straight from the loader (no matching of the text against every face), a few
        // hundred characters a task: each piece registered and fetched costs a few milliseconds of
        // main thread, and the page's hint names some two hundred of them.
        const chars = [...text];
        for (let i = 0; i < chars.length; i += HINT_CHARS_A_TASK) {
          void loader.load(key, chars.slice(i, i + HINT_CHARS_A_TASK).join(''));
          await nextTask();
        }
      }
    })();
  } catch {
    // No storage (a sandboxed frame) or an unreadable hint: the fonts are asked for once the page is laid out.
  }
}
