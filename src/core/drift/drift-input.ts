/**
 * The prepared, cleaned data of one column that every drift method reads: sorted finite
 * numbers (for numeric tests) and category counts on the union of keys (for categorical tests
 * and binned metrics). Built once per column and shared by all methods (Evidently recomputes
 * every column three times; drift-methods.md §1.10).
 * @module
 */

/** Category counts of both sides on the union of their keys. */
export interface CategoryCounts {
  /** Union of the non-missing values of both sides, sorted (numbers ascending; strings by code unit). */
  readonly keys: readonly (string | number)[];
  readonly ref: Float64Array;
  readonly cur: Float64Array;
}

export interface DriftInput {
  /** The semantic type the column is tested as. */
  readonly type: 'num' | 'cat';
  /** True when both sides were read as integers (numpy's integer rules for bin widths apply). */
  readonly integer: boolean;
  /** Sorted finite reference values, or null when the reference side is not numeric. */
  readonly refValues: Float64Array | null;
  /** Sorted finite current values, or null when the current side is not numeric. */
  readonly curValues: Float64Array | null;
  /** Non-missing (and, for numbers, finite) reference values: Evidently's cleaned `len(ref)`. */
  readonly refCount: number;
  readonly curCount: number;
  /** Category counts (memoised by the implementation). */
  counts(): CategoryCounts;
  /** Number of distinct reference values (memoised). */
  refDistinct(): number;
  /**
   * Finite values in their original row order (computed on demand). Only the t-test needs it: it
   * reproduces numpy's pairwise summation, whose rounding depends on the order of the values.
   */
  refInRowOrder(): Float64Array | null;
  /** Population standard deviation (ddof = 0) of the reference values; NaN if not numeric. */
  refPopulationStd(): number;
  curInRowOrder(): Float64Array | null;
}

/** A side of a column in the form the builder needs. */
export type SideData =
  | {
      readonly kind: 'number';
      readonly sorted: Float64Array;
      /** The column's values in row order (NaN/±∞ included); defaults to `sorted`. */
      readonly rowOrder?: Float64Array;
      /** Population std of `sorted`, when already known. */
      readonly populationStd?: number;
    }
  | { readonly kind: 'string'; readonly codes: Int32Array; readonly dictionary: readonly string[] };

/** Builds a memoising {@link DriftInput} from the two sides of a column. */
export function createDriftInput(
  type: 'num' | 'cat',
  ref: SideData,
  cur: SideData,
  integer: boolean,
): DriftInput {
  let counts: CategoryCounts | undefined;
  let refDistinct: number | undefined;
  const refCount = ref.kind === 'number' ? ref.sorted.length : countPresent(ref.codes);
  const curCount = cur.kind === 'number' ? cur.sorted.length : countPresent(cur.codes);
  return {
    type,
    integer,
    refValues: ref.kind === 'number' ? ref.sorted : null,
    curValues: cur.kind === 'number' ? cur.sorted : null,
    refCount,
    curCount,
    counts() {
      counts ??= buildCounts(ref, cur);
      return counts;
    },
    refInRowOrder: () => inRowOrder(ref),
    refPopulationStd: () =>
      ref.kind !== 'number' ? Number.NaN : (ref.populationStd ?? populationStd(ref.sorted)),
    curInRowOrder: () => inRowOrder(cur),
    refDistinct() {
      if (refDistinct === undefined) {
        refDistinct =
          ref.kind === 'number'
            ? distinctSorted(ref.sorted)
            : distinctCodes(ref.codes, ref.dictionary.length);
      }
      return refDistinct;
    },
  };
}

/** Number of distinct values in the union of two sorted arrays (a merge, no hashing); stops once above `limit`. */
export function unionDistinct(a: Float64Array, b: Float64Array, limit = Number.POSITIVE_INFINITY): number {
  let i = 0;
  let j = 0;
  let n = 0;
  let last = Number.NaN;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (v !== last) {
      n++;
      if (n > limit) return n;
      last = v;
    }
  }
  return n;
}

/** numpy `np.std(x)` (ddof = 0), two-pass. */
export function populationStd(values: Float64Array): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    ss += d * d;
  }
  return Math.sqrt(ss / n);
}

function inRowOrder(side: SideData): Float64Array | null {
  if (side.kind !== 'number') return null;
  if (!side.rowOrder) return side.sorted;
  return side.rowOrder.filter((v) => Number.isFinite(v));
}

function countPresent(codes: Int32Array): number {
  let n = 0;
  for (const c of codes) if (c >= 0) n++;
  return n;
}

export function distinctSorted(sorted: Float64Array): number {
  if (sorted.length === 0) return 0;
  let n = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) n++;
  return n;
}

function distinctCodes(codes: Int32Array, size: number): number {
  const seen = new Uint8Array(size);
  let n = 0;
  for (const c of codes) {
    if (c >= 0 && seen[c] === 0) {
      seen[c] = 1;
      n++;
    }
  }
  return n;
}

/** Value → count for one side, keyed by number (numeric side) or string. */
function sideCounts(side: SideData, asString: boolean): Map<string | number, number> {
  const out = new Map<string | number, number>();
  if (side.kind === 'number') {
    const s = side.sorted;
    let i = 0;
    while (i < s.length) {
      const v = s[i]!;
      let j = i + 1;
      while (j < s.length && s[j] === v) j++;
      out.set(asString ? String(v) : v, j - i);
      i = j;
    }
    return out;
  }
  const perCode = new Float64Array(side.dictionary.length);
  for (const c of side.codes) if (c >= 0) perCode[c]!++;
  for (let c = 0; c < perCode.length; c++) {
    if (perCode[c]! > 0) out.set(side.dictionary[c]!, (out.get(side.dictionary[c]!) ?? 0) + perCode[c]!);
  }
  return out;
}

function buildCounts(ref: SideData, cur: SideData): CategoryCounts {
  // Numbers on both sides keep numeric keys (pandas compares 1 and 1.0 as equal); if one side
  // is a string column, both sides are keyed by their string form.
  const numeric = ref.kind === 'number' && cur.kind === 'number';
  const r = sideCounts(ref, !numeric);
  const c = sideCounts(cur, !numeric);
  const keySet = new Set<string | number>([...r.keys(), ...c.keys()]);
  const keys = [...keySet];
  if (numeric) (keys as number[]).sort((a, b) => a - b);
  else keys.sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  const refCounts = new Float64Array(keys.length);
  const curCounts = new Float64Array(keys.length);
  keys.forEach((k, i) => {
    refCounts[i] = r.get(k) ?? 0;
    curCounts[i] = c.get(k) ?? 0;
  });
  return { keys, ref: refCounts, cur: curCounts };
}
