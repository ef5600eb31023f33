// The three desks of the app, shared by state and storage.
export const VIEWS = ['stories', 'layout', 'proof'] as const;
export type View = (typeof VIEWS)[number];

export function isView(value: unknown): value is View {
  return (VIEWS as readonly unknown[]).includes(value);
}
