// Work that follows typing (the edition snapshot, counts, copyfit) runs when the
// browser is idle, so it never lands between a key and the frame that shows it.

/** Run `work` in the browser's next idle period (within `timeoutMs` at the latest); a plain task where there is no idle callback (Node). Returns a cancel. */
export function whenIdle(work: () => void, timeoutMs = 200): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 0);
  return () => clearTimeout(handle);
}
