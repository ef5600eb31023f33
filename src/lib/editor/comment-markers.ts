// Margin markers for review comments: each thread on the story's text is a
// highlight over its range plus a numbered marker at its start, placed by the
// pure review model (which follows words that moved and leaves out detached
// ones). The threads come in by transaction meta; between updates the
// decorations are mapped through edits so they stay on their words.
import { Plugin, PluginKey, type Command } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** A thread as the editor marks it: where it sits now, and whether it is still open. */
export interface CommentMarker {
  id: string;
  from: number;
  to: number;
  resolved: boolean;
  /** The marker's accessible name, e.g. "Comment 1: check the figure". */
  label: string;
}

export const commentMarkersKey = new PluginKey<DecorationSet>('galley-comment-markers');

function build(doc: Parameters<typeof DecorationSet.create>[0], markers: readonly CommentMarker[]): DecorationSet {
  const size = doc.content.size;
  const out: Decoration[] = [];
  markers.forEach((m, i) => {
    const from = Math.max(0, Math.min(m.from, size));
    const to = Math.max(from, Math.min(m.to, size));
    const state = m.resolved ? 'resolved' : 'open';
    if (to > from) {
      out.push(Decoration.inline(from, to, { class: `comment-range comment-${state}`, 'data-comment': m.id }));
      // The visible margin number hangs off the first commented character, so it is on that
      // character's line even where the line wraps just before it (a widget would stay on the line above).
      out.push(Decoration.inline(from, from + 1, { class: `comment-start comment-${state}`, 'data-n': String(i + 1) }));
    }
    out.push(
      Decoration.widget(
        from,
        () => {
          const mark = document.createElement('span');
          // The accessible note; hidden from sight, the margin number is drawn by .comment-start.
          mark.className = `comment-marker comment-${state}`;
          mark.dataset.comment = m.id;
          mark.setAttribute('role', 'note');
          mark.setAttribute('aria-label', m.label);
          mark.textContent = String(i + 1);
          return mark;
        },
        { key: `comment-${m.id}-${state}-${i}`, side: 1, ignoreSelection: true },
      ),
    );
  });
  return DecorationSet.create(doc, out);
}

export function commentMarkersPlugin(initial: readonly CommentMarker[] = []): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: commentMarkersKey,
    state: {
      init: (_, state) => build(state.doc, initial),
      apply(tr, set) {
        const markers = tr.getMeta(commentMarkersKey) as readonly CommentMarker[] | undefined;
        if (markers) return build(tr.doc, markers);
        return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
      },
    },
    props: {
      decorations: (state) => commentMarkersKey.getState(state),
    },
  });
}

/** Show these threads' markers (the review data changed, or the editor opened). */
export function setCommentMarkers(markers: readonly CommentMarker[]): Command {
  return (state, dispatch) => {
    if (!commentMarkersKey.getState(state)) return false;
    dispatch?.(state.tr.setMeta(commentMarkersKey, markers).setMeta('addToHistory', false));
    return true;
  };
}
