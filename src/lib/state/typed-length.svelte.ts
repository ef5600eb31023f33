// The open story's length as the desk types it, for the story list.
//
// The list counts a story from the edition, which follows typing only once keys
// pause (AppState's catch-up), so the count read the old figure for a moment. The
// open editor has the text at every key: it hands its doc over here (a reference,
// nothing counted), and the count is taken in the next idle period, never between a
// key and the frame that shows it. Counting is incremental (StoryLengths): a key
// changes one block, the other blocks are the same ProseMirror nodes, so they map to
// the same block objects and cost a comparison each.
import type { Node as ProseMirrorNode } from 'prosemirror-model';
import type { DocJSON, Language, Story } from '../model/edition';
import { StoryLengths, type StoryLength } from './stories';
import { whenIdle } from './idle';

/** A block as the length reads it: its role and its text, one object per ProseMirror node. */
const blockFacts = new WeakMap<ProseMirrorNode, DocJSON>();

function blockOf(node: ProseMirrorNode): DocJSON {
  let block = blockFacts.get(node);
  if (!block) {
    block = { type: node.type.name, text: node.isTextblock ? node.textContent : '' };
    blockFacts.set(node, block);
  }
  return block;
}

export class TypedLength {
  /**
   * The story typed in, its length at the editor's latest doc counted, and the edition's story
   * object then: once the edition has caught up with typing, its story is another object and the
   * list's own count (of that story) holds again.
   */
  current = $state.raw<{ storyId: string; since: Story | undefined; length: StoryLength } | null>(null);

  /** `storyOf`: the edition's story now (the list's), read when a count is taken, never on a key. */
  constructor(private readonly storyOf: (storyId: string) => Story | undefined) {}

  #lengths = new StoryLengths();
  #pending: { storyId: string; doc: ProseMirrorNode; language: Language } | null = null;
  #cancel: (() => void) | null = null;

  /** The editor's doc changed (a key, an undo, a remote edit): counted when the browser is next idle. */
  note(storyId: string, doc: ProseMirrorNode, language: Language): void {
    this.#pending = { storyId, doc, language };
    this.#cancel ??= whenIdle(this.#count);
  }

  /** The story's length as typed, while the edition has not caught up with the typing; else null (the list's own count holds). */
  of(story: Story): StoryLength | null {
    const c = this.current;
    return c && c.storyId === story.id && c.since === story ? c.length : null;
  }

  #count = (): void => {
    this.#cancel = null;
    const p = this.#pending;
    this.#pending = null;
    if (!p) return;
    const content: DocJSON[] = [];
    p.doc.forEach((node) => content.push(blockOf(node)));
    const length = this.#lengths.of({ type: 'doc', content }, p.language);
    const since = this.storyOf(p.storyId);
    const c = this.current;
    if (c?.storyId !== p.storyId || c.since !== since || c.length.n !== length.n || c.length.unit !== length.unit) this.current = { storyId: p.storyId, since, length };
  };

  dispose(): void {
    this.#cancel?.();
    this.#cancel = null;
    this.#pending = null;
  }
}
