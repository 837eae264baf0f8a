/**
 * A read-only map from words to small integers kept in the form it is shipped in: one string of
 * "word<TAB>value<NEWLINE>" lines, found through an open-addressing table of typed arrays. No string
 * per word is ever made. The language tables hold ~76,000 words; loaded as JSON arrays (validated by
 * zod) and compiled into Sets and Maps of strings, they made `verbatim tag` on 300k rows with two
 * worker threads take 21.5-24.2 s and peak at 1.2-1.3 GB RSS, against 18.3-20.8 s and 0.85-1.0 GB
 * with detection off; read this way, 18.1-19.5 s and 0.93-0.98 GB against 18.6-18.8 s and
 * 0.93-1.06 GB (alternated runs, same build, --english-only as the control).
 */
import { FNV_OFFSET, FNV_PRIME } from '../fnv.js';

const TAB = 9;
const NEWLINE = 10;

/** FNV-1a of text[start, end). */
function hashOf(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET | 0;
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), FNV_PRIME);
  return hash;
}

export class WordTable {
  /** Entry i's key is lines[starts[i], ends[i]). */
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly values: Int32Array;
  /** Entry index + 1 per slot, 0 when empty; a power of two at least twice the entries. */
  private readonly slots: Int32Array;

  /**
   * `lines`: "word\tvalue\n" lines, value a decimal integer; a repeated word keeps its first value.
   * Throws a TypeError naming the first malformed line.
   */
  constructor(private readonly lines: string) {
    let count = 0;
    for (let index = 0; index < lines.length; index++) if (lines.charCodeAt(index) === NEWLINE) count++;
    let size = 16;
    while (size < count * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.starts = new Int32Array(count);
    this.ends = new Int32Array(count);
    this.values = new Int32Array(count);
    let start = 0;
    for (let entry = 0; entry < count; entry++) {
      const newline = lines.indexOf('\n', start);
      const tab = lines.lastIndexOf('\t', newline);
      const value = Number(lines.slice(tab + 1, newline));
      if (tab <= start || !Number.isInteger(value) || lines.charCodeAt(tab - 1) === TAB) {
        throw new TypeError(`line ${entry + 1} is not "word<TAB>integer": ${JSON.stringify(lines.slice(start, newline).slice(0, 60))}`);
      }
      this.starts[entry] = start;
      this.ends[entry] = tab;
      this.values[entry] = value;
      start = newline + 1;
      if (this.find(lines, this.starts[entry]!, tab) >= 0) continue;
      let slot = hashOf(lines, this.starts[entry]!, tab) & (size - 1);
      while (this.slots[slot] !== 0) slot = (slot + 1) & (size - 1);
      this.slots[slot] = entry + 1;
    }
    if (start !== lines.length) throw new TypeError('the last line does not end with a newline');
  }

  /** Entries held. */
  get size(): number {
    return this.values.length;
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
      if (this.ends[entry]! - from !== length) continue;
      let at = 0;
      while (at < length && this.lines.charCodeAt(from + at) === text.charCodeAt(start + at)) at++;
      if (at === length) return entry;
    }
  }
}
