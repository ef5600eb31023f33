// The desk's photos: taking a file in (checked, stored by hash, measured) and
// handing the page what to draw — a screen rendition scaled in a worker, or the
// original's object URL for the proof and print — each made once per photo and
// size. The record in the edition is src/lib/model/photo.ts; the bytes are the
// photo store (src/lib/document/photo-store.ts).
import type { Edition } from '../model/edition';
import { MAX_PHOTO_BYTES, isPhotoRecord, photoIdFor, sniffPhotoType, withStoryPhoto, type PhotoRecord } from '../model/photo';
import type { PhotoBytes } from '../model/edition-file';
import { roomForPhoto } from '../layout';
import { layoutCache, typesetter } from './layout';
import type { MessageKey } from '../i18n';
import { IndexedPhotoStore, MemoryPhotoStore, hashBlob, migrateDataUrlPhotos, openLibraryDB, type EditionDocument, type MeasurePhoto, type PhotoStore } from '../document';
import { fromBase64, toBase64 } from 'lib0/buffer';

/** What a photo box draws: the image, or why not (the placeholder names the file either way). */
export type PhotoLook = { state: 'drawn'; url: string } | { state: 'missing' } | { state: 'unreadable' };

/** Where the page gets photos from: the app's store, or the print page's URLs (`npm run -s pdf`). */
export interface PhotoSource {
  /** `full`: the original (proof, print); a number: a rendition at least that many pixels wide (the Layout view). */
  look(record: PhotoRecord, want: 'full' | number): Promise<PhotoLook>;
}

/** Svelte context key of the PhotoSource (set by App.svelte and PrintEdition.svelte). */
export const PHOTO_SOURCE = Symbol('photo-source');

/** Screen renditions come in these widths (px): a few sizes per photo, so zooming reuses them. */
const RENDITION_MIN_PX = 256;

/** The rendition width to ask for: the next power of two from what the box needs, never wider than the original. */
export function renditionWidth(needPx: number, originalPx: number): number {
  const w = Math.max(RENDITION_MIN_PX, 2 ** Math.ceil(Math.log2(Math.max(1, needPx))));
  return Math.min(w, originalPx);
}

/** Why a file was not taken, as a catalog message. */
export interface PhotoRefusal {
  key: MessageKey;
  params: Record<string, string | number>;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

interface WorkerReply {
  id: number;
  hash?: string;
  width?: number;
  height?: number;
  blob?: Blob;
  error?: string;
}

/** The decoding and scaling worker (photo-worker.ts), one for the tab, started on first use. */
class PhotoWorker {
  #worker: Worker | null = null;
  #next = 1;
  #waiting = new Map<number, (reply: WorkerReply) => void>();

  #send(message: Record<string, unknown>): Promise<WorkerReply> {
    if (!this.#worker) {
      this.#worker = new Worker(new URL('./photo-worker.ts', import.meta.url), { type: 'module' });
      this.#worker.onmessage = (event: MessageEvent<WorkerReply>) => {
        const done = this.#waiting.get(event.data.id);
        this.#waiting.delete(event.data.id);
        done?.(event.data);
      };
    }
    const id = this.#next++;
    return new Promise((resolve) => {
      this.#waiting.set(id, resolve);
      this.#worker!.postMessage({ ...message, id });
    });
  }

  /** The bytes' hash, and the pixel size where the worker's decoder reads the image. */
  async measure(blob: Blob): Promise<{ hash?: string; size: { width: number; height: number } | null }> {
    const r = await this.#send({ type: 'measure', blob });
    return { hash: r.hash, size: r.width && r.height ? { width: r.width, height: r.height } : null };
  }

  async scale(blob: Blob, width: number, height: number): Promise<Blob | null> {
    const r = await this.#send({ type: 'scale', blob, width, height });
    return r.blob ?? null;
  }
}

export class PhotoDesk implements PhotoSource {
  #store: Promise<PhotoStore> | null = null;
  readonly #openStore: () => Promise<PhotoStore>;
  readonly #worker = new PhotoWorker();
  /** Looks by hash and width ('full' for the original): each made once. */
  readonly #looks = new Map<string, Promise<PhotoLook>>();

  /** `openStore`: the IndexedDB store by default, memory where the browser has none. */
  constructor(openStore?: () => Promise<PhotoStore>) {
    this.#openStore = openStore ?? defaultStore;
  }

