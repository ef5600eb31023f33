// Work that can wait runs when the browser is idle, so it never lands between a key and the
// frame that shows it. Here, below state, so the document layer (its writes and compaction)
// and the app's state share one helper without the document reaching into state.

/** Run `work` in the browser's next idle period (within `timeoutMs` at the latest); a plain task where there is no idle callback (Node). Returns a cancel. */
export function whenIdle(work: () => void, timeoutMs = 200): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(() => work(), { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 0);
  return () => clearTimeout(handle);
}
