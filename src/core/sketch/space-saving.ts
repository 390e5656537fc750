/**
 * Frequent items with exact counting up to a distinct-value cap, and a mergeable SpaceSaving /
 * Misra–Gries summary beyond it.
 *
 * - Exact mode: every distinct item is counted while there are at most `capacity` of them (default 1000).
 * - Sketch mode: A. Metwally, D. Agrawal and A. El Abbadi, "Efficient computation of frequent and top-k
 *   elements in data streams", ICDT 2005 (SpaceSaving), held in its Misra–Gries form: P. K. Agarwal,
 *   G. Cormode, Z. Huang, J. M. Phillips, Z. Wei and K. Yi, "Mergeable summaries", PODS 2012 / ACM TODS
 *   38(4) 2013, §3, show the two are isomorphic (a SpaceSaving count = the Misra–Gries count + the
 *   SpaceSaving minimum) and give the merge used here: add the counters, then subtract the (k+1)-th
 *   largest counter from all and drop those ≤ 0. Every reduction removes at least (k+1)·c from the counter
 *   total while lowering any one counter by at most c, hence for every item x, at any time, after any
 *   sequence of updates and merges:
 *
 *       count(x) ≤ f(x) ≤ count(x) + maxError,   maxError = (total − Σ counts)/(k + 1) ≤ total/(k + 1),
 *
 *   where count(x) is 0 for an item not kept. `upperBound(x)` = count(x) + maxError is SpaceSaving's
 *   (over-)estimate. Weighted updates are merges of a one-counter summary, so the bound holds for them too.
 * - Updates in sketch mode let the counters grow to 2k before reducing back to k, so a reduction (a sort
 *   of ≤ 2k counts) is amortised over ≥ k new items: O(1) per update.
 * @module
 */
import { UsageError } from '../errors.ts';

export const FREQUENT_ITEMS_DEFAULT_CAPACITY = 1000;

/** Plain, JSON-serialisable state of a `SpaceSaving` summary. */
export interface FrequentItemsState {
  readonly kind: 'frequent-items';
  /** Distinct items counted exactly; counters kept once sketched (k). */
  readonly capacity: number;
  /** Total weight seen (N). */
  readonly total: number;
  /** True while every item's count is exact. */
  readonly exact: boolean;
  /**
   * `[item, count]`: in first-seen order while exact (so a profile reproduces a table's dictionary order),
   * else count descending then item ascending; counts are lower bounds when sketched.
   */
  readonly items: readonly (readonly [string, number])[];
}

/** One kept item with its count bounds. */
export interface FrequentItem {
  readonly item: string;
  /** Lower bound of the true count (exact in exact mode). */
  readonly count: number;
  /** Upper bound of the true count (SpaceSaving's estimate). */
  readonly upperBound: number;
}

export interface SpaceSavingOptions {
  /** Distinct items counted exactly, and counters kept once sketched (default 1000). */
  readonly capacity?: number;
}

function checkCapacity(capacity: number): void {
  if (!Number.isSafeInteger(capacity) || capacity < 1) {
    throw new UsageError(
      'DW_SKETCH_BAD_OPTION',
      `frequent-items capacity must be a positive integer, got ${capacity}`,
    );
  }
}

export class SpaceSaving {
  readonly capacity: number;
  #counts = new Map<string, number>();
  #total = 0;
  /** Σ counts kept (to compute the error bound without a pass). */
  #kept = 0;
  #exact = true;

  constructor(options: SpaceSavingOptions = {}) {
    this.capacity = options.capacity ?? FREQUENT_ITEMS_DEFAULT_CAPACITY;
    checkCapacity(this.capacity);
  }

  get exact(): boolean {
    return this.#exact;
  }
  /** Total weight seen. */
  get total(): number {
    return this.#total;
  }
  /** Items currently kept. */
  get size(): number {
    return this.#counts.size;
  }
  /** Largest possible undercount of any item, (total − Σ counts)/(k + 1); 0 in exact mode. */
  get maxError(): number {
    return this.#exact ? 0 : (this.#total - this.#kept) / (this.capacity + 1);
  }

