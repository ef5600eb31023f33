// The lint plugin: shows the shared lint's warnings as decorations, after
// ProseMirror's lint example, and keeps them incrementally: a transaction maps
// the old decorations through its steps and re-lints only the textblocks it
// touched (every text rule reads one block), so a keystroke costs the paragraph
// it lands in, not the story. The story-end checks (does it end, do its jumps
// name a page) read only the top-level blocks and are redone on each change.
// Selection moves keep the state as it is.
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import type { Language } from '../model/edition';
import { lintBlock, lintStoryEnd, type LintWarning } from '../lint';
import { blocksTouching, changedRanges } from '../lint/incremental';
import { swapDecorations } from './decorations';
import { translate } from '../i18n/catalog';

export interface LintState {
  /** Every warning's decoration; the warning itself rides in the decoration's spec. */
  decorations: DecorationSet;
  /** The story-end decorations inside `decorations`, removed before the next change is mapped. */
  storyEnd: readonly Decoration[];
}

interface WarningSpec {
  /** The warning as linted; its positions are those of the doc it was linted in. */
  warning: LintWarning;
}

export const lintKey = new PluginKey<LintState>('galley-lint');

/**
 * Told each block's text and warning count as an edit re-lints it: the story list counts a story's warnings
 * per block text with the same lint (src/lib/state/warning-counts.svelte.ts), so the typed block is linted once a key, not twice.
 */
export type BlockLinted = (text: string, warnings: number) => void;

/** A whole-doc lint, for callers that bring their own (re-run in full on each change). */
export type LintFunction = (doc: PMNode, language: Language) => LintWarning[];

function decorate(w: LintWarning, size: number, language: Language): Decoration {
  const from = Math.max(0, Math.min(w.from, size));
  const to = Math.max(from, Math.min(w.to, size));
  const title = translate(language, w.message.code, w.message.params);
  const spec: WarningSpec = { warning: w };
  if (to > from) return Decoration.inline(from, to, { class: `lint lint-${w.kind}`, title }, spec);
  const marker = () => {
    const span = document.createElement('span');
    span.className = `lint-marker lint-${w.kind}`;
    span.title = title;
    span.textContent = '⚠';
    return span;
  };
  return Decoration.widget(from, marker, { ...spec, side: -1, key: `lint-${w.kind}-${w.message.code}` });
}

/** Lint that never throws: a lint bug must never stop the desk from typing. */
function guarded<T>(work: () => T, fallback: T): T {
  try {
    return work();
  } catch (error) {
    console.error('lint failed', error);
    return fallback;
  }
}

function full(doc: PMNode, language: Language, lint: LintFunction): LintState {
  const size = doc.content.size;
  const warnings = guarded(() => lint(doc, language), []);
  return { decorations: DecorationSet.create(doc, warnings.map((w) => decorate(w, size, language))), storyEnd: [] };
}

function fromScratch(doc: PMNode, language: Language): LintState {
  const size = doc.content.size;
  const blockWarnings: LintWarning[] = [];
  guarded(() => {
    doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      lintBlock(node, pos, language, blockWarnings);
      return false;
    });
  }, undefined);
  const storyEnd = guarded(() => lintStoryEnd(doc), []).map((w) => decorate(w, size, language));
  const all = blockWarnings.map((w) => decorate(w, size, language)).concat(storyEnd);
  return { decorations: DecorationSet.create(doc, all), storyEnd };
}

/** Map the old state through `tr` and re-lint only the blocks it changed. */
function incremental(tr: Transaction, old: LintState, language: Language, onBlockLinted?: BlockLinted): LintState {
  const doc = tr.doc;
  const size = doc.content.size;
  const ranges = changedRanges(tr.mapping);
  // The story-end warnings stay (mapped with the set) when the edit cannot have changed what they read.
  const keepEnd = storyEndUntouched(tr, ranges);
  const endSpecs = new Set(old.storyEnd.map((d) => d.spec));
  let set = (keepEnd ? old.decorations : old.decorations.remove(old.storyEnd as Decoration[])).map(tr.mapping, doc);
  const fresh: Decoration[] = [];
  const stale: Decoration[] = [];
  for (const { node, pos } of blocksTouching(doc, ranges)) {
    for (const d of set.find(pos, pos + node.nodeSize)) if (!keepEnd || !endSpecs.has(d.spec)) stale.push(d);
    const found: LintWarning[] = [];
    const linted = guarded(() => (lintBlock(node, pos, language, found), true), false);
    // The text lintBlock read (its leaf nodes as line breaks).
    if (linted && onBlockLinted) onBlockLinted(node.textBetween(0, node.content.size, undefined, '\n'), found.length);
    for (const w of found) fresh.push(decorate(w, size, language));
  }
  if (keepEnd) {
    const decorations = swapDecorations(set, doc, stale, fresh);
    const storyEnd = old.storyEnd.flatMap((d) => decorations.find(tr.mapping.map(d.from, -1), tr.mapping.map(d.to, 1), (spec) => spec === d.spec));
    return { decorations, storyEnd };
  }
  const storyEnd = guarded(() => lintStoryEnd(doc), []).map((w) => decorate(w, size, language));
  return { decorations: swapDecorations(set, doc, stale, fresh.concat(storyEnd)), storyEnd };
}

