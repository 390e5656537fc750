/**
 * The sketches of one `string` or `bool` column while a profile is built or merged: missing count,
 * frequent items (exact counts up to a distinct-value cap, SpaceSaving/Misra–Gries beyond) and a
 * HyperLogLog of the distinct values.
 * @module
 */
import { HyperLogLog } from '../sketch/hll.ts';
import { SpaceSaving } from '../sketch/space-saving.ts';
import type { StringColumn } from '../table/column.ts';
import type { ResolvedProfileOptions } from './profile-options.ts';
import type { CategoricalProfileColumn } from './profile-types.ts';

export class CategoricalAccumulator {
  readonly name: string;
  dtype: 'string' | 'bool';
  count = 0;
  missing = 0;
  items: SpaceSaving;
  hll: HyperLogLog;

  constructor(name: string, dtype: 'string' | 'bool', items: SpaceSaving, hll: HyperLogLog) {
    this.name = name;
    this.dtype = dtype;
    this.items = items;
    this.hll = hll;
  }

  /** An empty accumulator with the sketch parameters of `options`. */
  static create(
    name: string,
    dtype: 'string' | 'bool',
    options: ResolvedProfileOptions,
  ): CategoricalAccumulator {
    return new CategoricalAccumulator(
      name,
      dtype,
      new SpaceSaving({ capacity: options.frequentItemsCapacity }),
      new HyperLogLog(options.hllPrecision),
    );
  }

  /** One cell; null is missing. */
  addValue(value: string | null): void {
    if (value === null) {
      this.missing++;
      return;
    }
    this.count++;
    this.items.update(value);
    this.hll.updateString(value);
  }

  addMissing(cells: number): void {
    this.missing += cells;
  }

  /** A whole dictionary-encoded column: counts per code, then one weighted update per distinct value. */
  addColumn(column: StringColumn): void {
    const perCode = new Float64Array(column.dictionary.length);
    let missing = 0;
    for (const c of column.codes) {
      if (c < 0) missing++;
      else perCode[c]!++;
    }
    this.missing += missing;
    this.count += column.codes.length - missing;
    for (let c = 0; c < perCode.length; c++) {
      const n = perCode[c]!;
      if (n === 0) continue;
      const value = column.dictionary[c]!;
      this.items.update(value, n);
      this.hll.updateString(value);
    }
  }

  merge(other: CategoricalAccumulator): this {
    // A bool column meeting a string column becomes a string column (as the readers widen it).
    if (this.dtype !== other.dtype) this.dtype = 'string';
    this.count += other.count;
    this.missing += other.missing;
    this.items.merge(other.items);
    this.hll.merge(other.hll);
    return this;
  }

  toColumn(): CategoricalProfileColumn {
    const items = this.items.toJSON();
    let kept = 0;
    for (const [, c] of items.items) kept += c;
    const exact = items.exact;
    return {
      name: this.name,
      dtype: this.dtype,
      count: this.count,
      missing: this.missing,
      exact,
      rankErrorBound: exact || this.count === 0 ? 0 : (this.count - kept) / this.count,
      distinct: exact ? items.items.length : Math.max(items.items.length, Math.round(this.hll.estimate())),
      hll: this.hll.toJSON(),
      items,
    };
  }

  /** @throws UsageError `DW_SKETCH_INVALID` from the sketches when a state is inconsistent. */
  static fromColumn(c: CategoricalProfileColumn): CategoricalAccumulator {
    const acc = new CategoricalAccumulator(
      c.name,
      c.dtype,
      SpaceSaving.fromJSON(c.items),
      HyperLogLog.fromJSON(c.hll),
    );
    acc.count = c.count;
    acc.missing = c.missing;
    return acc;
  }
}
