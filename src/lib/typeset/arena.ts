// Backing memory for prepared blocks' typed arrays, carved from shared slabs.
// Hand-written because no library does this small thing: an ArrayBuffer of its
// own per block cost more than filling it (V8 and Blink zero it, track it as
// external memory and sweep it: a fifth of preparing a page, by the profile),
// while a view into a shared slab is a small object.

/** Slab size: a front page's ~130 blocks take about ten. */
export const SLAB_BYTES = 256 * 1024;

/**
 * Hands out 8-byte-aligned byte ranges of a current slab; a request that does
 * not fit starts a new slab (a request bigger than a quarter slab gets a buffer
 * of its own). A slab lives as long as any block viewing it does, so a kept
 * block may hold up to a slab of neighbours' dead arrays: bounded, and the
 * price of preparing a page in a handful of allocations instead of hundreds.
 * `slabBytes` 0 gives every request a buffer of its own (one-off preparing).
 */
export class Arena {
  private slab: ArrayBuffer = new ArrayBuffer(0);
  private at = 0;
  /** The buffer the last take() carved from. */
  buffer: ArrayBuffer = this.slab;

  constructor(readonly slabBytes = SLAB_BYTES) {}

  /** `bytes` bytes of zeroed memory at the returned offset of `this.buffer`. */
  take(bytes: number): number {
    const size = (bytes + 7) & ~7;
    if (this.at + size > this.slab.byteLength) {
      if (size * 4 > this.slabBytes) {
        // Big: a buffer of its own, and the current slab stays in use.
        this.buffer = new ArrayBuffer(size);
        return 0;
      }
      this.slab = new ArrayBuffer(this.slabBytes);
      this.at = 0;
    }
    const off = this.at;
    this.at += size;
    this.buffer = this.slab;
    return off;
  }
}
