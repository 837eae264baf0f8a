/**
 * Information-only check of the rule scorer against vader-sentiment: binary accuracy on SST-2 dev
 * (positive when score >= 0), 3-class accuracy on the hand-written CX cases, and scoring speed
 * (clauses/s, text stage excluded). Run: npx tsx scripts/check-rules.ts [path/to/sst2/dev.tsv]
 */
import { readFileSync } from 'node:fs';
import vader from 'vader-sentiment';
import { aggregateSpans } from '../src/sentiment/aggregate.js';
import { loadLexicon } from '../src/sentiment/lexicon.js';
import { scoreDocumentClauses } from '../src/sentiment/rule-scorer.js';
import type { TextDocument } from '../src/text/document.js';
import { createTextProcessor } from '../src/text/index.js';
import { CX_CASES } from '../test/sentiment/cx-cases.js';

const VADER_NEUTRAL_BAND = 0.05;
const SPEED_RUNS = 5;
const WARM_UP_RUNS = 5;

function documentSentiment(doc: TextDocument) {
  const scores = scoreDocumentClauses(doc);
  return aggregateSpans(scores.map((score, c) => ({ score, role: doc.clauses[c]!.role, connective: doc.clauses[c]!.connective })));
}

function vaderCompound(text: string): number {
  return vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

function vaderLabel(compound: number): string {
  return compound >= VADER_NEUTRAL_BAND ? 'positive' : compound <= -VADER_NEUTRAL_BAND ? 'negative' : 'neutral';
}

const processor = createTextProcessor();
const datasetPath = process.argv[2] ?? '/work/shared/datasets/sst2/dev.tsv';
const rows = readFileSync(datasetPath, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim())
  .map((line) => {
    const [sentence, label] = line.split('\t');
    return { text: sentence!.trim(), positive: label!.trim() === '1' };
  });
const docs = rows.map((row) => processor.process(row.text));

let ours = 0;
let theirs = 0;
rows.forEach((row, i) => {
  if (documentSentiment(docs[i]!).score >= 0 === row.positive) ours++;
  if (vaderCompound(row.text) >= 0 === row.positive) theirs++;
});
console.log(`SST-2 dev (${rows.length} sentences, positive if score >= 0)`);
console.log(`  verbatim rules  ${((100 * ours) / rows.length).toFixed(1)}%`);
console.log(`  vader-sentiment ${((100 * theirs) / rows.length).toFixed(1)}%`);

let oursFour = 0;
let oursThree = 0;
let theirsThree = 0;
let threeClass = 0;
for (const [text, label] of CX_CASES) {
  const predicted = documentSentiment(processor.process(text)).label;
  if (predicted === label) oursFour++;
  if (label === 'mixed') continue;
  threeClass++;
  if (predicted === label) oursThree++;
  if (vaderLabel(vaderCompound(text)) === label) theirsThree++;
}
console.log(`Hand-written CX cases (${CX_CASES.length}; ${threeClass} without 'mixed')`);
console.log(`  verbatim rules  4-label ${((100 * oursFour) / CX_CASES.length).toFixed(1)}%, 3-class ${((100 * oursThree) / threeClass).toFixed(1)}%`);
console.log(`  vader-sentiment 3-class ${((100 * theirsThree) / threeClass).toFixed(1)}% (compound band +-${VADER_NEUTRAL_BAND})`);

const lexicon = loadLexicon();
const clauseCount = docs.reduce((sum, doc) => sum + doc.clauses.length, 0);
for (let run = 0; run < WARM_UP_RUNS * 10; run++) for (const doc of docs) scoreDocumentClauses(doc, lexicon);
const rates: number[] = [];
for (let run = 0; run < SPEED_RUNS; run++) {
  // CPU time, not wall time: the machine is shared, and wall time measures the neighbours too.
  const started = process.cpuUsage();
  for (let repeat = 0; repeat < 10; repeat++) for (const doc of docs) scoreDocumentClauses(doc, lexicon);
  const used = process.cpuUsage(started);
  rates.push((10 * clauseCount) / ((used.user + used.system) / 1e6));
}
rates.sort((a, b) => a - b);
console.log(
  `Speed: ${clauseCount * 10} clauses per run (SST-2 dev x10), median ${Math.round(rates[2]!).toLocaleString('en')} clauses/s ` +
    `(min ${Math.round(rates[0]!).toLocaleString('en')}, max ${Math.round(rates[4]!).toLocaleString('en')}), one core, CPU time`,
);
