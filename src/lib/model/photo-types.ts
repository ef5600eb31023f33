// The photo record's types, apart from photo.ts so edition.ts can name them without a module cycle.
export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';
/** Fit: the whole image inside the box; fill: the box covered, cut around the focal point. */
export type PhotoFit = 'fit' | 'fill';

export interface PhotoRecord {
  id: string;
  /** SHA-256 of the bytes, hex: the key of the photo store. */
  hash: string;
  /** The file's name as it was chosen, shown where the bytes are missing. */
  name: string;
  type: PhotoType;
  width: number;
  height: number;
  fit: PhotoFit;
  /** The point kept in view when the box cuts the image, 0..1 from the left and top. */
  focusX: number;
  focusY: number;
}

