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
  return spreadWeights(weights, kept, dropped, correlations, withOutcome);
}

/** Johnson's weights of the kept columns from their correlations; fills `weights` at the kept indexes. */
function spreadWeights(
  weights: number[],
  kept: readonly number[],
  dropped: number[],
  correlations: number[][],
  withOutcome: readonly number[],
): RelativeWeights {
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

/**
 * Sums and cross-products of predictor columns and an outcome over n observations: what a
 * database can aggregate in one pass instead of handing over every row.
 */
export interface RegressionMoments {
  n: number;
  /** Σ x_j per column. */
  sums: readonly number[];
  /** Σ x_j x_k (symmetric; the diagonal holds Σ x_j²). */
  products: readonly (readonly number[])[];
  /** Σ x_j y per column. */
  withOutcome: readonly number[];
  outcomeSum: number;
  outcomeSumOfSquares: number;
}

/**
 * A column whose centered sum of squares is at most this share of its raw sum of squares is
 * constant up to rounding (moments lose the exact zero that centering gives).
 */
export const CONSTANT_COLUMN_TOLERANCE = 1e-12;

/**
 * Relative weights from moments: the same estimate as relativeWeights on the raw columns, with
 * each covariance computed as (n Σxy - Σx Σy) / n, which is exact for 0/1 indicators and whole
 * scores.
 * @example relativeWeightsFromMoments({ n: 4, sums: [2], products: [[2]], withOutcome: [4], outcomeSum: 10, outcomeSumOfSquares: 30 })
 */
export function relativeWeightsFromMoments(moments: RegressionMoments): RelativeWeights {
  const { n, sums, products } = moments;
  const weights = sums.map(() => 0);
  const covariance = (sumLeft: number, sumRight: number, product: number): number => (n * product - sumLeft * sumRight) / n;
  const outcomeSquares = covariance(moments.outcomeSum, moments.outcomeSum, moments.outcomeSumOfSquares);
  const squares = sums.map((sum, index) => covariance(sum, sum, products[index][index]));
  const dropped: number[] = [];
  const kept: number[] = [];
  squares.forEach((square, index) => {
    if (square > CONSTANT_COLUMN_TOLERANCE * Math.abs(products[index][index])) kept.push(index);
    else dropped.push(index);
  });
  if (n < 2 || outcomeSquares <= 0 || kept.length === 0) return { weights, rSquared: 0, dropped };

  const correlations = kept.map((row) =>
    kept.map((column) => (row === column ? 1 : covariance(sums[row], sums[column], products[row][column]) / Math.sqrt(squares[row] * squares[column]))),
  );
  const withOutcome = kept.map(
    (index) => covariance(sums[index], moments.outcomeSum, moments.withOutcome[index]) / Math.sqrt(squares[index] * outcomeSquares),
  );
  return spreadWeights(weights, kept, dropped, correlations, withOutcome);
}
