/**
 * The corpus as discovery sees it: every comment reduced to the ids of its content lemmas, stored
 * in one growing Int32Array (a few bytes per word, so a million comments fit in memory), plus
 * corpus word counts for SIF weights and a seeded reservoir sample whose texts are kept for
 * fitting, labelling and representatives.
 */
import type { RecordId } from '../contract.js';
import type { TextDocument, Token } from '../text/index.js';
import { STOPWORDS } from '../themes/word-lists.js';
import { mulberry32 } from '../datasets/random.js';

/** A content word: letters (with inner apostrophes or hyphens), at least two characters. */
const CONTENT_WORD = /^[a-z][a-z'-]*[a-z]$/;

/** True when a token carries topic meaning (not a stopword, number, emoji or punctuation). */
export function isContentToken(token: Token): boolean {
  if (token.kind !== 'word') return false;
  const lemma = token.lemma.toLowerCase();
  return CONTENT_WORD.test(lemma) && !STOPWORDS.has(lemma) && !STOPWORDS.has(token.normal);
}

/** A sampled comment whose text is kept. */
export interface SampledComment {
  /** Position of the record among all records given to discovery. */
  index: number;
  id: RecordId;
  text: string;
}

/** Word ids per comment, word counts and the kept sample. */
export class Corpus {
  /** Lemma of each word id. */
  readonly words: string[] = [];
  private readonly idOfWord = new Map<string, number>();
  private counts: Uint32Array = new Uint32Array(1024);
  /** Comments using each word id (document frequency), for TF-IDF. */
  private documentCounts: Uint32Array = new Uint32Array(1024);
  /** The last comment that used each word id, to count each comment once. */
  private lastComment: Int32Array = new Int32Array(1024).fill(-1);
  totalWords = 0;
  private wordIds: Int32Array = new Int32Array(1 << 16);
  private wordIdsLength = 0;
  /** Start of each comment's word ids; comment i spans starts[i]..starts[i + 1]. */
  private starts: Uint32Array = new Uint32Array(1 << 12);
  /** Number of comments added (including empty ones). */
  size = 0;
  readonly ids: RecordId[] = [];
  readonly sample: SampledComment[] = [];
  private readonly random: () => number;

  constructor(
    private readonly sampleSize: number,
    seed: number,
  ) {
    this.random = mulberry32(seed);
  }

  /** Adds one comment (null text for a record that failed to parse: it holds no words). */
  add(id: RecordId, text: string | null, doc: TextDocument | null): void {
    const index = this.size;
    if (doc) for (const token of doc.tokens) if (isContentToken(token)) this.pushWord(token.lemma.toLowerCase());
    this.size += 1;
    this.ensureStarts(this.size + 1);
    this.starts[this.size] = this.wordIdsLength;
    this.ids.push(id);
    if (text === null) return;
    // Reservoir sampling (Algorithm R) driven by the seeded generator: the sample depends only on
    // the input order and the seed.
    const seen = this.sampledCandidates++;
    if (seen < this.sampleSize) this.sample.push({ index, id, text });
    else {
      const slot = Math.floor(this.random() * (seen + 1));
      if (slot < this.sampleSize) this.sample[slot] = { index, id, text };
    }
  }

  private sampledCandidates = 0;

  /** The word ids of comment `index` (a view, no copy). */
  wordsOf(index: number): Int32Array {
    return this.wordIds.subarray(this.starts[index]!, this.starts[index + 1]!);
  }

  /** How often word id `word` occurs in the corpus. */
  countOf(word: number): number {
    return this.counts[word]!;
  }

  /** How many comments use word id `word`. */
  documentCountOf(word: number): number {
    return this.documentCounts[word]!;
  }

  /** The sample in input order (the reservoir's slot order depends on replacements). */
  sortedSample(): SampledComment[] {
    return this.sample.slice().sort((a, b) => a.index - b.index);
  }

  private pushWord(word: string): void {
    let id = this.idOfWord.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.words.push(word);
      this.idOfWord.set(word, id);
      if (id >= this.counts.length) {
        this.counts = grow(this.counts, id + 1) as Uint32Array;
        this.documentCounts = grow(this.documentCounts, id + 1) as Uint32Array;
        const previous = this.lastComment;
        this.lastComment = new Int32Array(this.counts.length).fill(-1);
        this.lastComment.set(previous);
      }
    }
    this.counts[id]! += 1;
    if (this.lastComment[id] !== this.size) {
      this.lastComment[id] = this.size;
      this.documentCounts[id]! += 1;
    }
    this.totalWords += 1;
    if (this.wordIdsLength >= this.wordIds.length) this.wordIds = grow(this.wordIds, this.wordIdsLength + 1) as Int32Array;
    this.wordIds[this.wordIdsLength++] = id;
  }

  private ensureStarts(length: number): void {
    if (length > this.starts.length) this.starts = grow(this.starts, length) as Uint32Array;
  }
}

function grow<T extends Uint32Array | Int32Array>(array: T, minimum: number): T {
  let length = array.length * 2;
  while (length < minimum) length *= 2;
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
