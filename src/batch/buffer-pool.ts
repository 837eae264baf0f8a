/**
 * Spare ArrayBuffers for the bytes a tag job moves between threads: each JSONL batch's lines (main
 * thread -> worker) and each batch's output (worker -> main thread). A buffer goes back and forth
 * instead of being made once per batch, because every new one cost twice: V8 counts it as external
 * memory, and ~3 GB of them per million rows made the main thread start a full mark-compact every
 * few hundred milliseconds; and a fresh buffer of several hundred KB is fresh pages, a page fault
 * per 4 KB on first write.
 */

/** Smallest buffer made: sizes are rounded up to powers of two from here, so batches of varying size reuse them. */
const MINIMUM_BYTES = 64 * 1024;

/** A bounded free list of ArrayBuffers, handed out smallest-that-fits. */
export class BufferPool {
  private readonly spare: ArrayBuffer[] = [];

  /** `limit`: spare buffers kept at most (beyond it, given-back buffers are left to the collector). */
  constructor(private readonly limit: number) {}

  /** Spare buffers held now. */
  get size(): number {
    return this.spare.length;
  }

  /** A buffer of at least `bytes` bytes (its contents are whatever it last held): the smallest spare that fits, or a new one. */
  take(bytes: number): ArrayBuffer {
    let best = -1;
    for (let index = 0; index < this.spare.length; index++) {
      const length = this.spare[index]!.byteLength;
      if (length >= bytes && (best < 0 || length < this.spare[best]!.byteLength)) best = index;
    }
    if (best >= 0) return this.spare.splice(best, 1)[0]!;
    let size = MINIMUM_BYTES;
    while (size < bytes) size *= 2;
    return new ArrayBuffer(size);
  }

  /** Gives a buffer back for a later take(); a detached or empty one, or one past the limit, is dropped. */
  give(buffer: ArrayBuffer | undefined): void {
    if (buffer === undefined || buffer.byteLength === 0 || this.spare.length >= this.limit) return;
    if (this.spare.includes(buffer)) return;
    this.spare.push(buffer);
  }
}
