/**
 * What the theme matcher's passes (matcher.ts) share, and the two cue rules beyond single terms:
 * pair cues (taxonomy `pairs`: a word of one list near a word of the other) and context terms
 * (kept only beside another mention of their theme family: withContextKept).
 */
import type { CompiledTaxonomy } from './term-index.js';
import type { TokenEntries } from './token-entries.js';
import type { Mention } from './hit-aggregation.js';

/** Largest distance in tokens between the two words of a pair cue (taxonomy `pairs`), within one clause. */
export const PAIR_SPAN = 5;

/** A token range to scan: one clause, or the whole document (clause -1) when it has no clauses. */
export interface Range {
  clause: number;
  first: number;
  end: number;
}

/** An exclusion phrase found in a document: it vetoes `theme` (and its descendants) over tokens [first, last]. */
export interface Veto {
  theme: number;
  first: number;
  last: number;
}

/** True when an exclusion overlapping tokens [first, last] vetoes the theme (or one of its ancestors). */
export function isVetoed(compiled: CompiledTaxonomy, vetoes: readonly Veto[], theme: number, first: number, last: number): boolean {
  if (vetoes.length === 0) return false;
  for (const veto of vetoes) {
    if ((veto.theme === theme || compiled.ancestors[theme]!.includes(veto.theme)) && veto.first <= last && first <= veto.last) {
      return true;
    }
  }
  return false;
}

/**
 * Pair cues: a word of one side of a theme's pair with a word of the other side at most PAIR_SPAN
 * tokens later in the range, in either order ("parcel took a fortnight": delivery-speed).
 */
export function findPairMentions(
  compiled: CompiledTaxonomy,
  entries: TokenEntries,
  range: Range,
  consumed: Uint8Array,
  mentions: Mention[],
  vetoes: readonly Veto[],
): void {
  for (let at = range.first; at < range.end; at += 1) {
    const byNormal = entries.byNormal[at];
    const byLemma = entries.byLemma[at];
    if (byNormal?.pairs == null && byLemma?.pairs == null) continue;
    const limit = Math.min(range.end - 1, at + PAIR_SPAN);
    for (let pass = 0; pass < 2; pass += 1) {
      const list = pass === 0 ? byNormal?.pairs : byLemma?.pairs;
      if (!list) continue;
      for (const { pair, side } of list) {
        const other = pair.sides[1 - side]!;
        for (let partner = at + 1; partner <= limit; partner += 1) {
          // A word of the other side is itself in a pair: most tokens are not, and cost no lookup.
          const partnerNormal = entries.byNormal[partner];
          const partnerLemma = entries.byLemma[partner];
          if (partnerNormal?.pairs == null && partnerLemma?.pairs == null) continue;
          const word = wordOnSide(other, partnerNormal?.id, partnerLemma?.id);
          if (word === undefined) continue;
          if (isVetoed(compiled, vetoes, pair.theme, at, partner)) break;
          // A term of the theme already holding either word said it better ("llegó tarde", not "pedido ... tarde").
          if (!holdsEither(mentions, pair.theme, at, partner)) {
            const own = wordOnSide(pair.sides[side]!, byNormal?.id, byLemma?.id)!;
            pushTwoWordMention(mentions, consumed, pair.theme, at, partner, range.clause, `${own} + ${word}`, false);
          }
          break;
        }
      }
    }
  }
}

/**
 * Records a mention made of two separate words (a windowed two-word term or a pair cue) and
 * consumes both tokens; reported with method 'lemma', as every match that is not a contiguous seed.
 */
export function pushTwoWordMention(
  mentions: Mention[],
  consumed: Uint8Array,
  theme: number,
  at: number,
  partner: number,
  clause: number,
  term: string,
  context: boolean,
): void {
  mentions.push({ theme, tokens: [at, partner], clause, term, method: 'lemma', multiWord: true, similarity: 1, context });
  consumed[at] = 1;
  consumed[partner] = 1;
}

/** The taxonomy's word for a token whose normal form or lemma has entry `normalId` / `lemmaId`, if it is on this side. */
function wordOnSide(side: ReadonlyMap<number, string>, normalId: number | undefined, lemmaId: number | undefined): string | undefined {
  return (normalId !== undefined ? side.get(normalId) : undefined) ?? (lemmaId !== undefined ? side.get(lemmaId) : undefined);
}

/** True when a mention of `theme` already holds token `at` or `partner`. */
function holdsEither(mentions: readonly Mention[], theme: number, at: number, partner: number): boolean {
  for (const mention of mentions) {
    if (mention.theme === theme && (mention.tokens.includes(at) || mention.tokens.includes(partner))) return true;
  }
  return false;
}

/**
 * True when a mention of `theme` already holds tokens `at` and `partner`. A function of its own:
 * a closure over the loop's `at` and `partner` made V8 allocate a context for every token the
 * window loop visited (~2.6 KB per comment), match or not.
 */
export function holdsBoth(mentions: readonly Mention[], theme: number, at: number, partner: number): boolean {
  for (const mention of mentions) {
    if (mention.theme === theme && mention.tokens.includes(at) && mention.tokens.includes(partner)) return true;
  }
  return false;
}

/**
 * Drops the mentions found through context terms unless the comment mentions the same family of
 * themes (one root theme and its descendants) through something else, or two context terms of that
 * family back each other: "phone" is support-channels beside "the agent" and beside "no clue", but
 * not in "phone case"; "design" is navigation beside "the app", not in a review of a dress.
 */
export function withContextKept(compiled: CompiledTaxonomy, mentions: Mention[]): Mention[] {
  let anyContext = false;
  for (const mention of mentions) anyContext ||= mention.context;
  if (!anyContext) return mentions;
  const backed = new Set<number>();
  /** Per family, the first token of its first context mention (a second one elsewhere backs the family). */
  const firstContextToken = new Map<number, number>();
  for (const mention of mentions) {
    const family = compiled.roots[mention.theme]!;
    if (!mention.context) backed.add(family);
    else if (!firstContextToken.has(family)) firstContextToken.set(family, mention.tokens[0]!);
    else if (firstContextToken.get(family) !== mention.tokens[0]) backed.add(family);
  }
  return mentions.filter((mention) => !mention.context || backed.has(compiled.roots[mention.theme]!));
}
