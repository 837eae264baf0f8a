/**
 * Everything the rule scorer asks of a token's key, answered once per distinct normal form and
 * lexicon: the key itself, whether it fills a number or ordinal slot, starts a phrase or a
 * modifier, negates, ends a negation scope, and its word valence. A token then costs one Map
 * lookup instead of about ten set and map lookups (the vocabulary of feedback is small and
 * repeats). Lexicons are treated as read-only once loaded, which is how loadLexicon hands them out.
 */
import type { Token } from '../text/document.js';
import type { Lexicon } from './lexicon.js';
import { mayStartModifier } from './modifiers.js';
import { breaksNegationScope, isNegator } from './negation.js';
import { NUMBER_WORDS, ORDINAL_WORDS, tokenKey } from './token-keys.js';

export interface KeyFacts {
  /** tokenKey of the token. */
  key: string;
  /** The key is a number word (a token of kind 'number' fills the slot too). */
  numberWord: boolean;
  ordinal: boolean;
  /** The phrase trie has an entry for the key (the phrase search may start here). */
  startsPhrase: boolean;
  /** A modifier may start here (modifierAt decides). */
  modifier: boolean;
  negator: boolean;
  breaker: boolean;
  /** lexicon.words.get(key). */
  wordValence: number | undefined;
}

/** Distinct normal forms remembered per lexicon; the cache is cleared, not evicted, past this. */
const MAXIMUM_CACHED_FORMS = 100_000;

const cachesByLexicon = new WeakMap<Lexicon, Map<string, KeyFacts>>();

/** The facts cache of a lexicon (fetch it once per clause, then call keyFactsOf per token). */
export function keyFactsTable(lexicon: Lexicon): Map<string, KeyFacts> {
  let table = cachesByLexicon.get(lexicon);
  if (table === undefined) cachesByLexicon.set(lexicon, (table = new Map()));
  return table;
}

/**
 * The facts of a token's key under a lexicon; `table` is keyFactsTable(lexicon).
 *
 * @example keyFactsOf(lexicon, keyFactsTable(lexicon), token).negator // true for "don't"
 */
export function keyFactsOf(lexicon: Lexicon, table: Map<string, KeyFacts>, token: Token): KeyFacts {
  // The token's shared form record remembers the answer for this table (document.ts TokenForm).
  const form = token.form;
  if (form !== undefined && form.rulesOwner === table) return form.rulesValue as KeyFacts;
  const normal = token.normal;
  let facts = table.get(normal);
  if (facts === undefined) {
    const key = tokenKey(token);
    facts = {
      key,
      numberWord: NUMBER_WORDS.has(key),
      ordinal: ORDINAL_WORDS.has(key),
      startsPhrase: lexicon.phrases.root.children.has(key),
      modifier: mayStartModifier(key),
      negator: isNegator(key),
      breaker: breaksNegationScope(key),
      wordValence: lexicon.words.get(key),
    };
    if (table.size >= MAXIMUM_CACHED_FORMS) table.clear();
    table.set(normal, facts);
  }
  if (form !== undefined) {
    form.rulesOwner = table;
    form.rulesValue = facts;
  }
  return facts;
}
