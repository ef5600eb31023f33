// Photos dropped onto modules: read as data URLs (kept in the edition, so they
// are saved and exported with it) and linked from the placement by photoId
// (the core's withPhoto).

/** Larger images are refused: a data URL lives in IndexedDB with the edition. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

export function readPhoto(file: File): Promise<string | null> {
  if (!file.type.startsWith('image/') || file.size > MAX_PHOTO_BYTES) return Promise.resolve(null);
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : null);
    reader.onerror = () => resolve(null);
    reader.readAsDataURL(file);
  });
}
