/**
 * One model-token scan per comment, as model words (model-words.ts). The emotion model reads the
 * whole comment and the sentence model each clause; both used to scan their text (modelTokens was
 * ~12 % of the pipeline, half of it scanning clauses again). The scan with offsets is kept on the
 * TextDocument, and a clause takes its words from it (falling back to its own scan in the rare
 * cases tokensInRange refuses).
 *
 * The scan reuses the tokenizer's chunk cache (src/text/chunk-cache.ts): each cached
 * whitespace-free chunk keeps its model words in its memo slot, so a comment's scan mostly copies
 * words its chunks already hold, with no text scanned and no lookup (a separate cache of model
 * chunks cost one Map lookup per chunk, ~4.5 % of the pipeline).
 */
import type { Span } from '../contract.js';
import { documentChunks, type DocumentChunks, type TextChunk, type TextDocument } from '../text/document.js';
import { modelTokens, spannedLowerTokens, spannedModelTokens, tokensInRange, type SpannedTokens } from './model-tokens.js';
import { modelWord, modelWordEpoch, modelWordsOf, type ModelWord } from './model-words.js';

/**
 * The scan is kept on the document under a symbol (non-enumerable: JSON, spreads and key lists
 * never see it). Not in a WeakMap: V8's young-generation collections do not clear ephemerons, so
 * every scan outlived its document until a full collection (`verbatim tag` on 200k rows: peak RSS
 * 1.14-1.30 GB with a WeakMap, 0.96-0.98 GB with the property).
 */
const SCAN = Symbol('modelTokenScan');
type Scanned = TextDocument & { [SCAN]?: SpannedTokens<ModelWord> | null };

/** A chunk's model words and their offsets relative to the chunk's start, for one model-word epoch. */
interface ChunkWords {
  words: ModelWord[];
  spans: number[];
  epoch: number;
}

/**
 * What a chunk's memo holds: its one model word when that word is the whole chunk (most chunks:
 * "delivery", "slow"; no arrays kept per chunk, the server's memory is budgeted), its words with
 * offsets otherwise, or null when its words cannot be read from the chunk alone.
 */
type ChunkMemo = ModelWord | ChunkWords | null;

/** The owner of the chunks' memo slots (TextChunk). */
const CHUNK_MEMO_OWNER = Symbol('modelWords');

/**
 * The model words of text[start, end): null when they cannot be read from the chunk alone: its
 * lower case changes length (offsets would shift) or depends on what follows it (a capital sigma:
 * "Σ" lower-cases to "ς" only at the end of a word).
 */
function chunkMemo(text: string, start: number, end: number): ChunkMemo {
  const chunk = text.slice(start, end);
  const lower = chunk.toLowerCase();
  if (lower.length !== chunk.length || chunk.includes('\u03a3')) return null;
  const { tokens, spans } = spannedLowerTokens(lower);
  // A lone "'t" keeps the array form: the scan checks that form for treebank spacing (below).
  if (tokens.length === 1 && spans[0] === 0 && spans[1] === lower.length && tokens[0] !== "'t") return modelWord(tokens[0]);
  return { words: modelWordsOf(tokens), spans, epoch: modelWordEpoch() };
}

function isCurrent(memo: ChunkMemo | undefined): memo is ModelWord | ChunkWords | null {
  return memo !== undefined && (memo === null || memo.epoch === modelWordEpoch());
}

/** The chunk's memo, made (or renewed for a new model-word epoch) when it has none. */
function memoOf(text: string, chunk: TextChunk, start: number): ChunkMemo {
  let memo = chunk.memoOwner === CHUNK_MEMO_OWNER ? (chunk.memoValue as ChunkMemo) : undefined;
  if (!isCurrent(memo)) {
    memo = chunkMemo(text, start, start + chunk.length);
    chunk.memoOwner = CHUNK_MEMO_OWNER;
    chunk.memoValue = memo;
  }
  return memo;
}

/** The scan from the document's chunks' memos; null when a chunk cannot give its words alone. */
function scanChunks(text: string, chunks: DocumentChunks): SpannedTokens<ModelWord> | null {
  // Counted first, so the arrays are made at their size: grown by push they cost ~2 KB a comment.
  let count = 0;
  for (let index = 0; index < chunks.chunks.length; index++) {
    const memo = memoOf(text, chunks.chunks[index], chunks.starts[index]);
    if (memo === null) return null;
    if ('token' in memo) count += 1;
    // "doesn 't" (treebank spacing): the scanner joins "'t" to the word before, across the space.
    else if (memo.words.length > 0 && memo.words[0].token === "'t" && count > 0) return null;
    else count += memo.words.length;
  }
  const words: ModelWord[] = new Array(count);
  const spans: number[] = new Array(2 * count);
  let next = 0;
  for (let index = 0; index < chunks.chunks.length; index++) {
    const chunk = chunks.chunks[index];
    const start = chunks.starts[index];
    const memo = chunk.memoValue as ModelWord | ChunkWords;
    if ('token' in memo) {
      spans[2 * next] = start;
      spans[2 * next + 1] = start + chunk.length;
      words[next++] = memo;
      continue;
    }
    for (let position = 0; position < memo.words.length; position++) {
      spans[2 * next] = start + memo.spans[2 * position];
      spans[2 * next + 1] = start + memo.spans[2 * position + 1];
      words[next++] = memo.words[position];
    }
  }
  return { tokens: words, spans };
}

/**
 * modelTokens of the document's text as words with offsets: from its chunks when the tokenizer
 * gave them, else by scanning the text; null when lower-casing changed the text's length (offsets
 * would not map back: "İ" lower-cases to two code units).
 */
export function scanModelWords(doc: TextDocument): SpannedTokens<ModelWord> | null {
  const chunks = documentChunks(doc);
  const fromChunks = chunks ? scanChunks(doc.text, chunks) : null;
  if (fromChunks !== null) return fromChunks;
  const scan = spannedModelTokens(doc.text);
  return scan && { tokens: modelWordsOf(scan.tokens), spans: scan.spans };
}

/** The document's scan, made on first use; null when it has no offsets or cannot keep one (a frozen document: each caller then scans only its own text, not the whole document per clause). */
function scanOf(doc: TextDocument): SpannedTokens<ModelWord> | null {
  let scan = (doc as Scanned)[SCAN];
  if (scan === undefined) {
    if (!Object.isExtensible(doc)) return null;
    scan = scanModelWords(doc);
    Object.defineProperty(doc, SCAN, { value: scan, enumerable: false });
  }
  return scan;
}

/** modelTokens(doc.text) as model words, scanned once per document. */
export function documentModelWords(doc: TextDocument): ModelWord[] {
  return scanOf(doc)?.tokens ?? modelWordsOf(modelTokens(doc.text));
}

/** modelTokens(doc.text.slice(span.start, span.end)) as model words, from the document's scan when it can be. */
export function spanModelWords(doc: TextDocument, span: Span): ModelWord[] {
  const scan = scanOf(doc);
  return (scan && tokensInRange(scan, span.start, span.end)) ?? modelWordsOf(modelTokens(doc.text.slice(span.start, span.end)));
}
