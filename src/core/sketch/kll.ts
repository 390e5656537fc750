/**
 * KLL quantile sketch of doubles: a mergeable summary of a stream from which ranks, quantiles and CDFs
 * are read with a bounded *rank* error, in O(k) space.
 *
 * Algorithm: Z. Karnin, K. Lang and E. Liberty, "Optimal Quantile Approximation in Streams", FOCS 2016
 * (arXiv:1603.05346), in the design of Apache DataSketches' `KllDoublesSketch` (Apache-2.0;
 * `kll/KllHelper.java`, `KllDoublesHelper.java`), written from that design, not copied:
 * - items live in one array, level 0 (weight 1, unsorted) at the low end after the free space, level h
 *   (weight 2^h, sorted) above it; `levels[h]` is where level h starts;
 * - the nominal capacity of level h with L levels is max(m, round(k·(2/3)^(L−h−1))), m = 8;
 * - compaction is lazy: only when the whole array is full, the lowest level at or over its capacity is
 *   compacted: an odd item stays behind, the rest is sorted (level 0) and halved — every other item,
 *   starting at a random offset 0 or 1 — and the survivors (weight doubled) are merged into the level above;
 * - merge: the other sketch's level-0 items are added one by one, then level h ≥ 1 of both sketches are
 *   merged and the whole is compressed bottom-up ("general compress") until it fits its capacity;
 * - sampler (KLL §3, "compactors of capacity < 2 … can be replaced by a sampler"; also Ivkin, Liberty, Lang,
 *   Karnin and Braverman, "Streaming quantiles algorithms with small space and update time", 2019): once
 *   the sketch is tall, the bottom levels — those whose nominal capacity k·(2/3)^depth is below 4 (for
 *   k = 200: depth ≥ 10; DataSketches pads them to its minimum width m = 8) — no longer see every value.
 *   Values are taken in blocks of 2^s (s = the number of such levels); one value per block, at a uniformly
 *   random position, enters level s with weight 2^s by sorted insertion. `updateMany` with a large batch
 *   starts sampling at the rate the sketch will have reached at the batch's end (so it can differ from
 *   value-by-value updates; both are valid sketches). This is DataSketches' design with that one
 *   deviation. Why: sorting level 0 (every value, in runs of ~16) and merging it upward was most of the
 *   update time: 1M values took ~59 ms of CPU without the sampler and ~20 ms with it (measured on the
 *   2-core VM). The sampler adds an error variance of at most 4^s/4 per block (n·2^s/4 in all), small next
 *   to the compactors' since 2^s grows only like n/k; measured over 100 seeds, the 99th percentile of the
 *   maximum rank error rose from 1.14 % to 1.23 % at n = 1M, k = 200 (bound 1.33 %), and the tests check
 *   the bound over many seeds. Values of a block not yet complete are kept as weight-1 items, so the
 *   weights still sum to n exactly.
 *
 * Compaction preserves the total weight exactly, so the weights of the retained items always sum to n.
 * The random bits (compaction offsets, sampled positions) come from a counter-based generator (the murmur3
 * finaliser of `seed` and a draw counter), so a sketch is a deterministic function of its input, seed and
 * merge order; the counter is part of the serialised state.
 *
 * Error: with probability 99 %, every rank query is within `normalizedRankError(k)` of the true rank:
 * 2.296/k^0.9723 ("single-sided", 1.33 % at k = 200), or 2.446/k^0.9433 for PMF/histogram masses
 * ("double-sided", 1.65 % at k = 200). These are DataSketches' empirical fits to the 99th percentile of the
 * maximum rank error (`KllHelper.getNormalizedRankError`, and the `KllSketch` class documentation).
 * Rank queries use DataSketches' INCLUSIVE criterion by default: rank(x) = weight of items ≤ x / n.
 * @module
 */
import { UsageError } from '../errors.ts';

export const KLL_DEFAULT_K = 200;
export const KLL_MIN_K = 8;
export const KLL_MAX_K = 65535;
/** Minimum level width (DataSketches' default m). */
const M = 8;
/** Levels whose nominal capacity k·(2/3)^depth is below this are fed by the sampler. */
const SAMPLER_CAPACITY = 4;

/** Depth (levels below the top) from which levels are replaced by the sampler: min d with k·(2/3)^d < 4. */
function samplerDepth(k: number): number {
  let d = 1;
  while (k * (2 / 3) ** d >= SAMPLER_CAPACITY) d++;
  return d;
}

