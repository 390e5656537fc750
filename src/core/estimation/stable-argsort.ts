/**
 * Stable ascending argsort of a Float64Array without NaN: `np.argsort(values, kind='stable')` (equal values keep
 * their row order; −0 and +0 are equal, as in numpy). The implementation is the shared radix argsort in
 * `core/stats/sort-float64.ts`.
 *
 * Why stable: NannyML sorts with numpy's default quicksort, whose order of tied values is platform-dependent; with
 * tied scores (the NannyML datasets' scores have 2 decimals) a stable order is the only reproducible choice.
 * @module
 */
export { argsortFloat64 as stableArgsort } from '../stats/sort-float64.ts';
