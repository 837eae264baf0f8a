/**
 * Sarcasm and politeness patterns from CX text (see GUIDE.md, "What real feedback looks like"):
 * "great, another delay" is a complaint, and "thanks" at the end of a complaint is manners,
 * not praise. Both are rules over already-scored items, so each firing leaves rule evidence.
 */

/**
 * A sarcastic positive keeps this share of its strength, turned negative. Verbatim's choice: the
 * word still signals emotion, but less reliably than a plain negative word.
 */
export const SARCASM_SCALE = 0.5;

/**
 * Positive interjections that open sarcastic complaints when followed by a comma or "!" ("sure":
 * "Sure, I'll just wait another 10 days for my 'quick' refund"; only before a complaint, as every
 * opener: "Sure, happy to recommend you" stays praise).
 */
const SARCASM_OPENERS: ReadonlySet<string> = new Set([
  'great', 'brilliant', 'fantastic', 'perfect', 'wonderful', 'lovely', 'awesome', 'nice', 'amazing',
  'excellent', 'superb', 'terrific', 'marvelous', 'marvellous', 'fabulous', 'cool', 'wow', 'sure',
]);

/** Words that may precede a sarcastic opener ("oh great, ..."). */
const SARCASM_PREFIXES: ReadonlySet<string> = new Set(['oh', 'just', 'well', 'yeah', 'so', 'wow', 'how', 'really']);

/** "love how the app crashes": an affection verb followed by one of these introduces a complaint. */
const SARCASTIC_LOVE: ReadonlySet<string> = new Set(['love', 'loving', 'loved', 'adore']);
const SARCASTIC_LOVE_FOLLOWERS: ReadonlySet<string> = new Set(['how', 'when', 'that', 'waiting']);

/** Words that, after a sarcastic opener, mark a repeated failure even without a negative word. */
export const REPETITION_MARKERS: ReadonlySet<string> = new Set(['another', 'again', 'more']);

/**
 * Praise that closes a complaint as a short last clause of its own is sarcasm: "lost my bag
 * again. Impressive really.", "logged me out AGAIN. Love that for me." Politeness formulas are
 * not here: "thanks" after a complaint is manners (the politeness rule), not sarcasm.
 */
const SARCASTIC_CLOSERS: ReadonlySet<string> = new Set([
  'great', 'brilliant', 'fantastic', 'perfect', 'wonderful', 'lovely', 'awesome', 'amazing', 'excellent', 'superb',
  'terrific', 'marvellous', 'marvelous', 'fabulous', 'impressive', 'nice', 'genius', 'classic', 'outstanding',
  'stellar', 'splendid', 'love', 'love that', 'well done', 'bravo', 'good job', 'nice one', 'great job',
]);
/** The most words (punctuation aside) a sarcastic closing clause has. */
export const SARCASTIC_CLOSER_WORDS = 4;

/**
 * The only words a sarcastic closer may hold beside its praise: "Impressive really.", "Love that
 * for me.", "Great job guys." Any other word makes it sincere praise of something: "Slow service.
 * Amazing food." is mixed, not sarcastic.
 */
const CLOSER_FILLERS: ReadonlySet<string> = new Set([
  'really', 'just', 'so', 'very', 'truly', 'absolutely', 'simply', 'that', 'this', 'for', 'me', 'us', 'you', 'guys',
  'again', 'as', 'always', 'usual', 'oh', 'wow', 'well', 'yeah', 'done', 'job', 'work', 'stuff', 'one', 'thanks', 'thank',
]);

/** True when `key` (a token key) may stand beside the praise in a sarcastic closer. */
export function isCloserFiller(key: string): boolean {
  return CLOSER_FILLERS.has(key);
}

/** Evidence term of a sarcastic closing clause. */
export const SARCASTIC_CLOSER_TERM = 'sarcastic-closer';

/** True when `term` (a lexicon word or phrase) can close a complaint sarcastically. */
export function isSarcasticCloserTerm(term: string): boolean {
  return SARCASTIC_CLOSERS.has(term);
}

/** Evidence term of a positive word in scare quotes: "my 'quick' refund", "the 'on time' train". */
export const SCARE_QUOTES_TERM = 'scare-quotes';

