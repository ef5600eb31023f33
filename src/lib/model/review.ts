// Review as plain data: comment threads on a story's text or a spot on a page,
// a verdict per story, and the 签发 (sign-off) of a page. Every function here is
// pure (Edition in, Edition or a derived answer out); the clock and the author
// are passed in, never read.
//
// What is stored is what a person did (a verdict, a sign-off, each with the
// fingerprints of the text they saw). Whether it still holds is derived: a
// story edited afterwards no longer matches its fingerprint, so its approval
// and every sign-off that counted on it are withdrawn with the reason, without
// anyone having to remember to withdraw them.
import { Node as PMNode } from 'prosemirror-model';
import { storySchema } from './schema';
import type { DocJSON, Edition, Page, Story, StoryStatus } from './edition';
import type { CommentAnchor, CommentThread, PageSignoff, StoryReview, TextAnchor, Verdict } from './review-types';

export type { TextAnchor, PageAnchor, CommentAnchor, CommentMessage, CommentThread, Verdict, StoryReview, PageSignoff } from './review-types';

/** Who does a review action, and when (ISO). */
export interface Actor {
  author: string;
  at: string;
}

/** Why a review action is refused or a verdict/sign-off no longer holds. */
export interface ReviewReasonParams {
  noAuthor: Record<never, never>;
  emptyText: Record<never, never>;
  noteRequired: Record<never, never>;
  noThread: Record<never, never>;
  noStory: Record<never, never>;
  noPage: Record<never, never>;
  emptyPage: Record<never, never>;
  notApproved: { story: string };
  needsChanges: { story: string };
  storyChanged: { story: string };
  changedAfterSignOff: { story: string };
  storyAdded: { story: string };
  storyRemoved: { story: string };
}
export type ReviewReasonCode = keyof ReviewReasonParams;
export type ReviewReason = { [C in ReviewReasonCode]: { code: C; params: ReviewReasonParams[C] } }[ReviewReasonCode];
/** The reasons as catalog messages (`review.reason.<code>`). */
export type ReviewReasonMessages = { [C in ReviewReasonCode as `review.reason.${C}`]: ReviewReasonParams[C] };

export type ReviewResult = { ok: true; edition: Edition } | { ok: false; reason: ReviewReason };

// ── Fingerprints ─────────────────────────────────────────────────────────

/**
 * A short fingerprint of a story's text and structure (its ProseMirror JSON).
 * FNV-1a, hand-written: it must be synchronous and pure (Web Crypto's digest
 * is async and absent from the cores), and it only has to tell "changed" from
 * "unchanged" for one story, not resist an attacker.
 */
