/**
 * Turns the individual mentions the matcher found into one ThemeHit per theme: evidence spans,
 * clauses, matched terms, the strongest method and a strength in [0, 1]; drops the mentions of a
 * parent theme made in a clause where one of its descendants matched (a parent is reported only
 * when it is mentioned on its own), and a parent's one-word mentions in a clause where another
 * theme was mentioned specifically ("great deals on the app": offers, not the app); orders hits
 * strongest first.
 */
import type { Span } from '../contract.js';
import type { Token } from '../text/document.js';
import type { CompiledTaxonomy } from './term-index.js';
import type { ThemeHit } from './types.js';
import { sortSmall } from '../small-sort.js';
import { sortSpans } from '../spans.js';

/** One occurrence of a theme in a document. */
export interface Mention {
  theme: number;
  /** Token indexes, ascending (a phrase, a windowed pair, or one word). */
  tokens: number[];
  /** Clause index, or -1 when the document has no clauses. */
  clause: number;
  /** The seed term (or, for word vectors, the nearest seed) that matched. */
  term: string;
  method: ThemeHit['method'];
  multiWord: boolean;
  /** Cosine to the seed for word-vector mentions; 1 otherwise. */
  similarity: number;
  /** Found through a context term: kept only beside a mention of the same theme family that is not (mention-cues.ts). */
  context: boolean;
}

/**
 * Weight of one mention by how it was found: a literal seed is the surest evidence, an inflection
 * slightly less, a similar word much less (hand-set so that one literal mention outranks two
 * word-vector mentions, and two mentions of any kind outrank one of the same kind).
 */
export const MENTION_WEIGHT = { term: 0.6, lemma: 0.5, embedding: 0.35 } as const;
/** Extra weight of a multi-word phrase ("charged twice"): it is more specific than one word. */
export const PHRASE_BONUS = 0.1;

const METHOD_RANK: Record<ThemeHit['method'], number> = { term: 3, lemma: 2, embedding: 1 };

/** One hit per theme, parents suppressed where covered, strongest first. */
export function aggregateMentions(compiled: CompiledTaxonomy, tokens: readonly Token[], mentions: Mention[]): ThemeHit[] {
  // Themes in order of first mention, each with its mentions (a comment names a handful at most,
  // so arrays beat Maps here).
  const themeOrder: number[] = [];
  const byTheme: Mention[][] = [];
  for (const mention of mentions) {
    const position = themeOrder.indexOf(mention.theme);
    if (position >= 0) byTheme[position]!.push(mention);
    else {
      themeOrder.push(mention.theme);
      byTheme.push([mention]);
    }
  }
  // Coverage is only ever read for mentioned themes, so only mentioned ancestors collect it.
  let coveredByDescendants: Map<number, Coverage> | null = null;
  for (let position = 0; position < themeOrder.length; position += 1) {
    for (const ancestor of compiled.ancestors[themeOrder[position]!]!) {
      if (!themeOrder.includes(ancestor)) continue;
      coveredByDescendants ??= new Map();
      let covered = coveredByDescendants.get(ancestor);
      if (!covered) coveredByDescendants.set(ancestor, (covered = { clauses: new Set(), tokens: new Set() }));
      for (const mention of byTheme[position]!) {
        covered.clauses.add(mention.clause);
        for (const token of mention.tokens) covered.tokens.add(token);
      }
    }
  }
  const specific = themeOrder.length > 1 ? specificClauses(compiled, mentions) : null;
  const hits: (ThemeHit & { firstStart: number })[] = [];
  for (let position = 0; position < themeOrder.length; position += 1) {
    const theme = themeOrder[position]!;
    const list = byTheme[position]!;
    const covered = coveredByDescendants?.get(theme);
    let own = covered ? list.filter((mention) => !isCovered(mention, covered)) : list;
    if (specific !== null && compiled.hasDescendants[theme]) own = own.filter((mention) => !isGenericBeside(mention, specific));
    if (own.length > 0) hits.push(buildHit(compiled.themes[theme]!.id, tokens, own));
  }
  if (hits.length > 1) {
    sortSmall(hits, (a, b) => b.strength - a.strength || a.firstStart - b.firstStart || (a.themeId < b.themeId ? -1 : 1));
  }
  const result = new Array<ThemeHit>(hits.length);
  for (let index = 0; index < hits.length; index += 1) {
    const hit = hits[index]!;
    result[index] = {
      themeId: hit.themeId,
      evidence: hit.evidence,
      clauses: hit.clauses,
      strength: hit.strength,
      method: hit.method,
      matchedTerms: hit.matchedTerms,
    };
  }
  return result;
}

