// Reading a story's Y.XmlFragment as ProseMirror JSON without changing it.
// y-prosemirror's own reader (yXmlFragmentToProseMirrorRootNode) deletes from
// the shared doc every node the local schema refuses — a block written by a
// desk on a newer build would be erased for everyone by a desk on an older one
// merely taking a snapshot. This reader skips such a block in the snapshot
// and leaves the doc alone. The encoding is y-prosemirror's: an XmlElement per
// node (attributes = node attrs), an XmlText per run of text whose formatting
// attributes are marks (`name` or, for marks that may overlap, `name--hash`).
import * as Y from 'yjs';
import { storySchema } from '../model/schema';
import type { DocJSON } from '../model/edition';

export const EMPTY_DOC: DocJSON = Object.freeze({ type: 'doc', content: [{ type: 'paragraph' }] }) as DocJSON;
const HASHED_MARK = /(.*)(--[a-zA-Z0-9+/=]{8})$/;

/**
 * `blocks`: each block's JSON as last read, kept by its Y element; the caller
 * drops the ones a transaction changed (EditionDocument does), so a keystroke
 * re-reads one paragraph, not the story. null: a block the schema refused.
 */
export function readStoryFragment(fragment: Y.XmlFragment, blocks?: WeakMap<Y.XmlElement, DocJSON | null>): DocJSON {
  const out: DocJSON[] = [];
  for (const child of fragment.toArray()) {
    if (!(child instanceof Y.XmlElement)) continue;
    if (blocks?.has(child)) {
      const known = blocks.get(child);
      if (known) out.push(known);
      continue;
    }
    const block = readBlock(child);
    blocks?.set(child, block);
    if (block) out.push(block);
  }
  // A fragment with no blocks yet (a story created by another desk, text not arrived) is still a valid doc.
  return out.length ? { type: 'doc', content: out } : EMPTY_DOC;
}

function readBlock(child: Y.XmlElement): DocJSON | null {
  const json = elementJSON(child);
  if (!json) return null;
  try {
    // The schema's own check of names and attributes; its JSON is the normal form (default attrs, joined text).
    return storySchema.nodeFromJSON(json).toJSON() as DocJSON;
  } catch {
    // Refused by this build's schema: not shown, but kept in the doc for the desks that know it.
    return null;
  }
}

function elementJSON(el: Y.XmlElement): DocJSON | null {
  if (!storySchema.nodes[el.nodeName]) return null;
  const content: DocJSON[] = [];
  for (const child of el.toArray()) {
    if (child instanceof Y.XmlElement) {
      const json = elementJSON(child);
      if (json) content.push(json);
    } else if (child instanceof Y.XmlText) {
      for (const delta of child.toDelta() as { insert: unknown; attributes?: Record<string, Record<string, unknown>> }[]) {
        if (typeof delta.insert !== 'string' || !delta.insert) continue;
        const marks = Object.entries(delta.attributes ?? {})
          .map(([name, attrs]) => ({ type: HASHED_MARK.exec(name)?.[1] ?? name, attrs }))
          .filter((m) => storySchema.marks[m.type])
          .map((m) => (m.attrs && Object.keys(m.attrs).length ? { type: m.type, attrs: m.attrs } : { type: m.type }));
        content.push(marks.length ? { type: 'text', text: delta.insert, marks } : { type: 'text', text: delta.insert });
      }
    }
  }
  const attrs = el.getAttributes() as Record<string, unknown>;
  return { type: el.nodeName, ...(Object.keys(attrs).length ? { attrs } : {}), ...(content.length ? { content } : {}) };
}
