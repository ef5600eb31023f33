// Jump lines as objects: a node view showing direction and page with controls
// to set them, commands that set them, and a plugin holding the pages layout
// computed for the story (passed in by the component), shown next to the chip.
import { Plugin, PluginKey, type Command, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView, type NodeView } from 'prosemirror-view';
import type { Node as PMNode } from 'prosemirror-model';
import { jumpLineText, type JumpDirection } from '../model/schema';
import type { Language } from '../model/edition';

/** The pages layout computed for this story's jumps (null: not placed in parts). */
export interface LayoutJumps {
  continuedTo: number | null;
  continuedFrom: number | null;
}

export const jumpPagesKey = new PluginKey<LayoutJumps>('galley-jump-pages');

/** Holds the layout's pages; each jump line gets a node decoration carrying the page for its direction. */
export function jumpPagesPlugin(initial: LayoutJumps = { continuedTo: null, continuedFrom: null }): Plugin<LayoutJumps> {
  return new Plugin<LayoutJumps>({
    key: jumpPagesKey,
    state: {
      init: () => initial,
      apply: (tr, old) => (tr.getMeta(jumpPagesKey) as LayoutJumps | undefined) ?? old,
    },
    props: {
      decorations(state) {
        const pages = jumpPagesKey.getState(state);
        if (!pages || (pages.continuedTo === null && pages.continuedFrom === null)) return null;
        const out: Decoration[] = [];
        state.doc.forEach((node, pos) => {
          if (node.type.name !== 'jump_line') return;
          const page = pages[node.attrs.direction as JumpDirection];
          if (page !== null) out.push(Decoration.node(pos, pos + node.nodeSize, { 'data-layout-page': String(page) }, { layoutPage: page }));
        });
        return DecorationSet.create(state.doc, out);
      },
    },
  });
}

export function setLayoutJumps(pages: LayoutJumps): Command {
  return (state, dispatch) => {
    if (dispatch) dispatch(state.tr.setMeta(jumpPagesKey, pages).setMeta('addToHistory', false));
    return true;
  };
}

/** Set the page and/or direction of the jump line at `pos`. */
export function setJumpLine(pos: number, attrs: { page?: number | null; direction?: JumpDirection }): Command {
  return (state, dispatch) => {
    const node = state.doc.nodeAt(pos);
    if (!node || node.type.name !== 'jump_line') return false;
    const page = attrs.page === undefined ? node.attrs.page : attrs.page;
    if (page !== null && !(Number.isInteger(page) && page > 0)) return false;
    if (dispatch) dispatch(state.tr.setNodeMarkup(pos, undefined, { ...node.attrs, ...attrs, page }));
    return true;
  };
}

/** The layout's page for the jump line at `pos`, if the story is placed in parts. */
export function layoutPageOf(state: EditorState, pos: number): number | null {
  const node = state.doc.nodeAt(pos);
  const pages = jumpPagesKey.getState(state);
  if (!node || node.type.name !== 'jump_line' || !pages) return null;
  return pages[node.attrs.direction as JumpDirection];
}

export interface JumpLineWords {
  direction: string;
  page: string;
  to: string;
  from: string;
  layoutPage: (n: number) => string;
  setPage: (n: number) => string;
}

/**
 * The chip in the text: its words as layout prints them, then a direction
 * choice (two radio buttons), a page field and, when layout computed a page, a button to take it.
 * Hand-built DOM because a node view is plain DOM owned by ProseMirror.
 */
export class JumpLineView implements NodeView {
  dom: HTMLElement;
  #label: HTMLElement;
  #direction: HTMLElement;
  #page: HTMLInputElement;
  #take: HTMLButtonElement;
  #node: PMNode;
  #layoutPage: number | null = null;

