/**
 * The benchmark corpus: deterministic, built from the project's own data, the same on every machine.
 *
 * Sources: data/sample.jsonl (125 hand-written CX comments: delivery, billing, support, app) and
 * data/demo/feedback.jsonl (3,000 real clothing reviews, up to 500 characters). Each comment is
 * drawn by a seeded mulberry32 (the project's generator) as one of four shapes, so lengths mix
 * like a real feedback export (short survey answers, medium reviews, a few long rants):
 *   - 40 % a CX comment as written;
 *   - 35 % a review as written;
 *   - 15 % a review cut after its first one or two sentences (medium length);
 *   - 10 % two to four CX comments and reviews joined into one long comment.
 * Then, with 50 % probability, one light perturbation that keeps the text realistic but makes it
 * distinct from its source, so no whole-text cache can make the benchmark trivially repetitive:
 * an opener ("Honestly, "), a closing remark ("Order #48213."), a doubled letter in one word
 * (a typo), one word upper-cased (shouting), or "!" / "." swapped for "!!" / "...".
 * Word-level reuse stays realistic: the vocabulary is that of real feedback.
 *
 * Usage: corpusTexts(10_000) for in-memory benchmarks; writeCorpusFile(path, 1_000_000) for the
 * CLI benchmarks (JSONL or CSV, streamed, never held in memory whole).
 */
import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { mulberry32 } from '../dist/datasets/random.js';
import { ROOT } from './lib.js';

/** The seed of every benchmark corpus unless a script is told otherwise (--seed). */
export const CORPUS_SEED = 20261123;

/** One benchmark record: what `verbatim tag` and `verbatim discover` read. */
export interface CorpusRecord {
  id: string;
  text: string;
  date: string;
  score: number;
  scoreType: 'nps' | 'csat';
}

interface SourceText {
  text: string;
  score: number;
  scoreType: 'nps' | 'csat';
}

function readJsonl(file: string): SourceText[] {
  return readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { text?: unknown; score?: unknown; scoreType?: unknown })
    .filter((row): row is { text: string; score: number; scoreType: 'nps' | 'csat' } => typeof row.text === 'string' && row.text.trim() !== '')
    .map((row) => ({ text: row.text, score: typeof row.score === 'number' ? row.score : 0, scoreType: row.scoreType === 'csat' ? 'csat' : 'nps' }));
}

let sources: { cx: SourceText[]; reviews: SourceText[] } | null = null;

function loadSources(): { cx: SourceText[]; reviews: SourceText[] } {
  sources ??= { cx: readJsonl('data/sample.jsonl'), reviews: readJsonl('data/demo/feedback.jsonl') };
  return sources;
}

const OPENERS = ['Honestly, ', 'Well, ', 'Ok so ', 'To be fair, ', 'Update: ', 'FYI '];
const CLOSERS = [' Order #', ' Ref ', ' Ticket ', ' Thanks.', ' Will see.', ' 5 stars.'];
const SENTENCE_END = /[.!?](\s|$)/g;

/** The text up to the end of its `count`-th sentence (or the whole text). */
function firstSentences(text: string, count: number): string {
  SENTENCE_END.lastIndex = 0;
  let end = text.length;
  for (let seen = 0; seen < count; seen += 1) {
    const match = SENTENCE_END.exec(text);
    if (!match) return text;
    end = match.index + 1;
  }
  return text.slice(0, end);
}

/** One light, realistic change that makes the text distinct from its source. */
function perturb(text: string, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  switch (Math.floor(random() * 5)) {
    case 0:
      return pick(OPENERS) + text.charAt(0).toLowerCase() + text.slice(1);
    case 1: {
      const closer = pick(CLOSERS);
      return text + closer + (closer.endsWith('.') ? '' : `${10_000 + Math.floor(random() * 90_000)}.`);
    }
    case 2: {
      // A typo: one letter of one longer word doubled.
      const words = [...text.matchAll(/[A-Za-z]{5,}/g)];
      if (words.length === 0) return text + '!';
      const word = pick(words);
      const at = word.index + 1 + Math.floor(random() * (word[0].length - 2));
      return text.slice(0, at) + text.charAt(at) + text.slice(at);
    }
    case 3: {
      const words = [...text.matchAll(/[a-z]{4,}/g)];
      if (words.length === 0) return text;
      const word = pick(words);
      return text.slice(0, word.index) + word[0].toUpperCase() + text.slice(word.index + word[0].length);
    }
    default:
      return text.includes('!') ? text.replace('!', '!!') : text.replace(/\.(\s|$)/, '...$1');
  }
}

