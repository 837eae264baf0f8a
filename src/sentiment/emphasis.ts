/**
 * Punctuation emphasis: exclamation marks strengthen whatever the clause says, question marks
 * make a clause a question. Constants from VADER (vaderSentiment.py, _amplify_ep / _amplify_qm).
 */

/** Intensity added per exclamation mark. Source: VADER (0.292 per mark). */
export const EXCLAMATION_INCREMENT = 0.292;
/** Exclamation marks counted at most. Source: VADER caps at four. */
export const MAX_EXCLAMATIONS = 4;
/**
 * Positive words in a question are not assertions ("is it any good?", "can you help?"): their
 * valence is scaled by this. Verbatim's own choice; negative questions stay complaints
 * ("why is it so slow?").
 */
export const QUESTION_POSITIVE_SCALE = 0.4;

/** Counts '!' and '?' in punctuation tokens (a token may hold several marks: "!!!", "?!"). */
export function countMarks(text: string, counts: { exclamations: number; questions: number }): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 33) counts.exclamations++;
    else if (code === 63) counts.questions++;
  }
}

/** Signed emphasis for a clause whose items sum to `sum` (same sign as the sum, 0 when it is 0). */
export function exclamationEmphasis(sum: number, exclamations: number): number {
  if (sum === 0 || exclamations === 0) return 0;
  const amount = Math.min(exclamations, MAX_EXCLAMATIONS) * EXCLAMATION_INCREMENT;
  return sum > 0 ? amount : -amount;
}
