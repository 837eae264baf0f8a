/**
 * JSONL input cut into batches of raw bytes, for jobs that parse on worker threads (`verbatim tag`).
 * The reading thread only finds line ends and counts records; each worker decodes and parses its
 * own batch. Parsing on the main thread (readline's lines, JSON.parse, validation) and cloning the
 * records to the workers had cost that thread 11.5-14 µs a row; cutting lines costs it 6-7 (bench/tag.ts on
 * 200k rows, three runs each), while the workers, which had to decode the cloned records anyway, now parse them.
 *
 * Lines, blank lines and the byte-order mark are read exactly as readRecords reads them
 * (read-input.ts: readline's line ends \n, \r\n and a lone \r; a line whose trim() is empty holds
 * no record; a BOM opens line 1 only), so line numbers, record counts and checkpoints agree with
 * the parsed path; test/io/jsonl-batches.test.ts checks both against each other.
 */
import { VerbatimError } from '../errors.js';
import { parseJsonLine, type ParsedRecord, type RecordFields } from './records.js';

/** A run of consecutive input lines, its first line's number and how many records it holds. */
export interface JsonlBatch {
  /** The lines' UTF-8 bytes, line ends included, in a buffer of their own (transferable). */
  bytes: Uint8Array;
  /** 1-based number of the first line in `bytes`. */
  firstLine: number;
  /** Non-blank lines in `bytes`: the rows the batch yields. */
  records: number;
}

/** Where a reader cuts batches: at a record count or a byte total, whichever comes first. */
export interface JsonlBatchLimits {
  records: number;
  /** The lines' bytes, at least the characters of the texts they hold, so a byte bound is a text bound too. */
  bytes: number;
}

const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const BOM = [0xef, 0xbb, 0xbf];

/**
 * A Buffer view of `bytes` (no copy), for Buffer's memchr-backed indexOf and its UTF-8 decoding,
 * the one decoding both the reader and the worker use: it keeps a U+FEFF (only the file's own first
 * one is dropped, by the reader, as readRecords does) and replaces bad sequences as TextDecoder does.
 */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** True for the ASCII bytes String.prototype.trim removes (tab, LF, VT, FF, CR, space). */
function isAsciiSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

/** What readJsonlBatches needs besides its input. */
export interface JsonlReadOptions {
  limits: JsonlBatchLimits;
  /** Records an earlier run wrote: read past, never yielded. */
  skip: number;
  /** The input's name, for the error when it holds fewer than `skip` records. */
  source: string;
  /** Where a cut batch's bytes go: `bytes` long, owned by the batch (default a new array; `tag` reuses buffers). */
  allocate?: (bytes: number) => Uint8Array;
}

/**
 * Yields the input's lines as batches, after skipping its first `skip` records (an earlier run's).
 * Memory holds one batch and one read chunk. A \r\n split across two reads is one line end.
 */
