import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseJsonlBatch, readJsonlBatches, type JsonlBatch, type JsonlBatchLimits } from '../../src/io/jsonl-batches.js';
import { readRecords } from '../../src/io/read-input.js';
import { DEFAULT_FIELDS, type ParsedRecord } from '../../src/io/records.js';

const MAX_TEXT = 40;

/** A parsed item as [line, id or error code, text]: what both paths must agree on. */
function summary(item: ParsedRecord): [number, string | number | null, string | null] {
  return item.ok ? [item.record.line, item.record.id, item.record.text] : [item.failure.line, item.failure.error.code, null];
}

/** `bytes` as a stream of `size`-byte reads (the whole input at once when size is 0). */
function chunked(bytes: Uint8Array, size: number): Readable {
  const chunks: Buffer[] = [];
  if (size === 0) chunks.push(Buffer.from(bytes));
  else for (let start = 0; start < bytes.length; start += size) chunks.push(Buffer.from(bytes.subarray(start, start + size)));
  return Readable.from(chunks);
}

/** What readRecords (the parsed path) yields for the input. */
async function parsedPath(bytes: Uint8Array): Promise<ReturnType<typeof summary>[]> {
  const items: ReturnType<typeof summary>[] = [];
  for await (const item of readRecords(chunked(bytes, 0), { ...DEFAULT_FIELDS, format: 'jsonl', maxTextLength: MAX_TEXT })) items.push(summary(item));
  return items;
}

/** The batches of the input, read in `size`-byte chunks. */
async function batchesOf(bytes: Uint8Array, size: number, limits: JsonlBatchLimits, skip = 0): Promise<JsonlBatch[]> {
  const batches: JsonlBatch[] = [];
  for await (const batch of readJsonlBatches(chunked(bytes, size), { limits, skip, source: 'input.jsonl' })) batches.push(batch);
  return batches;
}

const record = (id: string, text: string) => JSON.stringify({ id, text });

/** Inputs with every line-level oddity readRecords handles. */
const INPUTS: Record<string, string> = {
  plain: [record('a', 'The courier was late'), record('b', 'Love it'), record('c', 'ok')].join('\n') + '\n',
  'blank lines and no final line end': ['', record('a', 'one'), '   ', '\t', record('b', 'two'), '', '', record('c', 'three')].join('\n'),
  'CRLF and lone CR': record('a', 'one') + '\r\n' + record('b', 'two') + '\r' + record('c', 'three') + '\r\n\r\n' + record('d', 'four') + '\r',
  'byte-order mark': '\uFEFF' + record('a', 'first') + '\n' + record('b', 'second') + '\n',
  'a line that is only a byte-order mark, then records': '\uFEFF\n' + record('a', 'x') + '\n',
  'a U+FEFF opening a later line (not a byte-order mark: invalid JSON there)': record('a', 'x') + '\n\uFEFF' + record('b', 'y') + '\n' + record('c', 'z'),
  'non-ASCII text and non-ASCII blank lines': [record('a', 'café ☕ très bien 👍'), '\u00a0\u3000', '\u2028', record('b', 'Ünïcödé'), '\u00a0x', ''].join('\n'),
  'bad rows': ['{not json', record('a', 'fine'), '[1,2]', JSON.stringify({ id: 'long', text: 'x'.repeat(MAX_TEXT + 1) }), JSON.stringify({ id: 'n', text: 5 }), '"just a string"', record('b', 'end')].join('\n') + '\n',
  'only blank lines': '\n  \n\r\n\t\n',
  empty: '',
};

describe('readJsonlBatches + parseJsonlBatch', () => {
  for (const [name, text] of Object.entries(INPUTS)) {
    it(`yields the rows readRecords yields, with the same line numbers: ${name}`, async () => {
      const bytes = new TextEncoder().encode(text);
      const expected = await parsedPath(bytes);
      for (const size of [0, 1, 2, 3, 7, 64]) {
        for (const limits of [{ records: 1, bytes: 1 << 20 }, { records: 2, bytes: 1 << 20 }, { records: 1000, bytes: 30 }, { records: 1000, bytes: 1 << 20 }]) {
          for (let skip = 0; skip <= expected.length; skip += 1) {
            const batches = await batchesOf(bytes, size, limits, skip);
            const rows = batches.flatMap((batch) => {
              const parsed = parseJsonlBatch(batch, DEFAULT_FIELDS, MAX_TEXT);
              expect(parsed).toHaveLength(batch.records);
              expect(batch.records).toBeGreaterThan(0);
              expect(batch.records).toBeLessThanOrEqual(limits.records);
              return parsed.map(summary);
            });
            expect(rows, `chunks of ${size}, ${JSON.stringify(limits)}, skip ${skip}`).toEqual(expected.slice(skip));
          }
        }
      }
    });
  }

  it('cuts at the byte limit after the line that reaches it, never before a batch has a row', async () => {
    const text = [record('a', 'x'.repeat(30)), record('b', 'y'), record('c', 'z')].join('\n') + '\n';
    const batches = await batchesOf(new TextEncoder().encode(text), 0, { records: 100, bytes: 40 });
    expect(batches.map((batch) => batch.records)).toEqual([1, 2]);
    expect(batches.map((batch) => batch.firstLine)).toEqual([1, 2]);
  });

  it('gives each batch a buffer of its own, so it can move to a worker', async () => {
    const text = [record('a', 'one'), record('b', 'two')].join('\n');
    for (const batch of await batchesOf(new TextEncoder().encode(text), 0, { records: 1, bytes: 1 << 20 })) {
      expect(batch.bytes.byteOffset).toBe(0);
      expect(batch.bytes.buffer.byteLength).toBe(batch.bytes.length);
    }
  });

  it('fails with VERBATIM_E_CHECKPOINT when asked to skip more records than the input has', async () => {
    const text = record('a', 'one') + '\n\n' + record('b', 'two') + '\n';
    await expect(batchesOf(new TextEncoder().encode(text), 3, { records: 10, bytes: 1 << 20 }, 3)).rejects.toMatchObject({
      code: 'VERBATIM_E_CHECKPOINT',
      message: expect.stringContaining('only 2'),
    });
  });
});