/**
 * Normalized rank error of a KLL sketch with parameter k, at 99 % confidence (DataSketches'
 * `getNormalizedRankError`): `pmf` false → single-sided (ranks, CDF, quantiles, KS statistic),
 * true → double-sided (PMF / histogram masses).
 */
export function kllNormalizedRankError(k: number, pmf = false): number {
  return pmf ? 2.446 / k ** 0.9433 : 2.296 / k ** 0.9723;
}

/** Plain, JSON-serialisable state of a `KllSketch`. */
export interface KllState {
  readonly kind: 'kll';
  readonly k: number;
  /** Smallest k of the sketches merged into this one (drives the error bound). */
  readonly minK: number;
  readonly n: number;
  readonly minValue: number | null;
  readonly maxValue: number | null;
  /** Retained items per level, level 0 first (level h has weight 2^h; level 0 in arrival order). */
  readonly levels: readonly (readonly number[])[];
  readonly seed: number;
  /** Random draws so far (position in the counter-based random stream). */
  readonly randomDraws: number;
}

/** Items sorted by value with their cumulative weights (what rank and quantile queries read). */
export interface KllSortedView {
  readonly values: Float64Array;
  /** Cumulative weight up to and including each item; the last one equals n. */
  readonly cumulativeWeights: Float64Array;
}

export interface KllOptions {
  /** Accuracy parameter, 8…65535 (default 200: ±1.33 % rank error). */
  readonly k?: number;
  /** Seed of the coin flips (default 0). */
  readonly seed?: number;
}

/** Levels a sketch grows to for n values: the fewest whose full capacity Σ cap_h·2^h holds n (KllHelper's growth scheme). */
function levelsFor(caps: Int32Array, n: number): number {
  for (let levels = 1; levels < 61; levels++) {
    let total = 0;
    for (let h = 0; h < levels; h++) total += levelCapacity(caps, levels, h) * 2 ** h;
    if (total >= n) return levels;
  }
  return 61;
}

/** Level capacities per k, by depth from the top level: round(k·(2/3)^depth), computed exactly. */
const capacityCache = new Map<number, Int32Array>();

function depthCapacities(k: number): Int32Array {
  let caps = capacityCache.get(k);
  if (caps === undefined) {
    caps = new Int32Array(64);
    // DataSketches' intCapAuxAux: (2k·2^d / 3^d + 1) / 2 in integer arithmetic; BigInt keeps it exact.
    for (let d = 0; d < 64; d++) {
      const tmp = (BigInt(2 * k) << BigInt(d)) / 3n ** BigInt(d);
      caps[d] = Math.max(M, Number((tmp + 1n) >> 1n));
    }
    capacityCache.set(k, caps);
  }
  return caps;
}

function levelCapacity(caps: Int32Array, numLevels: number, level: number): number {
  return caps[numLevels - level - 1]!;
}

function totalCapacity(caps: Int32Array, numLevels: number): number {
  let total = 0;
  for (let h = 0; h < numLevels; h++) total += levelCapacity(caps, numLevels, h);
  return total;
}

/** @throws UsageError `DW_SKETCH_BAD_OPTION` unless k is an integer in [8, 65535]. */
export function checkKllK(k: number): void {
  if (!Number.isInteger(k) || k < KLL_MIN_K || k > KLL_MAX_K) {
    throw new UsageError('DW_SKETCH_BAD_OPTION', `KLL k must be an integer in [8, 65535], got ${k}`);
  }
}

export class KllSketch {
  readonly k: number;
  readonly seed: number;
  #caps: Int32Array;
  #minK: number;
  #n = 0;
  #min = Number.POSITIVE_INFINITY;
  #max = Number.NEGATIVE_INFINITY;
  #numLevels = 1;
  /** Start of each level in `#items`; `#levels[#numLevels]` is the array length. */
  #levels: Int32Array;
  #items: Float64Array;
  #draws = 0;
  #view: KllSortedView | null = null;
  /** Depth from which levels are sampled (see `samplerDepth`). */
  #samplerDepth: number;
  /** s: values enter level s, one per block of 2^s (0: no sampling, every value enters level 0). */
  #samplerLevel = 0;
  /** Values of the current, incomplete block (weight 1 each until the block is sampled). */
  #pending = new Float64Array(0);
  #pendingCount = 0;

