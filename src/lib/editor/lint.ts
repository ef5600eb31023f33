// The lint plugin: runs the shared lint over the story and shows its warnings
// as decorations, after ProseMirror's lint example. The warnings are
// recomputed only when the document changed, not on every selection move.
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import type { Language } from '../model/edition';
import { lintDoc, type LintWarning } from '../lint';
import { translate } from '../i18n/catalog';

export interface LintState {
  warnings: LintWarning[];
  decorations: DecorationSet;
}

export const lintKey = new PluginKey<LintState>('galley-lint');

export type LintFunction = (doc: PMNode, language: Language) => LintWarning[];

function run(doc: PMNode, language: Language, lint: LintFunction): LintState {
  let warnings: LintWarning[];
  try {
    warnings = lint(doc, language);
  } catch (error) {
    // A lint bug must never stop the desk from typing.
    console.error('lint failed', error);
    warnings = [];
  }
  const size = doc.content.size;
  const decorations: Decoration[] = [];
  warnings.forEach((w, index) => {
    const from = Math.max(0, Math.min(w.from, size));
    const to = Math.max(from, Math.min(w.to, size));
    const title = translate(language, w.message.code, w.message.params);
    const attrs = { class: `lint lint-${w.kind}`, title, 'data-lint-index': String(index) };
    if (to > from) decorations.push(Decoration.inline(from, to, attrs));
    else {
      const marker = () => {
        const span = document.createElement('span');
        span.className = `lint-marker lint-${w.kind}`;
        span.title = title;
        span.textContent = '⚠';
        return span;
      };
      decorations.push(Decoration.widget(from, marker, { side: -1, key: `lint-${index}-${w.kind}` }));
    }
  });
  return { warnings, decorations: DecorationSet.create(doc, decorations) };
}

export function lintPlugin(language: Language, lint: LintFunction = lintDoc): Plugin<LintState> {
  return new Plugin<LintState>({
    key: lintKey,
    state: {
      init: (_config, state) => run(state.doc, language, lint),
      apply: (tr, old) => (tr.docChanged ? run(tr.doc, language, lint) : old),
    },
    props: {
      decorations(state) {
        return lintKey.getState(state)?.decorations;
      },
    },
  });
}

export function lintWarnings(state: EditorState): LintWarning[] {
  return lintKey.getState(state)?.warnings ?? [];
}
