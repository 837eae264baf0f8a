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

/** The value of `word` in `map`, else of the first of its inflections the map holds. */
export function lookupInflected<Value>(map: ReadonlyMap<string, Value>, word: string): Value | undefined {
  const direct = map.get(word);
  if (direct !== undefined) return direct;
  for (const variant of inflections(word)) {
    const found = map.get(variant);
    if (found !== undefined) return found;
  }
  return undefined;
}
