/**
 * Mergeable running moments of the finite values of a stream: count, mean, M2 (sum of squared deviations
 * from the mean), min and max.
 *
 * Algorithms:
 * - single values: B. P. Welford, "Note on a method for calculating corrected sums of squares and
 *   products", Technometrics 4(3), 1962 (`δ = x − mean; mean += δ/n; M2 += δ·(x − mean)`);
 * - batches: the two-pass algorithm (mean first, then Σ(x − mean)²), which is the most accurate way to get
 *   a batch's M2 (Chan, Golub & LeVeque 1983, §2), folded in with the pairwise update below;
 * - merging: T. F. Chan, G. H. Golub and R. J. LeVeque, "Updating formulae and a pairwise algorithm for
 *   computing sample variances", COMPSTAT 1982 / Stanford STAN-CS-79-773 (1979), eq. 2.1:
 *   `n = nA + nB; δ = meanB − meanA; mean = meanA + δ·nB/n; M2 = M2A + M2B + δ²·nA·nB/n`.
 *   (whylogs merges its `distribution` mean/M2 the same way, interop-formats.md §2.3.)
 *
 * NaN and ±Infinity are not values here: a profile counts them separately (missing, infinite).
 * @module
 */
import { UsageError } from '../errors.ts';

/** Plain, JSON-serialisable state of `Moments`. `min`/`max` are null while `count` is 0. */
export interface MomentsState {
  readonly count: number;
  readonly mean: number;
  /** Σ (x − mean)² over the values seen. */
  readonly m2: number;
  readonly min: number | null;
  readonly max: number | null;
}

/** Running count, mean, M2, min and max of finite values; mergeable (Chan et al.). */
export class Moments {
  #count = 0;
  #mean = 0;
  #m2 = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;

  get count(): number {
    return this.#count;
  }
  /** Mean of the values (0 when empty). */
  get mean(): number {
    return this.#mean;
  }
  /** Sum of squared deviations from the mean. */
  get m2(): number {
    return this.#m2;
  }
  /** Smallest value, NaN when empty. */
  get min(): number {
    return this.#count === 0 ? Number.NaN : this.#min;
  }
  /** Largest value, NaN when empty. */
  get max(): number {
    return this.#count === 0 ? Number.NaN : this.#max;
  }

  /** Adds one value (Welford). Non-finite values are ignored. */
  update(x: number): void {
    if (!Number.isFinite(x)) return;
    const n = ++this.#count;
    const delta = x - this.#mean;
    this.#mean += delta / n;
    this.#m2 += delta * (x - this.#mean);
    if (x < this.#min) this.#min = x;
    if (x > this.#max) this.#max = x;
  }

  /**
   * Adds a batch of values (non-finite ones ignored): two passes over the batch, then one Chan merge.
   * Faster than `update` per value and at least as accurate. Returns the number of finite values added.
   */
  updateMany(values: ArrayLike<number>, start = 0, end = values.length): number {
    if (end <= start) return 0;
    // Fast path, no per-value test: a finite sum means every value was finite (a NaN or ±Infinity, or an
    // overflow, makes it non-finite and sends the batch to the checked loops below).
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = start; i < end; i++) {
      const x = values[i]!;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (Number.isFinite(sum)) {
      const count = end - start;
      const mean = sum / count;
      let m2 = 0;
      let correction = 0;
      for (let i = start; i < end; i++) {
        const d = values[i]! - mean;
        m2 += d * d;
        correction += d;
      }
      // Corrected two-pass algorithm (Chan, Golub & LeVeque 1983, eq. 1.7): removes the rounding error of
      // the first pass's mean, Σ(x − mean) being 0 in exact arithmetic.
      m2 -= (correction * correction) / count;
      this.#combine(count, mean + correction / count, Math.max(0, m2), min, max);
      return count;
    }
    let count = 0;
    sum = 0;
    min = Number.POSITIVE_INFINITY;
    max = Number.NEGATIVE_INFINITY;
    for (let i = start; i < end; i++) {
      const x = values[i]!;
      // x − x is 0 for finite x and NaN for NaN/±Infinity: one test for "finite".
      if (x - x !== 0) continue;
      count++;
      sum += x;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (count === 0) return 0;
    const mean = sum / count;
    let m2 = 0;
    let correction = 0;
    for (let i = start; i < end; i++) {
      const x = values[i]!;
      if (x - x !== 0) continue;
      const d = x - mean;
      m2 += d * d;
      correction += d;
    }
    m2 -= (correction * correction) / count;
    this.#combine(count, mean + correction / count, Math.max(0, m2), min, max);
    return count;
  }

  /** Merges `other` into this (Chan et al. pairwise update). */
  merge(other: Moments): this {
    if (other.#count > 0) this.#combine(other.#count, other.#mean, other.#m2, other.#min, other.#max);
    return this;
  }

  #combine(nB: number, meanB: number, m2B: number, minB: number, maxB: number): void {
    const nA = this.#count;
    if (nA === 0) {
      this.#count = nB;
      this.#mean = meanB;
      this.#m2 = m2B;
    } else {
      const n = nA + nB;
      const delta = meanB - this.#mean;
      this.#mean += (delta * nB) / n;
      this.#m2 += m2B + ((delta * delta * nA) / n) * nB;
      this.#count = n;
    }
    if (minB < this.#min) this.#min = minB;
    if (maxB > this.#max) this.#max = maxB;
  }

  /** Variance with `ddof` delta degrees of freedom (default 1, the sample variance); NaN when count ≤ ddof. */
  variance(ddof = 1): number {
    return this.#count > ddof ? this.#m2 / (this.#count - ddof) : Number.NaN;
  }

  /** Standard deviation with `ddof` (default 1). */
  std(ddof = 1): number {
    return Math.sqrt(this.variance(ddof));
  }

  clone(): Moments {
    return Moments.fromJSON(this.toJSON());
  }

  toJSON(): MomentsState {
    const empty = this.#count === 0;
    // `+ 0` turns −0 into +0, as JSON does, so a state equals its round trip.
    return {
      count: this.#count,
      mean: this.#mean + 0,
      m2: this.#m2 + 0,
      min: empty ? null : this.#min + 0,
      max: empty ? null : this.#max + 0,
    };
  }

  /** @throws UsageError `DW_SKETCH_INVALID` when the state is inconsistent. */
  static fromJSON(state: MomentsState): Moments {
    const { count, mean, m2, min, max } = state;
    const ok =
      Number.isSafeInteger(count) &&
      count >= 0 &&
      Number.isFinite(mean) &&
      Number.isFinite(m2) &&
      m2 >= 0 &&
      (count === 0
        ? min === null && max === null
        : min !== null && max !== null && Number.isFinite(min) && Number.isFinite(max) && min <= max);
    if (!ok) throw new UsageError('DW_SKETCH_INVALID', `invalid moments state: ${JSON.stringify(state)}`);
    const m = new Moments();
    m.#count = count;
    m.#mean = mean;
    m.#m2 = m2;
    if (count > 0) {
      m.#min = min!;
      m.#max = max!;
    }
    return m;
  }
}

/** Moments of the finite values of `values`. */
export function momentsOf(values: ArrayLike<number>): Moments {
  const m = new Moments();
  m.updateMany(values);
  return m;
}

/** Merge of two states (neither is modified). */
export function mergeMoments(a: MomentsState, b: MomentsState): MomentsState {
  return Moments.fromJSON(a).merge(Moments.fromJSON(b)).toJSON();
}
