import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { centroidOf, dot, loadWordVectors, normalize } from '../../src/themes/embeddings.js';

describe('loadWordVectors (models/embeddings)', () => {
  const vectors = loadWordVectors();

  it('loads ~60k words of 100 dimensions', () => {
    expect(vectors.dimensions).toBe(100);
    expect(vectors.size).toBeGreaterThan(40_000);
    expect(vectors.size).toBeLessThan(70_000);
  });

  it('ranks related words above unrelated ones', () => {
    expect(vectors.similarity('late', 'delayed')).toBeGreaterThan(vectors.similarity('late', 'keyboard'));
    expect(vectors.similarity('refund', 'reimbursement')).toBeGreaterThan(vectors.similarity('refund', 'banana'));
  });

  it('hands out unit vectors, so a word is its own nearest neighbour', () => {
    const vector = vectors.vectorOf('parcel')!;
    expect(dot(vector, vector)).toBeCloseTo(1, 5);
    expect(vectors.similarity('parcel', 'parcel')).toBeCloseTo(1, 5);
  });

  it('keeps frequency order and includes the taxonomy seed words', () => {
    expect(vectors.rankOf('the')).toBe(0);
    expect(vectors.rankOf('glitchy')).toBeGreaterThanOrEqual(60_000); // beyond the head, added as a seed
    expect(vectors.has('overcharged')).toBe(true);
  });

  it('answers unknown words with null, 0 and -1', () => {
    expect(vectors.vectorOf('qwzxv')).toBeNull();
    expect(vectors.similarity('qwzxv', 'late')).toBe(0);
    expect(vectors.rankOf('qwzxv')).toBe(-1);
  });

  it('builds a unit-length centroid of the known words only', () => {
    const centroid = vectors.centroid(['refund', 'reimbursement', 'qwzxv'])!;
    expect(dot(centroid, centroid)).toBeCloseTo(1, 5);
    expect(dot(centroid, vectors.vectorOf('refund')!)).toBeGreaterThan(0.8);
    expect(vectors.centroid(['qwzxv'])).toBeNull();
  });

  it('is deterministic across loads', () => {
    expect(loadWordVectors().vectorOf('courier')).toEqual(vectors.vectorOf('courier'));
  });
});

describe('vector helpers', () => {
  it('normalizes and averages', () => {
    expect([...normalize(new Float32Array([3, 4]))]).toEqual([0.6000000238418579, 0.800000011920929]);
    const centroid = centroidOf([new Float32Array([1, 0]), new Float32Array([0, 1])])!;
    expect(centroid[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(centroidOf([])).toBeNull();
  });
});

describe('loadWordVectors errors', () => {
  it('reports a missing folder as VERBATIM_E_MODEL', () => {
    expect(() => loadWordVectors('/nonexistent/folder')).toThrow(expect.objectContaining({ code: 'VERBATIM_E_MODEL' }));
  });

  it('rejects a file without the magic header', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'verbatim-vectors-'));
    writeFileSync(path.join(folder, 'vectors.bin'), Buffer.alloc(32));
    writeFileSync(path.join(folder, 'vocabulary.txt'), 'a\n');
    expect(() => loadWordVectors(folder)).toThrow(/start with "VBWV"/);
  });
});
