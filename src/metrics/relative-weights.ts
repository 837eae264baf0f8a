/**
 * Johnson's relative weights (Johnson 2000, "A heuristic method for estimating the relative
 * weight of predictor variables in multiple regression", Multivariate Behavioral Research
 * 35(1):1-19): splits a regression's R² among correlated predictors. The predictors are replaced
 * by their closest orthogonal counterparts Z (Z = X R^{-1/2}); y is regressed on Z (β = R^{-1/2} r_xy)
 * and each Z is mapped back to the X variables through Λ = R^{1/2}:
 *   weight_j = Σ_k Λ_jk² β_k²,  and Σ_j weight_j = R².
 */
import { centered, correlationOfCentered, correlationMatrixOfCentered, multiply, spectralFunction, symmetricEigen } from './linear-algebra.js';

/**
 * Eigenvalues below this share of the largest are treated as zero: their directions are exact
 * linear dependencies (e.g. two themes always mentioned together) and get no inverse, which makes
 * R^{-1/2} the Moore-Penrose pseudo-inverse square root; tied columns then share their weight.
 */
export const EIGENVALUE_RELATIVE_TOLERANCE = 1e-10;

export interface RelativeWeights {
  /** One weight per input column, in input order; dropped columns weigh 0. */
  weights: number[];
  /** Share of the outcome's variance the predictors explain (= sum of weights). */
  rSquared: number;
  /** Indexes of columns dropped because they are constant (no variance to explain anything). */
  dropped: number[];
}

/**
 * Relative weights of `columns` (each an array of n observations) in explaining `outcome`.
 * A constant outcome has nothing to explain: all weights and R² are 0. Fewer than 2 observations
 * likewise give zeros. Never throws on degenerate input.
 * @example relativeWeights([[1, 0, 1, 0], [0, 0, 1, 1]], [1, 2, 3, 4]) // weights sum to R²
 */
export function relativeWeights(columns: readonly (readonly number[])[], outcome: readonly number[]): RelativeWeights {
  const weights = columns.map(() => 0);
  const y = centered(outcome);
  const prepared = columns.map((column) => centered(column));
  const dropped: number[] = [];
  const kept: number[] = [];
  prepared.forEach((column, index) => {
    if (column.sumOfSquares > 0 && column.deviations.length === outcome.length) kept.push(index);
    else dropped.push(index);
  });
  if (outcome.length < 2 || y.sumOfSquares <= 0 || kept.length === 0) return { weights, rSquared: 0, dropped };

  const correlations = correlationMatrixOfCentered(kept.map((index) => prepared[index]));
  const withOutcome = kept.map((index) => correlationOfCentered(prepared[index], y));
  const eigen = symmetricEigen(correlations);
  const largest = Math.max(...eigen.values);
  const threshold = EIGENVALUE_RELATIVE_TOLERANCE * Math.max(largest, 0);
  const squareRoot = spectralFunction(eigen, (value) => (value > threshold ? Math.sqrt(value) : 0));
  const inverseSquareRoot = spectralFunction(eigen, (value) => (value > threshold ? 1 / Math.sqrt(value) : 0));
  const beta = multiply(inverseSquareRoot, withOutcome);

  let rSquared = 0;
  kept.forEach((columnIndex, row) => {
    let weight = 0;
    for (let k = 0; k < kept.length; k += 1) weight += squareRoot[row][k] ** 2 * beta[k] ** 2;
    weights[columnIndex] = weight;
    rSquared += weight;
  });
  return { weights, rSquared, dropped };
}
