/**
 * Writes a deterministic tag corpus (JSONL or CSV) from the texts of data/sample.jsonl and
 * data/demo/feedback.jsonl: row i takes text (i * STRIDE) mod n, every fifth row joins two texts
 * for longer comments; ids are r1..rN and every row has a date so --db can store it.
 *
 *   npx tsx test/batch/make-corpus.ts 100000 /tmp/tag-100k.jsonl
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** A prime step, so consecutive rows take unrelated texts. */
const STRIDE = 7919;

/** The source texts, in file order. */
export function corpusTexts(): string[] {
  const texts: string[] = [];
  for (const file of ['data/sample.jsonl', 'data/demo/feedback.jsonl']) {
    for (const line of readFileSync(path.join(ROOT, file), 'utf8').split('\n')) {
      if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
    }
  }
  return texts;
}

/** Row i (1-based) of the corpus. */
export function corpusRow(texts: readonly string[], index: number): { id: string; text: string; date: string } {
  let text = texts[(index * STRIDE) % texts.length]!;
  if (index % 5 === 0) text += ' ' + texts[(index * 31) % texts.length]!;
  const day = String((index % 28) + 1).padStart(2, '0');
  return { id: `r${index}`, text, date: `2026-01-${day}` };
}

/**
 * Writes `rows` rows to `file` (CSV when the name ends in .csv), respecting backpressure.
 * `badEvery` replaces every n-th row with a line that is not JSON (JSONL only), for error tests.
 */
export async function writeCorpus(
  file: string,
  rows: number,
  options: { texts?: readonly string[]; badEvery?: number } = {},
): Promise<void> {
  const texts = options.texts ?? corpusTexts();
  const csv = /\.csv$/i.test(file);
  const out = createWriteStream(file);
  if (csv) out.write(stringify([['id', 'text', 'date']]));
  for (let index = 1; index <= rows; index += 1) {
    const row = corpusRow(texts, index);
    const bad = !csv && options.badEvery !== undefined && index % options.badEvery === 0;
    const line = csv ? stringify([[row.id, row.text, row.date]]) : bad ? `{"id": "${row.id}", "text": \n` : JSON.stringify(row) + '\n';
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const rows = Number(process.argv[2] ?? 100_000);
  const file = process.argv[3] ?? `/tmp/tag-${rows}.jsonl`;
  await writeCorpus(file, rows);
  process.stdout.write(`${file}: ${rows} rows\n`);
}
