/**
 * The one tokenization of the sequence (v2) models, in training and in serving: text -> token rows
 * of the embedding table (models/embeddings vocabulary, OOV words hashed into trainable rows),
 * plus, for an aspect item, each token's position bucket relative to the target.
 */
import { hashString } from '../featurizer.js';
import { modelTokens } from '../model-tokens.js';
import { MODEL_WORD_LIMIT, currentWord, type ModelWord } from '../model-words.js';

/** Row 0 of every table is padding. */
export const PAD_ROW = 0;
/** Longest token sequence a model sees; longer texts keep their first tokens (aspect: a window around the target). */
export const MAX_SEQUENCE_TOKENS = 96;
/**
 * Signed distance bands from the target edge (tokens). Bucket 0 = padding, 1 = inside the target,
 * then one bucket per band on the left and on the right.
 */
const DISTANCE_BANDS = [1, 2, 3, 4, 6, 9, 14, Infinity];
export const POSITION_BUCKETS = 2 + 2 * DISTANCE_BANDS.length;

/** How a vocabulary maps a word to a row: frequency rank in models/embeddings, or -1. */
export interface TokenVocabulary {
  /** Rows 1..wordRows are the pretrained vectors (row = rank + 1). */
  readonly wordRows: number;
  /** Trainable rows after the words that OOV tokens (punctuation, numbers, rare words) hash into. */
  readonly oovBuckets: number;
  rankOf(word: string): number;
}

/** A tokenized model input: `rows` index the embedding table; `positions` only for aspect items. */
export interface SequenceInput {
  rows: Int32Array;
  positions?: Int32Array;
  /** Token index range of the target (aspect items). */
  targetStart?: number;
  targetEnd?: number;
}

/** The table row of one token. */
export function rowOfToken(token: string, vocabulary: TokenVocabulary): number {
  const rank = vocabulary.rankOf(token);
  if (rank >= 0 && rank < vocabulary.wordRows) return rank + 1;
  return 1 + vocabulary.wordRows + (hashString(token) % vocabulary.oovBuckets);
}

function bandOf(distance: number): number {
  let band = 0;
  while (distance > DISTANCE_BANDS[band]) band++;
  return band;
}

/** Pads a sequence with PAD rows up to `minimum` tokens (so every conv window width fits). */
function padded(rows: number[], minimum: number): Int32Array {
  const result = new Int32Array(Math.max(rows.length, minimum));
  result.set(rows);
  return result;
}

/** Sentence model input: the text's tokens as rows, at least `minimum` long. */
export function sentenceInput(text: string, vocabulary: TokenVocabulary, minimum: number): SequenceInput {
  return { rows: padded(modelTokens(text).slice(0, MAX_SEQUENCE_TOKENS).map((token) => rowOfToken(token, vocabulary)), minimum) };
}

/**
 * A vocabulary's rows of model words, kept by word id for the current model-word epoch, so a
 * token's row costs an array read instead of a lookup in the 60k-word vocabulary.
 */
export class WordRows {
  private rows = new Int32Array(0);
  private epoch = -1;
  constructor(private readonly vocabulary: TokenVocabulary) {}

  /** rowOfToken(word.token, vocabulary). */
  rowOf(word: ModelWord): number {
    const current = currentWord(word);
    if (current.epoch !== this.epoch) {
      // Row 0 is padding, never a token's row: it marks "not looked up yet".
      if (this.rows.length === 0) this.rows = new Int32Array(MODEL_WORD_LIMIT);
      else this.rows.fill(0);
      this.epoch = current.epoch;
    }
    let row = this.rows[current.id];
    if (row === 0) row = this.rows[current.id] = rowOfToken(current.token, this.vocabulary);
    return row;
  }
}

/** sentenceInput() over model words (the document scan's), their rows read by word id. */
export function sentenceInputFromWords(words: readonly ModelWord[], rows: WordRows, minimum: number): SequenceInput {
  const length = Math.min(words.length, MAX_SEQUENCE_TOKENS);
  const result = new Int32Array(Math.max(length, minimum));
  for (let index = 0; index < length; index++) result[index] = rows.rowOf(words[index]);
  return { rows: result };
}

/**
 * Aspect model input: tokens before, inside and after text[start, end), each with its position
 * bucket; a long text is cut to a window around the target.
 */
export function aspectInput(item: { text: string; start: number; end: number }, vocabulary: TokenVocabulary, minimum: number): SequenceInput {
  const text = String(item.text ?? '');
  const start = Math.max(0, Math.min(text.length, Math.floor(Number(item.start) || 0)));
  const end = Math.max(start, Math.min(text.length, Math.floor(Number(item.end) || 0)));
  let before = modelTokens(text.slice(0, start));
  let target = modelTokens(text.slice(start, end));
  let after = modelTokens(text.slice(end));
  target = target.slice(0, 8);
  const room = Math.max(0, MAX_SEQUENCE_TOKENS - target.length);
  const side = Math.floor(room / 2);
  if (before.length + after.length > room) {
    const keepBefore = Math.min(before.length, Math.max(side, room - after.length));
    before = before.slice(before.length - keepBefore);
    after = after.slice(0, room - keepBefore);
  }
  const tokens = [...before, ...target, ...after];
  const positions = new Int32Array(Math.max(tokens.length, minimum));
  tokens.forEach((_, index) => {
    if (index < before.length) positions[index] = 2 + bandOf(before.length - index);
    else if (index < before.length + target.length) positions[index] = 1;
    else positions[index] = 2 + DISTANCE_BANDS.length + bandOf(index - before.length - target.length + 1);
  });
  return {
    rows: padded(tokens.map((token) => rowOfToken(token, vocabulary)), minimum),
    positions,
    targetStart: before.length,
    targetEnd: before.length + target.length,
  };
}
