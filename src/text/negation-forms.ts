/**
 * Negation as it appears in `Token.normal`. The text stage guarantees:
 *
 * - A negative contraction is ONE token whose `normal` is the apostrophe form, whatever the
 *   surface: "don't", "dont", "DONT", "don’t" all become `normal === "don't"`; "can't"/"cant" ->
 *   "can't", "won't"/"wont" -> "won't", "ain't"/"aint" -> "ain't". wink-nlp splits some of these
 *   ("do" + "nt") and not others ("dont." or "hasnt"); the tokenizer re-joins or maps them so the
 *   result never depends on wink's choice.
 * - "cannot" is one token, `normal === "cannot"` (wink splits it; it is re-joined).
 * - Plain negators are their own tokens: "not", "no", "never", "nothing", ...
 * - Elongated negators keep their collapsed form ("nooo" -> "noo") and are NOT in the set.
 *
 * Example: `NEGATION_FORMS.has(token.normal)` is true for the tokens of "I dont like it" -> "don't".
 */

/** Negative contractions in their normalized apostrophe form. */
export const NEGATIVE_CONTRACTIONS: ReadonlySet<string> = new Set([
  "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "haven't", "hasn't",
  "hadn't", "won't", "wouldn't", "can't", "couldn't", "shouldn't", "mustn't", "mightn't",
  "needn't", "ain't", "shan't", "daren't", "oughtn't",
]);

/**
 * Every `normal` form that negates what follows (or, for "without"/"nor", what it governs).
 * The apostrophe-less spellings are included too, although `normal` never carries them, so a
 * caller checking raw lower-cased text gets the same answer.
 */
export const NEGATION_FORMS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', "n't", 'cannot', 'nobody', 'nothing', 'nowhere', 'neither', 'nor',
  'none', 'without', 'noone', 'no-one', 'nope', 'nah',
  ...NEGATIVE_CONTRACTIONS,
  ...[...NEGATIVE_CONTRACTIONS].map((form) => form.replace("'", '')),
]);

/**
 * Approximate negators: they weaken or flip what follows ("hardly works", "barely edible").
 * Kept apart so a scorer can damp rather than flip (VADER treats them as full negations).
 */
export const NEAR_NEGATION_FORMS: ReadonlySet<string> = new Set([
  'hardly', 'barely', 'scarcely', 'seldom', 'rarely',
]);
