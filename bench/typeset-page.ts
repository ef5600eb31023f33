// The page bench/run.ts and tests/e2e/typeset-fidelity.spec.ts drive in Chromium:
// window.galley.bench() times this engine against the browser's own layout;
// window.galley.fidelity() renders the engine's lines and checks them against
// what the browser actually draws with the bundled fonts.
import '../src/lib/typeset/fonts.css';
import sample from '../src/lib/sample/front-page-zh.txt?raw';
import { Typesetter, houseStyle, layoutBlock, prepareBlock, FACE_FAMILY, cssWeight, cssFont, type HouseStyleOptions, type Line, type PreparedBlock, type SourceBlock, type TextStyle } from '../src/lib/typeset';
import { cutColumns, type FlowLine } from '../src/lib/layout';
import { fontMetrics, runWidthEm } from '../src/lib/typeset/measure';
import { buildFront, moduleWidthPt, type BenchFront, type BenchModule } from './typeset-front';
import { loadHyphenation } from '../src/lib/typeset/hyphenation';
import { faceLoader } from '../src/lib/state/face-loader';

const PX = 4 / 3; // CSS px per pt

async function loadFonts(): Promise<void> {
  // The faces come in unicode-range slices: ask for the slices of every character the sample sets.
  const text = `中A，${sample}`;
  // The CJK faces' pieces are registered from a table as text needs them (face-loader.ts).
  await Promise.all(['song-400', 'song-700', 'hei-400', 'hei-700', 'kai-500'].map((key) => faceLoader.load(key, text)));
  await Promise.all([
    document.fonts.load(`400 12pt "${FACE_FAMILY.song}"`, text),
    document.fonts.load(`700 12pt "${FACE_FAMILY.song}"`, text),
    document.fonts.load(`400 12pt "${FACE_FAMILY.hei}"`, text),
    document.fonts.load(`700 12pt "${FACE_FAMILY.hei}"`, text),
    document.fonts.load(`500 12pt "${FACE_FAMILY.kai}"`, text),
    document.fonts.load(`400 12pt "${FACE_FAMILY.latin}"`, 'A'),
    document.fonts.load(`700 12pt "${FACE_FAMILY.latin}"`, 'A'),
    // The en-us patterns are a chunk of their own in the browser (typeset/hyphenation.ts).
    loadHyphenation(),
  ]);
  await document.fonts.ready;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

/** The app's own rendering CSS for a style (faces.ts cssFont), so this page checks what the app draws. */
function fontCss(style: TextStyle): string {
  return cssFont(style);
}

// ---------------------------------------------------------------- engine

// The app's path (layout/flow.ts bodyLines and flowModule, without the story
// documents and memos around them): a story's lines from the Typesetter at a
// width, cut into a module's columns by layout's cutColumns.

interface Prepared {
  head: SourceBlock[];
  body: SourceBlock[];
  styleOf: (role: string) => TextStyle;
  /** The prepared forms the Typesetter keeps for head and body (whose break lists a timed step may discard). */
  prepared: PreparedBlock[];
  /** Lines by width, memoised as layout memoises them per story doc (flow.ts bodyLines, groupAt). */
  headAt: Map<number, Line[]>;
  bodyAt: Map<number, FlowLine[]>;
}

/** The house style of the bench's grid; the headline at the size of a 2.6 × body head. */
function styleFunction(front: BenchFront): (role: string) => TextStyle {
  const o: HouseStyleOptions = { language: 'zh', bodySizePt: front.bodySizePt, leadingPt: front.leadingPt, headlinePt: front.bodySizePt * 2.6 };
  const memo = new Map<string, TextStyle>();
  return (role) => {
    let s = memo.get(role);
    if (!s) memo.set(role, (s = houseStyle(role, o)));
    return s;
  };
}

function prepareFront(front: BenchFront, ts: Typesetter): Prepared[] {
  const styleOf = styleFunction(front);
  return front.stories.map((blocks) => {
    const head = blocks.filter((b) => b.role === 'headline');
    const body = blocks.filter((b) => b.role !== 'headline');
    return { head, body, styleOf, prepared: [...ts.prepareAll(head, styleOf), ...ts.prepareAll(body, styleOf)], headAt: new Map(), bodyAt: new Map() };
  });
}

/** Body lines as layout's bodyLines makes them: one grid line each, with the cursor after each. */
function flowLines(lines: Line[], p: Prepared, leadingPt: number): FlowLine[] {
  return lines.map((line) => {
    const role = p.body[line.block].role;
    return { line, role, continued: false, style: p.styleOf(role), key: p.body[line.block].key, slots: Math.max(1, Math.round(line.leadingPt / leadingPt)), end: line.lastOfBlock ? { block: line.block + 1, offset: 0 } : { block: line.block, offset: line.to } };
  });
}

/** Runs of the lines engineCut read (kept, so that the reads are not dead code to the compiler). */
export let drawnRuns = 0;

/** The overflow cut of one module: headline across the module, body through its columns (cutColumns). */
function engineCut(front: BenchFront, m: BenchModule, p: Prepared, ts: Typesetter): { cut: { block: number; offset: number } | null; set: Line[] } {
  const width = moduleWidthPt(front, m.span);
  let head = p.headAt.get(width);
  if (!head) p.headAt.set(width, (head = ts.typeset(p.head, p.styleOf, { widthPt: width })));
  const headSlots = Math.ceil(head.reduce((h, l) => h + l.leadingPt, 0) / front.leadingPt - 1e-6);
  let flow = p.bodyAt.get(front.columnWidthPt);
  if (!flow) p.bodyAt.set(front.columnWidthPt, (flow = flowLines(ts.typeset(p.body, p.styleOf, { widthPt: front.columnWidthPt }), p, front.leadingPt)));
  const cut = cutColumns(flow, m.span, Math.max(0, m.lines - headSlots), false, false);
  const set = [...head];
  for (let i = 0; i < cut.placed; i++) set.push(flow[i].line);
  // What layout's positioned() reads of each line drawn: the engine places a line's text, widths and
  // runs when they are first read, so the lines set are read here as the app's layout reads them.
  for (const l of set) drawnRuns += Number.isNaN(l.naturalWidth + l.stretch) || typeof l.text !== 'string' ? 0 : l.runs.length;
  return { cut: cut.placed < flow.length ? (cut.placed > 0 ? flow[cut.placed - 1].end : { block: 0, offset: 0 }) : null, set };
}

/** Forget the computed line breaks and lines of some stories (their prepared forms stay). */
function clearBreaks(prepared: Prepared[], ts: Typesetter): void {
  for (const p of prepared) {
    for (const b of p.prepared) ts.cache.forget(b);
    p.headAt.clear();
    p.bodyAt.clear();
  }
}

/** One module changes size, as a drag step does: wider or narrower, taller or shorter. */
function move(modules: BenchModule[], i: number): BenchModule[] {
  const j = i % modules.length;
  return modules.map((m, k) => (k === j ? { ...m, span: i % 2 ? Math.max(1, m.span - 1) : Math.min(4, m.span + 1), lines: m.lines + ((i % 5) - 2) * 3 } : m));
}

/** Every module changes size at once: alternately one column wider and narrower, taller and shorter. */
function resizeAll(modules: BenchModule[], i: number): BenchModule[] {
  return modules.map((m, k) => ((i + k) % 2 ? { ...m, span: Math.max(1, m.span - 1), lines: m.lines + 3 } : { ...m, span: Math.min(4, m.span + 1), lines: Math.max(6, m.lines - 3) }));
}

function benchEngine(front: BenchFront) {
  const prepareMs: number[] = [];
  let prepared: Prepared[] = [];
  let ts = new Typesetter();
  for (let r = 0; r < 5; r++) {
    ts = new Typesetter();
    const t0 = performance.now();
    prepared = prepareFront(front, ts);
    prepareMs.push(performance.now() - t0);
  }
  const typesetMs: number[] = [];
  let lineCount = 0;
  for (let r = 0; r < 5; r++) {
    clearBreaks(prepared, ts);
    const t0 = performance.now();
    lineCount = 0;
    for (const m of front.modules) lineCount += engineCut(front, m, prepared[m.story], ts).set.length;
    typesetMs.push(performance.now() - t0);
  }
  // All cuts after one module moves: breaks from prepared segments, lines, column cuts.
  // performance.now() is coarsened to 100 µs in a page that is not cross-origin
  // isolated (5 µs when it is: bench/run.ts serves this page with COOP/COEP), so
  // without isolation each sample is the mean of 10 repetitions of the whole step
  // (cold: the break caches of every block are cleared inside the timed step).
  const REPS = self.crossOriginIsolated ? 1 : 10;
  // What each timed step throws away before re-cutting all 12 modules:
  // 'moved' — the moved story's breaks (it now has a width it may never have had;
  //   every other story keeps its cached lines, as in the app): the real drag step;
  // 'all' — every story's breaks: the worst case, nothing reused;
  // 'none' — nothing: a drag back over widths already seen.
  const relayout = (discard: 'moved' | 'all' | 'none') => {
    const ms: number[] = [];
    for (let i = 0; i < 220; i++) {
      const modules = move(front.modules, i);
      const moved = [prepared[modules[i % modules.length].story]];
      const t0 = performance.now();
      for (let r = 0; r < REPS; r++) {
        if (discard === 'all') clearBreaks(prepared, ts);
        else if (discard === 'moved') clearBreaks(moved, ts);
        for (const m of modules) engineCut(front, m, prepared[m.story], ts);
      }
      const dt = (performance.now() - t0) / REPS;
      if (i >= 20) ms.push(dt); // the first 20 warm up the JIT
    }
    return ms;
  };
  const cold = relayout('all');
  const step = relayout('moved');
  const warm = relayout('none');
  const cuts = front.modules.map((m) => engineCut(front, m, prepared[m.story], ts).cut);
  // Every module re-broken at a new size (span and height): every story's breaks thrown away.
  const rebreak: number[] = [];
  for (let r = -1; r < 21; r++) {
    const modules = resizeAll(front.modules, r + 1);
    const t0 = performance.now();
    clearBreaks(prepared, ts);
    for (const m of modules) engineCut(front, m, prepared[m.story], ts);
    if (r >= 0) rebreak.push(performance.now() - t0);
  }
  return {
    rebreak_all_ms: median(rebreak),
    prepare_ms: median(prepareMs),
    typeset_ms: median(typesetMs),
    relayout_ms_p95: p95(step),
    relayout_ms_median: median(step),
    relayout_cold_ms_p95: p95(cold),
    relayout_cold_ms_median: median(cold),
    relayout_warm_ms_p95: p95(warm),
    relayout_cold_slowest: [...cold].sort((a, b) => b - a).slice(0, 10),
    relayout_samples: cold.length,
    relayout_reps_per_sample: REPS,
    timer_isolated: self.crossOriginIsolated,
    lines: lineCount,
    cuts,
  };
}

/** Runs of each side's page from scratch (after one not counted): a median of 21 is steady where one of 7 was not. */
const SCRATCH_RUNS = 21;

/**
 * Wait until the page is idle, so that a timed page from scratch starts in a task of its own
 * after the browser's idle time (V8 and Blink collect the garbage of earlier work then), as a
 * user's page is typeset once, not seven times in one task after the relayout loops above: timed
 * that way the median was 10.4 ms on a quiet machine where page-scratch-chromium.ts, one call a
 * task, measured 5.0 (the same work); in the same page loads the old median was 1.8–2.6× this one.
 * The collections a page's own allocation causes while it runs stay inside its time; what the
 * app's own start leaves to collect is not in it (the first-load bench measures that).
 */
function idle(): Promise<void> {
  return new Promise((ok) => setTimeout(() => requestIdleCallback(() => ok(), { timeout: 200 }), 20));
}

/**
 * A page from scratch, the engine's side (like benchBrowserLikeForLike's): a new Typesetter (the
 * fonts' metric tables are loaded, nothing else kept), prepare every story, typeset and cut all 12
 * modules; warm JIT (benchEngine has run the same code), each run in its own task (idle).
 */
async function benchEngineScratch(front: BenchFront) {
  const scratch: number[] = [];
  for (let r = -1; r < SCRATCH_RUNS; r++) {
    await idle();
    const t0 = performance.now();
    const fresh = new Typesetter();
    const p = prepareFront(front, fresh);
    for (const m of front.modules) engineCut(front, m, p[m.story], fresh);
    if (r >= 0) scratch.push(performance.now() - t0);
  }
  // The same page back to back (a task each, no idle time between), as page-scratch-chromium.ts times it:
  // beside the figure above, not instead of it, to show what the idle time before a page costs.
  const backToBack: number[] = [];
  for (let r = -1; r < SCRATCH_RUNS; r++) {
    await new Promise((ok) => setTimeout(ok, 0));
    const t0 = performance.now();
    const fresh = new Typesetter();
    const p = prepareFront(front, fresh);
    for (const m of front.modules) engineCut(front, m, p[m.story], fresh);
    if (r >= 0) backToBack.push(performance.now() - t0);
  }
  return {
    page_from_scratch_ms: median(scratch),
    // The fastest: on a loaded machine the least disturbed by other processes.
    page_from_scratch_ms_min: Math.min(...scratch),
    page_from_scratch_back_to_back_ms: median(backToBack),
  };
}

// ---------------------------------------------------------------- browser layout

function moduleElement(front: BenchFront, m: BenchModule, html: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'bench-module';
  const width = moduleWidthPt(front, m.span);
  el.style.cssText = `position: absolute; left: 0; top: 0; width: ${width}pt; height: ${m.lines * front.leadingPt}pt; column-count: ${m.span}; column-gap: ${front.gutterPt}pt; column-fill: auto; overflow: hidden; font-family: '${FACE_FAMILY.song}'; font-size: ${front.bodySizePt}pt; line-height: ${front.leadingPt}pt; text-align: justify; line-break: strict;`;
  el.innerHTML = html;
  return el;
}

function storyHtml(front: BenchFront, s: number, limit = Infinity): string {
  let out = '';
  let left = limit;
  for (const b of front.stories[s]) {
    if (left <= 0) break;
    const text = b.runs.map((r) => r.text).join('').slice(0, left);
    left -= text.length;
    out += b.role === 'headline' ? `<h1 style="column-span: all; margin: 0; font: 700 23.4pt/35pt '${FACE_FAMILY.hei}'">${text}</h1>` : `<p style="margin: 0; text-indent: 2em">${text}</p>`;
  }
  return out;
}

/** The first character of a module's text that the box does not show (binary search with Ranges). */
function domCut(el: HTMLElement): number {
  const box = el.getBoundingClientRect();
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  const starts: number[] = [];
  let total = 0;
  for (const n of nodes) {
    starts.push(total);
    total += n.length;
  }
  const range = document.createRange();
  const visible = (k: number): boolean => {
    let i = nodes.length - 1;
    while (starts[i] > k) i--;
    range.setStart(nodes[i], k - starts[i]);
    range.setEnd(nodes[i], k - starts[i] + 1);
    const r = range.getBoundingClientRect();
    return r.right <= box.right + 0.5 && r.bottom <= box.bottom + 0.5;
  };
  let lo = 0;
  let hi = total; // invariant: [0, lo) visible, [hi, total) hidden
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (visible(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function benchMulticol(front: BenchFront, host: HTMLElement) {
  host.innerHTML = '';
  const els = front.modules.map((m) => {
    const el = moduleElement(front, m, storyHtml(front, m.story));
    host.appendChild(el);
    return el;
  });
  const ms: number[] = [];
  const cuts: number[][] = [];
  for (let r = -1; r < 5; r++) {
    // r = -1 warms up (first layout of every module), not counted.
    const modules = move(front.modules, r + 1);
    const t0 = performance.now();
    modules.forEach((m, k) => {
      els[k].style.width = `${moduleWidthPt(front, m.span)}pt`;
      els[k].style.height = `${m.lines * front.leadingPt}pt`;
      els[k].style.columnCount = String(m.span);
    });
    cuts.push(els.map((el) => domCut(el)));
    if (r >= 0) ms.push(performance.now() - t0);
  }
  return { dom_reflow_ms: median(ms), cuts: cuts[0] };
}

/**
 * The browser's side of the like-for-like tasks, CSS multicolumn with the same text,
 * fonts, widths and heights; cuts found by Range binary search (domCut).
 * - page from scratch: new elements for all 12 modules (their HTML strings made
 *   beforehand, as the engine's input blocks are), laid out, every cut found;
 * - all modules re-broken: every module's size changed, every cut found;
 * - one module resized: one module's size changed, every cut found (what benchMulticol times).
 * Run 0 of each is not counted (first shaping of the text warms the browser's caches); a page
 * from scratch runs in its own task after idle time (idle), as the engine's does.
 */
async function benchBrowserLikeForLike(front: BenchFront, host: HTMLElement) {
  const html = front.modules.map((m) => storyHtml(front, m.story));
  const scratch: number[] = [];
  for (let r = -1; r < SCRATCH_RUNS; r++) {
    host.innerHTML = '';
    // Each run in its own task after idle time, as the engine's (idle): the old elements' garbage collected first.
    await idle();
    const t0 = performance.now();
    const els = front.modules.map((m, k) => host.appendChild(moduleElement(front, m, html[k])));
    els.forEach((el) => domCut(el));
    if (r >= 0) scratch.push(performance.now() - t0);
  }
  const els = [...host.children] as HTMLElement[];
  const rebreak: number[] = [];
  for (let r = -1; r < 21; r++) {
    const modules = resizeAll(front.modules, r + 1);
    const t0 = performance.now();
    modules.forEach((m, k) => {
      els[k].style.width = `${moduleWidthPt(front, m.span)}pt`;
      els[k].style.height = `${m.lines * front.leadingPt}pt`;
      els[k].style.columnCount = String(m.span);
    });
    els.forEach((el) => domCut(el));
    if (r >= 0) rebreak.push(performance.now() - t0);
  }
  host.innerHTML = '';
  return { browser_page_from_scratch_ms: median(scratch), browser_page_from_scratch_ms_min: Math.min(...scratch), browser_rebreak_all_ms: median(rebreak) };
}

function benchNaive(front: BenchFront, host: HTMLElement) {
  host.innerHTML = '';
  const ms: number[] = [];
  let cuts: number[] = [];
  for (let r = -1; r < 5; r++) {
    const modules = move(front.modules, r + 1);
    const t0 = performance.now();
    cuts = modules.map((m) => {
      const total = front.stories[m.story].reduce((n, b) => n + b.runs.reduce((k, x) => k + x.text.length, 0), 0);
      const el = moduleElement(front, m, '');
      host.appendChild(el);
      // Largest n whose first n characters fit: truncate, reflow, look for overflow.
      let lo = 0;
      let hi = total;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        el.innerHTML = storyHtml(front, m.story, mid);
        if (el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1) lo = mid;
        else hi = mid - 1;
      }
      el.remove();
      return lo;
    });
    if (r >= 0) ms.push(performance.now() - t0);
  }
  return { naive_dom_ms: median(ms), cuts };
}

export async function bench() {
  await loadFonts();
  const front = buildFront(sample);
  const host = document.createElement('div');
  host.style.cssText = 'position: relative; width: 2000px; height: 1500px; overflow: hidden;';
  document.body.appendChild(host);
  const engine = { ...benchEngine(front), ...(await benchEngineScratch(front)) };
  const browser = await benchBrowserLikeForLike(front, host);
  const multicol = benchMulticol(front, host);
  const naive = benchNaive(front, host);
  host.remove();
  return {
    front: { stories: front.stories.length, chars: front.chars, western_share: front.westernShare, modules: front.modules.length, columns: 8 },
    prepare_ms: engine.prepare_ms,
    typeset_ms: engine.typeset_ms,
    relayout_ms_p95: engine.relayout_ms_p95,
    relayout_ms_median: engine.relayout_ms_median,
    relayout_cold_ms_p95: engine.relayout_cold_ms_p95,
    relayout_cold_ms_median: engine.relayout_cold_ms_median,
    relayout_warm_ms_p95: engine.relayout_warm_ms_p95,
    relayout_cold_slowest: engine.relayout_cold_slowest,
    relayout_samples: engine.relayout_samples,
    relayout_reps_per_sample: engine.relayout_reps_per_sample,
    timer_isolated: engine.timer_isolated,
    typeset_lines: engine.lines,
    dom_reflow_ms: multicol.dom_reflow_ms,
    naive_dom_ms: naive.naive_dom_ms,
    // Like for like, medians of the same task on both sides (see benchBrowserLikeForLike).
    page_from_scratch_ms: engine.page_from_scratch_ms,
    page_from_scratch_ms_min: engine.page_from_scratch_ms_min,
    page_from_scratch_back_to_back_ms: engine.page_from_scratch_back_to_back_ms,
    browser_page_from_scratch_ms: browser.browser_page_from_scratch_ms,
    browser_page_from_scratch_ms_min: browser.browser_page_from_scratch_ms_min,
    rebreak_all_ms: engine.rebreak_all_ms,
    browser_rebreak_all_ms: browser.browser_rebreak_all_ms,
    resize_one_ms: engine.relayout_ms_median,
    browser_resize_one_ms: multicol.dom_reflow_ms,
    // Browser median ÷ engine median, one module resized (the same task; was the engine's p95 before).
    speedup_vs_dom_reflow: multicol.dom_reflow_ms / engine.relayout_ms_median,
  };
}

// ---------------------------------------------------------------- fidelity

/** What the fidelity check reports; the e2e spec reads the same shape. */
export interface FidelityReport {
  lines: number;
  runs: number;
  wrapped: string[];
  overflowing: string[];
  runMismatches: string[];
  maxRunErrorPx: number;
  canvas: { text: string; font: string; table: number; canvas: number; errorPct: number }[];
}

/** Render the engine's lines for the sample and compare them with what the browser draws. */
export async function fidelity(): Promise<FidelityReport> {
  await loadFonts();
  const out = document.getElementById('out')!;
  out.innerHTML = '';
  const house = (role: string, language: 'zh' | 'en', bodySizePt: number, leadingPt: number) => houseStyle(role, { language, bodySizePt, leadingPt, headlinePt: 20 });
  const paragraphs = sample.split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean);
  const report: FidelityReport = { lines: 0, runs: 0, wrapped: [], overflowing: [], runMismatches: [], maxRunErrorPx: 0, canvas: [] };
  const settings: { style: TextStyle; em: number; take: number }[] = [
    { style: house('paragraph', 'zh', 12, 20), em: 13, take: paragraphs.length },
    { style: house('caption', 'zh', 12, 20), em: 11, take: 6 },
    { style: { ...house('headline', 'zh', 12, 20), leadingPt: 28, align: 'justify' }, em: 9, take: 6 },
  ];
  const english = [
    'WASHINGTON, Jan. 7 — The typesetting engine measures every word from the bundled fonts themselves, so that a line broken on the server is the line the press prints.',
    'Justification stretches the word spaces, never the letters; hyphenation follows the en-us patterns, and a word that cannot be broken is left whole on a loose line rather than squeezed.',
  ];
  const enStyle = house('paragraph', 'en', 12, 16);
  for (const { style, em, take, texts, hyphenate } of [
    ...settings.map((x) => ({ ...x, texts: paragraphs, hyphenate: false })),
    { style: enStyle, em: 16, take: english.length, texts: english, hyphenate: true },
  ]) {
    const width = em * style.sizePt;
    const column = document.createElement('div');
    column.className = 'column';
    column.style.width = `${width}pt`;
    out.appendChild(column);
    const m = fontMetrics(style.face, style.weight);
    const advances = (text: string) => runWidthEm(m, text, style.face === 'latin' ? 'en' : 'zh');
    texts.slice(0, take).forEach((text, i) => {
      const lines = layoutBlock(prepareBlock({ key: `f${i}`, role: 'paragraph', runs: [{ text, marks: [] }] }, style, { hyphenate }), width, i);
      for (const line of lines) {
        report.lines++;
        // The engine's rendering: each run absolutely placed at its x.
        const row = document.createElement('div');
        row.className = 'line';
        row.style.cssText = `height: ${style.leadingPt}pt; width: ${width}pt; ${fontCss(style)}`;
        for (const run of line.runs) {
          const span = document.createElement('span');
          span.className = 'run';
          span.textContent = run.text;
          span.style.cssText = `left: ${run.x}pt; white-space: pre; line-height: ${style.leadingPt}pt;${run.letterSpacing ? ` letter-spacing: ${run.letterSpacing}pt;` : ''}`;
          row.appendChild(span);
          report.runs++;
        }
        column.appendChild(row);
        // The browser's own check: the line's text in a box of the column width, normal white-space.
        // Slack only for the punctuation blanks the engine trimmed (the browser would set them full width).
        const plain = advances(line.text) * style.sizePt + (line.firstOfBlock ? style.indentEm * style.sizePt : 0);
        const slack = Math.max(0, plain - width);
        const check = document.createElement('div');
        check.className = 'check';
        check.style.cssText = `position: absolute; visibility: hidden; width: ${width + slack + 0.01}pt; line-height: ${style.leadingPt}pt; ${fontCss(style)} white-space: normal; text-indent: ${line.firstOfBlock ? style.indentEm : 0}em;`;
        check.textContent = line.text;
        document.body.appendChild(check);
        const range = document.createRange();
        range.selectNodeContents(check);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size !== 1 || check.scrollHeight > Math.ceil(style.leadingPt * PX) + 1) report.wrapped.push(line.text);
        check.remove();
      }
      // Each drawn run must be as wide as the engine says: its advances plus letter-spacing.
      const rows = [...column.querySelectorAll<HTMLElement>('.line')].slice(-lines.length);
      rows.forEach((row, li) => {
        const line = lines[li];
        const colBox = column.getBoundingClientRect();
        row.querySelectorAll<HTMLElement>('.run').forEach((span, ri) => {
          const run = line.runs[ri];
          const expectedPx = (advances(run.text) * style.sizePt + (run.letterSpacing ?? 0) * [...run.text].length) * PX;
          const got = span.getBoundingClientRect();
          const err = Math.abs(got.width - expectedPx);
          report.maxRunErrorPx = Math.max(report.maxRunErrorPx, err);
          if (err > 0.75) report.runMismatches.push(`${run.text}: drawn ${got.width.toFixed(2)}px, engine ${expectedPx.toFixed(2)}px`);
          // Drawn where the engine placed it.
          const left = got.left - colBox.left;
          if (Math.abs(left - run.x * PX) > 0.75) report.runMismatches.push(`${run.text}: drawn at ${left.toFixed(2)}px, engine ${(run.x * PX).toFixed(2)}px`);
          // Its slot (the drawn box less a trimmed punctuation blank) stays inside the column.
          if (left + run.width * PX > width * PX + 0.75) report.overflowing.push(`${line.text} (${(left + run.width * PX - width * PX).toFixed(2)}px)`);
          // A glyph box wider than its slot may only be a trimmed blank half of a mark at the run's end.
          const over = got.width - (run.letterSpacing ?? 0) * PX - run.width * PX;
          if (over > 0.75 && !/[，。、；：！？”’）》」』】〕]$/.test(run.text)) report.overflowing.push(`${run.text}: box ${over.toFixed(2)}px past its slot`);
        });
      });
    });
  }
  // Canvas cross-check of the tables.
  const ctx = document.createElement('canvas').getContext('2d')!;
  const probes: [TextStyle['face'], number, string][] = [
    ['song', 400, '中华人民共和国，“新闻”。'],
    ['song', 400, 'COVID-19 2022 Microsoft'],
    ['hei', 700, '第九次全国职工队伍状况调查'],
    ['kai', 400, '（记者郑莉 朱欣）'],
    ['latin', 400, 'The quick brown fox jumps over the lazy dog.'],
    ['latin', 700, 'Continued on Page 2'],
  ];
  for (const [face, weight, text] of probes) {
    const font = `${cssWeight(face, weight)} 100px "${FACE_FAMILY[face]}"`;
    ctx.font = font;
    (ctx as CanvasRenderingContext2D & { fontKerning: string }).fontKerning = 'none';
    const canvas = ctx.measureText(text).width;
    const table = runWidthEm(fontMetrics(face, weight), text, face === 'latin' ? 'en' : 'zh') * 100;
    report.canvas.push({ text, font, table, canvas, errorPct: (Math.abs(canvas - table) / table) * 100 });
  }
  return report;
}

declare global {
  interface Window {
    galley: { bench: typeof bench; fidelity: typeof fidelity; ready: boolean };
  }
}
window.galley = { bench, fidelity, ready: true };
