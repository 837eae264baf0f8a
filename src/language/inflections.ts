/**
 * Looking a word up in a one-form-per-entry list of another language: translated lists and
 * glossaries hold one form ("bueno", "pedido"), comments use others ("buena", "pedidos").
 */

/** Gender and number variants shared by the Romance languages, German and Dutch, most specific first. */
export function inflections(word: string): string[] {
  const variants: string[] = [];
  const add = (suffix: string, replacement: string) => {
    if (word.length > suffix.length + 2 && word.endsWith(suffix)) variants.push(word.slice(0, word.length - suffix.length) + replacement);
  };
  add('as', 'os');
  add('a', 'o');
  add('ée', 'é');
  add('ées', 'é');
  add('és', 'é');
  add('es', 'e');
  add('es', '');
  add('s', '');
  add('e', '');
  add('en', '');
  add('i', 'o');
  add('e', 'o');
  return variants;
}

/** Shortest stem a suffixed word is looked up by, in letters and as a share of the word. */
const MINIMUM_STEM = 4;
const MINIMUM_STEM_SHARE = 0.6;

/**
 * The value of `word` in `map`, else of the first of its inflections the map holds, else (for a
 * language that inflects by suffixes, `suffixing`) of its longest prefix the map holds that keeps
 * at least MINIMUM_STEM letters and MINIMUM_STEM_SHARE of the word: Finnish "hyvää" finds "hyvä",
 * Turkish "memnunum" "memnun", Hungarian "gyorsan" "gyors", Polish "szybkiej" "szybki".
 */
export function lookupInflected<Value>(map: ReadonlyMap<string, Value>, word: string, suffixing = false): Value | undefined {
  const direct = map.get(word);
  if (direct !== undefined) return direct;
  for (const variant of inflections(word)) {
    const found = map.get(variant);
    if (found !== undefined) return found;
  }
  if (!suffixing) return undefined;
  const shortest = Math.max(MINIMUM_STEM, Math.ceil(word.length * MINIMUM_STEM_SHARE));
  for (let length = word.length - 1; length >= shortest; length -= 1) {
    const found = map.get(word.slice(0, length));
    if (found !== undefined) return found;
  }
  return undefined;
}
