/**
 * Punctuation emphasis: exclamation marks strengthen whatever the clause says, question marks
 * make a clause a question. Constants from VADER (vaderSentiment.py, _amplify_ep / _amplify_qm).
 */
import { PLAIN_REQUEST_TERM } from './requests.js';

/** Intensity added per exclamation mark. Source: VADER (0.292 per mark). */
export const EXCLAMATION_INCREMENT = 0.292;
/** Exclamation marks counted at most. Source: VADER caps at four. */
export const MAX_EXCLAMATIONS = 4;
/**
 * Positive words in a question that also complains are not assertions ("is it any good, or just
 * slow?"): their valence is scaled by this. Verbatim's own choice; negative questions stay
 * complaints ("why is it so slow?").
 */
export const QUESTION_POSITIVE_SCALE = 0.4;

/**
 * Evidence term of a plain question: a question clause with no negative word ("Does the jacket come
 * in a tall fit?", "Will the store be open on Monday?"). It asks; it asserts nothing, so the rules
 * read it neutral, and the combined scorer lets that outvote a model that reads its "fit" or "open"
 * as praise, while a model that hears a complaint in it ("Can't even see my past orders anymore?")
 * keeps it. CX development set 0.698 -> 0.708 (session 16); a neutral vote only when the model
 * read the question negative too had cost that question.
 */
export const PLAIN_QUESTION_TERM = 'plain-question';
/** How sure the rules are that a plain question or request is neutral (0.7 instead, for questions: CX development set 0.706, SST-5 -0.2). */
export const PLAIN_ASK_CONFIDENCE = 1;

/** True when `evidence` (a clause score's) is the rules' plain-question reading. */
export function isPlainQuestion(evidence: readonly { term: string }[]): boolean {
  return evidence.length === 1 && evidence[0]!.term === PLAIN_QUESTION_TERM;
}

/** True when `evidence` is the rules' plain-question or plain-request reading (requests.ts): the clause asks and asserts nothing. */
export function isPlainAsk(evidence: readonly { term: string }[]): boolean {
  return evidence.length === 1 && (evidence[0]!.term === PLAIN_QUESTION_TERM || evidence[0]!.term === PLAIN_REQUEST_TERM);
}

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
