/**
 * Evidently's automatic choice of a drift method,
 * `legacy/calculations/stattests/registry.py::_get_default_stattest` (drift-methods.md §1.3).
 * @module
 */
import type { MethodId } from './method-spec.ts';

/** Evidently switches from p-value tests to distances above this many (cleaned) reference rows. */
export const LARGE_REFERENCE_ROWS = 1000;

/**
 * @param type the column's semantic type
 * @param refRows reference values left after dropping NaN/±∞ (the current size is ignored)
 * @param distinctValues distinct values of reference ∪ current (NaN excluded)
 */
export function selectDefaultMethod(type: 'num' | 'cat', refRows: number, distinctValues: number): MethodId {
  if (refRows <= LARGE_REFERENCE_ROWS) {
    if (distinctValues <= 2) return 'z';
    if (type === 'cat') return 'chisquare';
    return distinctValues <= 5 ? 'chisquare' : 'ks';
  }
  if (type === 'cat') return 'jensenshannon';
  return distinctValues <= 5 ? 'jensenshannon' : 'wasserstein';
}