  constructor(options: KllOptions = {}) {
    const k = options.k ?? KLL_DEFAULT_K;
    checkKllK(k);
    this.k = k;
    this.#minK = k;
    this.seed = (options.seed ?? 0) >>> 0;
    this.#caps = depthCapacities(k);
    this.#samplerDepth = samplerDepth(k);
    this.#items = new Float64Array(k);
    this.#levels = new Int32Array(2);
    this.#levels[0] = k;
    this.#levels[1] = k;
  }

  /** Values seen. */
  get n(): number {
    return this.#n;
  }
  get isEmpty(): boolean {
    return this.#n === 0;
  }
  /** Smallest value seen (exact), NaN when empty. */
  get minValue(): number {
    return this.#n === 0 ? Number.NaN : this.#min;
  }
  /** Largest value seen (exact), NaN when empty. */
  get maxValue(): number {
    return this.#n === 0 ? Number.NaN : this.#max;
  }
  /** Items kept. */
  get retained(): number {
    return this.#levels[this.#numLevels]! - this.#levels[0]! + this.#pendingCount;
  }
  get numLevels(): number {
    return this.#numLevels;
  }
  /** Smallest k merged into this sketch. */
  get minK(): number {
    return this.#minK;
  }
  /** True once some values are represented by others (retained < n): answers are approximate. */
  get isEstimationMode(): boolean {
    return this.#numLevels > 1;
  }

