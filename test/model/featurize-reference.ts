/**
 * The featurizer as first written (marked strings, bigram hashes, "<word>" n-grams built as
 * strings): the oracle the faster featurize() in src/model/featurizer.ts must match id for id,
 * since the shipped models were trained on these ids.
 */
import { FeatureSink, hashString, markNegation, type FeaturizerParams } from '../../src/model/featurizer.js';
import { modelTokens } from '../../src/model/model-tokens.js';

const WORD = hashString('w\u0001');
const BIGRAM = hashString('b\u0001');
const CHAR = hashString('c\u0001');

/** featurize() written the plain way. */
export function referenceFeaturize(text: string, params: FeaturizerParams): number[] {
  const tokens = modelTokens(text);
  const marked = markNegation(tokens, params.negationScope);
  const sink = new FeatureSink(params.buckets, params.maxIds);
  for (let index = 0; index < tokens.length; index++) {
    sink.addText(WORD, marked[index]);
    if (params.bigrams && index + 1 < tokens.length) sink.addText(BIGRAM, `${tokens[index]} ${tokens[index + 1]}`);
  }
  for (const token of tokens) {
    const isWord = !/^[!?.,;:]/.test(token) && !token.startsWith("'") && token.length < 30;
    if (!isWord || params.charMin <= 0) continue;
    const bounded = `<${token}>`;
    for (let start = 0; start + params.charMin <= bounded.length; start++) {
      for (let size = params.charMin; size <= params.charMax && start + size <= bounded.length; size++) {
        sink.addText(CHAR, bounded.slice(start, start + size));
      }
    }
  }
  if (sink.ids.length === 0) sink.addText(WORD, '<empty>');
  return sink.ids;
}
