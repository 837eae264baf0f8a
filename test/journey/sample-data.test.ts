import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JOURNEY_STAGES } from '../../src/contract.js';
import { PACKAGE_ROOT } from '../../src/config.js';

const SampleRecordSchema = z.strictObject({
  id: z.string().regex(/^c\d{3}$/),
  text: z.string(),
  score: z.number().int().min(0).max(10),
  scoreType: z.literal('nps'),
  date: z.string().regex(/^2026-\d{2}-\d{2}$/),
  segment: z.enum(['consumer', 'smb', 'enterprise']),
  channel: z.enum(['survey', 'app-review', 'email', 'social']),
  targets: z.array(z.string().min(1)).min(1).optional(),
});

const dataFile = (name: string): string => readFileSync(path.join(PACKAGE_ROOT, 'data', name), 'utf8');
const records = dataFile('sample.jsonl')
  .split('\n')
  .filter((line) => line !== '')
  .map((line) => SampleRecordSchema.parse(JSON.parse(line)));
const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures', 'sample-stages.json'), 'utf8')) as {
  stages: Record<string, string[]>;
};

describe('data/sample.jsonl', () => {
  it('holds about 120 valid records with unique ids', () => {
    expect(records.length).toBeGreaterThanOrEqual(110);
    expect(new Set(records.map((record) => record.id)).size).toBe(records.length);
    expect(new Set(records.map((record) => record.text)).size).toBe(records.length);
  });

  it('has valid calendar dates spread over 2026', () => {
    const months = new Set(records.map((record) => record.date.slice(5, 7)));
    expect(months.size).toBe(12);
    for (const record of records) expect(new Date(`${record.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(record.date);
  });

  it('mixes channels, segments, targets, fragments and the full score range', () => {
    expect(new Set(records.map((record) => record.channel)).size).toBe(4);
    expect(new Set(records.map((record) => record.segment)).size).toBe(3);
    expect(records.filter((record) => record.targets).length).toBeGreaterThanOrEqual(5);
    expect(records.some((record) => record.text === 'n/a')).toBe(true);
    expect(records.some((record) => /^\p{Extended_Pictographic}+$/u.test(record.text))).toBe(true);
    expect(Math.min(...records.map((record) => record.score))).toBe(0);
    expect(Math.max(...records.map((record) => record.score))).toBe(10);
  });

  it('has an intended-stage entry for every record, covering every journey stage', () => {
    expect(Object.keys(fixture.stages).sort()).toEqual(records.map((record) => record.id).sort());
    const covered = new Set(Object.values(fixture.stages).flat());
    for (const stage of covered) expect(JOURNEY_STAGES).toContain(stage);
    for (const stage of JOURNEY_STAGES) {
      const count = Object.values(fixture.stages).filter((stages) => stages.includes(stage)).length;
      expect(count, stage).toBeGreaterThanOrEqual(5);
    }
  });
});

describe('data/sample.csv', () => {
  it('holds the same records as the JSONL file', () => {
    const rows = parse(dataFile('sample.csv'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    expect(rows.map((row) => [row.id, row.text, Number(row.score), row.date, row.segment, row.channel])).toEqual(
      records.map((record) => [record.id, record.text, record.score, record.date, record.segment, record.channel]),
    );
  });
});

describe('data/bad-records.jsonl', () => {
  const lines = dataFile('bad-records.jsonl').split('\n').slice(0, -1);

  it('mixes good lines with each kind of bad line', () => {
    const parsed = lines.map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return undefined;
      }
    });
    const objects = parsed.filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value));
    expect(lines).toContain('');
    expect(parsed.filter((value, index) => value === undefined && lines[index] !== '')).toHaveLength(1);
    expect(parsed.some(Array.isArray)).toBe(true);
    expect(objects.some((record) => !('text' in record))).toBe(true);
    expect(objects.some((record) => typeof record.text === 'number')).toBe(true);
    expect(objects.some((record) => typeof record.text === 'string' && record.text.length > 20_000)).toBe(true);
    expect(objects.some((record) => 'targets' in record && !Array.isArray(record.targets))).toBe(true);
    expect(objects.some((record) => typeof record.text === 'string' && record.text.length > 0 && record.text.trim() === '')).toBe(true);
    expect(objects.some((record) => typeof record.text === 'string' && /^\p{Extended_Pictographic}+$/u.test(record.text))).toBe(true);
    expect(objects.filter((record) => typeof record.text === 'string' && record.text.trim().length > 10 && record.text.length < 200).length).toBeGreaterThanOrEqual(2);
  });
});
