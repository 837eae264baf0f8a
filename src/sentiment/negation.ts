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