  /** Adds `weight` (a positive integer, default 1) occurrences of `item`. */
  update(item: string, weight = 1): void {
    if (!(weight > 0)) return;
    const c = this.#counts.get(item);
    this.#counts.set(item, c === undefined ? weight : c + weight);
    this.#total += weight;
    this.#kept += weight;
    if (c === undefined) {
      const size = this.#counts.size;
      if (this.#exact ? size > this.capacity : size > 2 * this.capacity) this.#reduce();
    }
  }

  /** Subtracts the (k+1)-th largest count from every counter and drops those ≤ 0 (Agarwal et al. §3). */
  #reduce(): void {
    this.#exact = false;
    const k = this.capacity;
    if (this.#counts.size <= k) return;
    const counts = Float64Array.from(this.#counts.values()).sort();
    const cut = counts[counts.length - 1 - k]!;
    let kept = 0;
    for (const [item, c] of this.#counts) {
      if (c <= cut) this.#counts.delete(item);
      else {
        this.#counts.set(item, c - cut);
        kept += c - cut;
      }
    }
    this.#kept = kept;
  }

  /** Merges `other` into this (Agarwal et al. §3): exact if both are exact and the union fits the capacity. */
  merge(other: SpaceSaving): this {
    if (other === this) return this.merge(other.clone());
    for (const [item, c] of other.#counts) this.#counts.set(item, (this.#counts.get(item) ?? 0) + c);
    this.#total += other.#total;
    this.#kept += other.#kept;
    if (!other.#exact || this.#counts.size > this.capacity) this.#reduce();
    return this;
  }

  /** Lower bound of `item`'s count (exact in exact mode). */
  count(item: string): number {
    return this.#counts.get(item) ?? 0;
  }

  /** Upper bound of `item`'s count. */
  upperBound(item: string): number {
    return this.count(item) + this.maxError;
  }

  /** Kept items (at most `capacity`): first-seen order while exact, else count descending, then item. */
  items(): FrequentItem[] {
    const error = this.maxError;
    return this.#sortedEntries().map(([item, count]) =>
      Object.freeze({ item, count, upperBound: count + error }),
    );
  }

  /** Entries reduced to ≤ capacity (without changing this summary), in `items()` order. */
  #sortedEntries(): [string, number][] {
    if (this.#exact) return [...this.#counts];
    const entries = [...(this.#counts.size > this.capacity ? this.clone().#counts : this.#counts)];
    return entries.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  clone(): SpaceSaving {
    const s = new SpaceSaving({ capacity: this.capacity });
    s.#counts = new Map(this.#counts);
    s.#total = this.#total;
    s.#kept = this.#kept;
    s.#exact = this.#exact;
    if (s.#counts.size > s.capacity) s.#reduce();
    return s;
  }

  toJSON(): FrequentItemsState {
    return {
      kind: 'frequent-items',
      capacity: this.capacity,
      total: this.#total,
      exact: this.#exact,
      items: this.#sortedEntries(),
    };
  }

  /** @throws UsageError `DW_SKETCH_INVALID` when the state is inconsistent. */
  static fromJSON(state: FrequentItemsState): SpaceSaving {
    const bad = (why: string): never => {
      throw new UsageError('DW_SKETCH_INVALID', `invalid frequent-items state: ${why}`);
    };
    if (state.kind !== 'frequent-items') bad(`kind '${String(state.kind)}'`);
    checkCapacity(state.capacity);
    if (!Number.isFinite(state.total) || state.total < 0) bad('total');
    if (!Array.isArray(state.items) || state.items.length > state.capacity) bad('more items than capacity');
    const s = new SpaceSaving({ capacity: state.capacity });
    let kept = 0;
    for (const entry of state.items) {
      const [item, c] = entry;
      if (typeof item !== 'string' || !(c > 0) || s.#counts.has(item)) bad(`item ${JSON.stringify(entry)}`);
      s.#counts.set(item, c);
      kept += c;
    }
    if (kept > state.total * (1 + 1e-12)) bad('counts exceed the total');
    if (state.exact && kept !== state.total) bad('exact counts do not sum to the total');
    s.#total = state.total;
    s.#kept = kept;
    s.#exact = state.exact === true;
    return s;
  }
}

/** Merge of two states (neither is modified). */
export function mergeFrequentItems(a: FrequentItemsState, b: FrequentItemsState): FrequentItemsState {
  return SpaceSaving.fromJSON(a).merge(SpaceSaving.fromJSON(b)).toJSON();
}
