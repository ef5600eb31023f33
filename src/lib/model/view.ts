// The three desks of the app: part of the stored session, so storage and state both read it from here.
export const VIEWS = ['stories', 'layout', 'proof'] as const;
export type View = (typeof VIEWS)[number];

export function isView(value: unknown): value is View {
  return (VIEWS as readonly unknown[]).includes(value);
}
