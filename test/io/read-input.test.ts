import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readRecords, type ReadOptions } from '../../src/io/read-input.js';
import { DEFAULT_FIELDS, type ParsedRecord } from '../../src/io/records.js';

const CSV: ReadOptions = { ...DEFAULT_FIELDS, format: 'csv', maxTextLength: 1000 };

/** Every parsed item of `text`, in order. */
async function parseAll(text: string, options: ReadOptions = CSV): Promise<ParsedRecord[]> {
  const parsed: ParsedRecord[] = [];
  for await (const item of readRecords(Readable.from([text]), options)) parsed.push(item);
  return parsed;
}

/** Every parsed item as [line, id or error code]. */
async function readAll(text: string): Promise<[number, string | number | null][]> {
  return (await parseAll(text)).map((item) => (item.ok ? [item.record.line, item.record.id] : [item.failure.line, item.failure.error.code]));
}

describe('readRecords (CSV)', () => {
  it('keeps the good rows around a record with a stray quote, the bad one reported in its place', async () => {
    const text = 'id,text,score\n1,"The courier was late",3\n2,"ok then",5\n3,"Stray quote,4\n4,"fine",9\n5,"after",1\n';
    expect(await readAll(text)).toEqual([
      [1, '1'],
      [2, '2'],
      [3, 'VERBATIM_E_CSV_ROW'],
      [4, '5'],
    ]);
  });

  it('reports a record with several stray quotes once and goes on', async () => {
    const text = 'id,text\n1,"good"\n2,"ok "bad" quote"\n3,"fine"\n';
    expect(await readAll(text)).toEqual([
      [1, '1'],
      [2, 'VERBATIM_E_CSV_ROW'],
      [3, '3'],
    ]);
  });

  it('an unclosed quote at the end costs only the rows after it, never the rows before', async () => {
    const text = 'id,text\n1,"good"\n2,"fine"\n3,"never closed\n4,lost\n';
    const items = await readAll(text);
    expect(items.slice(0, 2)).toEqual([
      [1, '1'],
      [2, '2'],
    ]);
    expect(items.slice(2)).toEqual([[3, 'VERBATIM_E_CSV_ROW']]);
  });

  it('reads quoted newlines and commas as part of the text', async () => {
    const parsed = await parseAll('id,text\n1,"line one\nline two, still"\n2,plain\n');
    expect(parsed.map((item) => (item.ok ? item.record.text : null))).toEqual(['line one\nline two, still', 'plain']);
  });
});
