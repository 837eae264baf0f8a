/**
 * Checks the shape of the hand-written CX sets, data/eval/cx-feedback.jsonl (the held-out check)
 * and data/dev/cx-dev.jsonl and cx-dev2.jsonl (the development sets for tuning and error
 * analysis): every line parses, ids are unique, labels and channels are valid, every aspect target
 * occurs in its text, and the label mix stays near the intended 45/35/20 negative/positive/neutral
 * split.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLabelledJsonl } from '../../src/eval/evaluate-file.js';

const LABELS = ['positive', 'negative', 'neutral'] as const;
const CHANNELS = ['survey', 'app-review', 'tweet', 'support-ticket', 'review'] as const;
/**
 * The sets, with the id prefix, size and count of aspect lines their READMEs promise ("about 60";
 * the second development set has none).
 */
const SETS = [
  { file: 'data/eval/cx-feedback.jsonl', prefix: 'cx', lines: 300, targets: [50, 70] },
  { file: 'data/dev/cx-dev.jsonl', prefix: 'dev', lines: 400, targets: [50, 70] },
  { file: 'data/dev/cx-dev2.jsonl', prefix: 'dev2', lines: 390, targets: [0, 0] },
] as const;
const ID_PATTERN = /^(cx|dev|dev2)-\d{3}$/;
/** Label share ranges from the brief: roughly 45% negative, 35% positive, 20% neutral. */
const LABEL_SHARE_RANGES: Record<(typeof LABELS)[number], [number, number]> = {
  negative: [0.4, 0.5],
  positive: [0.3, 0.4],
  neutral: [0.15, 0.25],
};
const ALLOWED_FIELDS = new Set(['id', 'text', 'label', 'channel', 'note', 'target', 'targetLabel']);

interface CheckRecord {
  id: string;
  text: string;
  label: string;
  channel: string;
  note?: string;
  target?: string;
  targetLabel?: string;
}

/** Every rule one record breaks, as short messages (empty when the record is valid). */
function problemsOf(record: unknown): string[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return ['not an object'];
  const fields = record as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(fields)) if (!ALLOWED_FIELDS.has(key)) problems.push(`unknown field ${key}`);
  if (typeof fields['id'] !== 'string' || !ID_PATTERN.test(fields['id'])) problems.push('bad id');
  if (typeof fields['text'] !== 'string' || fields['text'].trim() === '') problems.push('empty text');
  if (!LABELS.includes(fields['label'] as (typeof LABELS)[number])) problems.push('bad label');
  if (!CHANNELS.includes(fields['channel'] as (typeof CHANNELS)[number])) problems.push('bad channel');
  if ('note' in fields && (typeof fields['note'] !== 'string' || fields['note'] === '')) problems.push('bad note');
  const hasTarget = 'target' in fields;
  if (hasTarget !== 'targetLabel' in fields) problems.push('target and targetLabel must come together');
  if (hasTarget) {
    const target = fields['target'];
    const text = typeof fields['text'] === 'string' ? fields['text'] : '';
    if (typeof target !== 'string' || target === '') problems.push('empty target');
    else if (!text.toLowerCase().includes(target.toLowerCase())) problems.push('target not in text');
    if (!LABELS.includes(fields['targetLabel'] as (typeof LABELS)[number])) problems.push('bad targetLabel');
  }
  return problems;
}


describe('problemsOf (the checker itself)', () => {
  it.each([
    [{ id: 'cx-001', text: 'Rude waiter', label: 'negative', channel: 'review' }, []],
    [{ id: 'cx-002', text: 'ok', label: 'mixed', channel: 'survey' }, ['bad label']],
    [{ id: 'cx-003', text: 'ok', label: 'neutral', channel: 'email' }, ['bad channel']],
    [{ id: 'c1', text: 'ok', label: 'neutral', channel: 'survey' }, ['bad id']],
    [{ id: 'cx-004', text: '  ', label: 'neutral', channel: 'survey' }, ['empty text']],
    [{ id: 'cx-005', text: 'Loved the FOOD', label: 'positive', channel: 'review', target: 'food', targetLabel: 'positive' }, []],
    [{ id: 'cx-006', text: 'Loved the food', label: 'positive', channel: 'review', target: 'waiter', targetLabel: 'negative' }, ['target not in text']],
    [{ id: 'cx-007', text: 'Loved the food', label: 'positive', channel: 'review', target: 'food' }, ['target and targetLabel must come together', 'bad targetLabel']],
    [{ id: 'cx-008', text: 'x', label: 'neutral', channel: 'survey', score: 3 }, ['unknown field score']],
    [[1, 2], ['not an object']],
  ] as const)('%j -> %j', (record, expected) => {
    expect(problemsOf(record)).toEqual(expected);
  });
});

