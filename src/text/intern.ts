/**
 * One string representation for the strings the pipeline keeps and reads on every comment.
 *
 * A token's text comes out of the tokenizer as a slice of its comment, a lower-cased copy, a
 * concatenation or a string from wink's model, and V8 gives each of those a different hidden
 * class. A hot site that reads `length` or calls `charCodeAt` on all of them goes megamorphic (a
 * global stub-cache probe on every access; megamorphic loads, mostly these, were ~6 % of the
 * pipeline's instructions in session 13's callgrind run). Cached tokens
 * are made once and read millions of times, so they are internalized once, when cached: every
 * one-byte token then has the same map. A slice also stops pinning the comment it came from.
 */

/** A dictionary-mode holder: a property key is stored internalized. */
const holder: Record<string, number> = Object.create(null) as Record<string, number>;

/**
 * The internalized twin of `text` (equal to it, the same map as every other internalized
 * one-byte string; an array-index string such as "42" comes back equal, not necessarily
 * internalized). Costs a property store and a key read: call it where a string is cached, not per
 * use.
 */
export function internString(text: string): string {
  holder[text] = 0;
  let interned = text;
  for (const key in holder) interned = key;
  delete holder[text];
  return interned;
}
