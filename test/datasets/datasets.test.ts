/**
 * Reads the real shared data (../shared/datasets, or $VERBATIM_DATASETS). Expected counts come
 * from /work/shared/datasets/README.md and from the published statistics of each set.
 */
import { describe, expect, it } from 'vitest';
import {
  ASPECT_DATASETS,
  SENTIMENT_DATASET_NAMES,
  datasetsAvailable,
  datasetsRoot,
  describeSentimentDataset,
  groupKeyOf,
  loadEmotionDataset,
  loadSentimentDataset,
  type LabelledText,
} from '../../src/datasets/index.js';

const runDataTests = datasetsAvailable() || process.env.CI === 'true';
if (!runDataTests) console.warn(`skipping dataset tests: ${datasetsRoot()} is missing`);

function countLabels(rows: LabelledText[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.label] = (counts[row.label] ?? 0) + 1;
  return counts;
}

describe.skipIf(!runDataTests)('datasets (shared data)', () => {
  it.each([
    // name, train rows, dev rows (README: sst2 67,349 / 872; sst5 8,544 / 1,101)
    ['sst2', 67_349, 872],
    ['sst5', 8_544, 1_101],
  ] as const)('%s has the official split sizes', async (name, train, dev) => {
    expect(await describeSentimentDataset(name)).toMatchObject({ train, dev });
  });

  it.each([
    // SemEval-2014 train: 3,693 restaurant and 2,358 laptop aspect terms, of which 91 and 45 are "conflict".
    ['semeval2014-restaurants', 3_693, 91, 3_602],
    ['semeval2014-laptops', 2_358, 45, 2_313],
  ] as const)('%s keeps every non-conflict aspect term', async (name, read, conflict, kept) => {
    const { train, dev, report } = await describeSentimentDataset(name);
    expect(report.rowsRead).toBe(read);
    expect(report.labelDropped).toBe(conflict);
    expect(report.offsetsDropped).toBe(0);
    expect(train + dev).toBe(kept);
    expect(dev / kept).toBeGreaterThan(0.12);
    expect(dev / kept).toBeLessThan(0.19);
  });

  it('mams uses val.xml as dev (1,332 aspects) and train.xml less the sentences in a SemEval dev', async () => {
    const { train, dev, report } = await describeSentimentDataset('mams');
    expect(dev).toBe(1_332);
    expect(train + report.heldOutDropped).toBe(11_186);
    expect(report.heldOutDropped).toBeLessThan(100);
  });

  it('clothing keeps every review with text (23,486 rows, 845 empty) and carves about 10% dev', async () => {
    const { train, dev, report } = await describeSentimentDataset('clothing');
    expect(report.rowsRead).toBe(23_486);
    expect(report.emptyDropped).toBe(845);
    expect(train + dev).toBe(23_486 - 845);
    expect(dev / (train + dev)).toBeGreaterThan(0.09);
    expect(dev / (train + dev)).toBeLessThan(0.11);
  });

  it('sst2 is binary and sst5 folds 1-2 / 3 / 4-5 (dev: 428 + 444 binary sentences plus 229 neutral)', async () => {
    expect(countLabels(await loadSentimentDataset('sst2', 'dev'))).toEqual({ negative: 428, positive: 444 });
    expect(countLabels(await loadSentimentDataset('sst5', 'dev'))).toEqual({ negative: 428, neutral: 229, positive: 444 });
  });

  it.each(ASPECT_DATASETS.map((name) => [name]))('%s: every target slice equals its text', async (name) => {
    const rows = [...(await loadSentimentDataset(name, 'train')), ...(await loadSentimentDataset(name, 'dev'))];
    const aspectRows = rows.filter((row) => row.target);
    expect(aspectRows.length).toBeGreaterThan(rows.length / 3);
    for (const row of aspectRows) {
      expect(row.text.slice(row.target!.start, row.target!.end)).toBe(row.target!.text);
    }
  });

  it.each(SENTIMENT_DATASET_NAMES.map((name) => [name]))('%s: no sentence text is in both train and dev', async (name) => {
    if (name === 'sst2' || name === 'sst5') return; // official splits, checked to be disjoint upstream
    const trainKeys = new Set((await loadSentimentDataset(name, 'train')).map((row) => groupKeyOf(row.text)));
    const shared = (await loadSentimentDataset(name, 'dev')).filter((row) => trainKeys.has(groupKeyOf(row.text)));
    expect(shared).toEqual([]);
  });

  it('a sentence shared by SemEval 2014 and 2015 lands on the same side in both', async () => {
    const devKeys2014 = new Set((await loadSentimentDataset('semeval2014-restaurants', 'dev')).map((r) => groupKeyOf(r.text)));
    const train2015 = await loadSentimentDataset('semeval2015', 'train');
    expect(train2015.filter((row) => devKeys2014.has(groupKeyOf(row.text)))).toEqual([]);
    const mamsTrainKeys = new Set((await loadSentimentDataset('mams', 'train')).map((r) => groupKeyOf(r.text)));
    expect([...devKeys2014].filter((key) => mamsTrainKeys.has(key))).toEqual([]);
  });

  it('semeval2015 makes sentence-level rows from untargeted opinions and aspect rows from targets', async () => {
    const rows = await loadSentimentDataset('semeval2015', 'train');
    const sources = new Set(rows.map((row) => row.source));
    expect(sources).toEqual(new Set(['semeval2015-restaurants', 'semeval2015-laptops']));
    expect(rows.some((row) => row.target === undefined)).toBe(true);
    expect(rows.filter((row) => row.source === 'semeval2015-laptops').every((row) => !row.target)).toBe(true);
  });

  it.each([
    // Pinned on the first run: a change here means the split moved (seed, hash or reader changed).
    ['semeval2014-restaurants', 581, 'They did not have mayonnaise, forgot our toast'],
    ['semeval2014-laptops', 306, 'The tech guy then said the service center'],
    ['clothing', 2_338, 'Love this dress!  it\'s sooo pretty.'],
  ] as const)('%s dev split is pinned: %i rows, first row starts %j', async (name, size, start) => {
    const first = await loadSentimentDataset(name, 'dev');
    const second = await loadSentimentDataset(name, 'dev');
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
    expect(first.length).toBe(size);
    expect(first[0]?.text.startsWith(start)).toBe(true);
  });

  it.each([
    ['goemotions', 43_410, 5_426],
    ['emotion6', 16_000, 2_000],
  ] as const)('%s has the README row counts', async (name, train, dev) => {
    expect((await loadEmotionDataset(name, 'train')).length).toBe(train);
    expect((await loadEmotionDataset(name, 'dev')).length).toBe(dev);
  });

  it('goemotions maps label ids to names from labels.txt', async () => {
    const dev = await loadEmotionDataset('goemotions', 'dev');
    // dev.tsv line 2: "You know the answer man, ..." with ids 4,27.
    expect(dev[1]?.labels).toEqual(['approval', 'neutral']);
    const names = new Set(dev.flatMap((row) => row.labels));
    expect(names.size).toBe(28);
    expect(names.has('gratitude')).toBe(true);
  });
});