/**
 * Per clause, the themes mentioned there specifically: by a phrase, or as a theme with no
 * sub-themes. A parent's lone word beside one of another theme names where that happened ("great
 * discounts on the app": the app is where the discounts are), not a topic of its own.
 */
function specificClauses(compiled: CompiledTaxonomy, mentions: readonly Mention[]): Map<number, number[]> | null {
  let byClause: Map<number, number[]> | null = null;
  for (const mention of mentions) {
    if (mention.clause < 0 || mention.method === 'embedding') continue;
    if (!mention.multiWord && compiled.hasDescendants[mention.theme]) continue;
    byClause ??= new Map();
    const themes = byClause.get(mention.clause);
    if (themes === undefined) byClause.set(mention.clause, [mention.theme]);
    else if (!themes.includes(mention.theme)) themes.push(mention.theme);
  }
  return byClause;
}

/** A parent's one-word mention in a clause where another theme was mentioned specifically (specificClauses). */
function isGenericBeside(mention: Mention, specific: Map<number, number[]>): boolean {
  if (mention.multiWord) return false;
  // No clause (-1) is never a key: specificClauses skips them.
  const themes = specific.get(mention.clause);
  return themes !== undefined && themes.some((theme) => theme !== mention.theme);
}

/** Where a theme's matched descendants were mentioned. */
interface Coverage {
  clauses: Set<number>;
  tokens: Set<number>;
}

/**
 * A parent's mention says nothing of its own when a descendant was matched in the same clause
 * ("the app logs me out": login-access covers app); without clauses, when the descendant's
 * mentions hold all its tokens.
 */
function isCovered(mention: Mention, covered: Coverage): boolean {
  if (mention.clause >= 0) return covered.clauses.has(mention.clause);
  return mention.tokens.every((token) => covered.tokens.has(token));
}

function buildHit(themeId: string, tokens: readonly Token[], mentions: Mention[]): ThemeHit & { firstStart: number } {
  let complement = 1;
  let method: ThemeHit['method'] = 'embedding';
  const spans: Span[] = [];
  const clauses: number[] = [];
  const terms: string[] = [];
  for (const mention of mentions) {
    const weight =
      mention.method === 'embedding'
        ? MENTION_WEIGHT.embedding * mention.similarity
        : MENTION_WEIGHT[mention.method] + (mention.multiWord ? PHRASE_BONUS : 0);
    complement *= 1 - Math.min(weight, 1);
    if (METHOD_RANK[mention.method] > METHOD_RANK[method]) method = mention.method;
    appendSpansOfTokens(tokens, mention.tokens, spans);
    if (mention.clause >= 0 && !clauses.includes(mention.clause)) clauses.push(mention.clause);
    if (!terms.includes(mention.term)) terms.push(mention.term);
  }
  const evidence = spans.length > 1 ? sortSpans(spans) : spans;
  if (clauses.length > 1) sortSmall(clauses, (a, b) => a - b);
  return {
    themeId,
    evidence,
    clauses,
    strength: Math.round((1 - complement) * 1000) / 1000,
    method,
    matchedTerms: terms,
    firstStart: evidence[0]!.start,
  };
}

/** Spans of a mention's tokens, merging neighbours (a phrase is one span). */
export function spansOfTokens(tokens: readonly Token[], indexes: readonly number[]): Span[] {
  const spans: Span[] = [];
  appendSpansOfTokens(tokens, indexes, spans);
  return spans;
}

/** spansOfTokens appended to `out` (neighbours merge only within this mention). */
function appendSpansOfTokens(tokens: readonly Token[], indexes: readonly number[], out: Span[]): void {
  let last: Span | null = null;
  for (let position = 0; position < indexes.length; position += 1) {
    const tokenIndex = indexes[position]!;
    const token = tokens[tokenIndex]!;
    if (last !== null && indexes[position - 1] === tokenIndex - 1) last.end = token.end;
    else out.push((last = { start: token.start, end: token.end }));
  }
}
