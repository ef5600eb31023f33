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
  lacks: Set<number>;
  /** Registered pieces by first rank. */
  pieces: Map<number, FontFace>;
  /** The face has pieces in the table's rare part (only kai: its characters beyond the CJK bands). */
  rare: boolean;
  /** Whether the piece at a first rank holds blanks only (never registered), by first rank. */
  blankOnly: Map<number, boolean>;
  /** Code points seen and settled for this face (piece registered, or no piece of this face has it): skipped at once. */
  done: Set<number>;
}

const BLANK = /^\s$/u;

/** Where the pieces are served (Vite copies public/ to the build's root). */
const PIECES_URL = `${import.meta.env?.BASE_URL ?? '/'}fonts/pieces/`;

/**
 * One per document: its FontFaceSet gets the pieces. The table is read on first use (a
 * page's worth of code points is decoded in about a millisecond), its rare part (LXGW
 * WenKai's characters beyond the CJK bands: extension A and B, Hangul…) only when a
 * character past the common part turns up.
 */
export class FaceLoader {
  #fonts: FontFaceSet | null;
  #rank: Map<number, number> | null = null;
  /** Code point of each rank (common, then rare once loaded). */
  #order: number[] = [];
  #faces: FaceRow[] = [];
  #byFamily = new Map<string, FaceRow[]>();
  #rareBelow = new Set<number>();
  #rare: Promise<void> | null = null;
  #rareLoaded = false;
  /** Registrations that waited for the rare part. */
  #afterRare: { face: FaceRow; cps: number[] }[] = [];

  constructor(fonts: FontFaceSet | null) {
    this.#fonts = fonts;
  }