/**
 * Whether an edit left what the story-end checks read (lintStoryEnd: the last top-level paragraph and the jump
 * lines) as it was: every range it changed lies inside one top-level textblock that is not the last paragraph, and
 * the doc has as many top-level blocks as before. A key typed mid-story then costs its paragraph, not a walk over
 * every top-level block. Anything else (a split, a join, a mark or attribute step, which map no range) re-checks.
 */
function storyEndUntouched(tr: Transaction, ranges: readonly number[]): boolean {
  const doc = tr.doc;
  if (!ranges.length || doc.childCount !== tr.before.childCount) return false;
  let index = -1;
  for (let i = 0; i < ranges.length; i += 2) {
    const $from = doc.resolve(ranges[i]);
    const $to = doc.resolve(ranges[i + 1]);
    if ($from.depth < 1 || $to.depth < 1 || $from.index(0) !== $to.index(0) || (index >= 0 && $from.index(0) !== index)) return false;
    index = $from.index(0);
  }
  const block = doc.child(index);
  if (!block.isTextblock) return false;
  if (block.type.name !== 'paragraph') return true;
  for (let i = index + 1; i < doc.childCount; i++) if (doc.child(i).type.name === 'paragraph') return true;
  return false;
}

export function lintPlugin(language: Language, lint?: LintFunction, onBlockLinted?: BlockLinted): Plugin<LintState> {
  return new Plugin<LintState>({
    key: lintKey,
    state: {
      init: (_config, state) => (lint ? full(state.doc, language, lint) : fromScratch(state.doc, language)),
      apply: (tr, old) => {
        if (!tr.docChanged) return old;
        return lint ? full(tr.doc, language, lint) : incremental(tr, old, language, onBlockLinted);
      },
    },
    props: {
      decorations(state) {
        return lintKey.getState(state)?.decorations;
      },
    },
  });
}

// One list per plugin state: the panel asks on every render, the state changes only with the doc.
const warningLists = new WeakMap<LintState, LintWarning[]>();

/** The story's warnings in doc order, at their current positions. */
export function lintWarnings(state: EditorState): LintWarning[] {
  const lint = lintKey.getState(state);
  if (!lint) return [];
  let list = warningLists.get(lint);
  if (!list) {
    list = lint.decorations.find().map((d) => placed((d.spec as WarningSpec).warning, d.from, d.to));
    list.sort((a, b) => a.from - b.from || a.to - b.to);
    warningLists.set(lint, list);
  }
  return list;
}

// The warnings as linted, in doc order: a warning keeps its object while its block
// is not re-linted, so a list keyed by warning redraws only the paragraph typed in.
const lintedLists = new WeakMap<LintState, LintWarning[]>();

/**
 * The story's warnings in doc order, each the object the lint made: its positions
 * are those of the doc it was linted in (a key earlier in the story shifts them).
 * For lists that show warnings; `placeWarning` gives one's current place.
 */
export function lintedWarnings(state: EditorState): LintWarning[] {
  const lint = lintKey.getState(state);
  if (!lint) return [];
  let list = lintedLists.get(lint);
  if (!list) {
    const found = lint.decorations.find();
    found.sort((a, b) => a.from - b.from || a.to - b.to);
    // Once each: the list is keyed by warning (a decoration split by a mapping would repeat it).
    list = [...new Set(found.map((d) => (d.spec as WarningSpec).warning))];
    lintedLists.set(lint, list);
  }
  return list;
}

/** A warning of `lintedWarnings` at its place in `state`'s doc, or null when it is gone. */
export function placeWarning(state: EditorState, warning: LintWarning): LintWarning | null {
  const lint = lintKey.getState(state);
  const [d] = lint?.decorations.find(undefined, undefined, (spec) => (spec as WarningSpec).warning === warning) ?? [];
  return d ? placed(warning, d.from, d.to) : null;
}

/** The warning moved to where its decoration now sits (itself when it has not moved). */
function placed(w: LintWarning, from: number, to: number): LintWarning {
  if (w.from === from && w.to === to) return w;
  const shift = from - w.from;
  return { ...w, from, to, fix: w.fix && { ...w.fix, from: w.fix.from + shift, to: w.fix.to + shift } };
}
