// Where a photo's bytes live in this browser: one Blob per distinct file in the
// `photos` store of `galley-library`, keyed by the SHA-256 of its bytes. The
// edition (and its Yjs document) holds only the record naming that hash
// (src/lib/model/photo.ts), so the same file in two editions is stored once,
// and a desk that lacks the bytes knows the file by name.
// Also here: moving the first build's photos (data URLs in the document) into the store.
import type { LibraryDatabase } from './persistence';
import type { EditionDocument } from './edition-document';
import { ORIGIN } from './edition-document';
import { hashBlob } from './photo-hash';
import { sniffPhotoType, type PhotoRecord, type PhotoType } from '../model/photo';

/** The bytes of photos by hash. */
export interface PhotoStore {
  /** Keep the blob; resolves to its hash (the same bytes twice are stored once). `hash`: already computed by hashBlob (in a worker). */
  put(blob: Blob, hash?: string): Promise<string>;
  /** The bytes, or undefined when this browser does not have them (another desk's photo, a cleared store). */
  get(hash: string): Promise<Blob | undefined>;
}

export { hashBlob };

/** The store in IndexedDB (`galley-library`, store `photos`). */
export class IndexedPhotoStore implements PhotoStore {
  constructor(private readonly db: LibraryDatabase) {}

  async put(blob: Blob, known?: string): Promise<string> {
    const hash = known ?? (await hashBlob(blob));
    // Content-addressed: present means the very same bytes, so no second write.
    if ((await this.db.getKey('photos', hash)) === undefined) await this.db.put('photos', { hash, blob });
    return hash;
  }

  async get(hash: string): Promise<Blob | undefined> {
    return (await this.db.get('photos', hash))?.blob;
  }
}

/** The store in memory: a browser without IndexedDB (the photo lives as long as the tab), unit tests. */
export class MemoryPhotoStore implements PhotoStore {
  readonly #blobs = new Map<string, Blob>();

  async put(blob: Blob, known?: string): Promise<string> {
    const hash = known ?? (await hashBlob(blob));
    this.#blobs.set(hash, blob);
    return hash;
  }

  async get(hash: string): Promise<Blob | undefined> {
    return this.#blobs.get(hash);
  }
}

/** Pixel size of an image, or null when it cannot be decoded (the browser measures with createImageBitmap). */
export type MeasurePhoto = (blob: Blob) => Promise<{ width: number; height: number } | null>;

/** The bytes of a `data:` URL, or null when it is not base64 image data. */
export function dataUrlBlob(url: string): Blob | null {
  const m = /^data:(image\/[\w.+-]+);base64,(.*)$/s.exec(url);
  if (!m) return null;
  try {
    const binary = atob(m[2]);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Blob([bytes], { type: m[1] });
  } catch {
    return null;
  }
}

/**
 * Move photos kept as data URLs in the document (editions from before the
 * photo store, old edition files) into the store: each becomes a record of the
 * same id, written as one 'migration' transaction (nobody's undo step). A data
 * URL that is not a JPEG, PNG or WebP image becomes a record too, named, so
 * the page shows a placeholder for it rather than losing the box. Returns how
 * many were moved.
 */
export async function migrateDataUrlPhotos(document: EditionDocument, store: PhotoStore, measure: MeasurePhoto): Promise<number> {
  const legacy = document.legacyPhotos();
  if (!legacy.length) return 0;
  const records: PhotoRecord[] = [];
  for (const [id, url] of legacy) {
    const blob = dataUrlBlob(url);
    const type: PhotoType | null = blob ? sniffPhotoType(new Uint8Array(await blob.slice(0, 16).arrayBuffer())) : null;
    // Only an image's bytes are kept; anything else keeps its name and shows as a placeholder.
    const hash = blob && type ? await store.put(blob) : blob ? await hashBlob(blob) : '0'.repeat(64);
    const size = blob && type ? await measure(blob) : null;
    const extension = type ? type.slice('image/'.length).replace('jpeg', 'jpg') : 'img';
    records.push({ id, hash, name: `${id}.${extension}`, type: type ?? 'image/png', width: size?.width ?? 0, height: size?.height ?? 0, fit: 'fill', focusX: 0.5, focusY: 0.5 });
  }
  return document.replaceLegacyPhotos(records, ORIGIN.migration);
}