  #table(): Map<number, number> {
    if (this.#rank) return this.#rank;
    this.#order = decodeOrder(FACE_TABLE.order);
    this.#rank = new Map();
    this.#order.forEach((cp, r) => this.#rank!.set(cp, r));
    this.#faces = FACE_TABLE.faces.map((f) => ({ ...f, lacks: new Set([...f.lacks].map((c) => c.codePointAt(0)!)), pieces: new Map(), blankOnly: new Map(), done: new Set<number>(), rare: f.k.some((k, b) => k > 0 && FACE_TABLE.bins[b] >= FACE_TABLE.common) }));
    for (const f of this.#faces) {
      const list = this.#byFamily.get(f.family) ?? [];
      list.push(f);
      this.#byFamily.set(f.family, list);
    }
    if (FACE_TABLE.rareBelow2e80) for (const cp of parseRange(FACE_TABLE.rareBelow2e80)) this.#rareBelow.add(cp);
    return this.#rank;
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
        const rank = this.#table();
        for (const cp of decodeOrder(RARE_ORDER)) {
          rank.set(cp, this.#order.length);
          this.#order.push(cp);
        }
        this.#rareLoaded = true;
        const waiting = this.#afterRare;
        this.#afterRare = [];
        for (const w of waiting) this.#register(w.face, w.cps);
      },
      () => {
        // Offline before the rare part was fetched: those characters are drawn in a fallback font.
        this.#rareLoaded = true;
      },
    );
    return this.#rare;
  }

  /** First rank and end of the piece of `face` holding rank r (null: the face has none there). */
  #piece(face: FaceRow, r: number): [number, number] | null {
    const bins = FACE_TABLE.bins;
    let lo = 0;
    let hi = bins.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (bins[mid] <= r) lo = mid;
      else hi = mid - 1;
    }
    const k = face.k[lo];
    if (!k) return null;
    const start = bins[lo] + Math.floor((r - bins[lo]) / k) * k;
    return [start, Math.min(start + k, lo + 1 < bins.length ? bins[lo + 1] : FACE_TABLE.total)];
  }

  /** Registers (not loads) the pieces of `face` for `cps`; with `want`, returns the FontFaces of those known now. */
  #register(face: FaceRow, cps: Iterable<number>, want = false): FontFace[] {
    const rank = this.#table();
    const out = new Set<FontFace>();
    let rare: number[] | null = null;
    for (const cp of cps) {
      if (face.done.has(cp) && !want) continue;
      const r = rank.get(cp);
      if (r === undefined) {
        if (this.#maybeRare(face, cp)) (rare ??= []).push(cp);
        else face.done.add(cp);
        continue;
      }
      face.done.add(cp);
      if (face.lacks.has(cp)) continue;
      const at = this.#piece(face, r);
      if (!at || this.#blankOnly(face, at)) continue;
      let ff = face.pieces.get(at[0]);
      if (!ff) {
        const chars = this.#pieceChars(face, at);
        ff = new FontFace(face.family, `url(${this.#url(face, at[0])}) format('woff2')`, {
          weight: String(face.weight),
          style: 'normal',
          display: 'block',
          unicodeRange: toRange(chars),
        });
        face.pieces.set(at[0], ff);
        this.#fonts?.add(ff);
      }
      out.add(ff);
    }
    if (rare) {
      this.#afterRare.push({ face, cps: rare });
      void this.#loadRare();
    }
    return [...out];
  }

  #pieceChars(face: FaceRow, at: [number, number]): number[] {
    return this.#order.slice(at[0], at[1]).filter((c) => !face.lacks.has(c));
  }

  /**
   * A piece of blank characters only (U+3000 alone, U+00A0 alone): hb-subset makes a font with
   * no outline, which Chromium's font sanitizer refuses ("invalid font data"), so it is never
   * registered; the blank is drawn by the family's fallback, blank as well, and at a CJK
   * blank's one em. (scripts/build-face-pieces.ts should not cut such pieces: see BENCHMARKS.)
   */
  #blankOnly(face: FaceRow, at: [number, number]): boolean {
    // Asked for every character on every readiness check: answered once per piece.
    let blank = face.blankOnly.get(at[0]);
    if (blank === undefined) face.blankOnly.set(at[0], (blank = this.#pieceChars(face, at).every((c) => BLANK.test(String.fromCodePoint(c)))));
    return blank;
  }

  #row(key: string): FaceRow | undefined {
    this.#table();
    return this.#faces.find((f) => f.key === key);
  }

  /**
   * Registers the pieces `text` needs in face `key` (a metric table key, faces.ts fontKey) so
   * the browser fetches them when it draws it. True when all are known now; false when a
   * character waits for the rare part (registered once it arrives: `settled` says when).
   */
  register(key: string, text: string): boolean {
    const face = this.#row(key);
    if (!face) return true;
    const before = this.#afterRare.length;
    this.#register(face, codePoints(text));
    return this.#afterRare.length === before;
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
    const face = this.#row(key);
    if (!face) return;
    const cps = [...codePoints(text)];
    const before = this.#afterRare.length;
    let faces = this.#register(face, cps, true);
    if (this.#afterRare.length !== before) {
      await this.settled();
      faces = this.#register(face, cps, true);
    }
    await Promise.all(faces.map((f) => f.load().catch(() => f)));
  }

  /**
   * The files of the pieces `text` needs in face `key`, without registering them: the next
   * start's inline script (index.html) asks for them before the app's code has arrived.
   * Characters past the table's common part are left out (their part may not be here yet).
   */
  urls(key: string, text: string): string[] {
    const face = this.#row(key);
    if (!face) return [];
    const rank = this.#table();
    const out = new Set<string>();
    for (const cp of codePoints(text)) {
      const r = rank.get(cp);
      if (r === undefined || face.lacks.has(cp)) continue;
      const at = this.#piece(face, r);
      if (at) out.add(this.#url(face, at[0]));
    }
    return [...out];
  }

  #url(face: FaceRow, first: number): string {
    return `${PIECES_URL}${face.key}-${first}.woff2?v=${FACE_TABLE.version}`;
  }

  /** Every piece `text` needs in face `key` is registered and loaded (or failed: it will not load). */
  loaded(key: string, text: string): boolean {
    const face = this.#row(key);
    if (!face) return true;
    const rank = this.#table();
    for (const cp of codePoints(text)) {
      const r = rank.get(cp);
      if (r === undefined) {
        if (this.#maybeRare(face, cp)) return false;
        continue;
      }
      if (face.lacks.has(cp)) continue;
      const at = this.#piece(face, r);
      if (!at || this.#blankOnly(face, at)) continue;
      const ff = face.pieces.get(at[0]);
      if (!ff || ff.status === 'unloaded' || ff.status === 'loading') return false;
    }
    return true;
  }

  /** The characters of `text` no piece of face `key` holds (drawn from other faces: slices.css…); all of it for a face the table lacks. */
  unknown(key: string, text: string): string {
    const face = this.#row(key);
    if (!face) return text;
    const rank = this.#table();
    let out = '';
    for (const cp of codePoints(text)) {
      const r = rank.get(cp);
      if (r === undefined ? !this.#maybeRare(face, cp) : face.lacks.has(cp) || !this.#piece(face, r)) out += String.fromCodePoint(cp);
    }
    return out;
  }

  /** How many pieces are registered (the bench and tests read it). */
  get registered(): number {
    return this.#faces.reduce((s, f) => s + f.pieces.size, 0);
  }

  #facesOf = new Map<string, string[]>();

  /** The bundled faces a CSS font-family list draws in, at a CSS weight (each family of the list the table has). */
  facesOf(fontFamily: string, weight: number): string[] {
    const memo = `${fontFamily}\n${weight}`;
    let out = this.#facesOf.get(memo);
    if (out) return out;
    out = [];
    this.#facesOf.set(memo, out);
    for (const name of fontFamily.split(',')) {
      const key = this.face(name.trim().replace(/^['"]|['"]$/g, ''), weight);
      if (key) out.push(key);
    }
    return out;
  }
}

function* codePoints(text: string): Generator<number> {
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    if (c > 0xffff) i++;
    // Spaces and controls: no face draws them visibly; the pieces hold none.
    if (c > 0x20) yield c;
  }
}

export const faceLoader = new FaceLoader(typeof document !== 'undefined' ? document.fonts : null);

/** The family and weight an element's text is drawn in, if it or a close ancestor sets them inline (typeset lines do). */
function inlineFont(el: Element): { family: string; weight: number } | null {
  for (let e: Element | null = el, up = 0; e && up < 3; e = e.parentElement, up++) {
    const s = (e as HTMLElement).style;
    if (s?.fontFamily) return s.fontWeight ? { family: s.fontFamily, weight: Number(s.fontWeight) || 400 } : null;
  }
  return null;
}

/** The family and weight an element's text is drawn in, from its computed style. */
function fontOf(el: Element): { family: string; weight: number } {
  const cs = getComputedStyle(el);
  return { family: cs.fontFamily, weight: Number(cs.fontWeight) || 400 };
}

/** Text worth a look: any character past ASCII, or ASCII in an element whose family the table has (kai's Latin is in pieces). */
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * Watches `doc` for text drawn in a bundled family and registers its pieces before the
 * browser draws it (see the top). Returns a function that stops watching.
 */
export function watchFaces(doc: Document, loader: FaceLoader = faceLoader): () => void {
  const families = new Set(FACE_TABLE.faces.map((f) => f.family));
  const bundled = (family: string) => family.split(',').some((n) => families.has(n.trim().replace(/^['"]|['"]$/g, '')));
  /** Text by element, gathered from one batch of mutations. */
  const pending = new Map<Element, string[]>();
  const note = (el: Element | null, text: string) => {
    if (!el || !text.trim()) return;
    const list = pending.get(el);
    if (list) list.push(text);
    else pending.set(el, [text]);
  };
  const noteTree = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) return note(node.parentElement, (node as Text).data);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const walker = doc.createTreeWalker(node, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n: Node | null = node; n; n = walker.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) note(n.parentElement, (n as Text).data);
      else if (n instanceof HTMLInputElement || n instanceof HTMLTextAreaElement) note(n, n.value + n.placeholder);
    }
  };
  /** Styles are read once a frame, just before it is styled and painted (see below). */
  let frame: Promise<void> | null = null;
  const flush = () => {
    // Typeset lines carry their font inline: read at once. Any other element's font needs its
    // computed style: read in the next animation frame, before that frame is styled and painted
    // (so before its text is drawn), when the work the frame does anyway is all that is forced.
    // Read in this microtask it would style the page again for every batch of changes a
    // first load makes, and each face added after a read makes the next read style it all again.
    let later = false;
    for (const [el, texts] of pending) {
      const inline = inlineFont(el);
      if (!inline) {
        later = true;
        continue;
      }
      register(el, texts, inline);
      pending.delete(el);
    }
    if (later && !frame) {
      frame = new Promise<void>((done) =>
        requestAnimationFrame(() => {
          frame = null;
          const todo = [...pending].map(([el, texts]) => ({ el, texts, font: fontOf(el) }));
          pending.clear();
          for (const t of todo) register(t.el, t.texts, t.font);
          done();
        }),
      );
      loader.settleAfter(frame);
    }
  };
  const register = (el: Element, texts: string[], { family, weight }: { family: string; weight: number }) => {
    if (!bundled(family)) return;
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

/**
 * Where the page last drawn in the Layout view leaves the fonts it needed and their characters
 * (faces-ready.svelte.ts writes it), for the next start to ask for as soon as the app's code
 * runs: on a returning desk the pieces then arrive while the app opens the edition and lays
 * out the page, not after. Only a hint: the page still waits for its faces.
 */
export const FIRST_FACES_KEY = 'galley-first-faces';
/**
 * The same page's piece files, for index.html's inline script: it preloads them while the
 * app's code is still on its way (the font fetches then overlap the scripts, the opening of
 * the edition and the typesetting); the FontFaces registered later take the preloaded files.
 * index.html reads this key by name.
 */
export const FIRST_FACE_FILES_KEY = 'galley-first-face-files';

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
