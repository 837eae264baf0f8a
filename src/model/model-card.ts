/**
 * Renders models/sentiment/MODEL_CARD.md from what a training run actually did, so the card never
 * drifts from the files beside it.
 */
import type { Hyperparameters } from './training-run.js';
import type { SentimentMeta } from './sentiment-model.js';

export interface SentimentCardInput {
  meta: SentimentMeta;
  seed: number;
  sentenceHyper: Hyperparameters;
  aspectHyper: Hyperparameters;
  sentenceBudgets: Record<string, number>;
  aspectBudgets: Record<string, number>;
  sentenceRows: number;
  aspectRows: number;
  sentenceTable: string;
  aspectTable: string;
  sizes: { sentence: number; aspect: number };
  seconds: number;
}

function budgets(table: Record<string, number>): string {
  return Object.entries(table).map(([name, budget]) => `\`${name}\` ${budget}`).join(', ');
}

/** The model card text. */
export function renderSentimentCard(input: SentimentCardInput): string {
  const { meta } = input;
  return `# Verbatim sentiment model ${meta.version}

Two small classifiers trained in this repository (\`npx tsx scripts/train-sentiment.ts --seed ${input.seed}\`),
exported to ONNX and run by onnxruntime-node (src/model/). Labels: ${meta.labels.join(', ')}.

## Architecture
fastText-style bag of features: hashed features -> embedding table (int8 with one float scale per row)
-> mean -> linear layer -> softmax / temperature. Featurization is JavaScript (src/model/featurizer.ts),
shared by training and serving.

- **Sentence model** (\`${meta.sentence.file}\`, ${(input.sizes.sentence / 1e6).toFixed(1)} MB): word unigrams
  (words in a negation scope of up to ${meta.sentence.featurizer.negationScope} tokens are prefixed \`NOT_\`), word bigrams,
  ${meta.sentence.featurizer.charMin > 0 ? `character ${meta.sentence.featurizer.charMin}-${meta.sentence.featurizer.charMax}-grams of \`<word>\`` : 'no character n-grams (5x fewer ids per text, within one dev point)'}; ${meta.sentence.featurizer.buckets} buckets x ${input.sentenceHyper.dim} dims.
- **Aspect model** (\`${meta.aspect.file}\`, ${(input.sizes.aspect / 1e6).toFixed(1)} MB): the sentence's words and bigrams tagged by
  position relative to the target (inside; left/right; 1-3, 4-8, 9+ tokens; same clause, next clause, further),
  plus untagged words and character n-grams of the target's clause; ${meta.aspect.featurizer.buckets} buckets x ${input.aspectHyper.dim} dims.

## Preprocessing
Lower-case; curly apostrophes straightened; letters repeated 3+ times cut to 2; contractions split so
raw text ("doesn't", "dont") and treebank text ("does n't") give the same tokens ("does", "not").

## Data (../shared/datasets, read through src/datasets)
Sentence model, ${input.sentenceRows} rows: SST-2 train (phrases and sentences, binary), SST-5 train (1-2 negative,
3 neutral, 4-5 positive), women's clothing reviews train split (title + text, rating 1-2/3/4-5), SemEval
2014-2016 train sentences whose aspects all share one polarity (and untargeted 2015/2016 opinions),
GoEmotions train rows labelled only "neutral" (as neutral). Aspect model, ${input.aspectRows} rows: aspect rows of
SemEval 2014 (restaurants, laptops; the carved dev split held out), 2015, 2016 and MAMS ATSA train ('conflict' dropped),
plus SST-2 train phrases featurized as if the target sat beside every word (transfer of word polarity).

Weighting: each source has a budget of effective rows; a larger source gets row weight budget/rows.
Sentence budgets: ${budgets(input.sentenceBudgets)}. Aspect budgets: ${budgets(input.aspectBudgets)}.

## Training
SGD, one example at a time, learning rate decaying linearly to 0 (fastText's recipe); zero-initialized
output layer, embeddings uniform in +-1/dim from a seeded PRNG (mulberry32); deterministic.
Sentence: ${input.sentenceHyper.epochs} epochs, lr ${input.sentenceHyper.learningRate}. Aspect: ${input.aspectHyper.epochs} epochs, lr ${input.aspectHyper.learningRate}. Seed ${input.seed}.
Calibration: one temperature per model fitted on dev log-loss (sentence: SST-5 + clothing dev, T = ${meta.sentence.temperature};
aspect: SemEval-2014 + MAMS dev, T = ${meta.aspect.temperature}). Whole run: ${input.seconds.toFixed(0)} s on the 2-core dev machine.

## Dev metrics (dev/val splits only; the weights are those of the int8 files)
SST-2 is scored binary (P(positive) vs P(negative)); ECE is over the max-probability confidence, 10 bins.

${input.sentenceTable}

Aspect polarity:

${input.aspectTable}

## Limits
Bag-of-features models miss long-range composition ("not as bad as I feared"); domains are movies,
restaurants, laptops and clothing. Questions and requests are neutral mostly through GoEmotions rows.

## Licences of the training data
SST (public research data), SemEval ABSA (research use, SemEval organisers), MAMS (Apache-2.0),
GoEmotions (Apache-2.0), women's clothing reviews (CC0). The model files are derived from them; keep
this attribution with them.
`;
}
