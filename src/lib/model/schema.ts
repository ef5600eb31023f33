// The ProseMirror schema of one story. Block roles are the newsroom's own
// (kicker 引题, headline 主题, subtitle 副题 …) so that typesetting and layout
// can style a block by what it is, not by how it looks.
import { Schema, type NodeSpec, type MarkSpec } from 'prosemirror-model';

export const BLOCK_ROLES = [
  'kicker',
  'headline',
  'subtitle',
  'byline',
  'subhead',
  'paragraph',
  'caption',
  'credit',
  'jump_line',
] as const;
export type BlockRole = (typeof BLOCK_ROLES)[number];

export type JumpDirection = 'continuedTo' | 'continuedFrom';
export const ENTITY_KINDS = ['person', 'place', 'organisation'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

// ProseMirror's attribute `validate` must throw to reject a value (a returned
// false is ignored), so each predicate is wrapped to throw.
function must(ok: (v: unknown) => boolean, what: string): (v: unknown) => void {
  return (v) => {
    if (!ok(v)) throw new RangeError(`invalid ${what}: ${JSON.stringify(v)}`);
  };
}

// What parseDOM reads from a pasted element. Written structurally, not as the DOM's
// HTMLElement, so the schema type-checks in the cores without the DOM library.
type TaggedElement = { getAttribute(name: string): string | null };

function textBlock(tag: string, role: BlockRole, extra: Partial<NodeSpec> = {}): NodeSpec {
  return {
    content: 'inline*',
    group: 'block',
    defining: true,
    parseDOM: [{ tag: `${tag}[data-role=${role}]` }],
    toDOM: () => [tag, { 'data-role': role, class: `role-${role}` }, 0],
    ...extra,
  };
}

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  // Listed first so it is the schema's default block: text typed over a jump line
  // or beside it (gap cursor) becomes body text, never the first role listed (引题).
  // Its bare <p> rule has a low priority so a p[data-role] still parses as its role.
  paragraph: { ...textBlock('p', 'paragraph'), parseDOM: [{ tag: 'p', priority: 10 }] },
  kicker: textBlock('p', 'kicker'),
  headline: textBlock('h1', 'headline'),
  subtitle: textBlock('p', 'subtitle'),
  byline: textBlock('p', 'byline'),
  subhead: textBlock('h3', 'subhead'),
  caption: textBlock('p', 'caption'),
  credit: textBlock('p', 'credit'),
  // A jump line is not text the editor types: it records that the story
  // continues on (or comes from) another page, and layout renders its words.
  jump_line: {
    group: 'block',
    atom: true,
    selectable: true,
    attrs: {
      direction: { default: 'continuedTo', validate: must((v) => v === 'continuedTo' || v === 'continuedFrom', 'jump direction') },
      page: { default: null, validate: must((v) => v === null || (typeof v === 'number' && Number.isInteger(v) && v > 0), 'jump page') },
    },
    parseDOM: [
      {
        tag: 'div[data-role=jump_line]',
        getAttrs: (dom: TaggedElement) => ({
          direction: dom.getAttribute('data-direction') === 'continuedFrom' ? 'continuedFrom' : 'continuedTo',
          page: dom.getAttribute('data-page') ? Number(dom.getAttribute('data-page')) : null,
        }),
      },
    ],
    toDOM: (node) => [
      'div',
      {
        'data-role': 'jump_line',
        'data-direction': node.attrs.direction,
        'data-page': node.attrs.page ?? '',
        class: 'role-jump_line',
        contenteditable: 'false',
      },
      jumpLineText(node.attrs.direction, node.attrs.page, 'zh'),
    ],
  },
  text: { group: 'inline' },
  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    parseDOM: [{ tag: 'br' }],
    toDOM: () => ['br'],
  },
};

const marks: Record<string, MarkSpec> = {
  // 电头: “本报北京1月7日电”, “WASHINGTON, Jan. 7 —”
  dateline: {
    inclusive: false,
    parseDOM: [{ tag: 'span.dateline' }],
    toDOM: () => ['span', { class: 'dateline' }, 0],
  },
  // The byline inside a paragraph: “（记者郑莉 朱欣）”. Named byline_mark
  // because ProseMirror refuses a mark and a node of the same name (the
  // byline block above), and the Schema constructor threw on load.
  byline_mark: {
    inclusive: false,
    parseDOM: [{ tag: 'span.byline' }],
    toDOM: () => ['span', { class: 'byline' }, 0],
  },
  em: { parseDOM: [{ tag: 'em' }, { tag: 'i' }], toDOM: () => ['em', 0] },
  strong: { parseDOM: [{ tag: 'strong' }, { tag: 'b' }], toDOM: () => ['strong', 0] },
  entity: {
    attrs: { kind: { default: 'person', validate: must((v) => (ENTITY_KINDS as readonly unknown[]).includes(v), 'entity kind') } },
    inclusive: false,
    parseDOM: [{ tag: 'span[data-entity]', getAttrs: (dom: TaggedElement) => ({ kind: dom.getAttribute('data-entity') }) }],
    toDOM: (mark) => ['span', { 'data-entity': mark.attrs.kind, class: `entity entity-${mark.attrs.kind}` }, 0],
  },
};

export const storySchema = new Schema({ nodes, marks });

/** The words of a jump line, in the edition's language. */
export function jumpLineText(direction: JumpDirection, page: number | null, language: 'zh' | 'en'): string {
  const n = page ?? '?';
  if (language === 'en') return direction === 'continuedTo' ? `Continued on Page ${n}` : `Continued from Page ${n}`;
  return direction === 'continuedTo' ? `（下转第${n}版）` : `（上接第${n}版）`;
}
