/**
 * Plain requests: a clause that asks for something and says nothing negative ("Please add a dark
 * mode.", "Add Apple Watch support pls", "Would be nice to have an export to Excel option."). Like
 * a plain question it asserts nothing, so the rules read it neutral (PLAIN_REQUEST_TERM); a bag
 * model had read the requested feature as praise ("Add Apple Watch support pls": +0.95). A request
 * that complains keeps its reading: one asking to fix, stop or explain something, or "actually"
 * read it ("Could you please actually read my previous messages").
 */

/** Evidence term of the rules' neutral reading of a plain request. */
export const PLAIN_REQUEST_TERM = 'plain-request';

/** Words that open or close a request. */
const REQUEST_MARKERS = new Set(['please', 'pls', 'plz', 'kindly']);
/** Openers skipped before a request's first word ("Hi @Acme, please ..."). */
const GREETINGS = new Set(['hi', 'hello', 'hey', 'dear', 'morning', 'afternoon', 'evening', 'team', 'there']);
/** Requests for these are complaints, not neutral asks. */
const COMPLAINT_WORDS = new Set(['fix', 'stop', 'sort', 'resolve', 'explain', 'actually', 'refund', 'respond', 'reply', 'answer', 'bother', 'again', 'still', 'finally']);
/** "(It) would be nice to / if ...": the adjectives of a wished-for feature. */
const WISH_ADJECTIVES = new Set(['nice', 'great', 'good', 'helpful', 'handy', 'useful', 'awesome', 'cool', 'lovely']);

/**
 * True when keys[0, length) (a clause's token keys; `skip[i]` true for punctuation) is a request:
 * it opens with "please"/"pls"/"kindly", "add" or "(it) would be nice to/if", or ends with
 * "please"/"pls", and holds no complaint word. ("I would like to" was one too, until it made "I
 * would like to tell you about the best laptop I just got" neutral on SemEval.)
 */
export function isPlainRequest(keys: readonly string[], skip: readonly boolean[], length: number): boolean {
  let first = 0;
  while (first < length && (skip[first] || GREETINGS.has(keys[first]!) || keys[first]!.startsWith('@'))) first++;
  let last = length - 1;
  while (last > first && skip[last]) last--;
  if (first >= length) return false;
  for (let i = first; i <= last; i++) if (COMPLAINT_WORDS.has(keys[i]!)) return false;
  const at = (offset: number) => (first + offset <= last ? keys[first + offset]! : '');
  if (REQUEST_MARKERS.has(at(0)) || REQUEST_MARKERS.has(keys[last]!)) return true;
  if (at(0) === 'add') return true;
  const wish = at(0) === 'it' ? 1 : 0;
  return at(wish) === 'would' && at(wish + 1) === 'be' && WISH_ADJECTIVES.has(at(wish + 2)) && (at(wish + 3) === 'to' || at(wish + 3) === 'if');
}
