// The edition as plain data: what storage saves, what layout reads.
// Stories hold their text as ProseMirror JSON so the editor can own them.
import type { BlockRole } from './schema';
import type { Typography } from '../typeset/styles';
import type { CommentThread, PageSignoff, StoryReview } from './review-types';
import type { PhotoRecord } from './photo-types';

export type Language = 'zh' | 'en';
export type StoryStatus = 'raw' | 'edited' | 'approved';

/** ProseMirror's JSON form of a node. */
export interface DocJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocJSON[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface StoryMeta {
  section: string;
  /** 1 is the lead story (头条); larger numbers matter less. */
  priority: number;
  status: StoryStatus;
  tags: string[];
  /** The column (栏目) the story runs under, e.g. "（今日谈）", as the importer found it after the title. */
  column?: string;
  /** The story's photo, an id in `Edition.photos`; absent: none (a caption in the text still asks for a box). */
  photo?: string;
}

export interface Story {
  id: string;
  slug: string;
  doc: DocJSON;
  meta: StoryMeta;
  /** The raw text the story was imported from, kept for comparison and re-import. */
  raw: string;
  /**
   * The story's doc as imported (or as last accepted on the copy desk): what
   * "show changes" compares against. Absent in editions stored before it existed.
   */
  original?: DocJSON;
  /** The story's own language when it differs from the edition's (an English wire story in a Chinese paper); absent: read off its text. */
  language?: Language;
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** Page geometry, in millimetres and points as a layout desk states it. */
export interface Grid {
  preset: string;
  widthMm: number;
  heightMm: number;
  margins: Margins;
  columns: number;
  gutterMm: number;
  /** Body type size in pt (9 pt is 新五号). */
  bodySizePt: number;
  /** Baseline-to-baseline distance in pt. */
  leadingPt: number;
}

/** A story (or one part of it) placed on a page as a rectangle of columns and grid lines. */
export interface Placement {
  id: string;
  storyId: string;
  /** 1 for the start of a story, 2 for its first continuation … */
  part: number;
  /** First column, counted from 0. */
  column: number;
  span: number;
  /** Top edge in baseline-grid lines from the top of the type area. */
  line: number;
  /** Height in baseline-grid lines. */
  lines: number;
  /** Headline size override in pt; otherwise derived from role and span. */
  headlineSizePt?: number;
  /** This module's own photo (an id in `Edition.photos`), drawn instead of its story's; set only by editions from before photos belonged to stories. */
  photoId?: string;
  /** Placed by a person and kept where it is: auto-layout leaves the module (and its story) alone. */
  pinned?: boolean;
}

export interface Page {
  id: string;
  number: number;
  /** The section the page carries in its folio (要闻, 国际 / News, Sports); absent: none shown. */
  section?: string;
  grid: Grid;
  placements: Placement[];
}

export interface JumpTemplates {
  /** At the foot of a part that goes on: "Continued on Page {page}". */
  continuedTo: string;
  /** At the head of a continuation: "Continued from Page {page}". */
  continuedFrom: string;
}

export interface Edition {
  id: string;
  /** Masthead title (报头). */
  title: string;
  /** ISO date, e.g. 2022-01-08. */
  date: string;
  issueNumber: number;
  language: Language;
  pages: Page[];
  stories: Story[];
  /** Photo records by id (StoryMeta.photo, Placement.photoId); the bytes are in the browser's photo store, by hash. */
  photos?: Record<string, PhotoRecord>;
  /** The edition's setting over the house style: its headline scale (sizes by span and priority, faces, 引题/副题 ratios) and punctuation width; absent: the house style. */
  typography?: Typography;
  /** The desk's house-style word list (wrong → preferred); absent: the starter list. */
  houseStyle?: { wrong: string; preferred: string }[];
  /** Review comment threads (src/lib/model/review.ts); absent: none. */
  comments?: CommentThread[];
  /** Story verdicts by story id, as given (whether each still holds is derived). */
  reviews?: Record<string, StoryReview>;
  /** Page sign-offs (签发) by page id, as given (withdrawal is derived). */
  signoffs?: Record<string, PageSignoff>;
  /**
   * The newsroom sync server the edition's desks meet on (src/server). Only the
   * address: the token is each browser's own (localStorage), never in the edition.
   */
  server?: { url: string };
  /**
   * The paper's own jump-line wording (house style), `{page}` standing for the
   * page number; absent: the language's standard wording. Applies to stories in
   * the edition's language; a story in the other language keeps that language's standard.
   */
  jumpTemplates?: JumpTemplates;
  /** Incremented on every saved change; storage uses it to detect a stale writer. */
  revision: number;
  updatedAt: number;
}

export type { BlockRole };
