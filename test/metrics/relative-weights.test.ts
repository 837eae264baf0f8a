import { describe, expect, it } from 'vitest';
import { relativeWeights } from '../../src/metrics/index.js';

function pearson(left: readonly number[], right: readonly number[]): number {
  const meanLeft = left.reduce((sum, value) => sum + value, 0) / left.length;
  const meanRight = right.reduce((sum, value) => sum + value, 0) / right.length;
  let product = 0;
  let squaresLeft = 0;
  let squaresRight = 0;
  left.forEach((value, index) => {
    product += (value - meanLeft) * (right[index] - meanRight);
    squaresLeft += (value - meanLeft) ** 2;
    squaresRight += (right[index] - meanRight) ** 2;
  });
  return product / Math.sqrt(squaresLeft * squaresRight);
}

/**
 * Johnson's weights for two predictors in closed form. With r = corr(x1, x2), R^{1/2} =
 * [[a, b], [b, a]], a = (√(1+r) + √(1-r))/2, b = (√(1+r) - √(1-r))/2 (eigenvalues 1 ± r,
 * eigenvectors (1, ±1)/√2); a² - b² = √(1 - r²), so β = R^{-1/2} r_xy =
 * ((a r1 - b r2), (a r2 - b r1)) / √(1 - r²); weight_1 = a²β1² + b²β2², weight_2 = b²β1² + a²β2².
 */
function twoPredictorClosedForm(r: number, r1: number, r2: number): { weights: [number, number]; rSquared: number } {
  const a = (Math.sqrt(1 + r) + Math.sqrt(1 - r)) / 2;
  const b = (Math.sqrt(1 + r) - Math.sqrt(1 - r)) / 2;
  const scale = Math.sqrt(1 - r * r);
  const beta1 = (a * r1 - b * r2) / scale;
  const beta2 = (a * r2 - b * r1) / scale;
  return {
    weights: [a * a * beta1 ** 2 + b * b * beta2 ** 2, b * b * beta1 ** 2 + a * a * beta2 ** 2],
    // R² of two standardized predictors: (r1² + r2² - 2 r1 r2 r) / (1 - r²)
    rSquared: (r1 * r1 + r2 * r2 - 2 * r1 * r2 * r) / (1 - r * r),
  };
}

describe('relativeWeights', () => {
  it('matches the two-predictor closed form on correlated predictors', () => {
    const x1 = [1, 0, 1, 1, 0, 0, 1, 0];
    const x2 = [1, 1, 1, 1, 0, 0, 0, 1];
    const y = [9, 6, 7, 10, 2, 4, 8, 5];
    // corr(x1, x2) = 0.2582, corr(x1, y) = 0.8511, corr(x2, y) = 0.5300; OLS R² = 0.827426 (numpy lstsq)
    const r = pearson(x1, x2);
    expect(r).toBeCloseTo(0.2582, 4);
    const expected = twoPredictorClosedForm(r, pearson(x1, y), pearson(x2, y));
    const result = relativeWeights([x1, x2], y);
    expect(result.weights[0]).toBeCloseTo(expected.weights[0], 10);
    expect(result.weights[1]).toBeCloseTo(expected.weights[1], 10);
    expect(result.rSquared).toBeCloseTo(expected.rSquared, 10);
    expect(result.rSquared).toBeCloseTo(0.827426, 5);
    expect(result.weights[0] + result.weights[1]).toBeCloseTo(result.rSquared, 12);
    expect(result.dropped).toEqual([]);
  });

  it('gives squared correlations for uncorrelated predictors', () => {
    const x1 = [1, 0, 1, 1, 0, 0, 1, 0];
    const x2 = [1, 1, 0, 1, 0, 0, 0, 1]; // corr(x1, x2) = 0
    const y = [9, 6, 7, 10, 2, 4, 8, 5];
    expect(pearson(x1, x2)).toBeCloseTo(0, 12);
    const result = relativeWeights([x1, x2], y);
    expect(result.weights[0]).toBeCloseTo(pearson(x1, y) ** 2, 10); // 0.8511² = 0.7243
    expect(result.weights[1]).toBeCloseTo(pearson(x2, y) ** 2, 10); // 0.4506² = 0.2030
    expect(result.rSquared).toBeCloseTo(0.927318, 5); // numpy lstsq
  });

  it('sums to the OLS R² with three predictors', () => {
    const columns = [
      [1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1],
      [0, 0, 1, 1, 1, 0, 1, 0, 1, 0, 0, 1],
      [2, 5, 1, 3, 3, 4, 5, 1, 2, 2, 6, 1],
    ];
    const y = [3, 5, 9, 7, 10, 2, 6, 8, 9, 1, 4, 6];
    const result = relativeWeights(columns, y);
    // numpy: weights [0.006971, 0.467868, 0.055417], R² 0.530256
    expect(result.weights.map((weight) => Number(weight.toFixed(6)))).toEqual([0.006971, 0.467868, 0.055417]);
    expect(result.rSquared).toBeCloseTo(0.530256, 6);
  });

  it('drops a constant column with weight 0 and leaves the others unchanged', () => {
    const x1 = [1, 0, 1, 1, 0, 0, 1, 0];
    const y = [9, 6, 7, 10, 2, 4, 8, 5];
    const result = relativeWeights([[1, 1, 1, 1, 1, 1, 1, 1], x1], y);
    expect(result.dropped).toEqual([0]);
    expect(result.weights[0]).toBe(0);
    expect(result.weights[1]).toBeCloseTo(pearson(x1, y) ** 2, 10);
  });

  it('splits weight equally between identical columns (singular correlation matrix)', () => {
    const x1 = [1, 0, 1, 1, 0, 0, 1, 0];
    const y = [9, 6, 7, 10, 2, 4, 8, 5];
    const result = relativeWeights([x1, x1], y);
    expect(result.weights[0]).toBeCloseTo(result.weights[1], 10);
    expect(result.rSquared).toBeCloseTo(pearson(x1, y) ** 2, 10);
  });

  it('returns zeros for a constant outcome, no observations or no columns', () => {
    expect(relativeWeights([[1, 0, 1]], [5, 5, 5])).toEqual({ weights: [0], rSquared: 0, dropped: [] });
    expect(relativeWeights([[]], [])).toEqual({ weights: [0], rSquared: 0, dropped: [0] });
    expect(relativeWeights([], [1, 2, 3])).toEqual({ weights: [], rSquared: 0, dropped: [] });
  });
});
