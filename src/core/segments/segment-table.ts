/**
 * Segments (cohorts) of a dataset: every value of each segment column, and every combination of values of
 * two segment columns with enough rows. Each segment carries its row indices, so the caller evaluates any
 * metric on it with `selectRows` (Fairlearn's MetricFrame idea, operations.md §5.3, applied to non-protected
 * slicing columns). Guards against segment explosion: only the `maxValuesPerColumn` most frequent values of
 * a column are used, pairs need `minRows` rows, and at most `maxSegments` segments are returned.
 * @module
 */
import { UsageError } from '../errors.ts';

/** A dictionary-encoded segment column (the shape of a `StringColumn`: codes index `values`, −1 = missing). */
export interface SegmentColumn {
  readonly name: string;
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

/** Options of {@link segmentTable}. */
export interface SegmentTableOptions {
  /**
   * Minimum rows of a two-column combination to be returned (default 30). Single-column values are returned
   * whatever their size, so small ones can be flagged (see `rankSegments`) rather than silently dropped.
   */
  readonly minRows?: number;
  /** Also return combinations of two columns (default `true`). */
  readonly pairs?: boolean;
  /**
   * At most this many segments (default 1000): all single-column segments first (in column order), then the
   * two-column combinations with the most rows.
   */
  readonly maxSegments?: number;
  /**
   * Only the most frequent values of a column (default 100, at most 4096; ties by dictionary order) form
   * segments.
   */
  readonly maxValuesPerColumn?: number;
  /**
   * Label of a segment made of the rows with a missing value (code −1). Default: no such segment; those rows
   * belong to no segment of that column.
   */
  readonly missingValue?: string;
}

/** One segment. */
export interface Segment {
  /** Column name, or the two column names of a combination. */
  readonly segment: string | readonly [string, string];
  /** The value, or the two values of a combination (in the order of `segment`). */
  readonly value: string | readonly [string, string];
  /** Number of rows (= `rowIndices.length`). */
  readonly rows: number;
  /**
   * Row indices, ascending. A view into a buffer shared with the other segments of the same column or
   * column pair: read it, do not write to it.
   */
  readonly rowIndices: Uint32Array;
}

/** Result of {@link segmentTable}. */
export interface SegmentTable {
  /** Single-column segments (column order, most rows first), then combinations (most rows first). */
  readonly segments: readonly Segment[];
  /** Distinct values with rows left out by `maxValuesPerColumn`, summed over columns. */
  readonly omittedValues: number;
  /** Two-column combinations with 1 to `minRows − 1` rows, not returned. */
  readonly smallCombinations: number;
  /** Segments left out by `maxSegments`. */
  readonly omittedSegments: number;
}

/** A column reduced to its kept values: code per row (−1 = not in any kept value) and labels. */
interface Reduced {
  readonly name: string;
  readonly codes: Int32Array;
  readonly labels: readonly string[];
  readonly counts: Float64Array;
}

function checkColumns(columns: readonly SegmentColumn[]): number {
  const n = columns[0]?.codes.length ?? 0;
  const names = new Set<string>();
  for (const c of columns) {
    if (names.has(c.name)) {
      throw new UsageError(
        'DW_SEGMENTS_DUPLICATE_COLUMN',
        `segment column ${JSON.stringify(c.name)} is given twice.`,
      );
    }
    names.add(c.name);
    if (c.codes.length !== n) {
      throw new UsageError(
        'DW_SEGMENTS_LENGTH_MISMATCH',
        `segment column ${JSON.stringify(c.name)} has ${c.codes.length} rows, the first one has ${n}.`,
      );
    }
  }
  return n;
}

/** Keep the `maxValues` most frequent values of a column; recode rows to 0..K−1 in that order. */
function reduceColumn(
  c: SegmentColumn,
  maxValues: number,
  missingValue: string | undefined,
): [Reduced, number] {
  const m = c.values.length;
  const missingSlot = missingValue === undefined ? -1 : m;
  const counts = new Float64Array(m + 1);
  for (let i = 0; i < c.codes.length; i++) {
    const v = c.codes[i]!;
    if (v < -1 || v >= m) {
      throw new UsageError(
        'DW_SEGMENTS_BAD_CODE',
        `segment column ${JSON.stringify(c.name)}: codes[${i}] is ${v}, but it has ${m} values (codes 0..${m - 1}, or -1 for missing).`,
      );
    }
    counts[v === -1 ? m : v]!++;
  }
  if (new Set(c.values).size !== m) {
    throw new UsageError(
      'DW_SEGMENTS_DUPLICATE_VALUE',
      `segment column ${JSON.stringify(c.name)} repeats a value.`,
    );
  }
  const present: number[] = [];
  for (let v = 0; v < m; v++) if (counts[v]! > 0) present.push(v);
  if (missingSlot !== -1 && counts[m]! > 0) present.push(m);
  present.sort((x, y) => counts[y]! - counts[x]! || x - y);
  const kept = present.slice(0, maxValues);
  const remap = new Int32Array(m + 1).fill(-1);
  const labels: string[] = [];
  const keptCounts = new Float64Array(kept.length);
  for (const [r, v] of kept.entries()) {
    remap[v] = r;
    labels.push(v === m ? missingValue! : c.values[v]!);
    keptCounts[r] = counts[v]!;
  }
  const codes = new Int32Array(c.codes.length);
  for (let i = 0; i < codes.length; i++) {
    const v = c.codes[i]!;
    codes[i] = remap[v === -1 ? m : v]!;
  }
  return [{ name: c.name, codes, labels, counts: keptCounts }, present.length - kept.length];
}

/** Counting sort of rows by a key in 0..keyCount−1 (−1 = skip) into one buffer; returns offsets. */
function bucketRows(
  n: number,
  keyOf: (i: number) => number,
  counts: ArrayLike<number>,
  keyCount: number,
): { buffer: Uint32Array; offsets: Float64Array } {
  const offsets = new Float64Array(keyCount + 1);
  for (let key = 0; key < keyCount; key++) offsets[key + 1] = offsets[key]! + counts[key]!;
  const buffer = new Uint32Array(offsets[keyCount]!);
  const fill = offsets.slice(0, keyCount);
  for (let i = 0; i < n; i++) {
    const key = keyOf(i);
    if (key >= 0) buffer[fill[key]!++] = i;
  }
  return { buffer, offsets };
}

/** Upper bound of `maxValuesPerColumn`. */
const MAX_VALUES_LIMIT = 4096;

interface PairCandidate {
  readonly left: number;
  readonly right: number;
  readonly key: number;
  readonly rows: number;
}

/**
 * Build the segments of a dataset.
 * @param columns - segment columns, row-aligned.
 * @throws UsageError on columns of different lengths, duplicate names or values, out-of-range codes, bad options.
 */
export function segmentTable(
  columns: readonly SegmentColumn[],
  options: SegmentTableOptions = {},
): SegmentTable {
  const { minRows = 30, pairs = true, maxSegments = 1000, maxValuesPerColumn = 100, missingValue } = options;
  for (const [name, v, min] of [
    ['minRows', minRows, 1],
    ['maxSegments', maxSegments, 0],
    ['maxValuesPerColumn', maxValuesPerColumn, 1],
  ] as const) {
    if (!(Number.isInteger(v) && v >= min)) {
      throw new UsageError('DW_SEGMENTS_BAD_OPTION', `${name} is ${v}; it must be an integer ≥ ${min}.`);
    }
  }
  if (maxValuesPerColumn > MAX_VALUES_LIMIT) {
    // A pair's combination counts are a dense K×K array: 4096² doubles = 128 MiB is the ceiling.
    throw new UsageError(
      'DW_SEGMENTS_BAD_OPTION',
      `maxValuesPerColumn is ${maxValuesPerColumn}; it must be at most ${MAX_VALUES_LIMIT}.`,
    );
  }
  const n = checkColumns(columns);
  let omittedValues = 0;
  const reduced: Reduced[] = [];
  for (const c of columns) {
    const [r, omitted] = reduceColumn(c, maxValuesPerColumn, missingValue);
    reduced.push(r);
    omittedValues += omitted;
  }

  const segments: Segment[] = [];
  let omittedSegments = 0;
  for (const r of reduced) {
    const k = r.labels.length;
    const take = Math.min(k, maxSegments - segments.length);
    omittedSegments += k - take;
    if (take === 0) continue;
    const { buffer, offsets } = bucketRows(n, (i) => r.codes[i]!, r.counts, k);
    for (let v = 0; v < take; v++) {
      const rowIndices = buffer.subarray(offsets[v]!, offsets[v + 1]!);
      segments.push(
        Object.freeze({ segment: r.name, value: r.labels[v]!, rows: rowIndices.length, rowIndices }),
      );
    }
  }

  let smallCombinations = 0;
  if (pairs && reduced.length >= 2) {
    // Count every combination of every column pair; keep those with ≥ minRows rows.
    const candidates: PairCandidate[] = [];
    const pairCounts = new Map<string, Float64Array>();
    for (let x = 0; x < reduced.length; x++) {
      for (let y = x + 1; y < reduced.length; y++) {
        const L = reduced[x]!;
        const R = reduced[y]!;
        const kr = R.labels.length;
        const counts = new Float64Array(L.labels.length * kr);
        for (let i = 0; i < n; i++) {
          const a = L.codes[i]!;
          const b = R.codes[i]!;
          if (a >= 0 && b >= 0) counts[a * kr + b]!++;
        }
        pairCounts.set(`${x},${y}`, counts);
        for (let key = 0; key < counts.length; key++) {
          const c = counts[key]!;
          if (c >= minRows) candidates.push({ left: x, right: y, key, rows: c });
          else if (c > 0) smallCombinations++;
        }
      }
    }
    candidates.sort((p, q) => q.rows - p.rows || p.left - q.left || p.right - q.right || p.key - q.key);
    const budget = Math.max(0, maxSegments - segments.length);
    const kept = candidates.slice(0, budget);
    omittedSegments += candidates.length - kept.length;
    // Bucket the rows of each column pair that has kept combinations (one shared buffer per pair).
    const views = new Map<PairCandidate, Uint32Array>();
    const byPair = new Map<string, PairCandidate[]>();
    for (const p of kept) {
      const id = `${p.left},${p.right}`;
      const list = byPair.get(id);
      if (list === undefined) byPair.set(id, [p]);
      else list.push(p);
    }
    for (const [id, list] of byPair) {
      const full = pairCounts.get(id)!;
      const first = list[0]!;
      const L = reduced[first.left]!;
      const R = reduced[first.right]!;
      const kr = R.labels.length;
      const keep = new Uint8Array(full.length);
      for (const p of list) keep[p.key] = 1;
      const counts = full.map((c, key) => (keep[key] ? c : 0));
      const { buffer, offsets } = bucketRows(
        n,
        (i) => {
          const a = L.codes[i]!;
          const b = R.codes[i]!;
          if (a < 0 || b < 0) return -1;
          const key = a * kr + b;
          return keep[key] ? key : -1;
        },
        counts,
        full.length,
      );
      for (const p of list) views.set(p, buffer.subarray(offsets[p.key]!, offsets[p.key + 1]!));
    }
    for (const p of kept) {
      const L = reduced[p.left]!;
      const R = reduced[p.right]!;
      const kr = R.labels.length;
      const rowIndices = views.get(p)!;
      segments.push(
        Object.freeze({
          segment: Object.freeze([L.name, R.name] as const),
          value: Object.freeze([L.labels[Math.floor(p.key / kr)]!, R.labels[p.key % kr]!] as const),
          rows: rowIndices.length,
          rowIndices,
        }),
      );
    }
  }
  return Object.freeze({
    segments: Object.freeze(segments),
    omittedValues,
    smallCombinations,
    omittedSegments,
  });
}
