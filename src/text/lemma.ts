/**
 * Lemmas without a part-of-speech tagger. wink-nlp's own lemma needs its POS pipe, which costs
 * about 40% of throughput (measured: 45k -> 28k comments/s), so we ask wink-lemmatizer in a fixed
 * order instead: verb, then noun, then adjective. The first that changes the word wins. This gets
 * "delivered" -> "deliver", "boxes" -> "box", "was" -> "be", "better" -> "good", at the price of
 * the rare noun read as a verb ("left" -> "leave"). Results are cached by normal form.
 */
import lemmatizer from 'wink-lemmatizer';

/** Enough for the vocabulary of a large batch; the cache is cleared, not evicted, past it. */
const MAXIMUM_CACHED_LEMMAS = 100_000;

/** Clitics wink splits off ("I'll" -> "I" + "'ll") and the word each stands for. */
const CLITIC_LEMMAS: ReadonlyMap<string, string> = new Map([
  ["'ll", 'will'],
  ["'re", 'be'],
  ["'ve", 'have'],
  ["'m", 'be'],
  ["'d", 'would'],
]);

/** Only plain lower-case letter words go to the lemmatizer; anything else is its own lemma. */
const LEMMATIZABLE = /^[a-z]+$/;

/** A lemmatizer with its own cache (one per text processor, so tests stay independent). */
export interface Lemmatizer {
  /** The dictionary form of a normalized word. */
  lemmaOf(normal: string): string;
}

/**
 * Builds a cached lemmatizer.
 *
 * Example: createLemmatizer().lemmaOf('boxes') === 'box'.
 */
export function createLemmatizer(): Lemmatizer {
  const cache = new Map<string, string>();
  return {
    lemmaOf(normal: string): string {
      const cached = cache.get(normal);
      if (cached !== undefined) return cached;
      const lemma = computeLemma(normal);
      if (cache.size >= MAXIMUM_CACHED_LEMMAS) cache.clear();
      cache.set(normal, lemma);
      return lemma;
    },
  };
}

function computeLemma(normal: string): string {
  const clitic = CLITIC_LEMMAS.get(normal);
  if (clitic !== undefined) return clitic;
  if (normal.length < 2 || !LEMMATIZABLE.test(normal)) return normal;
  const verb = lemmatizer.verb(normal);
  if (verb !== normal && verb !== '') return verb;
  const noun = lemmatizer.noun(normal);
  if (noun !== normal && noun !== '') return noun;
  const adjective = lemmatizer.adjective(normal);
  return adjective === '' ? normal : adjective;
}
