/**
 * Target-aware features for aspect polarity: the sentence's words and bigrams, each tagged by where
 * it sits relative to the target (inside it; before or after; 1-3, 4-8 or more tokens away; in the
 * target's clause or not). "The food was great but the service was slow" then gives "great" as
 * after/near/same-clause for "food" and after/far/other-clause for "service": a bag model can learn
 * that only the near, same-clause opinion words count.
 */
import { FeatureSink, addCharacterNgrams, bigramHash, hashString, markNegation, type FeaturizerParams } from './featurizer.js';
import { modelTokens } from './model-tokens.js';

/** Distance bands in tokens from the target edge, chosen on MAMS val / SemEval-2014 dev. */
const NEAR_DISTANCE = 3;
const MIDDLE_DISTANCE = 8;

/** Tokens that end a clause for the same-clause tag (punctuation and contrast connectives). */
const CLAUSE_BREAKERS = new Set(['.', ',', ';', ':', '!', '?', '!!', '??', '?!', '!?', 'but', 'however', 'although', 'though', 'while', 'whereas', 'yet']);

const namespaceCache = new Map<string, number>();
function namespaceOf(name: string): number {
  let hash = namespaceCache.get(name);
  if (hash === undefined) {
    hash = hashString(name + '\u0001');
    namespaceCache.set(name, hash);
  }
  return hash;
}

function band(distance: number): string {
  if (distance <= NEAR_DISTANCE) return 'n';
  if (distance <= MIDDLE_DISTANCE) return 'm';
  return 'f';
}

/** A target inside a text, as UTF-16 offsets. */
export interface AspectRequest {
  text: string;
  start: number;
  end: number;
}

/** Feature ids for the polarity of `text[start, end)` within `text`. Deterministic, pure. */
export function featurizeAspect(request: AspectRequest, params: FeaturizerParams): number[] {
  const start = Math.max(0, Math.min(request.start, request.text.length));
  const end = Math.max(start, Math.min(request.end, request.text.length));
  const before = modelTokens(request.text.slice(0, start));
  const target = modelTokens(request.text.slice(start, end));
  const after = modelTokens(request.text.slice(end));
  const tokens = [...before, ...target, ...after];
  const marked = markNegation(tokens, params.negationScope);
  const targetStart = before.length;
  const targetEnd = before.length + target.length;
  const sink = new FeatureSink(params.buckets, params.maxIds);

  // Which clause-break count separates each token from the target (0 = same clause).
  const breaks = new Int32Array(tokens.length);
  let crossed = 0;
  for (let index = targetStart - 1; index >= 0; index--) {
    if (CLAUSE_BREAKERS.has(tokens[index])) crossed++;
    breaks[index] = crossed;
  }
  crossed = 0;
  for (let index = targetEnd; index < tokens.length; index++) {
    if (CLAUSE_BREAKERS.has(tokens[index])) crossed++;
    breaks[index] = crossed;
  }

  for (let index = 0; index < tokens.length; index++) {
    const word = marked[index];
    sink.addText(namespaceOf('s'), word);
    if (index >= targetStart && index < targetEnd) {
      sink.addText(namespaceOf('t'), word);
      continue;
    }
    const side = index < targetStart ? 'l' : 'r';
    const distance = index < targetStart ? targetStart - index : index - targetEnd + 1;
    const clause = breaks[index] === 0 ? 's' : breaks[index] === 1 ? 'o' : 'x';
    sink.addText(namespaceOf(side + band(distance) + clause), word);
    sink.addText(namespaceOf(band(distance) + clause), word);
    if (clause === 's') addCharacterNgrams(sink, tokens[index], params, namespaceOf('cs'));
    if (index + 1 < tokens.length && (index + 1 < targetStart || index >= targetEnd)) {
      sink.add(bigramHash(tokens[index], tokens[index + 1], namespaceOf('b' + clause)));
    }
  }
  if (target.length === 0) sink.addText(namespaceOf('t'), '<none>');
  return sink.ids;
}

/**
 * Features of a short opinion (a phrase or clause with a sentence-level label) as if the target sat
 * right beside every word, in its clause. Training on these rows teaches the aspect model the
 * polarity of many more words than the aspect sets contain (transfer from SST and reviews).
 */
export function featurizeClauseAsAspect(text: string, params: FeaturizerParams): number[] {
  const tokens = modelTokens(text);
  const marked = markNegation(tokens, params.negationScope);
  const sink = new FeatureSink(params.buckets, params.maxIds);
  for (let index = 0; index < tokens.length; index++) {
    sink.addText(namespaceOf('s'), marked[index]);
    sink.addText(namespaceOf('ns'), marked[index]);
    addCharacterNgrams(sink, tokens[index], params, namespaceOf('cs'));
    if (index + 1 < tokens.length) sink.add(bigramHash(tokens[index], tokens[index + 1], namespaceOf('bs')));
  }
  if (sink.ids.length === 0) sink.addText(namespaceOf('t'), '<none>');
  return sink.ids;
}
