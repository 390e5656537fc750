/**
 * Profile options with their defaults filled in.
 * @module
 */
import { UsageError } from '../errors.ts';
import { HLL_DEFAULT_PRECISION, HLL_MAX_PRECISION, HLL_MIN_PRECISION } from '../sketch/hll.ts';
import { KLL_DEFAULT_K, KLL_MAX_K, KLL_MIN_K } from '../sketch/kll.ts';
import { QUANTILE_EXACT_DEFAULT_CAP } from '../sketch/quantile-sketch.ts';
import { FREQUENT_ITEMS_DEFAULT_CAPACITY } from '../sketch/space-saving.ts';
import { VALUE_COUNTS_DEFAULT_CAP } from '../sketch/value-counts.ts';
import type { ProfileOptions } from './profile-types.ts';

export type ResolvedProfileOptions = Required<ProfileOptions>;

function integerIn(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      'DW_PROFILE_BAD_OPTION',
      `profile option ${name} must be an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}], got ${value}`,
    );
  }
  return value;
}

/**
 * Fills in the defaults (documented on `ProfileOptions`) and checks the values.
 * @throws UsageError `DW_PROFILE_BAD_OPTION` naming the option.
 */
export function resolveProfileOptions(options: ProfileOptions = {}): ResolvedProfileOptions {
  return {
    exactCap: integerIn('exactCap', options.exactCap ?? QUANTILE_EXACT_DEFAULT_CAP, 0),
    kllK: integerIn('kllK', options.kllK ?? KLL_DEFAULT_K, KLL_MIN_K, KLL_MAX_K),
    frequentItemsCapacity: integerIn(
      'frequentItemsCapacity',
      options.frequentItemsCapacity ?? FREQUENT_ITEMS_DEFAULT_CAPACITY,
      1,
    ),
    valueCountsCap: integerIn('valueCountsCap', options.valueCountsCap ?? VALUE_COUNTS_DEFAULT_CAP, 0),
    hllPrecision: integerIn(
      'hllPrecision',
      options.hllPrecision ?? HLL_DEFAULT_PRECISION,
      HLL_MIN_PRECISION,
      HLL_MAX_PRECISION,
    ),
    seed: integerIn('seed', options.seed ?? 0, 0, 0xffffffff),
  };
}