/** A set's file: its text, its non-blank lines and their records. */
function readSet(file: string): { content: string; lines: string[]; records: CheckRecord[] } {
  const content = readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');
  const lines = content.split('\n').filter((line) => line.trim() !== '');
  return { content, lines, records: lines.map((line) => JSON.parse(line) as CheckRecord) };
}

describe.each(SETS)('$file', ({ file, prefix, lines: expectedLines, targets }) => {
  const { content, lines, records } = readSet(file);

  it(`has ${expectedLines} lines that all parse as JSON objects`, () => {
    expect(lines).toHaveLength(expectedLines);
    expect(content.endsWith('\n')).toBe(true);
  });

  it('has no invalid records', () => {
    const invalid = records.map((record) => ({ id: record.id, problems: problemsOf(record) })).filter((entry) => entry.problems.length > 0);
    expect(invalid).toEqual([]);
  });

  it('has unique ids in order and unique texts', () => {
    expect(records.map((record) => record.id)).toEqual(records.map((_, index) => `${prefix}-${String(index + 1).padStart(3, '0')}`));
    const texts = records.map((record) => record.text.trim().toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
  });

  it.each(LABELS.map((label) => [label, ...LABEL_SHARE_RANGES[label]] as const))(
    '%s share is within [%d, %d]',
    (label, low, high) => {
      const share = records.filter((record) => record.label === label).length / records.length;
      expect(share).toBeGreaterThanOrEqual(low);
      expect(share).toBeLessThanOrEqual(high);
    },
  );

  it(`uses every channel and has ${targets[0]}-${targets[1]} aspect lines, some disagreeing with the overall label`, () => {
    for (const channel of CHANNELS) expect(records.some((record) => record.channel === channel)).toBe(true);
    const aspects = records.filter((record) => record.target !== undefined);
    expect(aspects.length).toBeGreaterThanOrEqual(targets[0]);
    expect(aspects.length).toBeLessThanOrEqual(targets[1]);
    if (aspects.length > 0) expect(aspects.some((record) => record.targetLabel !== record.label)).toBe(true);
  });

  it('is read by the eval parser with no skipped line and every target located', () => {
    const parsed = parseLabelledJsonl(content, file);
    expect(parsed.skipped).toEqual([]);
    const aspectLines = records.filter((record) => record.target !== undefined);
    // An aspect line yields a whole-text row (label) and an aspect row (targetLabel).
    expect(parsed.rows).toHaveLength(expectedLines + aspectLines.length);
    const located = parsed.rows.filter((row) => row.target !== undefined);
    expect(located.map((row) => row.label)).toEqual(aspectLines.map((record) => record.targetLabel));
    for (const row of located) expect(row.text.slice(row.target!.start, row.target!.end).toLowerCase()).toBe(row.target!.text.toLowerCase());
  });
});

describe('the CX sets', () => {
  // One-word answers and fragments ("meh", "n/a", a thumbs-up) recur in any feedback; sentences must not.
  // Each dev set against the sets before it: dev sets can be tuned on without touching the check set.
  it.each(SETS.slice(1).map((set) => set.file))('%s shares no comment of four words or more with an earlier set', (file) => {
    const textsOf = (name: string) => new Set(readSet(name).records.map((record) => record.text.trim().toLowerCase()));
    const earlier = new Set(SETS.slice(0, SETS.findIndex((set) => set.file === file)).flatMap((set) => [...textsOf(set.file)]));
    const shared = [...textsOf(file)].filter((text) => earlier.has(text));
    expect(shared.filter((text) => text.split(/\s+/).length >= 4)).toEqual([]);
  });
});
