/**
 * Adapters from the statistical tests in `core/stats` to the drift engine: each returns the number
 * Evidently reports as the drift score, and turns a test that is undefined for the data into an error
 * with a reason (the column then gets `drifted: null` and a warning, never a crashed report).
 * @module
 */
import { DriftwatchError } from '../errors.ts';
import { andersonKSamp } from '../stats/anderson-ksamp.ts';
import { cramerVonMises2Samp } from '../stats/cramer-von-mises.ts';
import { empiricalMmdTest } from '../stats/empirical-mmd.ts';
import { energyDistance } from '../stats/energy-distance.ts';
import { eppsSingleton2Samp } from '../stats/epps-singleton.ts';
import { fisherExactTest } from '../stats/fisher-exact.ts';
import { mannWhitneyU } from '../stats/mann-whitney.ts';
import { chiSquareTest, gTest as gTestCounts } from '../stats/power-divergence.ts';
import { tTest as tTestInd } from '../stats/t-test.ts';
import { tvdPermutationTest } from '../stats/tvd-permutation.ts';
import { wassersteinDistance } from '../stats/wasserstein.ts';
import { zTest as zTestCounts } from '../stats/z-test.ts';

function undefinedFor(method: string, reason: string | undefined): never {
  throw new DriftwatchError(
    'DW_TEST_UNDEFINED',
    `${method} is undefined for this data (${reason ?? 'not computable'})`,
  );
}

export const wasserstein = wassersteinDistance;
export const energy = energyDistance;

export function chisquare(ref: Float64Array, cur: Float64Array): number {
  const r = chiSquareTest(ref, cur);
  return Number.isNaN(r.pValue) ? undefinedFor('chisquare', r.undefinedReason) : r.pValue;
}

export function gTest(ref: Float64Array, cur: Float64Array): number {
  const r = gTestCounts(ref, cur);
  if (r.undefinedReason === 'sums-differ') {
    undefinedFor(
      'g_test',
      'Evidently compares raw reference counts, so both datasets must have the same number of values',
    );
  }
  return Number.isNaN(r.pValue) ? undefinedFor('g_test', r.undefinedReason) : r.pValue;
}

export function zTest(ref: Float64Array, cur: Float64Array): number {
  return zTestCounts(ref, cur).pValue;
}

export function fisherExact(ref: Float64Array, cur: Float64Array): number {
  let nRef = 0;
  let nCur = 0;
  for (const v of ref) nRef += v;
  for (const v of cur) nCur += v;
  // Evidently `generate_fisher2x2_contingency_table` raises unless both sides have the same length.
  if (nRef !== nCur)
    undefinedFor('fisher_exact', `needs equally long datasets, got ${nRef} and ${nCur} values`);
  if (ref.length > 2) undefinedFor('fisher_exact', `needs at most 2 categories, got ${ref.length}`);
  return fisherExactTest(ref, cur).pValue;
}

export function tvd(ref: Float64Array, cur: Float64Array, seed: number): number {
  return tvdPermutationTest(ref, cur, { seed }).pValue;
}

export function mannWhitney(ref: Float64Array, cur: Float64Array): number {
  // Evidently: mannwhitneyu(reference, current, alternative="less").
  return mannWhitneyU(ref, cur, { alternative: 'less' }).pValue;
}

export function tTest(ref: Float64Array, cur: Float64Array): number {
  return tTestInd(ref, cur).pValue;
}

export function anderson(ref: Float64Array, cur: Float64Array): number {
  const r = andersonKSamp(ref, cur);
  return Number.isNaN(r.pValue) ? undefinedFor('anderson', r.undefinedReason) : r.pValue;
}

export function cramerVonMises(ref: Float64Array, cur: Float64Array): number {
  const r = cramerVonMises2Samp(ref, cur);
  return Number.isNaN(r.pValue)
    ? undefinedFor('cramer_von_mises', 'needs at least 2 values per dataset')
    : r.pValue;
}

export function eppsSingleton(ref: Float64Array, cur: Float64Array): number {
  const r = eppsSingleton2Samp(ref, cur);
  return Number.isNaN(r.pValue) ? undefinedFor('es', r.undefinedReason) : r.pValue;
}

export function mmd(ref: Float64Array, cur: Float64Array, seed: number): number {
  const r = empiricalMmdTest(ref, cur, { seed });
  return Number.isNaN(r.pValue)
    ? undefinedFor('empirical_mmd', 'needs at least 2 values per dataset')
    : r.pValue;
}
