/**
 * Writes the demo data set the server loads on first start (data/demo/, documented in
 * data/demo/README.md):
 *
 * - feedback.jsonl: a seeded sample of real reviews from the women's clothing e-commerce reviews
 *   (CC0, ../shared/datasets/womens_clothing_reviews). Text, rating (as CSAT) and division are the
 *   source's; id, date, channel, account and revenue are synthetic assignments made here.
 * - nps-feedback.jsonl: the project's hand-written NPS comments (data/sample.jsonl) with dates
 *   moved into the same 12 months and synthetic accounts for the business segments.
 *
 * No text is written or altered here, and the metadata is assigned independently of the text, so
 * the demo shows no pattern the source data does not hold. Re-running produces identical files.
 * Run: npx tsx scripts/make-demo-data.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { PACKAGE_ROOT } from '../src/config.js';
import { datasetsRoot } from '../src/datasets/paths.js';
import { mulberry32, seededShuffle } from '../src/datasets/random.js';

/** The seed of every draw below; change it and every assignment changes. */
const DEMO_SEED = 20261101;
/** Reviews sampled: enough for stable monthly metrics per segment, small enough to analyze at start-up. */
const SAMPLE_SIZE = 3_000;
/** The demo's 12 whole months: November 2025 to October 2026. */
const WINDOW_START = Date.UTC(2025, 10, 1);
const WINDOW_END = Date.UTC(2026, 10, 1);
const DAY_MS = 86_400_000;
/** Where the synthetic reviews came from, with weights: a plausible mix, not a measured one. */
const CHANNELS: readonly [string, number][] = [
  ['web-review', 0.5],
  ['app-review', 0.3],
  ['post-purchase-email', 0.2],
];
/** Synthetic customer accounts the reviews are spread over (about 5 reviews per account). */
const ACCOUNT_COUNT = 600;
/** Annual revenue per account: log-normal, median 800, sigma 1 (a long tail of large accounts). */
const REVENUE_MEDIAN = 800;
const REVENUE_SIGMA = 1;
/** The source's division names as segment ids; "Initmates" is the source's own spelling. */
const SEGMENTS: Readonly<Record<string, string>> = {
  General: 'general',
  'General Petite': 'general-petite',
  Initmates: 'intimates',
};
/** Accounts for the hand-written NPS comments' business segments (consumers get none). */
const NPS_ACCOUNTS: Readonly<Record<string, { count: number; median: number }>> = {
  smb: { count: 25, median: 6_000 },
  enterprise: { count: 8, median: 120_000 },
};
/** The hand-written comments are dated Jan-Dec 2026; moving them two months earlier fits the window. */
const NPS_SHIFT_MONTHS = -2;

type Draw = () => number;

function pickWeighted(draw: Draw, choices: readonly [string, number][]): string {
  let remaining = draw() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of choices) {
    remaining -= weight;
    if (remaining < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

/** A standard normal draw (Box-Muller). */
function normal(draw: Draw): number {
  return Math.sqrt(-2 * Math.log(1 - draw())) * Math.cos(2 * Math.PI * draw());
}

function accountRevenues(draw: Draw, count: number, median: number): number[] {
  return Array.from({ length: count }, () => Math.round(median * Math.exp(REVENUE_SIGMA * normal(draw))));
}

function isoDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

function toJsonl(records: readonly object[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}

interface ReviewRow {
  row: string;
  clothingId: string;
  title: string;
  text: string;
  rating: string;
  recommended: string;
  positiveFeedbackCount: string;
  division: string;
  department: string;
  className: string;
}

function readReviews(): ReviewRow[] {
  const csv = readFileSync(path.join(datasetsRoot(), 'womens_clothing_reviews', 'reviews.csv'), 'utf8');
  const rows = parse(csv, { columns: false, from_line: 2, relax_quotes: true }) as string[][];
  return rows
    .map(([row, clothingId, , title, text, rating, recommended, positiveFeedbackCount, division, department, className]) => ({
      row: row!, clothingId: clothingId!, title: (title ?? '').trim(), text: (text ?? '').trim(), rating: rating!,
      recommended: recommended!, positiveFeedbackCount: positiveFeedbackCount!, division: division ?? '',
      department: department ?? '', className: className ?? '',
    }))
    .filter((review) => review.text.length > 0);
}

function buildReviewFeedback(): object[] {
  const draw = mulberry32(DEMO_SEED);
  const revenues = accountRevenues(draw, ACCOUNT_COUNT, REVENUE_MEDIAN);
  const days = Math.round((WINDOW_END - WINDOW_START) / DAY_MS);
  const sample = seededShuffle(readReviews(), DEMO_SEED).slice(0, SAMPLE_SIZE);
  const records = sample.map((review) => {
    const account = Math.floor(draw() * ACCOUNT_COUNT);
    const metadata: Record<string, unknown> = {
      source: 'womens-clothing-reviews',
      sourceRow: Number(review.row),
      clothingId: review.clothingId,
      department: review.department || null,
      class: review.className || null,
      recommended: review.recommended === '1',
      positiveFeedbackCount: Number(review.positiveFeedbackCount),
    };
    if (review.title) metadata.title = review.title;
    return {
      id: `wcr-${review.row.padStart(5, '0')}`,
      text: review.text,
      date: isoDay(WINDOW_START + Math.floor(draw() * days) * DAY_MS),
      score: Number(review.rating),
      scoreType: 'csat',
      segment: SEGMENTS[review.division] ?? null,
      channel: pickWeighted(draw, CHANNELS),
      accountId: `acct-${String(account + 1).padStart(4, '0')}`,
      revenue: revenues[account],
      metadata,
    };
  });
  return records.sort((left, right) => (left.date === right.date ? left.id.localeCompare(right.id) : left.date.localeCompare(right.date)));
}

function shiftMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0)).getUTCDate();
  return isoDay(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth(), Math.min(day, lastDay)));
}

function buildNpsFeedback(): object[] {
  const draw = mulberry32(DEMO_SEED + 1);
  const pools = Object.fromEntries(
    Object.entries(NPS_ACCOUNTS).map(([segment, { count, median }]) => [segment, accountRevenues(draw, count, median)]),
  );
  const lines = readFileSync(path.join(PACKAGE_ROOT, 'data', 'sample.jsonl'), 'utf8').split('\n').filter((line) => line.trim());
  return lines.map((line) => {
    const { id, text, score, scoreType, date, segment, channel } = JSON.parse(line) as Record<string, string>;
    const pool = segment ? pools[segment] : undefined;
    const account = pool ? Math.floor(draw() * pool.length) : null;
    return {
      id: `nps-${id}`,
      text,
      date: shiftMonths(date!, NPS_SHIFT_MONTHS),
      score,
      scoreType,
      segment,
      channel,
      accountId: pool && account !== null ? `${segment}-${String(account + 1).padStart(3, '0')}` : null,
      revenue: pool && account !== null ? pool[account] : null,
      metadata: { source: 'verbatim-sample', sourceId: id },
    };
  });
}

function main(): void {
  const folder = path.join(PACKAGE_ROOT, 'data', 'demo');
  mkdirSync(folder, { recursive: true });
  const reviews = buildReviewFeedback();
  const nps = buildNpsFeedback();
  writeFileSync(path.join(folder, 'feedback.jsonl'), toJsonl(reviews));
  writeFileSync(path.join(folder, 'nps-feedback.jsonl'), toJsonl(nps));
  console.log(`wrote ${reviews.length} records to data/demo/feedback.jsonl and ${nps.length} to data/demo/nps-feedback.jsonl`);
}

main();
