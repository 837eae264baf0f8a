/**
 * Readers for the aspect-based sentiment XML files: SemEval-2014 Task 4 (aspectTerm), SemEval
 * 2015/2016 (Opinion with target) and MAMS ATSA. They return sentences with their aspect rows;
 * splitting into train/dev happens in splits.ts.
 */
import { XMLParser } from 'fast-xml-parser';
import { checkTarget } from './offsets.js';
import { readDataFile } from './paths.js';
import { emptyLoadReport, type LabelledText, type LoadReport, type SentimentLabel3 } from './types.js';

/** One source sentence and the rows made from it (aspect rows, or one sentence-level row). */
export interface AbsaSentence {
  text: string;
  rows: LabelledText[];
}

export interface AbsaFile {
  sentences: AbsaSentence[];
  report: LoadReport;
}

/** Elements that may occur once or many times; always read as arrays. */
const REPEATED_ELEMENTS = new Set(['Review', 'sentence', 'aspectTerm', 'Opinion']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => REPEATED_ELEMENTS.has(name),
});

interface RawAspect {
  term?: string;
  target?: string;
  polarity?: string;
  from?: string;
  to?: string;
}

interface RawSentence {
  id?: string;
  text?: unknown;
  aspectTerms?: { aspectTerm?: RawAspect[] };
  Opinions?: { Opinion?: RawAspect[] };
}

interface AspectCandidate {
  term: string;
  polarity: string | undefined;
  from: number;
  to: number;
}

const fileCache = new Map<string, Promise<AbsaFile>>();

/** Maps an ABSA polarity; "conflict" and anything unknown give null (the row is dropped). */
export function mapAbsaPolarity(polarity: string | undefined): SentimentLabel3 | null {
  if (polarity === 'positive' || polarity === 'negative' || polarity === 'neutral') return polarity;
  return null;
}

/**
 * Reads a SemEval-2014 or MAMS ATSA file (`<aspectTerm term polarity from to>`), cached per process.
 *
 * @example
 * const { sentences } = await readAspectTermFile('mams/ATSA/val.xml', 'mams');
 */
export function readAspectTermFile(relativePath: string, source: string): Promise<AbsaFile> {
  return cached(`terms:${relativePath}:${source}`, async () => {
    const document = parser.parse(await readDataFile(relativePath)) as { sentences?: { sentence?: RawSentence[] } };
    const report = emptyLoadReport();
    const sentences = (document.sentences?.sentence ?? []).map((raw) => {
      const text = textOf(raw);
      const candidates = (raw.aspectTerms?.aspectTerm ?? []).map((aspect) => toCandidate(aspect, aspect.term));
      return { text, rows: buildAspectRows(text, candidates, source, report) };
    });
    return { sentences, report };
  });
}

/**
 * Reads a SemEval 2015/2016 file (`<Review><sentences><sentence><Opinions><Opinion target ...>`).
 * Opinions with a real target become aspect rows. Opinions without one (target "NULL", or no target
 * attribute as in the laptop files) say something about the sentence as a whole: when a sentence
 * has at least one of them and every opinion of the sentence has the same polarity, the sentence
 * becomes one sentence-level row (no target); when opinions disagree no sentence row is made,
 * since the sentence label would be a guess.
 */
export function readOpinionFile(relativePath: string, source: string): Promise<AbsaFile> {
  return cached(`opinions:${relativePath}:${source}`, async () => {
    const document = parser.parse(await readDataFile(relativePath)) as {
      Reviews?: { Review?: { sentences?: { sentence?: RawSentence[] } }[] };
    };
    const report = emptyLoadReport();
    const sentences: AbsaSentence[] = [];
    for (const review of document.Reviews?.Review ?? []) {
      for (const raw of review.sentences?.sentence ?? []) {
        const text = textOf(raw);
        const opinions = raw.Opinions?.Opinion ?? [];
        const targeted = opinions.filter((opinion) => hasTarget(opinion.target));
        const rows = buildAspectRows(text, targeted.map((o) => toCandidate(o, o.target)), source, report);
        const untargeted = opinions.length - targeted.length;
        report.rowsRead += untargeted;
        const sentenceRow = untargeted > 0 ? sentenceLevelRow(text, opinions, source) : null;
        if (sentenceRow) {
          rows.push(sentenceRow);
          report.sentenceRowsFromUntargeted += 1;
        }
        sentences.push({ text, rows });
      }
    }
    return { sentences, report };
  });
}

function sentenceLevelRow(text: string, opinions: RawAspect[], source: string): LabelledText | null {
  const labels = new Set(opinions.map((opinion) => mapAbsaPolarity(opinion.polarity)));
  const [only] = [...labels];
  if (labels.size !== 1 || !only || text.trim() === '') return null;
  return { text, label: only, source };
}

function buildAspectRows(text: string, candidates: AspectCandidate[], source: string, report: LoadReport): LabelledText[] {
  report.rowsRead += candidates.length;
  const bySpan = new Map<string, LabelledText | null>();
  for (const candidate of candidates) {
    const label = mapAbsaPolarity(candidate.polarity);
    if (!label) {
      report.labelDropped += 1;
      continue;
    }
    const check = checkTarget(text, candidate.term, candidate.from, candidate.to);
    if (check.status === 'missing') {
      report.offsetsDropped += 1;
      continue;
    }
    if (check.status === 'repaired') report.offsetsRepaired += 1;
    const key = `${check.target.start}:${check.target.end}`;
    const earlier = bySpan.get(key);
    if (earlier === undefined) {
      bySpan.set(key, { text, label, target: check.target, source });
    } else if (earlier === null || earlier.label !== label) {
      // Two opinions on one span with different polarities (e.g. two categories): drop the span.
      report.duplicateDropped += earlier === null ? 1 : 2;
      bySpan.set(key, null);
    } else {
      report.duplicateDropped += 1;
    }
  }
  return [...bySpan.values()].filter((row): row is LabelledText => row !== null);
}

function toCandidate(aspect: RawAspect, term: string | undefined): AspectCandidate {
  return { term: term ?? '', polarity: aspect.polarity, from: Number(aspect.from), to: Number(aspect.to) };
}

function hasTarget(target: string | undefined): target is string {
  return target !== undefined && target !== 'NULL' && target.trim() !== '';
}

function textOf(raw: RawSentence): string {
  return typeof raw.text === 'string' ? raw.text : '';
}

function cached(key: string, load: () => Promise<AbsaFile>): Promise<AbsaFile> {
  let pending = fileCache.get(key);
  if (!pending) {
    pending = load();
    pending.catch(() => fileCache.delete(key));
    fileCache.set(key, pending);
  }
  return pending;
}
