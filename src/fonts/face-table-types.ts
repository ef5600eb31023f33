// The shape of the generated table of the bundled CJK faces' pieces (face-table.ts).

/**
 * One order of code points (ranks) shared by every face, cut into bins (`bins`: each bin's
 * first rank; a bin ends where the next begins). A face cuts each bin into pieces of `k[bin]`
 * ranks: the piece of rank r in bin b starts at bins[b] + k·floor((r − bins[b]) / k) and is
 * the file `public/fonts/pieces/${face.key}-${start}.woff2`, holding the order's characters
 * in those ranks except the ones the face lacks. k[bin] = 0: the face has none of the bin's characters.
 */
export interface FaceTable {
  /** Changes with the cut: the pieces' URLs carry it, so a browser never mixes two cuts. */
  version: string;
  /** Ranks below this are in `order`; the rest in face-table-rare.ts. */
  common: number;
  total: number;
  /**
   * The rare ranks' code points below U+2E80, as unicode-range text: a character past the
   * common part is looked up in the rare part if it is in here or from U+2E80 on (CJK).
   */
  rareBelow2e80: string;
  /** The common ranks' code points in rank order, encoded (face-order.ts). */
  order: string;
  bins: number[];
  faces: { key: string; family: string; weight: number; k: number[]; lacks: string }[];
}
