/**
 * The sketches of one numeric column (`int`, `float`, `datetime`) while a profile is built or merged:
 * missing and infinite counts, moments, quantiles (exact up to a cap, then KLL), exact value counts of
 * low-cardinality columns, and a HyperLogLog of the distinct values. The moments, quantiles, value counts
 * and HLL see the finite values only, as the check engine does (it drops NaN and ±Infinity).
 * @module
 */
import { UsageError } from '../errors.ts';
import { HyperLogLog } from '../sketch/hll.ts';
import { Moments } from '../sketch/moments.ts';
import { QuantileSketch } from '../sketch/quantile-sketch.ts';
import { ValueCounts } from '../sketch/value-counts.ts';
import type { ResolvedProfileOptions } from './profile-options.ts';
import type { NumericProfileColumn } from './profile-types.ts';

export class NumericAccumulator {
  readonly name: string;
  dtype: 'int' | 'float' | 'datetime';
  count = 0;
  missing = 0;
  positiveInfinity = 0;
  negativeInfinity = 0;
  moments: Moments;
  quantiles: QuantileSketch;
  valueCounts: ValueCounts;
  hll: HyperLogLog;

  constructor(
    name: string,
    dtype: 'int' | 'float' | 'datetime',
    sketches: {
      readonly moments: Moments;
      readonly quantiles: QuantileSketch;
      readonly valueCounts: ValueCounts;
      readonly hll: HyperLogLog;
    },
  ) {
    this.name = name;
    this.dtype = dtype;
    this.moments = sketches.moments;
    this.quantiles = sketches.quantiles;
    this.valueCounts = sketches.valueCounts;
    this.hll = sketches.hll;
  }

  /** An empty accumulator with the sketch parameters of `options`. */
  static create(
    name: string,
    dtype: 'int' | 'float' | 'datetime',
    options: ResolvedProfileOptions,
  ): NumericAccumulator {
    return new NumericAccumulator(name, dtype, {
      moments: new Moments(),
      quantiles: new QuantileSketch({ exactCap: options.exactCap, k: options.kllK, seed: options.seed }),
      valueCounts: new ValueCounts({ cap: options.valueCountsCap }),
      hll: new HyperLogLog(options.hllPrecision),
    });
  }

  /** One cell: NaN is missing, ±Infinity is counted apart. */
  addValue(x: number): void {
    if (Number.isNaN(x)) {
      this.missing++;
      return;
    }
    this.count++;
    if (x === Number.POSITIVE_INFINITY) this.positiveInfinity++;
    else if (x === Number.NEGATIVE_INFINITY) this.negativeInfinity++;
    else {
      this.moments.update(x);
      this.quantiles.update(x);
      this.valueCounts.update(x);
      this.hll.updateNumber(x);
    }
  }

  addMissing(cells: number): void {
    this.missing += cells;
  }

  /** A whole column of cells at once (the fast path of `profileTable`). */
  addValues(values: Float64Array): void {
    const finite = this.moments.updateMany(values);
    let missing = 0;
    let positive = 0;
    let negative = 0;
    if (finite < values.length) {
      for (let i = 0; i < values.length; i++) {
        const x = values[i]!;
        if (x - x === 0) continue;
        if (Number.isNaN(x)) missing++;
        else if (x > 0) positive++;
        else negative++;
      }
    }
    this.missing += missing;
    this.count += values.length - missing;
    this.positiveInfinity += positive;
    this.negativeInfinity += negative;
    // The sketches skip NaN themselves; infinities (rare) are filtered out first.
    const finiteValues = positive + negative > 0 ? values.filter((x) => x - x === 0) : values;
    this.quantiles.updateMany(finiteValues);
    this.valueCounts.updateMany(finiteValues);
    this.hll.updateNumbers(finiteValues);
  }

  /** @throws UsageError `DW_PROFILE_MERGE_MISMATCH` when a datetime column meets a number column. */
  merge(other: NumericAccumulator): this {
    const dtype = widenNumeric(this.dtype, other.dtype);
    if (dtype === null) {
      throw new UsageError(
        'DW_PROFILE_MERGE_MISMATCH',
        `column '${this.name}' is ${this.dtype} in one profile and ${other.dtype} in the other: cannot merge`,
      );
    }
    this.dtype = dtype;
    this.count += other.count;
    this.missing += other.missing;
    this.positiveInfinity += other.positiveInfinity;
    this.negativeInfinity += other.negativeInfinity;
    this.moments.merge(other.moments);
    this.quantiles.merge(other.quantiles);
    this.valueCounts.merge(other.valueCounts);
    this.hll.merge(other.hll);
    return this;
  }

  toColumn(): NumericProfileColumn {
    const exact = this.quantiles.exact || !this.valueCounts.overflowed;
    return {
      name: this.name,
      // pandas reads an integer column with a missing cell as float64 (and so do the readers).
      dtype: this.dtype === 'int' && this.missing > 0 ? 'float' : this.dtype,
      count: this.count,
      missing: this.missing,
      exact,
      rankErrorBound: exact ? 0 : this.quantiles.rankErrorBound,
      distinct: this.#distinct(),
      hll: this.hll.toJSON(),
      positiveInfinity: this.positiveInfinity,
      negativeInfinity: this.negativeInfinity,
      moments: this.moments.toJSON(),
      quantiles: this.quantiles.toJSON(),
      valueCounts: this.valueCounts.toJSON(),
    };
  }

  #distinct(): number {
    if (!this.valueCounts.overflowed) return this.valueCounts.size;
    const sorted = this.quantiles.sortedValues();
    if (sorted !== null) {
      let d = 0;
      for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) d++;
      return d;
    }
    return Math.round(this.hll.estimate());
  }

  /** @throws UsageError `DW_SKETCH_INVALID` from the sketches when a state is inconsistent. */
  static fromColumn(c: NumericProfileColumn): NumericAccumulator {
    const acc = new NumericAccumulator(c.name, c.dtype, {
      moments: Moments.fromJSON(c.moments),
      quantiles: QuantileSketch.fromJSON(c.quantiles),
      valueCounts: ValueCounts.fromJSON(c.valueCounts),
      hll: HyperLogLog.fromJSON(c.hll),
    });
    acc.count = c.count;
    acc.missing = c.missing;
    acc.positiveInfinity = c.positiveInfinity;
    acc.negativeInfinity = c.negativeInfinity;
    return acc;
  }
}

/** int ∪ float = float (as the readers widen a column over partitions); otherwise the types must agree. */
export function widenNumeric(
  a: 'int' | 'float' | 'datetime',
  b: 'int' | 'float' | 'datetime',
): 'int' | 'float' | 'datetime' | null {
  if (a === b) return a;
  if (a !== 'datetime' && b !== 'datetime') return 'float';
  return null;
}
