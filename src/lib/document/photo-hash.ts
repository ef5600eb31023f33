// A photo's key in the photo store: the SHA-256 of its bytes. Apart from
// photo-store.ts so the photo worker can hash without loading the document code.
// Chromium digests on the calling thread (≈ 1 s for 48 MB on a busy machine):
// the app hashes in the photo worker, never on the page's thread.

/** SHA-256 of a blob's bytes, as lowercase hex. */
export async function hashBlob(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