export async function* readJsonlBatches(input: AsyncIterable<Uint8Array | string>, options: JsonlReadOptions): AsyncGenerator<JsonlBatch> {
  const { limits, skip } = options;
  const allocate = options.allocate ?? ((bytes: number) => new Uint8Array(bytes));
  /** The batch being gathered: views into read chunks, copied into one buffer when it is cut. */
  let pieces: Uint8Array[] = [];
  let pieceBytes = 0;
  let records = 0;
  let firstLine = 1;
  let line = 1;
  let seen = 0;
  /** The line being scanned: holds a byte trim() keeps; holds a non-ASCII byte (then decoding decides). */
  let content = false;
  let nonAscii = false;
  /** Bytes of the line being scanned, kept only while it has non-ASCII bytes and nothing else. */
  let openLine: Uint8Array[] = [];
  /** The first bytes, held until there are enough to tell whether they open with a BOM (null: decided). */
  let head: Uint8Array | null = new Uint8Array(0);
  /** The previous chunk ended with a \r that ended a line: a \n opening this one belongs to it. */
  let carriageReturnEnded = false;

  const cut = (): JsonlBatch => {
    const bytes = allocate(pieceBytes);
    let offset = 0;
    for (const piece of pieces) {
      bytes.set(piece, offset);
      offset += piece.length;
    }
    const batch = { bytes, firstLine, records };
    pieces = [];
    pieceBytes = 0;
    records = 0;
    firstLine = line;
    return batch;
  };

  /** Ends the line just scanned; true when it holds a record. */
  const endLine = (): boolean => {
    const holds = content || (nonAscii && asBuffer(concat(openLine)).toString('utf8').trim() !== '');
    content = false;
    nonAscii = false;
    openLine = [];
    line += 1;
    return holds;
  };

  function* scan(chunk: Uint8Array): Generator<JsonlBatch> {
    let from = 0;
    let lineStart = 0;
    let index = 0;
    if (carriageReturnEnded && chunk[0] === LINE_FEED) {
      index = 1;
      lineStart = 1;
      // Nothing gathered yet: the line it ends was cut into the last batch, or skipped.
      if (pieceBytes === 0) from = 1;
    }
    carriageReturnEnded = false;
    for (; index < chunk.length; index++) {
      const byte = chunk[index]!;
      if (byte !== LINE_FEED && byte !== CARRIAGE_RETURN) {
        if (byte >= 0x80) nonAscii = true;
        else if (!isAsciiSpace(byte)) content = true;
        continue;
      }
      if (nonAscii && !content) openLine.push(chunk.subarray(lineStart, index));
      let end = index + 1;
      if (byte === CARRIAGE_RETURN) {
        if (end === chunk.length) carriageReturnEnded = true;
        else if (chunk[end] === LINE_FEED) end += 1;
      }
      index = end - 1;
      lineStart = end;
      const holds = endLine();
      if (seen < skip) {
        from = end;
        if (holds && ++seen === skip) firstLine = line;
        continue;
      }
      if (!holds) continue;
      records += 1;
      if (records >= limits.records || pieceBytes + end - from >= limits.bytes) {
        pieces.push(chunk.subarray(from, end));
        pieceBytes += end - from;
        from = end;
        yield cut();
      }
    }
    if (nonAscii && !content) openLine.push(chunk.subarray(lineStart));
    // While skipping, the open line is an earlier run's or a blank one: nothing of it is gathered.
    if (seen < skip || from === chunk.length) return;
    pieces.push(chunk.subarray(from));
    pieceBytes += chunk.length - from;
  }

  for await (const read of input) {
    let chunk: Uint8Array = typeof read === 'string' ? Buffer.from(read) : read;
    if (chunk.length === 0) continue;
    if (head !== null) {
      chunk = head.length > 0 ? concat([head, chunk]) : chunk;
      if (chunk.length < BOM.length && startsLikeBom(chunk)) {
        head = Uint8Array.from(chunk);
        continue;
      }
      head = null;
      if (startsLikeBom(chunk)) chunk = chunk.subarray(BOM.length);
    }
    yield* scan(chunk);
  }
  if (head !== null && head.length > 0) yield* scan(head);
  // The last line may have no line end.
  if (content || nonAscii) {
    const holds = endLine();
    if (holds && seen < skip) seen += 1;
    else if (holds) records += 1;
  }
  if (records > 0) yield cut();
  if (seen < skip) {
    throw new VerbatimError('VERBATIM_E_CHECKPOINT', { path: options.source, detail: `the checkpoint recorded ${skip} records but the input has only ${seen}` });
  }
}

/** True when `bytes` are a byte-order mark or its first bytes (a whole BOM when there are three or more). */
function startsLikeBom(bytes: Uint8Array): boolean {
  const length = Math.min(bytes.length, BOM.length);
  for (let index = 0; index < length; index++) if (bytes[index] !== BOM[index]) return false;
  return length > 0;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  return Buffer.concat(parts);
}

/**
 * The records of a batch, in order: blank lines skipped, each line's number kept (readRecords' rules).
 * Lines are cut in the bytes (a line-end byte never occurs inside a UTF-8 sequence) and decoded one
 * by one: decoding the whole batch made one ~0.3 MB string in V8's large-object space (fresh pages
 * every batch), and JSON.parse copied each slice of it flat again.
 */
export function parseJsonlBatch(batch: Pick<JsonlBatch, 'bytes' | 'firstLine'>, fields: RecordFields, maxTextLength: number): ParsedRecord[] {
  const bytes = asBuffer(batch.bytes);
  const records: ParsedRecord[] = [];
  // Most files have no \r at all: their line ends are found by indexOf.
  const carriageReturns = bytes.indexOf(CARRIAGE_RETURN) >= 0;
  let line = batch.firstLine;
  let start = 0;
  while (start < bytes.length) {
    let end = carriageReturns ? start : bytes.indexOf(LINE_FEED, start);
    if (end < 0) end = bytes.length;
    while (carriageReturns && end < bytes.length && bytes[end] !== LINE_FEED && bytes[end] !== CARRIAGE_RETURN) end += 1;
    const source = bytes.toString('utf8', start, end);
    if (source.trim() !== '') records.push(parseJsonLine(source, line, fields, maxTextLength));
    line += 1;
    start = end + (bytes[end] === CARRIAGE_RETURN && bytes[end + 1] === LINE_FEED ? 2 : 1);
  }
  return records;
}