  /** This sketch's normalized rank error at 99 % confidence (see `kllNormalizedRankError`). */
  normalizedRankError(pmf = false): number {
    return kllNormalizedRankError(this.#minK, pmf);
  }

  /** Adds a value. NaN is ignored (it has no rank); −0 is stored as +0. */
  update(value: number): void {
    if (Number.isNaN(value)) return;
    const x = value + 0; // −0 → +0, as JSON would turn it
    this.#n++;
    if (x < this.#min) this.#min = x;
    if (x > this.#max) this.#max = x;
    this.#view = null;
    const s = this.#samplerLevel;
    if (s === 0) {
      if (this.#levels[0] === 0) this.#compressWhileUpdating();
      this.#items[--this.#levels[0]!] = x;
      return;
    }
    this.#pending[this.#pendingCount++] = x;
    if (this.#pendingCount === 1 << s) this.#sampleBlock();
  }

  /**
   * Adds `values[start, end)` (NaN ignored). Same result as `update` per value, but fills the free space
   * (or the sampler's block) in tight loops.
   */
  updateMany(values: ArrayLike<number>, start = 0, end = values.length): void {
    // A large batch is sampled from its start at the rate the sketch will have reached by its end.
    if (end - start > 4 * this.k) this.#updateSamplerLevel(levelsFor(this.#caps, this.#n + (end - start)));
    let i = start;
    let min = this.#min;
    let max = this.#max;
    let added = 0;
    while (i < end) {
      const s = this.#samplerLevel;
      if (s === 0) {
        if (this.#levels[0] === 0) this.#compressWhileUpdating();
        const items = this.#items;
        let free = this.#levels[0]!;
        for (; i < end && free > 0; i++) {
          const x = values[i]! + 0;
          if (Number.isNaN(x)) continue;
          items[--free] = x;
          added++;
          if (x < min) min = x;
          if (x > max) max = x;
        }
        this.#levels[0] = free;
      } else {
        const block = 1 << s;
        const pending = this.#pending;
        let count = this.#pendingCount;
        for (; i < end; i++) {
          const x = values[i]! + 0;
          if (Number.isNaN(x)) continue;
          pending[count++] = x;
          added++;
          if (x < min) min = x;
          if (x > max) max = x;
          if (count === block) {
            this.#pendingCount = count;
            this.#sampleBlock();
            count = 0;
            if (this.#samplerLevel !== s) {
              i++;
              break;
            }
          }
        }
        this.#pendingCount = count;
      }
    }
    this.#n += added;
    this.#min = min;
    this.#max = max;
    if (added > 0) this.#view = null;
  }

  /** The next 32 random bits: murmur3 `fmix32` of the seed and a draw counter (counter-based generator). */
  #random32(): number {
    let h = (this.seed ^ Math.imul(++this.#draws, 0x9e3779b9)) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }

  /** A fair coin: 0 or 1. */
  #coin(): number {
    return this.#random32() >>> 31;
  }

  /** The block of 2^s pending values is complete: one of them, uniformly at random, enters level s. */
  #sampleBlock(): void {
    const s = this.#samplerLevel;
    const x = this.#pending[this.#random32() & ((1 << s) - 1)]!;
    this.#pendingCount = 0;
    if (this.#levels[0] === 0) this.#compressWhileUpdating();
    // Levels 0 … s−1 move down one slot; the freed slot opens level s, where x is inserted in order.
    const items = this.#items;
    const levels = this.#levels;
    const from = levels[0]!;
    const start = levels[s]! - 1;
    items.copyWithin(from - 1, from, start + 1);
    for (let l = 0; l < s; l++) levels[l] = levels[l]! - 1;
    const end = levels[s + 1]!;
    let j = start;
    while (j + 1 < end && items[j + 1]! < x) {
      items[j] = items[j + 1]!;
      j++;
    }
    items[j] = x;
    levels[s] = start;
  }

  /** Keeps the sampler level in step with the sketch's height (it never decreases). */
  #updateSamplerLevel(levels = this.#numLevels): void {
    const s = Math.max(0, levels - this.#samplerDepth);
    if (s <= this.#samplerLevel) return;
    // The incomplete block was sampled at the old block size: its values become plain level-0 items.
    const pending = this.#pending.slice(0, this.#pendingCount);
    this.#pendingCount = 0;
    this.#samplerLevel = s;
    // Sampled values enter level s: it must exist (an anticipated level may be above the current top).
    while (this.#numLevels <= s) this.#addEmptyTopLevel();
    this.#pending = new Float64Array(1 << s);
    for (const x of pending) this.#insertLevelZero(x);
  }

  /** Inserts one weight-1 item into level 0 (making room first). */
  #insertLevelZero(x: number): void {
    if (this.#levels[0] === 0) this.#compressWhileUpdating();
    this.#items[--this.#levels[0]!] = x;
  }

  /** One compaction of the lowest level at capacity, growing the sketch by a level if that is the top. */
  #compressWhileUpdating(): void {
    let h = 0;
    while (this.#levels[h + 1]! - this.#levels[h]! < levelCapacity(this.#caps, this.#numLevels, h)) h++;
    if (h === this.#numLevels - 1) this.#addEmptyTopLevel();
    const items = this.#items;
    const levels = this.#levels;
    const rawBeg = levels[h]!;
    const rawEnd = levels[h + 1]!;
    const popAbove = levels[h + 2]! - rawEnd;
    const rawPop = rawEnd - rawBeg;
    const odd = rawPop & 1;
    const adjBeg = rawBeg + odd;
    const adjPop = rawPop - odd;
    const half = adjPop >>> 1;
    if (h === 0) sortRange(items, adjBeg, adjBeg + adjPop);
    if (popAbove === 0) {
      halveUp(items, adjBeg, adjPop, this.#coin());
    } else {
      halveDown(items, adjBeg, adjPop, this.#coin());
      mergeSortedInPlace(items, adjBeg, half, rawEnd, popAbove, adjBeg + half);
    }
    levels[h + 1] = rawEnd - half;
    if (odd) {
      levels[h] = levels[h + 1]! - 1;
      items[levels[h]!] = items[rawBeg]!;
    } else {
      levels[h] = levels[h + 1]!;
    }
    // Levels below h move up by `half`, so the free space stays at the bottom.
    if (h > 0) {
      const from = levels[0]!;
      items.copyWithin(from + half, from, rawBeg);
      for (let l = 0; l < h; l++) levels[l] = levels[l]! + half;
    }
    this.#updateSamplerLevel();
  }

  /** Adds an empty level on top; the array grows by the new level-0 capacity, at the bottom. */
  #addEmptyTopLevel(): void {
    const L = this.#numLevels;
    const oldTotal = this.#levels[L]!;
    const delta = levelCapacity(this.#caps, L + 1, 0);
    const items = new Float64Array(oldTotal + delta);
    items.set(this.#items, delta);
    const levels = new Int32Array(L + 2);
    for (let h = 0; h <= L; h++) levels[h] = this.#levels[h]! + delta;
    levels[L + 1] = oldTotal + delta;
    this.#items = items;
    this.#levels = levels;
    this.#numLevels = L + 1;
  }

  /** Level `h`'s items (a copy). */
  #level(h: number): Float64Array {
    return this.#items.slice(this.#levels[h]!, this.#levels[h + 1]!);
  }

  /** Level 0's items followed by the pending block's values: all the weight-1 items (a copy). */
  #levelZeroWithPending(): Float64Array {
    const level = this.#items.subarray(this.#levels[0]!, this.#levels[1]!);
    const out = new Float64Array(level.length + this.#pendingCount);
    out.set(level);
    out.set(this.#pending.subarray(0, this.#pendingCount), level.length);
    return out;
  }

  /** Merges `other` into this sketch (other is unchanged). */
  merge(other: KllSketch): this {
    if (other.#n === 0) return this;
    if (other === this) return this.merge(other.clone());
    const finalN = this.#n + other.#n;
    const finalMin = Math.min(this.#min, other.#min);
    const finalMax = Math.max(this.#max, other.#max);
    // Level 0 of the other sketch: plain updates.
    const o0 = other.#levels[0]!;
    const o1 = other.#levels[1]!;
    for (let i = o0; i < o1; i++) this.update(other.#items[i]!);
    for (let i = 0; i < other.#pendingCount; i++) this.update(other.#pending[i]!);
    if (other.#numLevels > 1) {
      const numLevels = Math.max(this.#numLevels, other.#numLevels);
      const work: Float64Array[] = [];
      for (let h = 0; h < numLevels; h++) {
        const mine = h < this.#numLevels ? this.#level(h) : new Float64Array(0);
        if (h === 0) work.push(this.#levelZeroWithPending());
        else if (h >= other.#numLevels) work.push(mine);
        else work.push(mergeSorted(mine, other.#level(h)));
      }
      this.#pendingCount = 0;
      this.#generalCompress(work);
      this.#updateSamplerLevel();
    }
    this.#n = finalN;
    this.#min = finalMin;
    this.#max = finalMax;
    this.#minK = Math.min(this.#minK, other.#minK);
    this.#view = null;
    return this;
  }

  /**
   * Compresses per-level item lists bottom-up until they fit the capacity of their level count
   * (DataSketches' `generalCompress`), then lays them out in a fresh items array.
   */
  #generalCompress(work: Float64Array[]): void {
    let numLevels = work.length;
    let current = 0;
    for (const level of work) current += level.length;
    let target = totalCapacity(this.#caps, numLevels);
    for (let h = 0; h < numLevels; h++) {
      const level = work[h]!;
      const pop = level.length;
      if (current < target || pop < levelCapacity(this.#caps, numLevels, h)) continue;
      if (h === numLevels - 1) {
        work.push(new Float64Array(0));
        numLevels++;
        target += levelCapacity(this.#caps, numLevels, 0);
      }
      const odd = pop & 1;
      const body = level.subarray(odd);
      if (h === 0) body.sort();
      const half = body.length >>> 1;
      const offset = this.#coin();
      const halved = new Float64Array(half);
      for (let i = 0, j = offset; i < half; i++, j += 2) halved[i] = body[j]!;
      work[h + 1] = mergeSorted(halved, work[h + 1]!);
      work[h] = odd ? level.slice(0, 1) : new Float64Array(0);
      current -= half;
    }
    const capacity = Math.max(totalCapacity(this.#caps, numLevels), current);
    const items = new Float64Array(capacity);
    const levels = new Int32Array(numLevels + 1);
    let at = capacity - current;
    for (let h = 0; h < numLevels; h++) {
      levels[h] = at;
      items.set(work[h]!, at);
      at += work[h]!.length;
    }
    levels[numLevels] = at;
    this.#items = items;
    this.#levels = levels;
    this.#numLevels = numLevels;
  }

  /** Retained items sorted by value, with cumulative weights (cached until the next update). */
  sortedView(): KllSortedView {
    if (this.#view !== null) return this.#view;
    const count = this.retained;
    const values = new Float64Array(count);
    const weights = new Float64Array(count);
    let at = 0;
    for (let i = 0; i < this.#pendingCount; i++) {
      values[at] = this.#pending[i]!;
      weights[at++] = 1;
    }
    for (let h = 0; h < this.#numLevels; h++) {
      const w = 2 ** h;
      for (let i = this.#levels[h]!; i < this.#levels[h + 1]!; i++) {
        values[at] = this.#items[i]!;
        weights[at++] = w;
      }
    }
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    order.sort((a, b) => values[a]! - values[b]! || a - b);
    const sortedValues = new Float64Array(count);
    const cumulative = new Float64Array(count);
    let sum = 0;
    for (let i = 0; i < count; i++) {
      const j = order[i]!;
      sortedValues[i] = values[j]!;
      sum += weights[j]!;
      cumulative[i] = sum;
    }
    this.#view = Object.freeze({ values: sortedValues, cumulativeWeights: cumulative });
    return this.#view;
  }

  /** Retained items in value order with their weights (sum of weights = n). */
  *weightedItems(): Generator<{ readonly value: number; readonly weight: number }> {
    const { values, cumulativeWeights } = this.sortedView();
    let prev = 0;
    for (let i = 0; i < values.length; i++) {
      yield { value: values[i]!, weight: cumulativeWeights[i]! - prev };
      prev = cumulativeWeights[i]!;
    }
  }

  /**
   * Normalized rank of `x`: the estimated share of values ≤ x (`inclusive`, the default) or < x.
   * NaN when empty.
   */
  rank(x: number, inclusive = true): number {
    if (this.#n === 0) return Number.NaN;
    const { values, cumulativeWeights } = this.sortedView();
    // Number of items ≤ x (inclusive) or < x.
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (inclusive ? values[mid]! <= x : values[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : cumulativeWeights[lo - 1]! / this.#n;
  }

  /**
   * Estimated q-quantile, q ∈ [0, 1]: the smallest retained item whose normalized cumulative weight is
   * ≥ q (inclusive) or > q (exclusive). q = 0 and q = 1 give the exact min and max. NaN when empty.
   */
  quantile(q: number, inclusive = true): number {
    if (!(q >= 0 && q <= 1))
      throw new UsageError('DW_SKETCH_BAD_OPTION', `quantile rank must be in [0, 1], got ${q}`);
    if (this.#n === 0) return Number.NaN;
    if (q === 0) return this.#min;
    if (q === 1) return this.#max;
    const { values, cumulativeWeights } = this.sortedView();
    const target = inclusive ? Math.ceil(q * this.#n) : Math.floor(q * this.#n);
    let lo = 0;
    let hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (inclusive ? cumulativeWeights[mid]! >= target : cumulativeWeights[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  }

  /**
   * CDF at increasing, distinct split points: entry i is rank(splitPoints[i]); one more entry, 1, closes
   * it (DataSketches' `getCDF`). Empty sketch → NaN entries.
   */
  cdf(splitPoints: ArrayLike<number>, inclusive = true): Float64Array {
    for (let i = 0; i < splitPoints.length; i++) {
      const s = splitPoints[i]!;
      if (Number.isNaN(s) || (i > 0 && !(s > splitPoints[i - 1]!))) {
        throw new UsageError('DW_SKETCH_BAD_OPTION', 'CDF split points must be increasing and not NaN');
      }
    }
    const out = new Float64Array(splitPoints.length + 1);
    for (let i = 0; i < splitPoints.length; i++) out[i] = this.rank(splitPoints[i]!, inclusive);
    out[splitPoints.length] = this.#n === 0 ? Number.NaN : 1;
    return out;
  }

  clone(): KllSketch {
    return KllSketch.fromJSON(this.toJSON());
  }

  toJSON(): KllState {
    const levels: number[][] = [];
    for (let h = 0; h < this.#numLevels; h++) {
      levels.push(Array.from(h === 0 ? this.#levelZeroWithPending() : this.#level(h)));
    }
    const empty = this.#n === 0;
    return {
      kind: 'kll',
      k: this.k,
      minK: this.#minK,
      n: this.#n,
      minValue: empty ? null : this.#min,
      maxValue: empty ? null : this.#max,
      levels,
      seed: this.seed,
      randomDraws: this.#draws,
    };
  }

  /** @throws UsageError `DW_SKETCH_INVALID` when the state is inconsistent (weights must sum to n). */
  static fromJSON(state: KllState): KllSketch {
    const bad = (why: string): never => {
      throw new UsageError('DW_SKETCH_INVALID', `invalid KLL state: ${why}`);
    };
    if (state.kind !== 'kll') bad(`kind '${String(state.kind)}'`);
    checkKllK(state.k);
    if (!Number.isInteger(state.minK) || state.minK < KLL_MIN_K || state.minK > state.k) bad('minK');
    if (!Number.isSafeInteger(state.n) || state.n < 0) bad('n');
    if (!Number.isSafeInteger(state.randomDraws) || state.randomDraws < 0) bad('randomDraws');
    if (!Array.isArray(state.levels) || state.levels.length < 1 || state.levels.length > 61) bad('levels');
    const sk = new KllSketch({ k: state.k, seed: state.seed });
    let weight = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    state.levels.forEach((level, h) => {
      for (let i = 0; i < level.length; i++) {
        const v = level[i]!;
        if (typeof v !== 'number' || Number.isNaN(v)) bad(`level ${h} holds a non-number`);
        if (h > 0 && i > 0 && v < level[i - 1]!) bad(`level ${h} is not sorted`);
        if (v < min) min = v;
        if (v > max) max = v;
      }
      weight += level.length * 2 ** h;
    });
    if (weight !== state.n) bad(`item weights sum to ${weight}, not n = ${state.n}`);
    if (state.n === 0) {
      if (state.minValue !== null || state.maxValue !== null) bad('min/max of an empty sketch');
    } else if (
      typeof state.minValue !== 'number' ||
      typeof state.maxValue !== 'number' ||
      state.minValue > min ||
      state.maxValue < max
    ) {
      bad('min/max do not bound the items');
    }
    const numLevels = state.levels.length;
    const retained = weightlessCount(state.levels);
    const capacity = Math.max(totalCapacity(sk.#caps, numLevels), retained);
    const items = new Float64Array(capacity);
    const levels = new Int32Array(numLevels + 1);
    let at = capacity - retained;
    for (let h = 0; h < numLevels; h++) {
      levels[h] = at;
      items.set(state.levels[h]!, at);
      at += state.levels[h]!.length;
    }
    levels[numLevels] = at;
    sk.#items = items;
    sk.#levels = levels;
    sk.#numLevels = numLevels;
    sk.#n = state.n;
    sk.#minK = state.minK;
    sk.#draws = state.randomDraws;
    if (state.n > 0) {
      sk.#min = state.minValue!;
      sk.#max = state.maxValue!;
    }
    sk.#updateSamplerLevel();
    return sk;
  }
}

function weightlessCount(levels: readonly (readonly number[])[]): number {
  let n = 0;
  for (const l of levels) n += l.length;
  return n;
}

/** Sorts buf[from, to) ascending: insertion sort for the short runs level 0 usually holds. */
function sortRange(buf: Float64Array, from: number, to: number): void {
  if (to - from > 48) {
    buf.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const x = buf[i]!;
    let j = i - 1;
    while (j >= from && buf[j]! > x) {
      buf[j + 1] = buf[j]!;
      j--;
    }
    buf[j + 1] = x;
  }
}

/** Keeps every other item of buf[start, start+length) (from `offset`), packed at the low end. */
function halveDown(buf: Float64Array, start: number, length: number, offset: number): void {
  const half = length >>> 1;
  for (let i = start, j = start + offset; i < start + half; i++, j += 2) buf[i] = buf[j]!;
}

/** Keeps every other item of buf[start, start+length) (from `offset`, counted from the top), packed high. */
function halveUp(buf: Float64Array, start: number, length: number, offset: number): void {
  const half = length >>> 1;
  for (let i = start + length - 1, j = start + length - 1 - offset; i >= start + half; i--, j -= 2) {
    buf[i] = buf[j]!;
  }
}

/**
 * Merges sorted runs buf[a, a+aLen) and buf[b, b+bLen) into buf[out, …), where out = a + aLen and
 * b = out + aLen: the write position never passes the unread part of the second run.
 */
function mergeSortedInPlace(
  buf: Float64Array,
  a: number,
  aLen: number,
  b: number,
  bLen: number,
  out: number,
): void {
  const aEnd = a + aLen;
  const bEnd = b + bLen;
  let i = a;
  let j = b;
  let o = out;
  while (i < aEnd && j < bEnd) buf[o++] = buf[i]! <= buf[j]! ? buf[i++]! : buf[j++]!;
  while (i < aEnd) buf[o++] = buf[i++]!;
  while (j < bEnd) buf[o++] = buf[j++]!;
}

function mergeSorted(x: Float64Array, y: Float64Array): Float64Array {
  const out = new Float64Array(x.length + y.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < x.length && j < y.length) out[o++] = x[i]! <= y[j]! ? x[i++]! : y[j++]!;
  while (i < x.length) out[o++] = x[i++]!;
  while (j < y.length) out[o++] = y[j++]!;
  return out;
}

/** Merge of two states (neither is modified). */
export function mergeKll(a: KllState, b: KllState): KllState {
  return KllSketch.fromJSON(a).merge(KllSketch.fromJSON(b)).toJSON();
}
