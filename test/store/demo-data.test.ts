import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config.js';
import { normalizeFeedbackRecord, type FeedbackRecord } from '../../src/store/index.js';
import { resultFor } from './fixtures.js';

/** Largest committed demo file (the brief's budget for data/demo). */
const MAX_DEMO_BYTES = 5 * 1024 * 1024;

function readDemo(name: string): FeedbackRecord[] {
  const file = path.join(PACKAGE_ROOT, 'data', 'demo', name);
  expect(statSync(file).size).toBeLessThan(MAX_DEMO_BYTES);
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as FeedbackRecord);
}

describe('demo data', () => {
  it.each<[string, number, string]>([
    ['feedback.jsonl', 3000, 'csat'],
    ['nps-feedback.jsonl', 125, 'nps'],
  ])('%s: %i valid records with unique ids, all %s, inside Nov 2025 - Oct 2026', (name, count, scoreType) => {
    const records = readDemo(name);
    expect(records).toHaveLength(count);
    expect(new Set(records.map((record) => record.id)).size).toBe(count);
    for (const record of records) {
      const normalized = normalizeFeedbackRecord({ ...record, result: resultFor(record.id, record.text, 0) });
      expect(normalized.scoreType).toBe(scoreType);
      expect(normalized.date >= '2025-11-01' && normalized.date < '2026-11-01').toBe(true);
    }
  });
});
