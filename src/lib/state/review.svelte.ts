// The review desk of one view: comments, replies, verdicts and 签发 computed
// with the pure review model (src/lib/model/review.ts) from the app's current
// edition and applied through `app.applyReview`. Holds what a reviewer is in
// the middle of: the comment being written and the last refusal to show.
import type { AppState } from './app.svelte';
import type { MessageKey } from '../i18n';
import {
  addComment,
  clearSignOff,
  clearVerdict,
  reopenComment,
  replyToComment,
  resolveComment,
  setVerdict,
  signOffPage,
  type Actor,
  type CommentAnchor,
  type ReviewReason,
  type ReviewReasonCode,
  type ReviewResult,
} from '../model/review';

/** A reason code without text in the catalog is a type error here (names the code). */
type Unworded = Exclude<`review.reason.${ReviewReasonCode}`, MessageKey>;
export type ReviewReasonsWorded = [Unworded] extends [never] ? true : Unworded;
const _worded: ReviewReasonsWorded = true;
void _worded;

export interface ReviewDeskOptions {
  /** The clock (ISO time); tests pass a fixed one. */
  now?: () => string;
  /** Unique ids for threads and messages (two desks must never make the same one). */
  newId?: () => string;
}

export class ReviewDesk {
  /** Where the comment being written will be anchored (set by the editor's button or a click on a page). */
  draft = $state.raw<CommentAnchor | null>(null);
  /** The thread a pin or marker pointed at: the list shows it. */
  selected = $state<string | null>(null);
  /** A page comment is being placed: the next click on a page puts its pin there. */
  placing = $state(false);
  /** Why the last action was refused, shown beside it until the next action. */
  refused = $state.raw<ReviewReason | null>(null);

  readonly #app: AppState;
  readonly #now: () => string;
  readonly #newId: () => string;

  constructor(app: AppState, options: ReviewDeskOptions = {}) {
    this.#app = app;
    this.#now = options.now ?? (() => new Date().toISOString());
    this.#newId = options.newId ?? (() => crypto.randomUUID());
  }

  get #actor(): Actor {
    return { author: this.#app.author, at: this.#now() };
  }

  #apply(result: ReviewResult): boolean {
    this.refused = result.ok ? null : result.reason;
    return result.ok && this.#app.applyReview(result.edition);
  }

  /** Start a comment on `anchor`: the panel shows the composer for it. */
  startComment(anchor: CommentAnchor): void {
    this.refused = null;
    this.placing = false;
    this.draft = anchor;
  }

  cancelComment(): void {
    this.draft = null;
    this.refused = null;
  }

  /** Post the draft comment; the draft stays open if it was refused (no text, no author). */
  postComment(text: string): boolean {
    const anchor = this.draft;
    if (!anchor) return false;
    const done = this.#apply(addComment(this.#app.currentEdition(), this.#newId(), anchor, text, this.#actor));
    if (done) this.draft = null;
    return done;
  }

  reply(threadId: string, text: string): boolean {
    return this.#apply(replyToComment(this.#app.currentEdition(), threadId, text, this.#actor, this.#newId()));
  }

  resolve(threadId: string): boolean {
    return this.#apply(resolveComment(this.#app.currentEdition(), threadId, this.#actor));
  }

  reopen(threadId: string): boolean {
    return this.#apply(reopenComment(this.#app.currentEdition(), threadId));
  }

  approve(storyId: string): boolean {
    return this.#apply(setVerdict(this.#app.currentEdition(), storyId, 'approved', '', this.#actor));
  }

  requestChanges(storyId: string, note: string): boolean {
    return this.#apply(setVerdict(this.#app.currentEdition(), storyId, 'changes', note, this.#actor));
  }

  clearVerdict(storyId: string): boolean {
    this.refused = null;
    const next = clearVerdict(this.#app.currentEdition(), storyId);
    return next !== this.#app.currentEdition() && this.#app.applyReview(next);
  }

  signOff(pageId: string): boolean {
    return this.#apply(signOffPage(this.#app.currentEdition(), pageId, this.#actor));
  }

  withdrawSignOff(pageId: string): boolean {
    this.refused = null;
    const next = clearSignOff(this.#app.currentEdition(), pageId);
    return next !== this.#app.currentEdition() && this.#app.applyReview(next);
  }

  /** A reason in the UI's language. */
  reasonText(reason: ReviewReason): string {
    return this.#app.t(`review.reason.${reason.code}` as MessageKey, reason.params);
  }
}
