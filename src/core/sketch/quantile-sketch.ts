/**
 * A quantile summary that is exact while it is small and a KLL sketch beyond a size cap: it keeps every
 * value up to `exactCap` values (default 100 000), so small references stay exact (drift results identical
 * to the raw data's), and switches for good to a `KllSketch` (bounded rank error) once more arrive.
 * This is the "quantile sketch that is exact up to a size cap and a KLL sketch beyond it" of issue #3.
 * @module
 */
import { UsageError } from '../errors.ts';
import { checkKllK, KLL_DEFAULT_K, KllSketch, type KllSortedView, type KllState } from './kll.ts';

export const QUANTILE_EXACT_DEFAULT_CAP = 100_000;

export interface QuantileSketchOptions {
  /** Values kept exactly before switching to KLL (default 100 000). */
  readonly exactCap?: number;
  /** KLL accuracy parameter once sketched (default 200). */
  readonly k?: number;
  /** KLL coin-flip seed (default 0). */
  readonly seed?: number;
}

/** Plain, JSON-serialisable state of a `QuantileSketch`. Exact values are stored sorted. */
export type QuantileSketchState =
  | {
      readonly kind: 'quantiles';
      readonly exact: true;
      readonly exactCap: number;
      readonly k: number;
      readonly seed: number;
      readonly values: readonly number[];
    }
  | {
      readonly kind: 'quantiles';
      readonly exact: false;
      readonly exactCap: number;
      readonly kll: KllState;
    };

function checkCap(cap: number): void {
  if (!Number.isSafeInteger(cap) || cap < 0) {
    throw new UsageError('DW_SKETCH_BAD_OPTION', `exactCap must be a non-negative integer, got ${cap}`);
  }
}

export class QuantileSketch {
  readonly exactCap: number;
  readonly k: number;
  readonly seed: number;
  /** Exact values (first `#count` entries) while exact; null once sketched. */
  #values: Float64Array | null = new Float64Array(16);
  #count = 0;
  #kll: KllSketch | null = null;
  #sorted: Float64Array | null = null;

  constructor(options: QuantileSketchOptions = {}) {
    this.exactCap = options.exactCap ?? QUANTILE_EXACT_DEFAULT_CAP;
    checkCap(this.exactCap);
    this.k = options.k ?? KLL_DEFAULT_K;
    this.seed = options.seed ?? 0;
    checkKllK(this.k);
    if (this.exactCap === 0) this.#toKll();
  }

  /** True while every value is kept. */
  get exact(): boolean {
    return this.#kll === null;
  }
  /** Values seen. */
  get n(): number {
    return this.#kll === null ? this.#count : this.#kll.n;
  }
  /** Normalized rank error bound (99 % confidence) of rank/CDF answers: 0 while exact. */
  get rankErrorBound(): number {
    return this.#kll === null ? 0 : this.#kll.normalizedRankError(false);
  }

  /** Adds a value. NaN is ignored; −0 is stored as +0. */
  update(value: number): void {
    if (Number.isNaN(value)) return;
    const x = value + 0; // −0 → +0, as JSON would turn it
    if (this.#kll !== null) {
      this.#kll.update(x);
      return;
    }
    if (this.#count === this.exactCap) {
      this.#toKll();
      this.#kll!.update(x);
      return;
    }
    this.#reserve(this.#count + 1);
    this.#values![this.#count++] = x;
    this.#sorted = null;
  }

