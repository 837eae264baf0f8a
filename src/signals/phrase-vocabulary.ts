/**
 * Integer ids for the trie keys of every compiled phrase list, so that a word is looked up by
 * its strings once per document and the tries are then walked with small integers. Shared by all
 * compiled pattern sets (the vocabulary only grows, and only when phrase lists are compiled).
 */

/** Slot keys a phrase may use in place of a word. */
export const ANY_WORD = '*';
export const NUMBER_SLOT = '<num>';
export const ORDINAL_SLOT = '<ord>';
export const NAME_SLOT = '<name>';
/** Prefix of keys that must equal the normal form (classes marked exact). */
export const EXACT_PREFIX = '=';

/** Id of a string that no phrase uses as a key: such a word can only fill a slot. */
export const NO_KEY = -1;
/** Fixed ids of the slot keys (registered first). */
export const ANY_WORD_KEY = 0;
export const NUMBER_KEY = 1;
export const ORDINAL_KEY = 2;
export const NAME_KEY = 3;

/** The ids a word form may take as a trie key: as itself, and prefixed with EXACT_PREFIX. */
interface FormKeys {
  plain: number;
  exact: number;
}

const keyIds = new Map<string, number>();
const formKeys = new Map<string, FormKeys>();
/** Bumped whenever a key or a trie start is registered, so caches of keys and masks know they are stale. */
let version = 0;

/** The vocabulary's current version: key ids and start masks read under it stay valid until it changes. */
export function vocabularyVersion(): number {
  return version;
}

/** The id of a trie key string, registering it (and its exact-form alias) on first use. */
export function keyIdOf(key: string): number {
  let id = keyIds.get(key);
  if (id !== undefined) return id;
  id = keyIds.size;
  keyIds.set(key, id);
  version += 1;
  // A key "=x" is what an exact class stores for "x"; a key "x" is what a plain class stores.
  const isExact = key.startsWith(EXACT_PREFIX);
  const form = isExact ? key.slice(EXACT_PREFIX.length) : key;
  let entry = formKeys.get(form);
  if (!entry) formKeys.set(form, (entry = { plain: NO_KEY, exact: NO_KEY }));
  if (isExact) entry.exact = id;
  else entry.plain = id;
  return id;
}

for (const slot of [ANY_WORD, NUMBER_SLOT, ORDINAL_SLOT, NAME_SLOT]) keyIdOf(slot);

const NONE: FormKeys = { plain: NO_KEY, exact: NO_KEY };

/** The key ids of a word form (NO_KEY where no phrase list uses it). */
export function keysOfForm(form: string): Readonly<FormKeys> {
  return formKeys.get(form) ?? NONE;
}

/**
 * Each compiled trie gets one bit (while bits last); per key id, the bits of the tries whose
 * phrases can start with that key. A word whose start mask lacks a trie's bit starts no phrase
 * of it, so the walk skips it. Bit 0 means "no bit left: always walk". 30 bits keep masks small
 * integers.
 */
const TRIE_BITS = 30;
let tries = 0;
const startMaskOfKey: number[] = [];

/** Gives a trie its bit and records the keys its phrases start with; returns the bit or 0. */
export function registerTrieStarts(startKeys: Iterable<number>): number {
  if (tries >= TRIE_BITS) return 0;
  const bit = 1 << tries;
  tries += 1;
  version += 1;
  for (const key of startKeys) startMaskOfKey[key] = (startMaskOfKey[key] ?? 0) | bit;
  return bit;
}

/** The bits of the tries with a phrase starting with this key (0 for NO_KEY). */
export function startMaskOf(key: number): number {
  return key === NO_KEY ? 0 : (startMaskOfKey[key] ?? 0);
}
