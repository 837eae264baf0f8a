/**
 * How often language detection calls English text another language (it should not), on English
 * data the detector's tables were not built from, and which comments of the CX sets it reads as
 * another language. GoEmotions train is left out: its words are the detector's informal English.
 *
 * Run: npx tsx scripts/check-languages.ts [--show 12]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { datasetsRoot, repoRoot } from '../src/datasets/paths.js';
import { defaultLanguageData } from '../src/language/data.js';
import { createLanguageDetector, ENGLISH } from '../src/language/detect.js';
import { createTextProcessor } from '../src/text/index.js';

const { values } = parseArgs({ options: { show: { type: 'string', default: '12' } } });
const show = Number(values.show);

const jsonl = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { text: string }).text);
const tsv = (file: string) => readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')[0]!);
/** The clothing reviews' text column is the fifth; a quoted review may hold commas, so read it with a CSV parser. */
async function clothing(file: string): Promise<string[]> {
  const { parse } = await import('csv-parse/sync');
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[];
  return rows.map((row) => row['Review Text'] ?? '').filter((text) => text.trim() !== '');
}

const sets: [string, () => Promise<string[]> | string[]][] = [
  ['data/dev/cx-dev.jsonl', () => jsonl(path.join(repoRoot(), 'data/dev/cx-dev.jsonl'))],
  ['data/sample.jsonl', () => jsonl(path.join(repoRoot(), 'data/sample.jsonl'))],
  ['sst2 dev', () => tsv(path.join(datasetsRoot(), 'sst2/dev.tsv'))],
  ['sst2 train', () => tsv(path.join(datasetsRoot(), 'sst2/train.tsv'))],
  ['goemotions dev', () => tsv(path.join(datasetsRoot(), 'goemotions/dev.tsv'))],
  ['womens clothing reviews', () => clothing(path.join(datasetsRoot(), 'womens_clothing_reviews/reviews.csv'))],
];

const processor = createTextProcessor();
const detector = createLanguageDetector(defaultLanguageData());
for (const [name, load] of sets) {
  const texts = await load();
  const started = performance.now();
  const flagged = texts.flatMap((text) => {
    const language = detector.detect(processor.process(text).tokens);
    return language === ENGLISH ? [] : [[language, text] as const];
  });
  const micros = ((performance.now() - started) * 1000) / texts.length;
  console.log(`${name}: ${flagged.length} of ${texts.length} read as another language (${micros.toFixed(1)} µs a text with tokenizing)`);
  for (const [language, text] of flagged.slice(0, show)) console.log(`  ${language}  ${text.slice(0, 100)}`);
}
