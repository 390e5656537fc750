/**
 * Exact counts of the distinct finite numbers of a stream, while there are at most `cap` of them
 * (default 1000); beyond that the summary gives up ("overflowed") and keeps nothing.
 *
 * Why: a low-cardinality numeric column (codes, ratings, flags, small integers — Evidently treats an
 * integer column with ≤ 10 distinct values as categorical) is then reproduced exactly from a profile
 * however many rows it has, where a KLL sketch would only approximate each value's share and could drop
 * a rare value. Merging is exact: counts add; the union overflows when it has more than `cap` values.
 * @module
 */
import { UsageError } from '../errors.ts';

export const VALUE_COUNTS_DEFAULT_CAP = 1000;

/** Plain, JSON-serialisable state of `ValueCounts`: `values` is null once overflowed. */
export interface ValueCountsState {
  readonly kind: 'value-counts';
  readonly cap: number;
  /** `[value, count]` by increasing value; null when there were more than `cap` distinct values. */
  readonly values: readonly (readonly [number, number])[] | null;
}

export class ValueCounts {
  readonly cap: number;
  #counts: Map<number, number> | null = new Map();

  constructor(options: { readonly cap?: number } = {}) {
    this.cap = options.cap ?? VALUE_COUNTS_DEFAULT_CAP;
    if (!Number.isSafeInteger(this.cap) || this.cap < 0) {
      throw new UsageError(
        'DW_SKETCH_BAD_OPTION',
        `value-counts cap must be a non-negative integer, got ${this.cap}`,
      );
    }
  }

  /** True once more than `cap` distinct values were seen. */
  get overflowed(): boolean {
    return this.#counts === null;
  }

  /** Distinct values counted (NaN once overflowed). */
  get size(): number {
    return this.#counts === null ? Number.NaN : this.#counts.size;
  }

  /** Counts a finite value (others are ignored); −0 counts as 0. */
  update(x: number, weight = 1): void {
    const counts = this.#counts;
    if (counts === null || x - x !== 0) return;
    const key = x === 0 ? 0 : x;
    const c = counts.get(key);
    if (c !== undefined) counts.set(key, c + weight);
    else if (counts.size < this.cap) counts.set(key, weight);
    else this.#counts = null;
  }

  /** Counts `values[start, end)`; stops reading as soon as the summary overflows. */
  updateMany(values: ArrayLike<number>, start = 0, end = values.length): void {
    for (let i = start; i < end && this.#counts !== null; i++) this.update(values[i]!);
  }

  merge(other: ValueCounts): this {
    if (this.#counts === null) return this;
    if (other.#counts === null) {
      this.#counts = null;
      return this;
    }
    for (const [v, c] of other === this ? [...other.#counts] : other.#counts) this.update(v, c);
    return this;
  }

  /** `[value, count]` by increasing value, or null once overflowed. */
  entries(): [number, number][] | null {
    return this.#counts === null ? null : [...this.#counts].sort((a, b) => a[0] - b[0]);
  }

  clone(): ValueCounts {
    return ValueCounts.fromJSON(this.toJSON());
  }

  toJSON(): ValueCountsState {
    return { kind: 'value-counts', cap: this.cap, values: this.entries() };
  }

  /** @throws UsageError `DW_SKETCH_INVALID` when the state is inconsistent. */
  static fromJSON(state: ValueCountsState): ValueCounts {
    const bad = (why: string): never => {
      throw new UsageError('DW_SKETCH_INVALID', `invalid value-counts state: ${why}`);
    };
    if (state.kind !== 'value-counts') bad(`kind '${String(state.kind)}'`);
    const vc = new ValueCounts({ cap: state.cap });
    if (state.values === null) {
      vc.#counts = null;
      return vc;
    }
    if (!Array.isArray(state.values) || state.values.length > state.cap) bad('more values than cap');
    for (const entry of state.values) {
      const [v, c] = entry;
      if (!Number.isFinite(v) || !(c > 0) || vc.#counts!.has(v)) bad(`entry ${JSON.stringify(entry)}`);
      vc.#counts!.set(v === 0 ? 0 : v, c);
    }
    return vc;
  }
}

/** Merge of two states (neither is modified). */
export function mergeValueCounts(a: ValueCountsState, b: ValueCountsState): ValueCountsState {
  return ValueCounts.fromJSON(a).merge(ValueCounts.fromJSON(b)).toJSON();
}
