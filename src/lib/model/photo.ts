// A story's photo as the edition keeps it: a small record (file name, type,
// pixel size, framing) naming its bytes by their SHA-256. The bytes themselves
// are a Blob in the browser's photo store (src/lib/document/photo-store.ts),
// never in the edition or its Yjs document, so an edition stays small and a
// desk without the bytes still knows which file belongs where.
import type { Edition, Placement, Story } from './edition';
import type { PhotoRecord, PhotoType } from './photo-types';

export type { PhotoFit, PhotoRecord, PhotoType } from './photo-types';

export const PHOTO_TYPES: readonly PhotoType[] = ['image/jpeg', 'image/png', 'image/webp'];

/** The largest image taken in: a press photo straight off a camera is 10–40 MB; more is a mistake (a video, a scan at 1200 dpi). */
export const MAX_PHOTO_BYTES = 50 * 1024 * 1024;

/** The image type from the file's first bytes (a file name or a browser's guess can lie); null: not a photo we take. */
export function sniffPhotoType(head: Uint8Array): PhotoType | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return null;
}

/** Whether a value read from a document or a file is a photo record (anything else is ignored or refused). */
export function isPhotoRecord(value: unknown): value is PhotoRecord {
  if (!value || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  const unit = (n: unknown) => typeof n === 'number' && n >= 0 && n <= 1;
  return (
    typeof r.id === 'string' &&
    typeof r.hash === 'string' &&
    /^[0-9a-f]{64}$/.test(r.hash) &&
    typeof r.name === 'string' &&
    PHOTO_TYPES.includes(r.type as PhotoType) &&
    typeof r.width === 'number' &&
    typeof r.height === 'number' &&
    (r.fit === 'fit' || r.fit === 'fill') &&
    unit(r.focusX) &&
    unit(r.focusY)
  );
}

/** The photo a module draws: its own (a module given one before photos belonged to stories), else its story's, on part 1. */
export function photoIdOf(story: Story, placement: Pick<Placement, 'part' | 'photoId'>): string | undefined {
  return placement.photoId ?? (placement.part === 1 ? story.meta.photo : undefined);
}

/**
 * The edition with `record` as the story's photo (replacing its old one), or
 * without a photo when record is null. A module's own photo of the story goes
 * too, so what the desk sees is what it chose. Null when the story is not in the edition.
 */
export function withStoryPhoto(edition: Edition, storyId: string, record: PhotoRecord | null): Edition | null {
  const story = edition.stories.find((s) => s.id === storyId);
  if (!story) return null;
  const photos = { ...(edition.photos ?? {}) };
  const dropped = new Set<string>();
  if (story.meta.photo) dropped.add(story.meta.photo);
  const pages = edition.pages.map((page) => {
    if (!page.placements.some((p) => p.storyId === storyId && p.photoId)) return page;
    const placements = page.placements.map((p) => {
      if (p.storyId !== storyId || !p.photoId) return p;
      dropped.add(p.photoId);
      const { photoId: _gone, ...rest } = p;
      return rest;
    });
    return { ...page, placements };
  });
  for (const id of dropped) delete photos[id];
  const { photo: _old, ...meta } = story.meta;
  if (record) photos[record.id] = record;
  const next: Story = { ...story, meta: record ? { ...meta, photo: record.id } : meta };
  return {
    ...edition,
    pages,
    stories: edition.stories.map((s) => (s.id === storyId ? next : s)),
    ...(Object.keys(photos).length ? { photos } : { photos: undefined }),
  };
}

/** The edition with a photo's framing changed (fit or fill, focal point clamped to 0..1); null when there is no such photo. */
export function withPhotoFraming(edition: Edition, photoId: string, framing: Partial<Pick<PhotoRecord, 'fit' | 'focusX' | 'focusY'>>): Edition | null {
  const old = edition.photos?.[photoId];
  if (!old) return null;
  const clamp = (v: number) => Math.min(1, Math.max(0, Math.round(v * 1000) / 1000));
  const next: PhotoRecord = {
    ...old,
    ...(framing.fit ? { fit: framing.fit } : {}),
    ...(framing.focusX !== undefined ? { focusX: clamp(framing.focusX) } : {}),
    ...(framing.focusY !== undefined ? { focusY: clamp(framing.focusY) } : {}),
  };
  if (next.fit === old.fit && next.focusX === old.focusX && next.focusY === old.focusY) return null;
  return { ...edition, photos: { ...edition.photos, [photoId]: next } };
}

/** A photo's id: its story and its bytes, so the same file chosen again for the story is the same photo. */
export function photoIdFor(storyId: string, hash: string): string {
  return `photo-${storyId}-${hash.slice(0, 12)}`;
}

/** CSS object-fit / object-position of a record: the same drawing on screen, in the proof and in print. */
export function photoCss(record: Pick<PhotoRecord, 'fit' | 'focusX' | 'focusY'>): string {
  const pct = (v: number) => `${Math.round(v * 1000) / 10}%`;
  return `object-fit: ${record.fit === 'fill' ? 'cover' : 'contain'}; object-position: ${pct(record.focusX)} ${pct(record.focusY)}`;
}
