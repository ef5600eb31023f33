// What the checker finds, as data: a problem carries its kind, the figures in
// it (params) and the catalog code of its message (src/lib/i18n), so the
// Problems panel words it in the desk's language and tests read the figures.

export type LayoutProblemKind =
  | 'overset'
  | 'jump-missing'
  | 'jump-wrong-page'
  | 'empty-part'
  | 'overlap'
  | 'off-grid'
  | 'headline-clipped'
  /** A column of a module ends more than MAX_EMPTY_LINES above the module's foot: a hole inside the module. */
  | 'underfilled'
  /** A story continued on the page it starts on: the reader is sent nowhere. */
  | 'jump-same-page'
  /** Info only: the source continued the story elsewhere and this edition does not. */
  | 'source-jump';

export interface LayoutProblem {
  kind: LayoutProblemKind;
  /** 'info' is worth knowing but not wrong (a source jump); everything else is an error. */
  level: 'error' | 'info';
  /** The figures in the message (page, lines, chars, part, title…). */
  params: Record<string, string | number>;
  /** The message in the catalog (src/lib/i18n), worded from `params` by the UI and the CLI. */
  code: ProblemCode;
  storyId?: string;
  placementId?: string;
  page?: number;
}


type N = string | number;

/** The figures each kind of problem carries; a missing jump also says why. */
export interface ProblemParams {
  overset: { page: N; lines: N; chars: N };
  'jump-missing':
    | { why: 'no-part'; page: N; text: N; part: N }
    | { why: 'no-return'; page: N; part: N; other: N }
    | { why: 'no-prev'; page: N; part: N }
    | { why: 'no-room'; page: N; part: N };
  'jump-wrong-page': { page: N; text: N; part: N; other: N };
  'empty-part': { page: N; part: N };
  overlap: { page: N; a: N; b: N };
  'off-grid': { page: N; a: N };
  'headline-clipped': { page: N; need: N; lines: N };
  underfilled: { page: N; column: N; lines: N };
  'jump-same-page': { page: N; part: N };
  'source-jump': { title: N; target: N };
}

type JumpWhy = ProblemParams['jump-missing']['why'];

/** Every message a problem can carry, by catalog code: one per kind, one per reason a jump is missing. */
export type ProblemMessages = { [K in Exclude<LayoutProblemKind, 'jump-missing'> as `problem.${K}`]: ProblemParams[K] } & {
  [W in JumpWhy as `problem.jump-missing.${W}`]: Extract<ProblemParams['jump-missing'], { why: W }>;
};

export type ProblemCode = keyof ProblemMessages;

type Where = Pick<LayoutProblem, 'storyId' | 'placementId' | 'page'>;

const INFO: ReadonlySet<LayoutProblemKind> = new Set(['source-jump']);

/** A checker finding; its `code` and `params` are the message. */
export function problem<K extends LayoutProblemKind>(kind: K, params: ProblemParams[K], where: Where = {}): LayoutProblem {
  const code = (kind === 'jump-missing' ? `problem.jump-missing.${(params as ProblemParams['jump-missing']).why}` : `problem.${kind}`) as ProblemCode;
  return { kind, level: INFO.has(kind) ? 'info' : 'error', params, code, ...where };
}