  constructor(
    node: PMNode,
    private view: EditorView,
    private getPos: () => number | undefined,
    private language: Language,
    private words: JumpLineWords,
    decorations: readonly Decoration[],
  ) {
    this.#node = node;
    const dom = document.createElement('div');
    dom.className = 'role-jump_line jump-line-view';
    dom.dataset.role = 'jump_line';
    dom.contentEditable = 'false';
    dom.setAttribute('role', 'group');
    dom.setAttribute('aria-label', words.direction);
    this.#label = document.createElement('span');
    this.#label.className = 'jump-text';
    // Two radio buttons, not a <select>: a form select anywhere in the editor kept Chromium from making any
    // of its ancestors a relayout boundary, so every keystroke's layout started at the document root
    // (traced, issue 13 sessions 7–8). Buttons with radio roles keep the select's one-of-two meaning.
    this.#direction = document.createElement('span');
    this.#direction.className = 'jump-direction';
    this.#direction.setAttribute('role', 'radiogroup');
    this.#direction.setAttribute('aria-label', words.direction);
    for (const [value, text] of [
      ['continuedTo', words.to],
      ['continuedFrom', words.from],
    ] as const) {
      const option = document.createElement('button');
      option.type = 'button';
      option.setAttribute('role', 'radio');
      option.dataset.value = value;
      option.textContent = text;
      option.addEventListener('click', () => this.#set({ direction: value }));
      this.#direction.append(option);
    }
    // The radio group's keys (WAI-ARIA): an arrow key checks the other direction and moves the focus to it.
    this.#direction.addEventListener('keydown', (e) => {
      if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) return;
      e.preventDefault();
      const next = this.#node.attrs.direction === 'continuedTo' ? 'continuedFrom' : 'continuedTo';
      this.#set({ direction: next });
      this.#directionButton(next).focus();
    });
    this.#page = document.createElement('input');
    this.#page.type = 'number';
    this.#page.min = '1';
    this.#page.step = '1';
    this.#page.setAttribute('aria-label', words.page);
    // Commits as typed: an empty field means “no page yet”.
    this.#page.addEventListener('input', () => {
      const v = this.#page.value.trim();
      const n = Number(v);
      if (v === '') this.#set({ page: null });
      else if (Number.isInteger(n) && n > 0) this.#set({ page: n });
    });
    this.#page.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === 'Escape') {
        e.preventDefault();
        this.view.focus();
      }
    });
    this.#take = document.createElement('button');
    this.#take.type = 'button';
    this.#take.className = 'jump-take';
    this.#take.addEventListener('click', () => this.#layoutPage !== null && this.#set({ page: this.#layoutPage }));
    const controls = document.createElement('span');
    controls.className = 'jump-controls';
    controls.append(this.#direction, this.#page, this.#take);
    dom.append(this.#label, controls);
    this.dom = dom;
    this.#render(decorations);
  }

  #directionButton(direction: JumpDirection): HTMLButtonElement {
    return this.#direction.querySelector(`[data-value=${direction}]`) as HTMLButtonElement;
  }

  #set(attrs: { page?: number | null; direction?: JumpDirection }) {
    const pos = this.getPos();
    if (pos === undefined) return;
    setJumpLine(pos, attrs)(this.view.state, this.view.dispatch);
  }

  #render(decorations: readonly Decoration[]) {
    const { direction, page } = this.#node.attrs as { direction: JumpDirection; page: number | null };
    this.dom.dataset.direction = direction;
    this.dom.dataset.page = page === null ? '' : String(page);
    this.#label.textContent = jumpLineText(direction, page, this.language);
    // One tab stop for the group (roving tabindex): the checked direction.
    for (const option of this.#direction.children as HTMLCollectionOf<HTMLButtonElement>) {
      const checked = option.dataset.value === direction;
      option.setAttribute('aria-checked', String(checked));
      option.tabIndex = checked ? 0 : -1;
    }
    // Never rewrite the field under the cursor while someone types in it.
    if (document.activeElement !== this.#page) this.#page.value = page === null ? '' : String(page);
    const deco = decorations.find((d) => (d.spec as { layoutPage?: number }).layoutPage !== undefined);
    this.#layoutPage = deco ? (deco.spec as { layoutPage: number }).layoutPage : null;
    this.#take.hidden = this.#layoutPage === null || this.#layoutPage === page;
    if (this.#layoutPage !== null) {
      this.#take.textContent = this.words.setPage(this.#layoutPage);
      this.#take.title = this.words.layoutPage(this.#layoutPage);
      this.dom.dataset.layoutPage = String(this.#layoutPage);
    } else delete this.dom.dataset.layoutPage;
  }

  update(node: PMNode, decorations: readonly Decoration[]): boolean {
    if (node.type !== this.#node.type) return false;
    this.#node = node;
    this.#render(decorations);
    return true;
  }

  /** Clicks and keys in the controls are the controls' own, not the editor's. */
  stopEvent(event: Event): boolean {
    return event.target instanceof Node && event.target !== this.dom && this.dom.contains(event.target) && event.target !== this.#label;
  }

  ignoreMutation(): boolean {
    return true;
  }
}

export function jumpLineNodeView(language: Language, words: JumpLineWords) {
  return (node: PMNode, view: EditorView, getPos: () => number | undefined, decorations: readonly Decoration[]) =>
    new JumpLineView(node, view, getPos, language, words, decorations);
}
