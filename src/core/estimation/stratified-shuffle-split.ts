/**
 * scikit-learn's `StratifiedShuffleSplit` test folds, drawn from numpy's legacy `RandomState` exactly as
 * scikit-learn 1.2.1 does.
 *
 * Ported from scikit-learn 1.2.1 `sklearn/model_selection/_split.py` (`StratifiedShuffleSplit._iter_indices`,
 * `_validate_shuffle_split`) and `sklearn/utils/__init__.py` (`_approximate_mode`), BSD-3. Per split: the train and
 * test counts per class come from `_approximate_mode` (the largest remainders get the extra rows, ties broken by
 * `rng.choice(…, replace=False)`), each class's rows (ascending) are permuted with `rng.permutation`, the first
 * `n_i` go to train and the next `t_i` to test; finally train and test are each permuted again.
 * @module
 */
import type { LegacyRandomState } from './mt19937.ts';
import { legacyRandomState } from './mt19937.ts';

export interface StratifiedSplit {
  /**
   * Training rows, ascending (scikit-learn shuffles them; only the set matters to a fit). In practice every row
   * not in `test` (train and test sizes add up to the row count).
   */
  readonly train: Uint32Array;
  /** Test rows, in scikit-learn's (shuffled) order. */
  readonly test: Uint32Array;
}

/** `_approximate_mode(class_counts, n_draws, rng)`. */
function approximateMode(counts: readonly number[], draws: number, rng: LegacyRandomState): number[] {
  let total = 0;
  for (const c of counts) total += c;
  const continuous = counts.map((c) => (c / total) * draws);
  const floored = continuous.map((c) => Math.floor(c));
  let flooredSum = 0;
  for (const f of floored) flooredSum += f;
  let needToAdd = Math.trunc(draws - flooredSum);
  if (needToAdd > 0) {
    const remainder = continuous.map((c, i) => c - floored[i]!);
    const values = [...new Set(remainder)].sort((a, b) => b - a);
    for (const value of values) {
      const inds: number[] = [];
      remainder.forEach((r, i) => {
        if (r === value) inds.push(i);
      });
      const addNow = Math.min(inds.length, needToAdd);
      // rng.choice(inds, size=addNow, replace=False) = inds[permutation(len(inds))[:addNow]]
      const perm = rng.permutation(inds.length);
      for (let t = 0; t < addNow; t++) floored[inds[perm[t]!]!]! += 1;
      needToAdd -= addNow;
      if (needToAdd === 0) break;
    }
  }
  return floored;
}

/**
 * The splits of `StratifiedShuffleSplit(n_splits, test_size, random_state=seed).split(X, y)` for class labels
 * `y` (small non-negative integers). Returns `null` where scikit-learn raises (a class with fewer than 2 rows, or
 * fewer train or test rows than classes).
 */
export function stratifiedShuffleSplit(
  y: ArrayLike<number>,
  nSplits: number,
  testSize: number,
  seed: number,
): StratifiedSplit[] | null {
  const n = y.length;
  const nTest = Math.ceil(testSize * n);
  const nTrain = n - nTest;
  // np.unique(y, return_inverse=True): classes sorted; class_counts by bincount.
  const distinct = new Set<number>();
  for (let i = 0; i < n; i++) distinct.add(y[i]!);
  const classes = [...distinct].sort((a, b) => a - b);
  const code = new Map(classes.map((c, i) => [c, i]));
  const counts = classes.map(() => 0);
  for (let i = 0; i < n; i++) counts[code.get(y[i]!)!]! += 1;
  if (nTrain <= 0 || classes.length === 0 || Math.min(...counts) < 2) return null;
  if (nTrain < classes.length || nTest < classes.length) return null;
  // Rows of each class in ascending order (argsort(y_indices, kind='mergesort') split by class).
  const classRows = counts.map((c) => new Uint32Array(c));
  const filled = counts.map(() => 0);
  for (let i = 0; i < n; i++) {
    const c = code.get(y[i]!)!;
    classRows[c]![filled[c]!++] = i;
  }
  const rng = legacyRandomState(seed);
  const splits: StratifiedSplit[] = [];
  const isTrain = new Uint8Array(n);
  for (let s = 0; s < nSplits; s++) {
    const nI = approximateMode(counts, nTrain, rng);
    const tI = approximateMode(
      counts.map((c, i) => c - nI[i]!),
      nTest,
      rng,
    );
    // Train rows are marked by elimination: every row, less the test rows and any row of a class beyond its
    // n_i + t_i (none in practice: t_i is the approximate mode of the n_test rows left after n_i, which are exactly
    // the class counts minus n_i).
    isTrain.fill(1);
    const test = new Uint32Array(nTest);
    let te = 0;
    for (let c = 0; c < classes.length; c++) {
      // rng.permutation(count): only the positions from n_i on are needed in order (the test rows); the first n_i
      // positions are the train rows, whose order does not matter (see shuffleTail).
      const count = counts[c]!;
      const perm = new Uint32Array(count);
      for (let t = 0; t < count; t++) perm[t] = t;
      rng.shuffleTail(perm, count - nI[c]!);
      const rows = classRows[c]!;
      for (let t = nI[c]!; t < nI[c]! + tI[c]!; t++) {
        const row = rows[perm[t]!]!;
        test[te++] = row;
        isTrain[row] = 0;
      }
      for (let t = nI[c]! + tI[c]!; t < count; t++) isTrain[rows[perm[t]!]!] = 0;
    }
    rng.skipShuffle(nTrain); // train = rng.permutation(train)
    rng.shuffle(test); // test = rng.permutation(test)
    // Branch-free: every row is written, and kept when it is a train row (one spare entry for the last write).
    const trainBuffer = new Uint32Array(nTrain + 1);
    let tr = 0;
    for (let i = 0; i < n; i++) {
      trainBuffer[tr] = i;
      tr += isTrain[i]!;
    }
    const train = trainBuffer.subarray(0, nTrain);
    splits.push({ train, test });
  }
  return splits;
}