  store(): Promise<PhotoStore> {
    this.#store ??= this.#openStore();
    return this.#store;
  }

  /** In the worker; an image its strict decoder refuses but <img> draws (a PNG with a sloppy end) is measured by <img> (decoded off the page's thread too). */
  readonly measure: MeasurePhoto = async (blob) => (await this.#measure(blob)).size;

  async #measure(blob: Blob): Promise<{ hash?: string; size: { width: number; height: number } | null }> {
    const r = await this.#worker.measure(blob);
    return r.size ? r : { hash: r.hash, size: await measureByImage(blob) };
  }

  /**
   * Check a file, store its bytes and give the edition with it as the story's
   * photo; a refusal (not an image, too large, damaged, storage failed) leaves
   * everything as it was.
   */
  async takeIn(file: File, storyId: string, edition: () => Edition): Promise<{ edition: Edition } | { refusal: PhotoRefusal }> {
    const name = file.name || 'image';
    const max = mb(MAX_PHOTO_BYTES);
    const type = sniffPhotoType(new Uint8Array(await file.slice(0, 16).arrayBuffer()));
    if (!type) return { refusal: { key: 'photo.notImage', params: { name, max } } };
    if (file.size > MAX_PHOTO_BYTES) return { refusal: { key: 'photo.tooLarge', params: { name, size: mb(file.size), max } } };
    const { hash: known, size } = await this.#measure(file);
    if (!size) return { refusal: { key: 'photo.corrupt', params: { name } } };
    let hash: string;
    try {
      // Stored as a Blob of its own type (the File's name and date are not needed), by the hash the worker computed.
      hash = await (await this.store()).put(new Blob([file], { type }), known);
    } catch (error) {
      return { refusal: { key: 'photo.storeFailed', params: { name, message: error instanceof Error ? error.message : String(error) } } };
    }
    const record: PhotoRecord = { id: photoIdFor(storyId, hash), hash, name, type, width: size.width, height: size.height, fit: 'fill', focusX: 0.5, focusY: 0.5 };
    const next = withStoryPhoto(edition(), storyId, record);
    return next ? { edition: next } : { refusal: { key: 'photo.storeFailed', params: { name, message: storyId } } };
  }

  look(record: PhotoRecord, want: 'full' | number): Promise<PhotoLook> {
    const width = want === 'full' ? record.width : renditionWidth(want, record.width);
    const full = !record.width || width >= record.width;
    const key = `${record.hash}@${full ? 'full' : width}`;
    let look = this.#looks.get(key);
    if (!look) {
      look = this.#make(record, full ? null : width);
      this.#looks.set(key, look);
      // A failure is not cached for good: the bytes may arrive (chosen again, another tab).
      void look.then((l) => l.state !== 'drawn' && this.#looks.delete(key));
    }
    return look;
  }

  async #make(record: PhotoRecord, width: number | null): Promise<PhotoLook> {
    const blob = await (await this.store()).get(record.hash).catch(() => undefined);
    if (!blob) return { state: 'missing' };
    if (width === null) return { state: 'drawn', url: URL.createObjectURL(blob) };
    const height = Math.max(1, Math.round((record.height / record.width) * width));
    // An image the worker cannot scale is drawn from the original: <img> decides whether it can be read.
    const small = await this.#worker.scale(blob, width, height);
    return { state: 'drawn', url: URL.createObjectURL(small ?? blob) };
  }

  /**
   * The bytes of the edition's photos for an edition file, base64 by hash, as
   * many as fit in `maxChars` (smallest first): a photo this browser has no bytes
   * for, or one that does not fit, is named in `leftOut` (the file keeps its record).
   */
  async fileBytes(edition: Edition, maxChars: number): Promise<{ bytes: PhotoBytes; leftOut: { name: string; why: 'missing' | 'tooLarge' }[] }> {
    const records = Object.values(edition.photos ?? {}).filter(isPhotoRecord);
    const store = await this.store();
    const found: { record: PhotoRecord; blob: Blob }[] = [];
    const leftOut: { name: string; why: 'missing' | 'tooLarge' }[] = [];
    const seen = new Set<string>();
    for (const record of records) {
      if (seen.has(record.hash)) continue;
      seen.add(record.hash);
      const blob = await store.get(record.hash).catch(() => undefined);
      if (blob) found.push({ record, blob });
      else leftOut.push({ name: record.name, why: 'missing' });
    }
    const bytes: PhotoBytes = {};
    let chars = 0;
    for (const { record, blob } of found.sort((a, b) => a.blob.size - b.blob.size)) {
      const size = Math.ceil(blob.size / 3) * 4;
      if (chars + size > maxChars) {
        leftOut.push({ name: record.name, why: 'tooLarge' });
        continue;
      }
      bytes[record.hash] = await base64Of(blob);
      chars += size;
    }
    return { bytes, leftOut };
  }