/** Evidence term of a sarcastic opener turned negative: "Wonderful, the 'express' delivery is now arriving next week." */
export const SARCASM_TERM = 'sarcasm';

/** Straight and curly quote marks and the backtick, as the tokenizer leaves them: tokens of their own. */
const QUOTE_MARKS: ReadonlySet<string> = new Set(["'", '"', '\u2018', '\u2019', '\u201c', '\u201d', '`']);

/** True when `text` (a token's) is a quote mark. */
export function isQuoteMark(text: string): boolean {
  return QUOTE_MARKS.has(text);
}

/**
 * True when tokens [from, to) hold a short quoted span: a quote mark, one to three tokens, a quote
 * mark ("another 'unexpected delay' email"). After a sarcastic opener it marks the complaint as a
 * repetition word does: "Wonderful, the 'express' delivery is now arriving next week."
 */
export function hasQuotedSpan(tokens: readonly { text: string }[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    if (!QUOTE_MARKS.has(tokens[i]!.text)) continue;
    for (let j = i + 2; j <= Math.min(i + 4, to - 1); j++) if (QUOTE_MARKS.has(tokens[j]!.text)) return true;
    return false;
  }
  return false;
}

const OPENER_PUNCTUATION: ReadonlySet<string> = new Set([',', '!', '.', '...', '…', '-', '!!', '!!!']);

/** Politeness formulas: they soften, they do not praise, when the text around them complains. */
export const POLITENESS_TERMS: ReadonlySet<string> = new Set([
  'thanks', 'thank you', 'thankyou', 'thx', 'ty', 'cheers', 'much appreciated', 'many thanks', 'thanks a lot',
  'please', 'kind regards', 'regards', 'appreciate it', 'appreciated',
]);

/**
 * True when the positive item at [first, end) is a sarcastic opener: first word of its clause (after
 * optional interjections), directly followed by a comma or '!' ("Great, another delay").
 */
export function isSarcasticOpener(keys: readonly string[], first: number, end: number, clauseEnd: number): boolean {
  if (end !== first + 1) return false;
  const key = keys[first]!;
  if (SARCASM_OPENERS.has(key)) {
    for (let i = 0; i < first; i++) if (!SARCASM_PREFIXES.has(keys[i]!)) return false;
    return end < clauseEnd && OPENER_PUNCTUATION.has(keys[end]!);
  }
  if (SARCASTIC_LOVE.has(key)) {
    if (end >= clauseEnd) return false;
    const next = keys[end]!;
    return SARCASTIC_LOVE_FOLLOWERS.has(next) || (next === 'it' && end + 1 < clauseEnd && keys[end + 1] === 'when');
  }
  return false;
}

/** Evidence term of praise put in the past: "used to be great". */
export const USED_TO_TERM = 'used-to';

/** Words before "used to" that make it "accustomed to" ("I'm used to great service"). */
const ACCUSTOMED_BEFORE: ReadonlySet<string> = new Set([
  'am', 'are', 'is', 'was', 'were', 'be', 'been', 'being', "'m", "'re", "'s", "i'm", 'im', "we're", "you're", "they're",
  "it's", "he's", "she's", 'get', 'gets', 'got', 'getting', 'gotten', 'become', 'became',
]);

/**
 * Where "used to" or "used to be" ("use to", a common misspelling, too) starts when it ends right
 * before the item at `at`, else -1 (also when a form of "be" or "get" makes it "accustomed to"):
 * "Used to be great. Not anymore.", "I used to love this app."
 * Such praise turns negative as negation turns it (N_SCALAR). CX development set 0.715 -> 0.717
 * (rules alone 0.652 -> 0.654); rules alone SemEval-2016 0.637 -> 0.639, the combined scorer's
 * public figures unchanged.
 */
export function usedToStart(keys: readonly string[], at: number): number {
  const back = at >= 1 && keys[at - 1] === 'be' ? at - 1 : at;
  if (!(back >= 2 && keys[back - 1] === 'to' && (keys[back - 2] === 'used' || keys[back - 2] === 'use'))) return -1;
  // "I'm used to great service", "we got used to it": accustomed, not past.
  return back >= 3 && ACCUSTOMED_BEFORE.has(keys[back - 3]!) ? -1 : back - 2;
}
