// A module Web Worker that hashes, decodes and scales photos, so a 40 MB camera
// file never blocks the page: the page only ever receives a small screen rendition.
//   in:  {type:'measure', id, blob}                   out: {id, hash, width?, height?} (no size: not decodable here)
//   in:  {type:'scale', id, blob, width, height}      out: {id, blob} | {id, error}
type Incoming = { type: 'measure'; id: number; blob: Blob } | { type: 'scale'; id: number; blob: Blob; width: number; height: number };

import { hashBlob } from '../document/photo-hash';

const scope = self as unknown as { postMessage(m: unknown): void; addEventListener(t: 'message', f: (e: MessageEvent<Incoming>) => void): void };

scope.addEventListener('message', async (event) => {
  const msg = event.data;
  try {
    if (msg.type === 'measure') {
      const hash = await hashBlob(msg.blob);
      const bitmap = await createImageBitmap(msg.blob).catch(() => null);
      scope.postMessage({ id: msg.id, hash, width: bitmap?.width, height: bitmap?.height });
      bitmap?.close();
      return;
    }
    // The browser scales while decoding (resize options), then one small encode:
    // WebP keeps a PNG's transparency and is what Chromium encodes fastest.
    const bitmap = await createImageBitmap(msg.blob, { resizeWidth: msg.width, resizeHeight: msg.height, resizeQuality: 'high' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
    bitmap.close();
    const blob = await canvas.convertToBlob({ type: 'image/webp', quality: 0.9 });
    scope.postMessage({ id: msg.id, blob });
  } catch (error) {
    scope.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) });
  }
});
