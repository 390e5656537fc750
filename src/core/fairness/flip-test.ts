/**
 * SageMaker Clarify's flip test (FT) for one facet d against the rest a.
 *
 * Ported from aws/amazon-sagemaker-clarify `src/smclarify/bias/metrics/posttraining.py` `FT` (an
 * approximation, for tabular data, of Black, Yeom and Fredrikson's FlipTest, FAT* 2020): a k-nearest-neighbour
 * classifier is fitted on a's feature rows with the *model's predicted labels* of a as targets, then
 * predicts a label for every row of d ("what the model would have said had this row been in a").
 * - k = 5 when a has more than 9 rows, else k = 1 (`FT_DEFAULT_NEIGHBOR`, `FT_MIN_NEIGHBOR`,
 *   `FT_SAMPLES_COUNT_THRESHOLD` in `constants.py`); Euclidean distance (Minkowski p = 2), uniform weights,
 *   majority vote (k is odd, so no vote ties), as in scikit-learn's `KNeighborsClassifier` that Clarify uses.
 * - FT = (|FS⁺| − |FS⁻|) / n_d, with FS⁺ = rows of d the model predicts positive but the k-NN predicts
 *   negative (`FlipSet_pos`: model label > k-NN label) and FS⁻ the opposite (`FlipSet_neg`). FT > 0 means the
 *   model gives d *more* positives than its nearest a-lookalikes get.
 *
 * So FT needs no access to the model, only the feature matrix the model saw (numeric columns, as Clarify
 * requires: "FlipTest does not support non-numeric columns"). Features are used as given (no scaling, as in
 * Clarify). Differences from Clarify: among a-rows at exactly the same distance the one with the lower row
 * index is the nearer (scikit-learn's tie order depends on its tree/brute algorithm and is unspecified), so
 * results can differ from Clarify only when d-rows have equidistant a-neighbours at the k-th place. The
 * search is brute force, O(n_a·n_d·p); when n_a·n_d exceeds `maxPairs` FT is not computed.
 * @module
 */

/** Why FT was not computed. */
export type FlipTestSkipReason =
  | 'noFeatures'
  | 'nonFiniteFeature'
  | 'tooManyPairs'
  | 'emptyFacet'
  | 'emptyRest';

/** Result of the flip test for one facet. */
export interface FlipTestResult {
  /** FT = (|FS⁺| − |FS⁻|) / n_d, or `null` when skipped. */
  readonly value: number | null;
  /** `null` when computed. */
  readonly skipped: FlipTestSkipReason | null;
  /** Neighbours used (5, or 1 when a has at most 9 rows); 0 when skipped. */
  readonly neighbours: number;
  /** |FS⁺|: model positive, k-NN (as if in a) negative. */
  readonly flippedToPositive: number;
  /** |FS⁻|: model negative, k-NN (as if in a) positive. */
  readonly flippedToNegative: number;
}

/** Default budget of distance evaluations (n_a·n_d) per facet: about a second for ~10 features. */
export const FLIP_TEST_DEFAULT_MAX_PAIRS = 20_000_000;

function skipped(reason: FlipTestSkipReason): FlipTestResult {
  return { value: null, skipped: reason, neighbours: 0, flippedToPositive: 0, flippedToNegative: 0 };
}

/** Copy the feature rows listed in `rows` into one row-major matrix (cache-friendly scanning). */
function gatherRows(features: readonly Float64Array[], rows: Uint32Array): Float64Array | null {
  const p = features.length;
  const out = new Float64Array(rows.length * p);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    for (let j = 0; j < p; j++) {
      const v = features[j]![i]!;
      if (!Number.isFinite(v)) return null;
      out[r * p + j] = v;
    }
  }
  return out;
}

/**
 * Flip test of facet rows `facetRows` (d) against `restRows` (a).
 * @param features - numeric feature columns, row-aligned with `prediction` (no NaN/±∞ in the rows used).
 * @param facetRows - row indices of d, ascending.
 * @param restRows - row indices of a, ascending (the order breaks distance ties).
 * @param prediction - the model's 0/1 predicted label per row.
 * @param maxPairs - skip when n_a·n_d is larger (default {@link FLIP_TEST_DEFAULT_MAX_PAIRS}).
 */
export function flipTest(
  features: readonly Float64Array[],
  facetRows: Uint32Array,
  restRows: Uint32Array,
  prediction: Uint8Array,
  maxPairs: number = FLIP_TEST_DEFAULT_MAX_PAIRS,
): FlipTestResult {
  if (features.length === 0) return skipped('noFeatures');
  const nd = facetRows.length;
  const na = restRows.length;
  if (nd === 0) return skipped('emptyFacet');
  if (na === 0) return skipped('emptyRest');
  if (na * nd > maxPairs) return skipped('tooManyPairs');
  const p = features.length;
  const A = gatherRows(features, restRows);
  const D = gatherRows(features, facetRows);
  if (A === null || D === null) return skipped('nonFiniteFeature');
  const aLabel = new Uint8Array(na);
  for (let r = 0; r < na; r++) aLabel[r] = prediction[restRows[r]!]!;

  const k = na > 9 ? 5 : 1;
  // The k best (distance, a-position) pairs so far, sorted by distance; insertion keeps the earlier
  // position first among equal distances because a later candidate must be strictly nearer to enter.
  const bestDist = new Float64Array(k);
  const bestPos = new Int32Array(k);
  let toPositive = 0;
  let toNegative = 0;
  for (let r = 0; r < nd; r++) {
    bestDist.fill(Number.POSITIVE_INFINITY);
    bestPos.fill(-1);
    const dOff = r * p;
    for (let s = 0; s < na; s++) {
      const aOff = s * p;
      let dist = 0;
      for (let j = 0; j < p; j++) {
        const t = D[dOff + j]! - A[aOff + j]!;
        dist += t * t;
      }
      if (bestPos[k - 1] !== -1 && dist >= bestDist[k - 1]!) continue;
      let m = k - 1;
      while (m > 0 && (bestPos[m - 1] === -1 || dist < bestDist[m - 1]!)) {
        bestDist[m] = bestDist[m - 1]!;
        bestPos[m] = bestPos[m - 1]!;
        m--;
      }
      bestDist[m] = dist;
      bestPos[m] = s;
    }
    let votes = 0;
    for (let m = 0; m < k; m++) votes += aLabel[bestPos[m]!]!;
    const knn = 2 * votes > k ? 1 : 0;
    const model = prediction[facetRows[r]!]!;
    if (model > knn) toPositive++;
    else if (model < knn) toNegative++;
  }
  return {
    value: (toPositive - toNegative) / nd,
    skipped: null,
    neighbours: k,
    flippedToPositive: toPositive,
    flippedToNegative: toNegative,
  };
}
