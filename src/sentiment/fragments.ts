/**
 * Survey fragments that say nothing: "ok", "n/a", "-", "see above", "no comment". They deserve
 * `neutral`, not the mild positive VADER gives "ok" or the negative it gives "no".
 */
import type { ClauseScore } from './types.js';

/** Fragments, as token keys joined by single spaces, trailing '.', '!' and '?' removed. */
const FRAGMENTS: ReadonlySet<string> = new Set([
  'ok', 'okay', 'k', 'kk', 'n / a', 'n/a', 'na', 'n.a.', 'nothing', 'none', 'nil', 'no', 'nope', 'nah',
  'yes', 'yep', 'yeah', '-', '--', '.', '...', '?', 'see above', 'as above', 'same as above', 'no comment',
  'no comments', 'nothing to add', 'nothing else', 'nothing more', 'nothing really', 'nothing to say',
  'not applicable', 'not sure', 'unsure', 'idk', 'dunno', "don't know", 'no idea', 'no opinion', 'none really',
  'nothing at this time', 'not at this time', 'no thanks',
  // Non-answers and form tests (session 15): the model read "test" as -1.00 negative.
  'test', 'testing', 'test test', 'asdf', 'x', 'xx', 'xxx', 'no feedback', 'no suggestions', 'no further comments',
  'nothing further', 'nothing specific', 'none at this time', 'nothing comes to mind', "can't think of anything",
  'cant think of anything', 'not really', 'neither here nor there',
  // A one-word "Fine." is a lukewarm answer, not praise (the model read it +0.80; session 19).
  'fine', 'all fine', 'fine thanks', 'fine thank you',
]);

/** Confidence of a recognised content-free fragment ("n/a"): neutral is a deliberate answer. */
export const FRAGMENT_CONFIDENCE = 0.7;

/** Evidence term of a clause the rules judged a content-free fragment (the combined scorer defers to it). */
export const FRAGMENT_TERM = 'fragment';

/** True when the score carries the rules' fragment reading (the rules' own, or a blend that kept it). */
export function isFragmentScore(score: ClauseScore): boolean {
  for (const evidence of score.evidence) if (evidence.term === FRAGMENT_TERM) return true;
  return false;
}

/** The most tokens a fragment has (longer clauses skip the check). */
export const MAX_FRAGMENT_TOKENS = 5;

const TRAILING: ReadonlySet<string> = new Set(['.', '!', '?', '!!', '!!!', '??']);

/** True when the clause's token keys spell a content-free fragment. */
export function isFragment(keys: readonly string[], length: number = keys.length): boolean {
  let end = length;
  while (end > 1 && TRAILING.has(keys[end - 1]!)) end--;
  if (end === 0 || end > MAX_FRAGMENT_TOKENS) return false;
  return FRAGMENTS.has(end === 1 ? keys[0]! : keys.slice(0, end).join(' '));
}
