/**
 * The little dense linear algebra relative importance needs: Pearson correlations and the
 * eigendecomposition of a symmetric matrix by cyclic Jacobi rotations (Jacobi 1846; the
 * formulation of Press et al., Numerical Recipes, 3rd ed., section 11.1). Matrices are arrays of
 * rows; sizes here are tens of themes, where Jacobi is simple, stable and fast enough.
 */

/** Jacobi stops when the off-diagonal sum of squares falls below this share of the total. */
export const JACOBI_RELATIVE_TOLERANCE = 1e-24;

/** Upper bound on Jacobi sweeps; convergence is quadratic, so a few dozen never bind in practice. */
export const JACOBI_MAX_SWEEPS = 100;

/** A column centered on its mean, with its sum of squares (0 for a constant column). */
export interface CenteredColumn {
  deviations: Float64Array;
  sumOfSquares: number;
}

/** Centers a column once so correlations with many others reuse it. */
export function centered(values: readonly number[]): CenteredColumn {
  let total = 0;
  for (const value of values) total += value;
  const centre = values.length === 0 ? 0 : total / values.length;
  const deviations = new Float64Array(values.length);
  let sumOfSquares = 0;
  for (let index = 0; index < values.length; index += 1) {
    const deviation = values[index] - centre;
    deviations[index] = deviation;
    sumOfSquares += deviation * deviation;
  }
  return { deviations, sumOfSquares };
}

/** Pearson correlation of two centered columns; 0 when either is constant. */
export function correlationOfCentered(left: CenteredColumn, right: CenteredColumn): number {
  if (left.sumOfSquares <= 0 || right.sumOfSquares <= 0) return 0;
  const a = left.deviations;
  const b = right.deviations;
  let product = 0;
  for (let index = 0; index < a.length; index += 1) product += a[index] * b[index];
  return product / Math.sqrt(left.sumOfSquares * right.sumOfSquares);
}

/** The correlation matrix of already centered columns (upper triangle computed, then mirrored). */
export function correlationMatrixOfCentered(prepared: readonly CenteredColumn[]): number[][] {
  const size = prepared.length;
  const result = prepared.map(() => new Array<number>(size).fill(0));
  for (let row = 0; row < size; row += 1) {
    result[row][row] = 1;
    for (let column = row + 1; column < size; column += 1) {
      const value = correlationOfCentered(prepared[row], prepared[column]);
      result[row][column] = value;
      result[column][row] = value;
    }
  }
  return result;
}

/** The correlation matrix of columns (each an array of n observations). */
export function correlationMatrix(columns: readonly (readonly number[])[]): number[][] {
  return correlationMatrixOfCentered(columns.map((column) => centered(column)));
}

/** Eigenvalues and eigenvectors (as the columns of `vectors`) of a symmetric matrix. */
export interface Eigendecomposition {
  values: number[];
  vectors: number[][];
}

function offDiagonalSquares(matrix: number[][]): { off: number; total: number } {
  let off = 0;
  let total = 0;
  for (let row = 0; row < matrix.length; row += 1) {
    for (let column = 0; column < matrix.length; column += 1) {
      const square = matrix[row][column] ** 2;
      total += square;
      if (row !== column) off += square;
    }
  }
  return { off, total };
}

/**
 * Eigendecomposition of a symmetric matrix by cyclic Jacobi rotations: each rotation zeroes one
 * off-diagonal pair; sweeps repeat until the off-diagonal mass is negligible. A = V diag(values) V'.
 * @example symmetricEigen([[2, 1], [1, 2]]) // values [1, 3] (in some order), vectors ±(1,-1)/√2, ±(1,1)/√2
 */
export function symmetricEigen(matrix: readonly (readonly number[])[]): Eigendecomposition {
  const size = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v: number[][] = a.map((_, row) => a.map((__, column) => (row === column ? 1 : 0)));
  for (let sweep = 0; sweep < JACOBI_MAX_SWEEPS; sweep += 1) {
    const { off, total } = offDiagonalSquares(a);
    if (off <= JACOBI_RELATIVE_TOLERANCE * total || off === 0) break;
    for (let p = 0; p < size - 1; p += 1) {
      for (let q = p + 1; q < size; q += 1) {
        if (a[p][q] === 0) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < size; k += 1) {
          const kp = a[k][p];
          const kq = a[k][q];
          a[k][p] = c * kp - s * kq;
          a[k][q] = s * kp + c * kq;
        }
        for (let k = 0; k < size; k += 1) {
          const pk = a[p][k];
          const qk = a[q][k];
          a[p][k] = c * pk - s * qk;
          a[q][k] = s * pk + c * qk;
        }
        for (let k = 0; k < size; k += 1) {
          const kp = v[k][p];
          const kq = v[k][q];
          v[k][p] = c * kp - s * kq;
          v[k][q] = s * kp + c * kq;
        }
      }
    }
  }
  return { values: a.map((row, index) => row[index]), vectors: v };
}

/**
 * V diag(f(values)) V' for a symmetric matrix given by its eigendecomposition: the matrix
 * function used for the square root and the (pseudo-)inverse square root.
 */
export function spectralFunction(eigen: Eigendecomposition, apply: (value: number) => number): number[][] {
  const size = eigen.values.length;
  const scaled = eigen.values.map(apply);
  const result: number[][] = [];
  for (let row = 0; row < size; row += 1) {
    const line: number[] = [];
    for (let column = 0; column < size; column += 1) {
      let sum = 0;
      for (let k = 0; k < size; k += 1) sum += eigen.vectors[row][k] * scaled[k] * eigen.vectors[column][k];
      line.push(sum);
    }
    result.push(line);
  }
  return result;
}

/** Matrix times vector. */
export function multiply(matrix: readonly (readonly number[])[], vector: readonly number[]): number[] {
  return matrix.map((row) => row.reduce((sum, value, index) => sum + value * vector[index], 0));
}