/**
 * The `index`-th record of the corpus with `seed`: depends only on (seed, index), so a 1M-row file
 * and a 10k in-memory corpus agree on their first 10k records.
 */
export function corpusRecord(index: number, seed: number = CORPUS_SEED): CorpusRecord {
  const { cx, reviews } = loadSources();
  const random = mulberry32((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const shape = random();
  let source: SourceText;
  let text: string;
  if (shape < 0.4) {
    source = pick(cx);
    text = source.text;
  } else if (shape < 0.75) {
    source = pick(reviews);
    text = source.text;
  } else if (shape < 0.9) {
    source = pick(reviews);
    text = firstSentences(source.text, 1 + Math.floor(random() * 2));
  } else {
    source = pick(cx);
    const parts = [source.text];
    const extra = 1 + Math.floor(random() * 3);
    for (let part = 0; part < extra; part += 1) parts.push(pick(random() < 0.5 ? cx : reviews).text);
    text = parts.join(' ');
  }
  if (random() < 0.5) text = perturb(text, random);
  const day = Math.floor(random() * 365);
  const date = new Date(Date.UTC(2025, 10, 1) + day * 86_400_000).toISOString().slice(0, 10);
  return { id: `b${index + 1}`, text, date, score: source.score, scoreType: source.scoreType };
}

/** The first `size` texts of the corpus. */
export function corpusTexts(size: number, seed: number = CORPUS_SEED): string[] {
  return Array.from({ length: size }, (_, index) => corpusRecord(index, seed).text);
}

/** Writes the first `size` records as JSONL or CSV (header id,text,date,score,scoreType), streamed. */
export async function writeCorpusFile(file: string, size: number, format: 'jsonl' | 'csv' = 'jsonl', seed: number = CORPUS_SEED): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  const write = async (chunk: string): Promise<void> => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  };
  if (format === 'csv') await write('id,text,date,score,scoreType\n');
  const CHUNK = 2_000;
  for (let start = 0; start < size; start += CHUNK) {
    const records = Array.from({ length: Math.min(CHUNK, size - start) }, (_, offset) => corpusRecord(start + offset, seed));
    const chunk =
      format === 'csv'
        ? stringify(records.map((record) => [record.id, record.text, record.date, record.score, record.scoreType]))
        : records.map((record) => JSON.stringify(record)).join('\n') + '\n';
    await write(chunk);
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

/** Length statistics of a corpus. */
export interface CorpusDescription {
  comments: number;
  distinct: number;
  meanCharacters: number;
  p10Characters: number;
  medianCharacters: number;
  p90Characters: number;
  maxCharacters: number;
  whitespaceTokens: number;
}

/** Length statistics of a list of texts, for result files and the README. */
export function describeTexts(texts: readonly string[]): CorpusDescription {
  const characters = texts.map((text) => text.length).sort((a, b) => a - b);
  const at = (quantile: number): number => characters[Math.min(characters.length - 1, Math.floor(quantile * characters.length))]!;
  const words = texts.reduce((sum, text) => sum + text.split(/\s+/).filter(Boolean).length, 0);
  return {
    comments: texts.length,
    distinct: new Set(texts).size,
    meanCharacters: Math.round(characters.reduce((sum, length) => sum + length, 0) / texts.length),
    p10Characters: at(0.1),
    medianCharacters: at(0.5),
    p90Characters: at(0.9),
    maxCharacters: characters[characters.length - 1]!,
    whitespaceTokens: words,
  };
}
