/**
 * Agreement between two labellings of the same items (discovered themes vs human categories):
 * normalized mutual information (arithmetic-mean normalization, as scikit-learn's default) and the
 * adjusted Rand index (Hubert & Arabie 1985). Labels are any strings; only co-membership matters.
 */
import { VerbatimError } from '../errors.js';

interface Contingency {
  cells: Map<string, number>;
  rows: Map<string, number>;
  columns: Map<string, number>;
  total: number;
}

function contingency(predicted: readonly string[], truth: readonly string[]): Contingency {
  if (predicted.length !== truth.length) {
    throw new VerbatimError('VERBATIM_E_INVALID_CONFIG', {
      path: 'labels',
      detail: `expected two labellings of equal length, found ${predicted.length} and ${truth.length}`,
    });
  }
  const cells = new Map<string, number>();
  const rows = new Map<string, number>();
  const columns = new Map<string, number>();
  predicted.forEach((label, index) => {
    const other = truth[index]!;
    const key = `${label}\u0000${other}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
    rows.set(label, (rows.get(label) ?? 0) + 1);
    columns.set(other, (columns.get(other) ?? 0) + 1);
  });
  return { cells, rows, columns, total: predicted.length };
}

function entropy(counts: Map<string, number>, total: number): number {
  let sum = 0;
  for (const count of counts.values()) if (count > 0) sum -= (count / total) * Math.log(count / total);
  return sum;
}

/**
 * Normalized mutual information in [0, 1]: MI / mean(H(predicted), H(truth)). Two single-cluster
 * labellings agree perfectly (1); one single cluster against a real split gives 0.
 *
 * @example normalizedMutualInformation(['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y']) // 1
 */
export function normalizedMutualInformation(predicted: readonly string[], truth: readonly string[]): number {
  const table = contingency(predicted, truth);
  if (table.total === 0) return 0;
  const { total } = table;
  let mutual = 0;
  for (const [key, count] of table.cells) {
    const [row, column] = key.split('\u0000') as [string, string];
    mutual += (count / total) * Math.log((count * total) / (table.rows.get(row)! * table.columns.get(column)!));
  }
  const rowEntropy = entropy(table.rows, total);
  const columnEntropy = entropy(table.columns, total);
  if (rowEntropy === 0 && columnEntropy === 0) return 1;
  const denominator = (rowEntropy + columnEntropy) / 2;
  return denominator <= 0 ? 0 : Math.max(0, Math.min(1, mutual / denominator));
}

const pairs = (count: number): number => (count * (count - 1)) / 2;

/**
 * Adjusted Rand index: pair-counting agreement corrected for chance (0 = random, 1 = identical,
 * can be negative). Identical trivial labellings give 1.
 *
 * @example adjustedRandIndex(['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y']) // 1
 */
export function adjustedRandIndex(predicted: readonly string[], truth: readonly string[]): number {
  const table = contingency(predicted, truth);
  if (table.total < 2) return 1;
  let index = 0;
  for (const count of table.cells.values()) index += pairs(count);
  let rowPairs = 0;
  for (const count of table.rows.values()) rowPairs += pairs(count);
  let columnPairs = 0;
  for (const count of table.columns.values()) columnPairs += pairs(count);
  const expected = (rowPairs * columnPairs) / pairs(table.total);
  const maximum = (rowPairs + columnPairs) / 2;
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