  /** Adds `values[start, end)` (NaN ignored). */
  updateMany(values: ArrayLike<number>, start = 0, end = values.length): void {
    let i = start;
    if (this.#kll === null) {
      // Bulk copy while the values fit under the cap.
      const room = this.exactCap - this.#count;
      const stop = Math.min(end, i + room);
      this.#reserve(this.#count + (stop - i));
      const buf = this.#values!;
      let c = this.#count;
      for (; i < stop; i++) {
        const x = values[i]!;
        if (!Number.isNaN(x)) buf[c++] = x + 0;
      }
      this.#count = c;
      this.#sorted = null;
      // NaNs left room under the cap: continue value by value.
      while (i < end && this.#kll === null) this.update(values[i++]!);
    }
    if (i < end) this.#kll!.updateMany(values, i, end);
  }

  #reserve(size: number): void {
    if (size <= this.#values!.length) return;
    const grown = new Float64Array(Math.max(size, Math.min(this.exactCap, this.#values!.length * 2)));
    grown.set(this.#values!.subarray(0, this.#count));
    this.#values = grown;
  }

  #toKll(): void {
    const kll = new KllSketch({ k: this.k, seed: this.seed });
    if (this.#values !== null) kll.updateMany(this.#values, 0, this.#count);
    this.#kll = kll;
    this.#values = null;
    this.#sorted = null;
    this.#count = 0;
  }

  /** Merges `other` into this. Stays exact only if both are exact and the union fits under the cap. */
  merge(other: QuantileSketch): this {
    if (other === this) return this.merge(other.clone());
    if (this.#kll === null && other.#kll === null && this.#count + other.#count <= this.exactCap) {
      this.#reserve(this.#count + other.#count);
      this.#values!.set(other.#values!.subarray(0, other.#count), this.#count);
      this.#count += other.#count;
      this.#sorted = null;
      return this;
    }
    if (this.#kll === null) this.#toKll();
    if (other.#kll === null) this.#kll!.updateMany(other.#values!, 0, other.#count);
    else this.#kll!.merge(other.#kll);
    return this;
  }

  /** The exact values, sorted (null once sketched). */
  sortedValues(): Float64Array | null {
    if (this.#kll !== null) return null;
    if (this.#sorted === null) this.#sorted = this.#values!.slice(0, this.#count).sort();
    return this.#sorted;
  }

  /** The KLL sketch once sketched (null while exact). */
  get kll(): KllSketch | null {
    return this.#kll;
  }

  /** Values in order with their weights: every value with weight 1 while exact, KLL's items otherwise. */
  sortedView(): KllSortedView {
    if (this.#kll !== null) return this.#kll.sortedView();
    const values = this.sortedValues()!;
    const cumulativeWeights = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) cumulativeWeights[i] = i + 1;
    return { values, cumulativeWeights };
  }

  /** Share of values ≤ x (`inclusive`) or < x; NaN when empty. */
  rank(x: number, inclusive = true): number {
    if (this.#kll !== null) return this.#kll.rank(x, inclusive);
    const values = this.sortedValues()!;
    if (values.length === 0) return Number.NaN;
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (inclusive ? values[mid]! <= x : values[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo / values.length;
  }

  /** q-quantile with the same (inverse-CDF, no interpolation) definition as `KllSketch.quantile`. */
  quantile(q: number, inclusive = true): number {
    if (this.#kll !== null) return this.#kll.quantile(q, inclusive);
    if (!(q >= 0 && q <= 1)) {
      throw new UsageError('DW_SKETCH_BAD_OPTION', `quantile rank must be in [0, 1], got ${q}`);
    }
    const values = this.sortedValues()!;
    const n = values.length;
    if (n === 0) return Number.NaN;
    if (q === 0) return values[0]!;
    if (q === 1) return values[n - 1]!;
    const index = inclusive ? Math.ceil(q * n) - 1 : Math.floor(q * n);
    return values[Math.min(n - 1, Math.max(0, index))]!;
  }

  clone(): QuantileSketch {
    return QuantileSketch.fromJSON(this.toJSON());
  }

  toJSON(): QuantileSketchState {
    if (this.#kll !== null) {
      return { kind: 'quantiles', exact: false, exactCap: this.exactCap, kll: this.#kll.toJSON() };
    }
    return {
      kind: 'quantiles',
      exact: true,
      exactCap: this.exactCap,
      k: this.k,
      seed: this.seed,
      values: Array.from(this.sortedValues()!),
    };
  }

  /** @throws UsageError `DW_SKETCH_INVALID` when the state is inconsistent. */
  static fromJSON(state: QuantileSketchState): QuantileSketch {
    if (state.kind !== 'quantiles') {
      throw new UsageError(
        'DW_SKETCH_INVALID',
        `invalid quantile sketch state: kind '${String(state.kind)}'`,
      );
    }
    checkCap(state.exactCap);
    if (state.exact) {
      const values = state.values;
      if (!Array.isArray(values) || values.length > state.exactCap) {
        throw new UsageError('DW_SKETCH_INVALID', 'invalid quantile sketch state: more values than exactCap');
      }
      const sk = new QuantileSketch({ exactCap: state.exactCap, k: state.k, seed: state.seed });
      for (const v of values) {
        if (typeof v !== 'number' || Number.isNaN(v)) {
          throw new UsageError('DW_SKETCH_INVALID', 'invalid quantile sketch state: a value is not a number');
        }
      }
      sk.#kll = null;
      sk.#values = Float64Array.from(values);
      sk.#count = values.length;
      return sk;
    }
    const kll = KllSketch.fromJSON(state.kll);
    const sk = new QuantileSketch({ exactCap: state.exactCap, k: kll.k, seed: kll.seed });
    sk.#kll = kll;
    sk.#values = null;
    sk.#count = 0;
    return sk;
  }
}

/** Merge of two states (neither is modified). */
export function mergeQuantileSketches(a: QuantileSketchState, b: QuantileSketchState): QuantileSketchState {
  return QuantileSketch.fromJSON(a).merge(QuantileSketch.fromJSON(b)).toJSON();
}
