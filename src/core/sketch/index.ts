/**
 * Mergeable streaming sketches (pure, no I/O): moments, quantiles (exact up to a cap, then KLL), distinct
 * counts (HyperLogLog), frequent items (exact up to a cap, then SpaceSaving/Misra–Gries) and exact value
 * counts of low-cardinality numbers. Every sketch has `update`, `merge`, `toJSON` and `fromJSON`; its
 * JSON state is a plain object.
 * @module
 */
export {
  HLL_DEFAULT_PRECISION,
  type HllState,
  HyperLogLog,
  hllRelativeStandardError,
  mergeHll,
} from './hll.ts';
export {
  checkKllK,
  KLL_DEFAULT_K,
  type KllOptions,
  KllSketch,
  type KllSortedView,
  type KllState,
  kllNormalizedRankError,
  mergeKll,
} from './kll.ts';
export { Moments, type MomentsState, mergeMoments, momentsOf } from './moments.ts';
export { murmurHash3Bytes, murmurHash3Number, murmurHash3String, murmurHash3Words } from './murmur-hash3.ts';
export {
  mergeQuantileSketches,
  QUANTILE_EXACT_DEFAULT_CAP,
  QuantileSketch,
  type QuantileSketchOptions,
  type QuantileSketchState,
} from './quantile-sketch.ts';
export {
  FREQUENT_ITEMS_DEFAULT_CAPACITY,
  type FrequentItem,
  type FrequentItemsState,
  mergeFrequentItems,
  SpaceSaving,
  type SpaceSavingOptions,
} from './space-saving.ts';
export {
  mergeValueCounts,
  VALUE_COUNTS_DEFAULT_CAP,
  ValueCounts,
  type ValueCountsState,
} from './value-counts.ts';
