/**
 * Seeded pseudo-random numbers for data splits. Splits must be identical on every run and every
 * machine, so nothing here touches Math.random.
 */

/** The seed every dev split in this folder uses unless a caller passes another. */
export const DEFAULT_SPLIT_SEED = 20240531;

/**
 * mulberry32: a 32-bit generator with a full 2^32 period (Tommy Ettinger's public-domain design).
 * Returns a function yielding floats in [0, 1).
 *
 * @example
 * const next = mulberry32(42); next(); // 0.6011037519201636 on every machine
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates shuffle of a copy, driven by `mulberry32(seed)`, so the order depends only on the seed. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const next = mulberry32(seed);
  const copy = items.slice();
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const swap = Math.floor(next() * (index + 1));
    const held = copy[index] as T;
    copy[index] = copy[swap] as T;
    copy[swap] = held;
  }
  return copy;
}

/** FNV-1a 32-bit hash of a string's UTF-16 code units: a stable, machine-independent key hash. */
export function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < value.length; index += 1) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The key two copies of one sentence share: lower case, whitespace collapsed. */
export function groupKeyOf(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Decides whether a group (a sentence, a review) belongs to dev. The draw is mulberry32 seeded
 * with hash(key) XOR seed, so the answer depends only on the key: the same sentence lands on the
 * same side in every file it appears in (SemEval 2014/2015/2016 share over a thousand sentences),
 * and adding or removing other rows never moves it.
 *
 * @example
 * isDevGroup(groupKeyOf('The food was great.'), 0.15); // the same boolean on every run and machine
 */
export function isDevGroup(key: string, devFraction: number, seed: number = DEFAULT_SPLIT_SEED): boolean {
  return mulberry32((hashString(key) ^ seed) >>> 0)() < devFraction;
}
