/**
 * Negation: which tokens negate and how far. The negator set is the text stage's NEGATION_FORMS
 * (the normal forms it guarantees) plus clitic keys; "hardly"-type words are dampeners, not negators
 * (see modifiers.ts), because flipping "hardly works" overstates it.
 */
import { NEGATION_FORMS } from '../text/negation-forms.js';

/** Valence multiplier under negation: "not good" is about -0.74 x "good". Source: VADER N_SCALAR. */
export const N_SCALAR = -0.74;
/** Words back from an opinion word that a negator still reaches. Source: VADER's three-word window. */
export const NEGATION_SCOPE = 3;

const NEGATORS: ReadonlySet<string> = new Set([...NEGATION_FORMS, 'not', 'cannot', 'nobody', 'noone', 'no-one']);

/**
 * Words that stop a negation's scope: contrast and clause-level connectives. Punctuation
 * tokens stop it too (checked by token kind in the scorer).
 */
const SCOPE_BREAKERS: ReadonlySet<string> = new Set([
  'but', 'although', 'though', 'however', 'yet', 'and', 'or', 'so', 'because', 'whereas', 'while',
]);

/** True when a token key negates what follows. */
export function isNegator(key: string): boolean {
  return NEGATORS.has(key);
}

/** True when a token key ends a negation scope. */
export function breaksNegationScope(key: string): boolean {
  return SCOPE_BREAKERS.has(key);
}

/** Negators that, before "believe", express surprise rather than negation ("can't believe how fast"). */
const DISBELIEF_NEGATORS: ReadonlySet<string> = new Set(["can't", 'cannot', "couldn't"]);
const DISBELIEF_MODALS: ReadonlySet<string> = new Set(['can', 'could']);

/**
 * True when the negator at `at` opens an exclamation of disbelief: "can't believe", "cannot
 * believe", "couldn't believe", "could not believe". "Can't believe how rude they were" is
 * about rudeness, not its opposite, so the negator negates nothing.
 */
export function isDisbelief(keys: readonly string[], at: number, length: number): boolean {
  if (at + 1 >= length || keys[at + 1] !== 'believe') return false;
  const key = keys[at]!;
  return DISBELIEF_NEGATORS.has(key) || (key === 'not' && at > 0 && DISBELIEF_MODALS.has(keys[at - 1]!));
}
