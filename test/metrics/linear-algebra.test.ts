import { describe, expect, it } from 'vitest';
import { correlationMatrix, spectralFunction, symmetricEigen } from '../../src/metrics/index.js';

function reconstruct(values: number[], vectors: number[][]): number[][] {
  return vectors.map((_, row) =>
    vectors.map((__, column) => values.reduce((sum, value, k) => sum + vectors[row][k] * value * vectors[column][k], 0)),
  );
}

describe('symmetricEigen', () => {
  it('finds eigenvalues 1 and 3 of [[2, 1], [1, 2]]', () => {
    const { values, vectors } = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    expect([...values].sort()).toEqual([expect.closeTo(1, 12), expect.closeTo(3, 12)]);
    const index = values[0] > values[1] ? 0 : 1; // the eigenvector of 3 is ±(1, 1)/√2
    expect(Math.abs(vectors[0][index])).toBeCloseTo(Math.SQRT1_2, 12);
    expect(vectors[0][index] * vectors[1][index]).toBeCloseTo(0.5, 12);
  });

  it('reconstructs a 4x4 matrix from orthonormal eigenvectors', () => {
    const matrix = [
      [4, 1, -2, 2],
      [1, 2, 0, 1],
      [-2, 0, 3, -2],
      [2, 1, -2, -1],
    ];
    const { values, vectors } = symmetricEigen(matrix);
    const rebuilt = reconstruct(values, vectors);
    matrix.forEach((row, i) => row.forEach((value, j) => expect(rebuilt[i][j]).toBeCloseTo(value, 10)));
    const gram = reconstruct([1, 1, 1, 1], vectors); // V V' = I
    gram.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(i === j ? 1 : 0, 10)));
    expect(values.reduce((sum, value) => sum + value, 0)).toBeCloseTo(8, 10); // trace
  });

  it('returns a diagonal matrix as it is', () => {
    expect(symmetricEigen([[5, 0], [0, 2]])).toEqual({ values: [5, 2], vectors: [[1, 0], [0, 1]] });
  });

  it('computes a square root whose square is the matrix', () => {
    const matrix = [
      [1, 0.5],
      [0.5, 1],
    ];
    const root = spectralFunction(symmetricEigen(matrix), Math.sqrt);
    // closed form: a = (√1.5 + √0.5)/2, b = (√1.5 - √0.5)/2
    expect(root[0][0]).toBeCloseTo((Math.sqrt(1.5) + Math.sqrt(0.5)) / 2, 12);
    expect(root[0][1]).toBeCloseTo((Math.sqrt(1.5) - Math.sqrt(0.5)) / 2, 12);
  });
});

describe('correlationMatrix', () => {
  it('computes Pearson correlations and 0 for a constant column', () => {
    const result = correlationMatrix([
      [1, 2, 3, 4],
      [2, 4, 6, 8],
      [4, 3, 2, 1],
      [5, 5, 5, 5],
    ]);
    expect(result[0][1]).toBeCloseTo(1, 12);
    expect(result[0][2]).toBeCloseTo(-1, 12);
    expect(result[0][3]).toBe(0);
    expect(result[3][3]).toBe(1);
  });
});
