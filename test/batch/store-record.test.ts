import { beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import type { AnalysisResult } from '../../src/contract.js';
import type { InputRecord } from '../../src/io/records.js';
import { normalizeFeedbackRecord } from '../../src/store/validate-record.js';
import { toFeedbackRecord } from '../../src/batch/store-record.js';

let result: AnalysisResult;

beforeAll(async () => {
  const engine = await createEngine({ sentiment: { scorer: 'rules' } });
  result = await engine.analyze('The courier was two days late');
  await engine.close();
});

function record(id: InputRecord['id'], metadata: Record<string, unknown>): InputRecord {
  return { id, text: 'The courier was two days late', metadata, line: 1 };
}

describe('toFeedbackRecord', () => {
  it.each([
    {
      name: 'JSONL fields become store columns, the rest stays metadata',
      input: record('a1', { date: '2026-01-02', score: 3, scoreType: 'nps', channel: 'survey', region: 'north' }),
      expected: { id: 'a1', date: '2026-01-02', score: 3, scoreType: 'nps', channel: 'survey', segment: null, metadata: { region: 'north' } },
    },
    {
      name: 'CSV cells: numeric strings become numbers, empty cells become null',
      input: record('a2', { date: '2026-01-02', score: '9', scoreType: 'nps', segment: '', revenue: '1200.5' }),
      expected: { score: 9, segment: null, revenue: 1200.5, metadata: {} },
    },
    {
      name: 'a line-number id becomes a string key',
      input: record(17, { date: '2026-01-02' }),
      expected: { id: '17', score: null, scoreType: null },
    },
  ])('$name', ({ input, expected }) => {
    const feedback = toFeedbackRecord(input, result);
    expect(feedback).toMatchObject(expected);
    expect(() => normalizeFeedbackRecord(feedback)).not.toThrow();
  });

  it.each([
    { name: 'no date', metadata: {}, field: 'date' },
    { name: 'a date that is not ISO', metadata: { date: '02/01/2026' }, field: 'date' },
    { name: 'a score that is not a number', metadata: { date: '2026-01-02', score: 'high', scoreType: 'nps' }, field: 'score' },
  ])('leaves $name for the store to reject with VERBATIM_E_INVALID_FEEDBACK', ({ metadata, field }) => {
    const feedback = toFeedbackRecord(record('b1', metadata), result);
    expect(() => normalizeFeedbackRecord(feedback)).toThrow(expect.objectContaining({ code: 'VERBATIM_E_INVALID_FEEDBACK', message: expect.stringContaining(`"${field}"`) }));
  });
});
