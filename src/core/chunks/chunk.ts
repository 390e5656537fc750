/**
 * The `Chunk` type shared by the chunkers, and helpers to select a chunk's rows.
 * @module
 */
import { UsageError } from '../errors.ts';

/** A slice of a dataset that is evaluated as one unit (one point of every chart over time). */
export interface Chunk {
  /**
   * Label of the chunk. Row-based chunks use NannyML's key `[first:last]` with an **inclusive** last row
   * (e.g. `[0:4999]`); time-based chunks use their UTC period: `2024-03-07` (day), `2024-W10` (ISO week),
   * `2024-03` (month).
   */
  readonly key: string;
  /** Position of the chunk in the list, from 0 (NannyML's `chunk_index`). */
  readonly index: number;
  /** First row of the chunk (0-based, in the input order). */
  readonly startIndex: number;
  /** One past the last row of the chunk (exclusive). */
  readonly endIndex: number;
  /** Number of rows in the chunk. */
  readonly rows: number;
  /** Time-based chunks: start of the period, RFC 3339 UTC (`2024-03-07T00:00:00.000Z`), inclusive. */
  readonly start?: string;
  /** Time-based chunks: start of the next period, RFC 3339 UTC, exclusive. */
  readonly end?: string;
  /**
   * The chunk's row indices, ascending, when they are not the contiguous range `[startIndex, endIndex)`
   * (time-based chunks of data that is not sorted by time). Absent for contiguous chunks.
   */
  readonly indices?: Int32Array;
}

/** What a consumer needs to find a chunk's rows: a contiguous range, or explicit row indices. */
export type ChunkSelection = Pick<Chunk, 'startIndex' | 'endIndex' | 'indices'>;

/** Number of rows a selection covers. */
export function selectionSize(chunk: ChunkSelection): number {
  return chunk.indices ? chunk.indices.length : chunk.endIndex - chunk.startIndex;
}

/**
 * Check that a selection lies inside a dataset of `rowCount` rows.
 * @throws UsageError `DW_CHUNK_OUT_OF_RANGE`
 */
export function assertSelectionInRange(chunk: ChunkSelection, rowCount: number): void {
  const ok = chunk.indices
    ? chunk.indices.every((i) => Number.isInteger(i) && i >= 0 && i < rowCount)
    : Number.isInteger(chunk.startIndex) &&
      Number.isInteger(chunk.endIndex) &&
      chunk.startIndex >= 0 &&
      chunk.endIndex >= chunk.startIndex &&
      chunk.endIndex <= rowCount;
  if (!ok) {
    throw new UsageError(
      'DW_CHUNK_OUT_OF_RANGE',
      `chunk [${chunk.startIndex}, ${chunk.endIndex}) does not lie inside the data (${rowCount} rows)`,
    );
  }
}

/** The chunk's values of a column: a zero-copy view for a contiguous chunk, a gathered copy otherwise. */
export function selectFloat64(values: Float64Array, chunk: ChunkSelection): Float64Array {
  const idx = chunk.indices;
  if (!idx) return values.subarray(chunk.startIndex, chunk.endIndex);
  const out = new Float64Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = values[idx[i]!]!;
  return out;
}

/** As `selectFloat64`, for a `Uint8Array` column (binary targets and predictions). */
export function selectUint8(values: Uint8Array, chunk: ChunkSelection): Uint8Array {
  const idx = chunk.indices;
  if (!idx) return values.subarray(chunk.startIndex, chunk.endIndex);
  const out = new Uint8Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = values[idx[i]!]!;
  return out;
}

/** As `selectFloat64`, for an `Int32Array` column (class indices). */
export function selectInt32(values: Int32Array, chunk: ChunkSelection): Int32Array {
  const idx = chunk.indices;
  if (!idx) return values.subarray(chunk.startIndex, chunk.endIndex);
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = values[idx[i]!]!;
  return out;
}
