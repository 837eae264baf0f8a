/**
 * Whole-pipeline throughput on one core: Verbatim's `analyze` beside vader-sentiment's JS port and
 * the AFINN `sentiment` package, on the same texts in the same process (one configuration per run;
 * bench/stages.ts times every stage and both configurations together).
 *   npx tsx bench/analyze.ts [--size 20000] [--runs 5] [--scorer rules|model|combined] [--emotions on|off]
 */
import { parseArgs } from 'node:util';
import vader from 'vader-sentiment';
import Sentiment from 'sentiment';
// The shipped code, compiled by tsc (npm run build), not the TypeScript sources through a loader.
import { createEngine } from '../dist/engine.js';
import { resolveConfig } from '../dist/config.js';
import { corpusTexts } from './corpus.js';
import { measure, report } from './lib.js';
import { DEFAULT_BATCH_SIZE } from '../dist/cli/analysis-options.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '20000' },
    runs: { type: 'string', default: '5' },
    scorer: { type: 'string', default: 'rules' },
    'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
    emotions: { type: 'string', default: 'on' },
  },
});
const size = Number(values.size);
const runs = Number(values.runs);
const batchSize = Number(values['batch-size']);
const texts = corpusTexts(size);

const emotions = values.emotions !== 'off';
const engine = await createEngine(resolveConfig({ sentiment: { scorer: values.scorer as 'rules' }, emotions: { enabled: emotions } }));
const afinn = new Sentiment();

const verbatim = await measure(`verbatim analyze (${values.scorer}, emotions ${emotions ? 'on' : 'off'})`, texts, async (batch) => {
  for (let start = 0; start < batch.length; start += batchSize) {
    const records = batch.slice(start, start + batchSize).map((text, index) => ({ id: start + index, text, metadata: {} }));
    await engine.analyzeBatch(records);
  }
}, runs);
const vaderRun = await measure('vader-sentiment (JS port)', texts, (batch) => {
  for (const text of batch) vader.SentimentIntensityAnalyzer.polarity_scores(text);
}, runs);
const afinnRun = await measure('AFINN (sentiment package)', texts, (batch) => {
  for (const text of batch) afinn.analyze(text);
}, runs);
await engine.close();

report(`analyze-${values.scorer}${emotions ? '' : '-no-emotions'}`, { source: 'bench/corpus.ts', size, batchSize }, [verbatim, vaderRun, afinnRun]);
process.stdout.write(`\nVerbatim / vader-sentiment: ${(verbatim.itemsPerSecond / vaderRun.itemsPerSecond).toFixed(2)}x\n`);
