// The review records an Edition stores (comments, verdicts, sign-offs), as
// plain data. Apart from review.ts so edition.ts can name them without an
// import cycle (review.ts reads Edition).

/** A range of a story's text: ProseMirror positions, plus the text they held when the comment was made. */
export interface TextAnchor {
  kind: 'text';
  storyId: string;
  from: number;
  to: number;
  quote: string;
}

/** A spot on a page, in pt from the page's top-left corner (the trimmed sheet). */
export interface PageAnchor {
  kind: 'page';
  pageId: string;
  x: number;
  y: number;
}

export type CommentAnchor = TextAnchor | PageAnchor;

export interface CommentMessage {
  id: string;
  author: string;
  /** ISO time. */
  at: string;
  text: string;
}

export interface CommentThread {
  id: string;
  anchor: CommentAnchor;
  /** The first message opens the thread; replies follow in order. */
  messages: CommentMessage[];
  /** Set while the thread is resolved; a reopen removes it. */
  resolved?: { by: string; at: string };
}

export type Verdict = 'approved' | 'changes';

/** A story's verdict as given: who, when, and the text it was given on. */
export interface StoryReview {
  verdict: Verdict;
  /** Required for 'changes': what must change. */
  note?: string;
  by: string;
  at: string;
  fingerprint: string;
}

/** A page's 签发 as given: who, when, and the text of every story on the page then. */
export interface PageSignoff {
  by: string;
  at: string;
  /** story id → fingerprint of its text at sign-off. */
  fingerprints: Record<string, string>;
}

