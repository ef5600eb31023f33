// The importer's output: one record per story, in the field format of
// shared/samples/front-page-zh.expected.json, so the CLI can print it as is.
import type { JumpDirection } from '../model/schema';
import type { LintWarning } from '../lint';
import type { MessageOf } from '../model/message';

export type ImportLanguage = 'zh' | 'en';

export interface ImportedJump {
  direction: JumpDirection;
  page: number | null;
  /** The marker as it stood in the source, e.g. "(下转第2版)"; kept so no character is lost. */
  text: string;
}

export interface ImportedSubhead {
  text: string;
  /** Index of the body paragraph the subhead stands before. */
  beforeParagraph: number;
}

/** A lint warning found at import, located in one field of the story. */
export interface ImportWarning extends LintWarning {
  field?: 'kicker' | 'headline' | 'subtitle' | 'body' | 'caption' | 'story';
  /** Index into `body` (or `headline`) for field-level warnings. */
  paragraph?: number;
}

export interface ImportedStory {
  kicker?: string;
  headline: string[];
  subtitle?: string;
  /**
   * The column (栏目) the story runs under, as printed after its title: "（今日谈）",
   * "(国家治理 创新实践)". Taken out of the headline text, brackets kept.
   */
  column?: string;
  dateline?: string;
  byline?: string;
  subheads: ImportedSubhead[];
  body: string[];
  caption?: { text: string; credit?: string };
  jumps: ImportedJump[];
  warnings: ImportWarning[];
  /** The slice of the (normalised) source this story came from. */
  raw: string;
}

/** Page or web furniture: kept out of the stories, but kept. */
export type FurnitureKind = 'nameplate' | 'folio' | 'breadcrumb' | 'source' | 'editor' | 'share';

export interface PageFurniture {
  kind: FurnitureKind;
  text: string;
  /** Offsets in the normalised source. */
  start: number;
  end: number;
}

/** Something the import did to the whole input that the user should be told. */
export interface ImportNotice {
  kind: 'converted-html';
  /** A code of the message catalog (src/lib/i18n); the UI and the CLI word it. */
  message: NoticeMessage;
}

/** Every message a notice can carry, by catalog code. */
export interface NoticeMessages {
  'notice.converted-html': Record<never, never>;
}

export type NoticeMessage = MessageOf<NoticeMessages>;

export interface ImportResult {
  language: ImportLanguage;
  stories: ImportedStory[];
  /** OCR marks dropped as not content (stray '|', '■' rules), kept for the record. */
  dropped: string[];
  /** Nameplate and folio lines, web breadcrumbs, source/time and editor lines: not story text. */
  furniture: PageFurniture[];
  /** E.g. an HTML page converted to text before import. */
  notices: ImportNotice[];
  /**
   * Why nothing could be imported, as a code for the UI to put in words:
   * `empty-input` when the text is empty or only whitespace (blank lines, indents).
   */
  problem?: ImportProblem;
}

export interface ImportProblem {
  code: 'empty-input';
}
