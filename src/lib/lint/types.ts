// The lint's plain data: warning kinds, the catalog codes of their messages
// and fixes. A leaf of the lint folder, so the rules and the entry point can
// share the types without importing each other.
import type { MessageOf } from '../model/message';

export type LintKind = 'truncated' | 'repeated-phrase' | 'halfwidth-punctuation' | 'unbalanced' | 'jump-without-page';
export type LintLanguage = 'zh' | 'en';

/** Every message a warning can carry, by catalog code, with the values its text needs. */
export interface LintMessages {
  'lint.truncated': { tail: string };
  /** A repeated item of a 、 list (Chinese). */
  'lint.repeated-phrase': { text: string };
  /** A doubled word (English). */
  'lint.repeated-word': { text: string };
  'lint.halfwidth-punctuation': { full: string; half: string };
  'lint.unbalanced.open': { mark: string; pair: string };
  'lint.unbalanced.close': { mark: string; pair: string };
  'lint.jump-without-page.to': Record<never, never>;
  'lint.jump-without-page.from': Record<never, never>;
}

/** The labels of fixes. */
export interface LintFixLabels {
  'fix.full-width': { full: string };
}

export type LintMessage = MessageOf<LintMessages>;
export type LintFixLabel = MessageOf<LintFixLabels>;

export interface LintFix {
  from: number;
  to: number;
  insert: string;
  label: LintFixLabel;
}

export interface LintWarning {
  kind: LintKind;
  from: number;
  to: number;
  text?: string;
  message: LintMessage;
  fix?: LintFix;
}

