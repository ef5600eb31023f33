// Backing memory for prepared blocks' records, carved from shared slabs.
// Hand-written because no library does this small thing: an ArrayBuffer of its
// own per block cost more than filling it (V8 and Blink zero it, track it as
// external memory and sweep it: a fifth of preparing a page, by the profile),
// and so did a typed-array view per field per block (Chromium: ~0.3 µs each, some
// thirty per block). A slab has two views, made once; a block is an index range.

/** Slab size in doubles (256 KB): a front page's ~130 blocks take about ten. */
export const SLAB_DOUBLES = 32 * 1024;

/**
 * Hands out ranges of doubles of a current slab; a request that does not fit
 * starts a new slab (a request bigger than a quarter slab gets a buffer of its
 * own). A slab lives as long as any block viewing it does, so a kept block may
 * hold up to a slab of neighbours' dead records: bounded, and the price of
 * preparing a page in a handful of allocations instead of hundreds.
 * `slabDoubles` 0 gives every request a buffer of its own (one-off preparing).
 */
export class Arena {
  /** The memory the last take() carved from, as doubles and as 32-bit integers (the same bytes). */
  f64 = new Float64Array(0);
  i32 = new Int32Array(0);
  private slab = this.f64;
  private slabI32 = this.i32;
  private at = 0;

  constructor(readonly slabDoubles = SLAB_DOUBLES) {}

  /** `doubles` zeroed doubles from the returned index of `this.f64` (and twice that of `this.i32`). */
  take(doubles: number): number {
    if (this.at + doubles > this.slab.length) {
      if (doubles * 4 > this.slabDoubles) {
        // Big: a buffer of its own, and the current slab stays in use.
        const buf = new ArrayBuffer(8 * doubles);
        this.f64 = new Float64Array(buf);
        this.i32 = new Int32Array(buf);
        return 0;
      }
      const buf = new ArrayBuffer(8 * this.slabDoubles);
      this.slab = new Float64Array(buf);
      this.slabI32 = new Int32Array(buf);
      this.at = 0;
    }
    const off = this.at;
    this.at += doubles;
    this.f64 = this.slab;
    this.i32 = this.slabI32;
    return off;
  }

  /**
   * Give back the end of the last take(), from index `end` on, untouched (a block takes
   * room for as many segments as it could have, then returns what it did not use).
   */
  release(end: number): void {
    if (this.f64 === this.slab && end < this.at) this.at = end;
  }
}
