/**
 * Shouting: a word in ALL CAPS with at least two cased letters. Short all-caps words (<= 3
 * letters: "UPS", "DHL", "NPS", "USB", but also "SO", "NOT") are usually acronyms, so they count
 * only when the same clause also holds an all-caps word of 4+ letters ("The app is SO SLOW": both;
 * "UPS lost it": none; "ALL CAPS TEXT": all three). Consequence, accepted: a clause whose only
 * caps words are short ("I am MAD") is not shouting. Anonymization placeholders in square brackets
 * ("[NAME]", "[EMAIL]", what redactPii writes) never shout.
 */
import type { Clause, Token } from './document.js';

/** Fewest cased letters for a word to shout at all (source: the Token contract, "at least two"). */
export const MINIMUM_SHOUTING_LETTERS = 2;
/** Caps words this long or shorter may be acronyms (UPS, DHL, NPS, USB). */
export const MAXIMUM_ACRONYM_LETTERS = 3;

const UPPER = /\p{Lu}/gu;
const LOWER = /\p{Ll}/u;

/** "[NAME]", "[EMAIL]": placeholders left by anonymization, not shouting. */
function isPlaceholder(tokens: Token[], index: number): boolean {
  const before = tokens[index - 1];
  const after = tokens[index + 1];
  return (
    before !== undefined && after !== undefined && before.text === '[' && after.text === ']' &&
    before.end === tokens[index].start && after.start === tokens[index].end
  );
}

/** Number of upper-case letters if the word has no lower-case letter, else 0. */
function capitalLetterCount(tokens: Token[], index: number): number {
  const token = tokens[index];
  if (token.kind !== 'word') return 0;
  const first = token.text.charCodeAt(0);
  if (first >= 97 && first <= 122) return 0; // a-z: the common case, no regex needed
  if (LOWER.test(token.text) || isPlaceholder(tokens, index)) return 0;
  const matches = token.text.match(UPPER);
  return matches === null ? 0 : matches.length;
}

/**
 * Sets `shouting` on the tokens of each clause, in place.
 *
 * Example: in "The app is SO SLOW", "SO" and "SLOW" get shouting = true.
 */
export function markShouting(tokens: Token[], clauses: Clause[]): void {
  for (const clause of clauses) {
    let hasLongCaps = false;
    let hasShortCaps = false;
    for (let index = clause.firstToken; index < clause.endToken; index += 1) {
      const letters = capitalLetterCount(tokens, index);
      if (letters > MAXIMUM_ACRONYM_LETTERS) hasLongCaps = true;
      else if (letters >= MINIMUM_SHOUTING_LETTERS) hasShortCaps = true;
    }
    if (!hasLongCaps && !hasShortCaps) continue;
    for (let index = clause.firstToken; index < clause.endToken; index += 1) {
      const letters = capitalLetterCount(tokens, index);
      tokens[index].shouting =
        letters > MAXIMUM_ACRONYM_LETTERS || (hasLongCaps && letters >= MINIMUM_SHOUTING_LETTERS);
    }
  }
}