export function storyFingerprint(doc: DocJSON): string {
  const text = JSON.stringify(doc);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** The stories placed on a page, in the order they first appear, each once. */
export function storiesOnPage(edition: Edition, page: Page): Story[] {
  const byId = new Map(edition.stories.map((s) => [s.id, s]));
  const out: Story[] = [];
  const seen = new Set<string>();
  for (const p of page.placements) {
    const story = byId.get(p.storyId);
    if (story && !seen.has(story.id)) {
      seen.add(story.id);
      out.push(story);
    }
  }
  return out;
}

/** A story's name as a reason shows it: its headline (else its first line of text, else its slug). */
export function storyName(story: Story): string {
  const blocks = story.doc.content ?? [];
  const first = blocks.find((b) => b.type === 'headline' && plainText(b).trim()) ?? blocks[0];
  const text = first ? plainText(first).trim() : '';
  return (text.length > 24 ? `${text.slice(0, 24)}…` : text) || story.slug || story.id;
}

function plainText(node: DocJSON): string {
  if (node.text !== undefined) return node.text;
  return (node.content ?? []).map(plainText).join('');
}

// ── Comments ─────────────────────────────────────────────────────────────

function ensure(actor: Actor, text: string): ReviewReason | null {
  if (!actor.author.trim()) return { code: 'noAuthor', params: {} };
  if (!text.trim()) return { code: 'emptyText', params: {} };
  return null;
}

/** Open a thread on `anchor` with its first message. */
export function addComment(edition: Edition, id: string, anchor: CommentAnchor, text: string, actor: Actor): ReviewResult {
  const refused = ensure(actor, text);
  if (refused) return { ok: false, reason: refused };
  if (anchor.kind === 'text' && !edition.stories.some((s) => s.id === anchor.storyId)) return { ok: false, reason: { code: 'noStory', params: {} } };
  if (anchor.kind === 'page' && !edition.pages.some((p) => p.id === anchor.pageId)) return { ok: false, reason: { code: 'noPage', params: {} } };
  const thread: CommentThread = { id, anchor, messages: [{ id: `${id}-0`, author: actor.author.trim(), at: actor.at, text: text.trim() }] };
  return { ok: true, edition: { ...edition, comments: [...(edition.comments ?? []), thread] } };
}

function changeThread(edition: Edition, threadId: string, change: (t: CommentThread) => CommentThread): ReviewResult {
  const threads = edition.comments ?? [];
  const i = threads.findIndex((t) => t.id === threadId);
  if (i < 0) return { ok: false, reason: { code: 'noThread', params: {} } };
  const comments = threads.slice();
  comments[i] = change(threads[i]);
  return { ok: true, edition: { ...edition, comments } };
}

/** Add a reply to a thread; a reply to a resolved thread reopens it (someone still has something to say). */
// `messageId` must be unique across desks (two desks replying at once each add theirs); the default serves tests.
export function replyToComment(edition: Edition, threadId: string, text: string, actor: Actor, messageId?: string): ReviewResult {
  const refused = ensure(actor, text);
  if (refused) return { ok: false, reason: refused };
  return changeThread(edition, threadId, ({ resolved: _resolved, ...t }) => ({
    ...t,
    messages: [...t.messages, { id: messageId ?? `${t.id}-${t.messages.length}`, author: actor.author.trim(), at: actor.at, text: text.trim() }],
  }));
}

export function resolveComment(edition: Edition, threadId: string, actor: Actor): ReviewResult {
  if (!actor.author.trim()) return { ok: false, reason: { code: 'noAuthor', params: {} } };
  return changeThread(edition, threadId, (t) => ({ ...t, resolved: { by: actor.author.trim(), at: actor.at } }));
}

export function reopenComment(edition: Edition, threadId: string): ReviewResult {
  return changeThread(edition, threadId, ({ resolved: _resolved, ...t }) => t);
}

/** Where a text anchor stands now: on its range, moved (its quote found elsewhere, once), or detached. */
export type AnchorPlace = { state: 'attached'; from: number; to: number } | { state: 'detached' };

/** Locate a text anchor in the story's current doc, so an edit elsewhere never makes it point at the wrong words. */
export function placeTextAnchor(doc: DocJSON, anchor: TextAnchor): AnchorPlace {
  let node: PMNode;
  try {
    node = PMNode.fromJSON(storySchema, doc);
  } catch {
    return { state: 'detached' };
  }
  const size = node.content.size;
  if (anchor.from >= 0 && anchor.to <= size && anchor.from < anchor.to && node.textBetween(anchor.from, anchor.to, '\n') === anchor.quote) {
    return { state: 'attached', from: anchor.from, to: anchor.to };
  }
  // Text was inserted or removed before it: find the quote again, but only when
  // it is unambiguous (the one occurrence within a single paragraph).
  const hits: { from: number; to: number }[] = [];
  node.descendants((block, pos) => {
    if (!block.isTextblock) return true;
    const text = block.textContent;
    for (let at = text.indexOf(anchor.quote); at >= 0 && anchor.quote; at = text.indexOf(anchor.quote, at + 1)) {
      const from = positionAt(block, pos + 1, at);
      hits.push({ from, to: positionAt(block, pos + 1, at + anchor.quote.length) });
    }
    return false;
  });
  return hits.length === 1 ? { state: 'attached', ...hits[0] } : { state: 'detached' };
}

/** The doc position of character `offset` of a textblock's text (inline atoms count one position, no text). */
function positionAt(block: PMNode, start: number, offset: number): number {
  let seen = 0;
  let result = start + block.content.size;
  block.forEach((child, childOffset) => {
    if (result !== start + block.content.size) return;
    const len = child.isText ? child.text!.length : 0;
    if (offset <= seen + len && child.isText) result = start + childOffset + (offset - seen);
    seen += len;
  });
  return Math.min(result, start + block.content.size);
}

/** The threads on a story's text. */
export function storyComments(edition: Edition, storyId: string): CommentThread[] {
  return (edition.comments ?? []).filter((t) => t.anchor.kind === 'text' && t.anchor.storyId === storyId);
}

/** The threads shown on a page: pins on it, and threads on the text of the stories placed on it. */
export function pageComments(edition: Edition, pageId: string): CommentThread[] {
  const page = edition.pages.find((p) => p.id === pageId);
  if (!page) return [];
  const stories = new Set(page.placements.map((p) => p.storyId));
  return (edition.comments ?? []).filter((t) => (t.anchor.kind === 'page' ? t.anchor.pageId === pageId : stories.has(t.anchor.storyId)));
}

/** Threads still open, in the edition. */
export function openCount(threads: readonly CommentThread[]): number {
  return threads.filter((t) => !t.resolved).length;
}

// ── Verdicts ─────────────────────────────────────────────────────────────

/** Give a story a verdict on its current text; 'changes' needs a note. */
export function setVerdict(edition: Edition, storyId: string, verdict: Verdict, note: string, actor: Actor): ReviewResult {
  if (!actor.author.trim()) return { ok: false, reason: { code: 'noAuthor', params: {} } };
  const story = edition.stories.find((s) => s.id === storyId);
  if (!story) return { ok: false, reason: { code: 'noStory', params: {} } };
  if (verdict === 'changes' && !note.trim()) return { ok: false, reason: { code: 'noteRequired', params: {} } };
  const review: StoryReview = {
    verdict,
    ...(verdict === 'changes' ? { note: note.trim() } : {}),
    by: actor.author.trim(),
    at: actor.at,
    fingerprint: storyFingerprint(story.doc),
  };
  // The workflow moves with the verdict (raw → edited → approved): approval is the
  // step to approved, a send-back leaves the story edited.
  const status: StoryStatus = verdict === 'approved' ? 'approved' : story.meta.status === 'approved' ? 'edited' : story.meta.status;
  const stories = status === story.meta.status ? edition.stories : edition.stories.map((s) => (s === story ? { ...s, meta: { ...s.meta, status } } : s));
  return { ok: true, edition: { ...edition, stories, reviews: { ...(edition.reviews ?? {}), [storyId]: review } } };
}

/** Take a story's verdict back (nothing recorded). */
export function clearVerdict(edition: Edition, storyId: string): Edition {
  if (!edition.reviews?.[storyId]) return edition;
  const { [storyId]: _gone, ...reviews } = edition.reviews;
  // An approval taken back leaves the story edited, not approved by no one.
  const stories = edition.stories.map((s) => (s.id === storyId && s.meta.status === 'approved' ? { ...s, meta: { ...s.meta, status: 'edited' as const } } : s));
  return { ...edition, stories, reviews };
}

/** A story's verdict as it stands now. */
export type VerdictState =
  | { state: 'none' }
  | { state: 'approved'; review: StoryReview }
  | { state: 'changes'; review: StoryReview }
  /** Given, but the story changed since: it no longer holds. */
  | { state: 'withdrawn'; review: StoryReview; reason: ReviewReason };

export function verdictOf(edition: Edition, story: Story): VerdictState {
  const review = edition.reviews?.[story.id];
  if (!review) return { state: 'none' };
  if (review.fingerprint !== storyFingerprint(story.doc)) return { state: 'withdrawn', review, reason: { code: 'storyChanged', params: { story: storyName(story) } } };
  return review.verdict === 'approved' ? { state: 'approved', review } : { state: 'changes', review };
}

/**
 * A story's status as the desk should read it (list, details): approved only while an
 * approval holds on its current text; a stored "approved" the text has moved on from (or
 * that no verdict backs) reads as edited. The list and the verdict panel so never disagree.
 */
export function storyStatus(edition: Edition, story: Story): StoryStatus {
  const stored = story.meta.status;
  const review = edition.reviews?.[story.id];
  // Only an approval needs the fingerprint; most stories have no verdict to check.
  if (review?.verdict === 'approved' && verdictOf(edition, story).state === 'approved') return 'approved';
  return stored === 'approved' ? 'edited' : stored;
}

// ── Sign-off (签发) ──────────────────────────────────────────────────────

/** Whether a page may be signed off now: every story on it approved on its current text. */
export function canSignOff(edition: Edition, pageId: string): { ok: true } | { ok: false; reason: ReviewReason } {
  const page = edition.pages.find((p) => p.id === pageId);
  if (!page) return { ok: false, reason: { code: 'noPage', params: {} } };
  const stories = storiesOnPage(edition, page);
  if (!stories.length) return { ok: false, reason: { code: 'emptyPage', params: {} } };
  for (const story of stories) {
    const v = verdictOf(edition, story);
    if (v.state === 'approved') continue;
    if (v.state === 'changes') return { ok: false, reason: { code: 'needsChanges', params: { story: storyName(story) } } };
    if (v.state === 'withdrawn') return { ok: false, reason: v.reason };
    return { ok: false, reason: { code: 'notApproved', params: { story: storyName(story) } } };
  }
  return { ok: true };
}

export function signOffPage(edition: Edition, pageId: string, actor: Actor): ReviewResult {
  if (!actor.author.trim()) return { ok: false, reason: { code: 'noAuthor', params: {} } };
  const allowed = canSignOff(edition, pageId);
  if (!allowed.ok) return allowed;
  const page = edition.pages.find((p) => p.id === pageId)!;
  const fingerprints: Record<string, string> = {};
  for (const story of storiesOnPage(edition, page)) fingerprints[story.id] = storyFingerprint(story.doc);
  const signoff: PageSignoff = { by: actor.author.trim(), at: actor.at, fingerprints };
  return { ok: true, edition: { ...edition, signoffs: { ...(edition.signoffs ?? {}), [pageId]: signoff } } };
}

/** Take a page's sign-off back. */
export function clearSignOff(edition: Edition, pageId: string): Edition {
  if (!edition.signoffs?.[pageId]) return edition;
  const { [pageId]: _gone, ...signoffs } = edition.signoffs;
  return { ...edition, signoffs };
}

export type SignOffState =
  | { state: 'none' }
  | { state: 'signed'; signoff: PageSignoff }
  /** Signed, but a story on it changed (or the page's stories did) since. */
  | { state: 'withdrawn'; signoff: PageSignoff; reason: ReviewReason };

/** A page's sign-off as it stands now: withdrawn as soon as the page's text is not what was signed. */
export function signOffOf(edition: Edition, pageId: string): SignOffState {
  const signoff = edition.signoffs?.[pageId];
  const page = edition.pages.find((p) => p.id === pageId);
  if (!signoff || !page) return { state: 'none' };
  const stories = storiesOnPage(edition, page);
  for (const story of stories) {
    const signed = signoff.fingerprints[story.id];
    if (signed === undefined) return { state: 'withdrawn', signoff, reason: { code: 'storyAdded', params: { story: storyName(story) } } };
    if (signed !== storyFingerprint(story.doc)) return { state: 'withdrawn', signoff, reason: { code: 'changedAfterSignOff', params: { story: storyName(story) } } };
  }
  const here = new Set(stories.map((s) => s.id));
  for (const id of Object.keys(signoff.fingerprints)) {
    if (here.has(id)) continue;
    const story = edition.stories.find((s) => s.id === id);
    return { state: 'withdrawn', signoff, reason: { code: 'storyRemoved', params: { story: story ? storyName(story) : id } } };
  }
  return { state: 'signed', signoff };
}

/** The pages whose sign-off holds now, with who signed and when (for the editions list and the page strip). */
export function signedPages(edition: Edition): { pageId: string; number: number; by: string; at: string }[] {
  const out: { pageId: string; number: number; by: string; at: string }[] = [];
  edition.pages.forEach((page, i) => {
    const s = signOffOf(edition, page.id);
    if (s.state === 'signed') out.push({ pageId: page.id, number: i + 1, by: s.signoff.by, at: s.signoff.at });
  });
  return out;
}
