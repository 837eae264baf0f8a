/**
 * Throughput of the text stage (src/text) on 20k generated short CX comments, with baselines run
 * in the same process: wink-nlp tokenization only, wink with the 'sbd' pipe the stage replaces, and
 * vader-sentiment (the whole-analysis speed target is 3x vader, so this stage must be far above it).
 *
 * Run: NODE_OPTIONS=--expose-gc npx tsx bench/text.ts [comments] [rounds]
 */
import vader from 'vader-sentiment';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { createTextProcessor } from '../src/text/index.js';
import { countTokens, report, type Measurement } from './lib.js';

/** A fixed generator, so every run sees the same corpus. */
function generatedComments(size: number): string[] {
  const openers = ['', 'Honestly ', 'Well, ', 'OMG ', '', 'Ok so ', ''];
  const subjects = ['the delivery', 'the app', 'support', 'the staff', 'my refund', 'the price', 'checkout', 'the box', 'the driver', 'UPS'];
  const verbs = ['was', 'is', 'has been', 'seemed', 'wasnt', "isn't", 'was sooo', 'is SO'];
  const adjectives = ['late', 'great', 'slow', 'crushed', 'friendly', 'rude', 'amazing', 'terrible', 'fine', 'expensive', 'SLOW', 'helpful'];
  const joins = [' but ', ', and ', '. ', '!!! ', ' - ', '; ', ', though ', '. Although ', ' and '];
  const tails = ['', '.', '!', ' 😡', ' 👍', ' :)', '...', '?', ' #fail', ' @support'];
  let seed = 20240301;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const comments: string[] = [];
  for (let index = 0; index < size; index += 1) {
    const parts = 1 + Math.floor(random() * 3);
    let comment = pick(openers);
    for (let part = 0; part < parts; part += 1) {
      if (part > 0) comment += pick(joins);
      comment += `${pick(subjects)} ${pick(verbs)} ${pick(adjectives)}`;
    }
    comments.push(comment + pick(tails));
  }
  return comments;
}

/** Starts every timed run with a clean heap (when run with --expose-gc) so no system pays for another's garbage. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** One benchmarked system: a name and what it does to the whole corpus. */
interface System {
  name: string;
  run: (texts: readonly string[]) => void;
}

/**
 * Runs the systems interleaved, round after round, so a load spike from another process hits all
 * of them alike; reports the median per system and, per round, the stage's speed relative to
 * wink's bare tokenizer (a ratio that survives a busy machine better than absolute figures).
 */
function interleaved(systems: System[], texts: readonly string[], rounds: number): { measurements: Measurement[]; ratios: number[] } {
  for (const system of systems) system.run(texts.slice(0, 2_000));
  const seconds = systems.map(() => [] as number[]);
  for (let round = 0; round < rounds; round += 1) {
    systems.forEach((system, index) => {
      collectGarbage();
      const started = process.hrtime.bigint();
      system.run(texts);
      seconds[index]!.push(Number(process.hrtime.bigint() - started) / 1e9);
    });
  }
  const tokens = countTokens(texts);
  const measurements = systems.map((system, index) => {
    const runs = seconds[index]!;
    const sorted = [...runs].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    return {
      name: system.name,
      runs,
      medianSeconds: median,
      spreadPercent: (100 * (sorted[sorted.length - 1]! - sorted[0]!)) / median,
      itemsPerSecond: texts.length / median,
      tokensPerSecond: tokens / median,
    };
  });
  // The stage under test is the last system; the bare wink tokenizer the first.
  const ratios = seconds[0]!.map((baseline, round) => baseline / seconds[systems.length - 1]![round]!);
  return { measurements, ratios };
}

const size = Number(process.argv[2] ?? 20_000);
const rounds = Number(process.argv[3] ?? 7);
const comments = generatedComments(size);
const processor = createTextProcessor();
const winkTokenizerOnly = winkNLP(model, []);
const winkWithSentences = winkNLP(model, ['sbd']);
let sink = 0;

const { measurements, ratios } = interleaved(
  [
    {
      name: 'wink readDoc, no pipes (baseline)',
      run: (texts) => {
        for (const text of texts) sink += winkTokenizerOnly.readDoc(text).tokens().length();
      },
    },
    {
      name: "wink readDoc, 'sbd' pipe (baseline)",
      run: (texts) => {
        for (const text of texts) sink += winkWithSentences.readDoc(text).sentences().length();
      },
    },
    {
      name: 'vader-sentiment polarity_scores (baseline)',
      run: (texts) => {
        for (const text of texts) sink += vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
      },
    },
    {
      name: 'verbatim text stage',
      run: (texts) => {
        for (const text of texts) sink += processor.process(text).clauses.length;
      },
    },
  ],
  comments,
  rounds,
);
const sortedRatios = [...ratios].sort((a, b) => a - b);
const medianRatio = sortedRatios[Math.floor(sortedRatios.length / 2)]!;
report('text', { generated: size, rounds, averageCharacters: Math.round(comments.join('').length / size) }, measurements);
process.stdout.write(
  `text stage speed / wink bare tokenizer, median over rounds: ${medianRatio.toFixed(2)}\n` +
    `best round: ${Math.round(Math.max(...measurements[measurements.length - 1]!.runs.map((run) => size / run))).toLocaleString('en-US')} comments/s (checksum ${sink})\n`,
);
