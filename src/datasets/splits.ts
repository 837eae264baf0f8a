/**
 * Train/dev splits for every sentiment set. Official splits are used where they exist (SST-2,
 * SST-5, MAMS). SemEval and the clothing reviews have no dev file, so dev is carved by a seeded
 * draw per sentence text (see isDevGroup): all aspects of a sentence stay together, and a sentence
 * that appears in several SemEval files lands on the same side in each. Cross-set leaks are closed
 * too: a SemEval sentence that is also in MAMS val goes to SemEval dev (never to a train split), and
 * MAMS train drops the few sentences that sit in a SemEval dev split.
 */
import { readAspectTermFile, readOpinionFile, type AbsaFile, type AbsaSentence } from './absa.js';
import { groupKeyOf, isDevGroup } from './random.js';
import { readClothing, readSst2, readSst5, type TextSet } from './text-sets.js';
import { emptyLoadReport, type LabelledText, type LoadReport, type SentimentDatasetName } from './types.js';

/** Share of SemEval sentences carved out as dev (the brief: 15%, like common ABSA practice). */
export const SEMEVAL_DEV_FRACTION = 0.15;
/** Share of clothing reviews carved out as dev. */
export const CLOTHING_DEV_FRACTION = 0.1;

export interface SplitSet {
  train: LabelledText[];
  dev: LabelledText[];
  report: LoadReport;
}

const SEMEVAL_FILES: Record<string, { path: string; source: string; kind: 'terms' | 'opinions' }[]> = {
  'semeval2014-restaurants': [
    { path: 'semeval2014/Restaurants_Train_v2.xml', source: 'semeval2014-restaurants', kind: 'terms' },
  ],
  'semeval2014-laptops': [{ path: 'semeval2014/Laptop_Train_v2.xml', source: 'semeval2014-laptops', kind: 'terms' }],
  semeval2015: [
    { path: 'semeval2015/ABSA-15_Restaurants_Train_Final.xml', source: 'semeval2015-restaurants', kind: 'opinions' },
    { path: 'semeval2015/ABSA-15_Laptops_Train_Data.xml', source: 'semeval2015-laptops', kind: 'opinions' },
  ],
  semeval2016: [
    { path: 'semeval2016/ABSA16_Restaurants_Train_SB1_v2.xml', source: 'semeval2016-restaurants', kind: 'opinions' },
    { path: 'semeval2016/ABSA16_Laptops_Train_SB1_v2.xml', source: 'semeval2016-laptops', kind: 'opinions' },
  ],
};

const MAMS_TRAIN = 'mams/ATSA/train.xml';
const MAMS_VAL = 'mams/ATSA/val.xml';

const splitCache = new Map<SentimentDatasetName, Promise<SplitSet>>();

/** Builds (once per process) the train and dev rows of a sentiment set, with its load report. */
export function loadSplitSet(name: SentimentDatasetName): Promise<SplitSet> {
  let pending = splitCache.get(name);
  if (!pending) {
    pending = buildSplitSet(name);
    pending.catch(() => splitCache.delete(name));
    splitCache.set(name, pending);
  }
  return pending;
}

async function buildSplitSet(name: SentimentDatasetName): Promise<SplitSet> {
  switch (name) {
    case 'sst2':
      return officialSplits(await readSst2('train'), await readSst2('dev'));
    case 'sst5':
      return officialSplits(await readSst5('train'), await readSst5('dev'));
    case 'clothing':
      return carveTextSet(await readClothing());
    case 'mams':
      return mamsSplits();
    default:
      return semevalSplits(name);
  }
}

function officialSplits(train: TextSet, dev: TextSet): SplitSet {
  return { train: train.rows, dev: dev.rows, report: mergeReports([train.report, dev.report]) };
}

function carveTextSet(set: TextSet): SplitSet {
  const train: LabelledText[] = [];
  const dev: LabelledText[] = [];
  for (const row of set.rows) {
    (isDevGroup(groupKeyOf(row.text), CLOTHING_DEV_FRACTION) ? dev : train).push(row);
  }
  return { train, dev, report: set.report };
}

async function semevalSplits(name: SentimentDatasetName): Promise<SplitSet> {
  const files = await Promise.all((SEMEVAL_FILES[name] ?? []).map(readSemevalFile));
  const mamsValKeys = new Set((await readAspectTermFile(MAMS_VAL, 'mams')).sentences.map((s) => groupKeyOf(s.text)));
  const train: LabelledText[] = [];
  const dev: LabelledText[] = [];
  for (const file of files) {
    for (const sentence of file.sentences) {
      const key = groupKeyOf(sentence.text);
      const toDev = isDevGroup(key, SEMEVAL_DEV_FRACTION) || mamsValKeys.has(key);
      (toDev ? dev : train).push(...sentence.rows);
    }
  }
  return { train, dev, report: mergeReports(files.map((file) => file.report)) };
}

async function mamsSplits(): Promise<SplitSet> {
  const [train, val, semevalDevKeys] = await Promise.all([
    readAspectTermFile(MAMS_TRAIN, 'mams'),
    readAspectTermFile(MAMS_VAL, 'mams'),
    allSemevalDevKeys(),
  ]);
  const kept = train.sentences.filter((sentence) => !semevalDevKeys.has(groupKeyOf(sentence.text)));
  const report = mergeReports([train.report, val.report]);
  report.heldOutDropped += rowsOf(train.sentences).length - rowsOf(kept).length;
  return { train: rowsOf(kept), dev: rowsOf(val.sentences), report };
}

async function allSemevalDevKeys(): Promise<Set<string>> {
  const files = await Promise.all(Object.values(SEMEVAL_FILES).flat().map(readSemevalFile));
  const keys = new Set<string>();
  for (const file of files) {
    for (const sentence of file.sentences) {
      const key = groupKeyOf(sentence.text);
      if (isDevGroup(key, SEMEVAL_DEV_FRACTION)) keys.add(key);
    }
  }
  return keys;
}

function readSemevalFile(file: { path: string; source: string; kind: 'terms' | 'opinions' }): Promise<AbsaFile> {
  return file.kind === 'terms' ? readAspectTermFile(file.path, file.source) : readOpinionFile(file.path, file.source);
}

function rowsOf(sentences: AbsaSentence[]): LabelledText[] {
  return sentences.flatMap((sentence) => sentence.rows);
}

function mergeReports(reports: LoadReport[]): LoadReport {
  const total = emptyLoadReport();
  for (const report of reports) {
    for (const field of Object.keys(total) as (keyof LoadReport)[]) total[field] += report[field];
  }
  return total;
}
