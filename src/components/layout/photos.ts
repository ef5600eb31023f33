// Photos dropped onto modules: read as data URLs (kept in the edition, so they
// are saved and exported with it) and linked from the placement by photoId.
import type { Edition } from '../../lib/model/edition';

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

/** The edition with `url` as the photo of a placement (replacing its old photo), or without one when url is null. */
export function withPhoto(edition: Edition, placementId: string, url: string | null): Edition {
  const photos = { ...(edition.photos ?? {}) };
  let old: string | undefined;
  const pages = edition.pages.map((page) => {
    if (!page.placements.some((p) => p.id === placementId)) return page;
    return {
      ...page,
      placements: page.placements.map((p) => {
        if (p.id !== placementId) return p;
        old = p.photoId;
        if (!url) {
          const { photoId: _drop, ...rest } = p;
          return rest;
        }
        return { ...p, photoId: `photo-${placementId}` };
      }),
    };
  });
  if (old) delete photos[old];
  if (url) photos[`photo-${placementId}`] = url;
  return { ...edition, pages, photos };
}
