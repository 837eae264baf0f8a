/**
 * A read-only map from words to small integers that holds no string per word: every key lives in
 * one string, found through an open-addressing table of typed arrays. The language tables hold
 * ~90,000 words; as Sets and Maps of strings they were ~100,000 small heap objects in every engine,
 * and `verbatim tag`'s worker threads, each holding them, grew to 1.1-1.3 GB peak RSS against
 * 0.73-0.94 GB without them (the live old generation sets how far V8 lets the heap grow), and ran
 * 5-10 % slower (measured on 300k rows, alternated).
 */
import { FNV_OFFSET, FNV_PRIME } from '../fnv.js';

/** FNV-1a of text[start, end). */
function hashOf(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET | 0;
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
  return hash;
}

export class WordTable {
  /** Every key, each followed by a newline. */
  private readonly keys: string;
  /** Entry i's key is keys[starts[i], starts[i + 1] - 1). */
  private readonly starts: Int32Array;
  private readonly values: Int32Array;
  /** Entry index + 1 per slot, 0 when empty; a power of two at least twice the entries. */
  private readonly slots: Int32Array;

  /** `entries`: distinct words (no newline inside) and their values; a repeated word keeps its first value. */
  constructor(entries: readonly (readonly [string, number])[]) {
    let size = 16;
    while (size < entries.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.starts = new Int32Array(entries.length + 1);
    this.values = new Int32Array(entries.length);
    const parts: string[] = [];
    let offset = 0;
    entries.forEach(([word, value], index) => {
      this.starts[index] = offset;
      this.values[index] = value;
      parts.push(word);
      offset += word.length + 1;
    });
    this.starts[entries.length] = offset;
    this.keys = parts.length > 0 ? `${parts.join('\n')}\n` : '';
    for (let index = 0; index < entries.length; index++) {
      const start = this.starts[index]!;
      const end = this.starts[index + 1]! - 1;
      if (this.find(this.keys, start, end) >= 0) continue;
      let slot = hashOf(this.keys, start, end) & (size - 1);
      while (this.slots[slot] !== 0) slot = (slot + 1) & (size - 1);
      this.slots[slot] = index + 1;
    }
  }

  /** The value of `word`, or `missing` when the table does not hold it. */
  get(word: string, missing = 0): number {
    const index = this.find(word, 0, word.length);
    return index < 0 ? missing : this.values[index]!;
  }

  /** The entry whose key is text[start, end), or -1. */
  private find(text: string, start: number, end: number): number {
    const length = end - start;
    const mask = this.slots.length - 1;
    for (let slot = hashOf(text, start, end) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) return -1;
      const from = this.starts[entry]!;
      if (this.starts[entry + 1]! - 1 - from !== length) continue;
      let at = 0;
      while (at < length && this.keys.charCodeAt(from + at) === text.charCodeAt(start + at)) at++;
      if (at === length) return entry;
    }
  }
}