  /**
   * Keep the photo bytes an edition file carries, each under the hash of its
   * bytes; returns how many were not kept (not an image, or not the bytes their
   * hash names: the record then shows as missing, never as another image).
   */
  async keepFileBytes(bytes: PhotoBytes): Promise<number> {
    const store = await this.store();
    let refused = 0;
    for (const [hash, text] of Object.entries(bytes)) {
      const data = fromBase64(text);
      const type = sniffPhotoType(data.subarray(0, 16));
      const blob = type ? new Blob([data], { type }) : null;
      if (!blob || (await hashBlob(blob)) !== hash) {
        refused++;
        continue;
      }
      await store.put(blob, hash);
    }
    return refused;
  }

  /**
   * Keep a document's photos in the store: data URLs (first-build editions,
   * old edition files, another tab on an old build) are moved into it now and
   * whenever they arrive. Returns the unsubscribe.
   */
  watch(document: EditionDocument, onMigrated?: (n: number) => void): () => void {
    let running: Promise<void> | null = null;
    const run = () => {
      if (running || !document.legacyPhotos().length) return;
      running = this.store()
        .then((store) => migrateDataUrlPhotos(document, store, this.measure))
        .then((n) => void (n && onMigrated?.(n)))
        .catch(() => {})
        .finally(() => (running = null));
    };
    run();
    return document.subscribe(run);
  }
}

/** What attaching a photo needs of the app (AppState; structural, so this file does not import the app). */
interface PhotoDeskApp {
  readonly photos: PhotoDesk;
  /** The edition as the document holds it now, typing included. */
  currentEdition(): Edition;
  applyLayout(next: Edition | null): boolean;
  notify(message: { id: string; kind: 'error'; key: MessageKey; params?: Record<string, string | number> }): void;
}

/**
 * Take a file in as a story's photo (from the Stories view or a module): applied as one undoable step, or
 * refused with a message. The story's module grows into free lines below it for the room its photo box takes.
 */
export async function attachPhoto(app: PhotoDeskApp, storyId: string, file: File): Promise<boolean> {
  const result = await app.photos.takeIn(file, storyId, () => app.currentEdition());
  if ('refusal' in result) {
    app.notify({ id: 'photo-refused', kind: 'error', key: result.refusal.key, params: result.refusal.params });
    return false;
  }
  return app.applyLayout(roomForPhoto(result.edition, storyId, typesetter, layoutCache));
}

/** Longest print waits for photos still loading: a photo that never arrives prints as its box rather than hold the print forever. */
const PRINT_WAIT_MS = 30_000;

/** Resolves when no photo box under `root` is still loading and every image is decoded: print only then. */
export async function whenPhotosDrawn(root: ParentNode): Promise<void> {
  const until = Date.now() + PRINT_WAIT_MS;
  while (root.querySelector('[data-photo-state="loading"]') && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  await Promise.all([...root.querySelectorAll('img')].map((img) => img.decode().catch(() => {})));
}

async function measureByImage(blob: Blob): Promise<{ width: number; height: number } | null> {
  if (typeof Image === 'undefined') return null;
  const url = URL.createObjectURL(blob);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img.naturalWidth && img.naturalHeight ? { width: img.naturalWidth, height: img.naturalHeight } : null;
  } catch {
    return null;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A blob as base64: the browser's own encoder (FileReader) where there is one, lib0's elsewhere (Node). */
async function base64Of(blob: Blob): Promise<string> {
  if (typeof FileReader === 'undefined') return toBase64(new Uint8Array(await blob.arrayBuffer()));
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
  return url.slice(url.indexOf(',') + 1);
}

async function defaultStore(): Promise<PhotoStore> {
  if (typeof indexedDB === 'undefined' || !indexedDB) return new MemoryPhotoStore();
  try {
    return new IndexedPhotoStore(await openLibraryDB());
  } catch {
    return new MemoryPhotoStore();
  }
}
