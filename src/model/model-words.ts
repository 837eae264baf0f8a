/**
 * One shared record per distinct model token (modelTokens output), with a dense id. The text's
 * scan hands these records to every learned model, so a token costs each model one array read by
 * id instead of one Map lookup by string: the bag models' word caches and the sequence models'
 * vocabulary were three lookups per token (partsOf alone ~6 % of the pipeline's profile).
 *
 * Ids run from 0 to MODEL_WORD_LIMIT - 1. A long job meets new words forever (names, order
 * numbers), so past the limit the registry starts over under a new epoch; a model keeps per-id
 * data for one epoch and drops it when a newer one appears (see currentWord).
 */
import { internString } from '../text/intern.js';
import { bigramPrefix, isWord, negationRole, type NegationRole } from './featurizer.js';

/** A model token and the facts every model derives from it alone. Immutable once made. */
export interface ModelWord {
  readonly token: string;
  /** Dense id in [0, MODEL_WORD_LIMIT), meaningful only together with `epoch`. */
  readonly id: number;
  readonly epoch: number;
  /** Its part in negation scoping (negationRole). */
  readonly role: NegationRole;
  /** Hash state its bigrams continue from (bigramPrefix), as a signed 32-bit integer (hashInt32). */
  readonly bigramPrefix: number;
  /** isWord(token): it gets character n-grams. */
  readonly isWord: boolean;
}

/**
 * Words per epoch. Per-id tables cost classes x 3 floats per word and model (the emotion bag: 96
 * bytes), so 40k words is ~4 MB for the largest (as the word caches it replaced), inside the
 * server's memory budget.
 */
export const MODEL_WORD_LIMIT = 40_000;

let words = new Map<string, ModelWord>();
let epoch = 0;
let limit = MODEL_WORD_LIMIT;

/** The registry's current epoch: records from an older one must be looked up again (currentWord). */
export function modelWordEpoch(): number {
  return epoch;
}

/** The record of `token`, made on first sight. */
export function modelWord(token: string): ModelWord {
  const known = words.get(token);
  if (known !== undefined) return known;
  if (words.size >= limit) {
    words = new Map();
    epoch += 1;
  }
  token = internString(token);
  const word: ModelWord = { token, id: words.size, epoch, role: negationRole(token), bigramPrefix: bigramPrefix(token) | 0, isWord: isWord(token) };
  words.set(token, word);
  return word;
}

/** Records of a token list (modelTokens output). */
export function modelWordsOf(tokens: readonly string[]): ModelWord[] {
  const result: ModelWord[] = new Array(tokens.length);
  for (let index = 0; index < tokens.length; index++) result[index] = modelWord(tokens[index]);
  return result;
}

/** `word` itself while its epoch is current, else the current record of its token. */
export function currentWord(word: ModelWord): ModelWord {
  return word.epoch === epoch ? word : modelWord(word.token);
}

/** Tests only: a smaller limit, to reach a new epoch quickly (the registry starts over). */
export function setModelWordLimitForTests(value: number): void {
  limit = Math.max(1, Math.min(MODEL_WORD_LIMIT, value));
  words = new Map();
  epoch += 1;
}

/** The tokens of model words. */
export function tokensOf(words: readonly ModelWord[]): string[] {
  return words.map((word) => word.token);
}
