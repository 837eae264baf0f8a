/**
 * Readers for the sentence- and review-level sets: SST-2, SST-5 and the women's clothing reviews.
 * Each returns rows plus a load report; the clothing dev split is carved in splits.ts.
 */
import { parse } from 'csv-parse/sync';
import { readDataFile } from './paths.js';
import { emptyLoadReport, type LabelledText, type LoadReport, type SentimentLabel3 } from './types.js';

export interface TextSet {
  rows: LabelledText[];
  report: LoadReport;
}

/** The clothing reviews file, relative to the data folder. */
export const CLOTHING_FILE = 'womens_clothing_reviews/reviews.csv';

/** SST-2 labels: 0 negative, 1 positive (GLUE). The set is binary: it has no neutral rows. */
export function mapSst2Label(value: string): SentimentLabel3 | null {
  if (value === '0') return 'negative';
  if (value === '1') return 'positive';
  return null;
}

/** SST-5 (1 very negative .. 5 very positive) folded to three classes: 1-2, 3, 4-5. */
export function mapFiveStepLabel(value: number): SentimentLabel3 | null {
  if (value === 1 || value === 2) return 'negative';
  if (value === 3) return 'neutral';
  if (value === 4 || value === 5) return 'positive';
  return null;
}

/** Reads sst2/{train,dev}.tsv (`sentence<TAB>label`, header line). Texts are trimmed, tokens kept. */
export async function readSst2(split: 'train' | 'dev'): Promise<TextSet> {
  const content = await readDataFile(`sst2/${split}.tsv`);
  const report = emptyLoadReport();
  const rows: LabelledText[] = [];
  const lines = content.split(/\r?\n/);
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    report.rowsRead += 1;
    const tab = line.lastIndexOf('\t');
    const text = line.slice(0, tab).trim();
    const label = tab === -1 ? null : mapSst2Label(line.slice(tab + 1).trim());
    if (!label) report.labelDropped += 1;
    else if (text === '') report.emptyDropped += 1;
    else rows.push({ text, label, source: 'sst2' });
  }
  return { rows, report };
}

/** Reads sst5/{train,dev}.txt (`__label__N<TAB>text`). */
export async function readSst5(split: 'train' | 'dev'): Promise<TextSet> {
  const content = await readDataFile(`sst5/${split}.txt`);
  const report = emptyLoadReport();
  const rows: LabelledText[] = [];
  for (const line of content.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    report.rowsRead += 1;
    const match = /^__label__(\d)\t(.*)$/.exec(line);
    const label = match ? mapFiveStepLabel(Number(match[1])) : null;
    const text = (match?.[2] ?? '').trim();
    if (!label) report.labelDropped += 1;
    else if (text === '') report.emptyDropped += 1;
    else rows.push({ text, label, source: 'sst5' });
  }
  return { rows, report };
}

/**
 * Joins a review's title and body. A title that already ends in sentence punctuation is not given
 * another full stop ("Love it!" + "Fits well" -> "Love it! Fits well").
 */
export function joinTitleAndReview(title: string, review: string): string {
  const head = title.trim();
  const body = review.trim();
  if (head === '') return body;
  return /[.!?]$/.test(head) ? `${head} ${body}` : `${head}. ${body}`;
}

/** Reads the clothing reviews (rating 1-5 folded like SST-5). Rows with an empty review text are skipped. */
export async function readClothing(): Promise<TextSet> {
  const content = await readDataFile(CLOTHING_FILE);
  const records = parse(content, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<
    string,
    string | undefined
  >[];
  const report = emptyLoadReport();
  const rows: LabelledText[] = [];
  for (const record of records) {
    report.rowsRead += 1;
    const review = record['Review Text'] ?? '';
    const label = mapFiveStepLabel(Number(record['Rating']));
    if (review.trim() === '') report.emptyDropped += 1;
    else if (!label) report.labelDropped += 1;
    else rows.push({ text: joinTitleAndReview(record['Title'] ?? '', review), label, source: 'clothing' });
  }
  return { rows, report };
}
