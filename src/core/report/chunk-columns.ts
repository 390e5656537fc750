/**
 * The current data's chunks as tables for the per-chunk drift runs, each number column carrying its profile
 * (sorted finite values, counts, summary) derived from one sort of the whole column instead of one sort per chunk.
 *
 * Technique: `sortFiniteWithOrder` sorts a column once and keeps each value's row. Walking that order and
 * appending every value to the chunk its row belongs to is a stable bucket pass: each chunk receives its values
 * already in ascending order, in O(n) for all chunks together (a counting sort keyed by chunk, applied to the
 * sorted sequence). The values are bit-identical to sorting the chunk (`sortedFinite`): the whole-column order
 * is the order of the same IEEE-754 keys.
 * @module
 */
import type { Chunk } from '../chunks/chunk.ts';
import type { SortedWithOrder } from '../stats/sort-float64.ts';
import type { Column, Table } from '../table/column.ts';
import { isStringColumn } from '../table/column.ts';
import { profileFromSorted } from './prepared-column.ts';

/**
 * The chunk of every row, as its position in `chunks`, or `chunks.length` for a row in no chunk; in the smallest
 * unsigned array that holds those ids (a byte per row up to 255 chunks: the per-value lookups of the passes below
 * are random accesses, and a smaller array stays in cache). Chunks must not overlap.
 */
export type ChunkIds = Uint8Array | Uint16Array | Uint32Array;

export function chunkOfRows(rowCount: number, chunks: readonly Chunk[]): ChunkIds {
  const k = chunks.length;
  const of =
    k < 0xff ? new Uint8Array(rowCount) : k < 0xffff ? new Uint16Array(rowCount) : new Uint32Array(rowCount);
  of.fill(k);
  chunks.forEach((chunk, c) => {
    if (chunk.indices) for (const row of chunk.indices) of[row] = c;
    else of.fill(c, chunk.startIndex, chunk.endIndex);
  });
  return of;
}

/**
 * The layout of a column's finite values bucketed by chunk, chunk after chunk (the last bucket: rows in no chunk):
 * `starts[c]` … `starts[c + 1]` is chunk c's range in an array of `order.length` values. The chunk of a row is
 * `ids[row] >>> shift` (`chunkOfRows`, or codes that carry more bits below the chunk).
 */
export function chunkBucketStarts(
  order: Uint32Array,
  ids: ChunkIds,
  shift: number,
  chunks: readonly Chunk[],
): Float64Array {
  const m = order.length;
  const k = chunks.length;
  const counts = new Float64Array(k + 1);
  if (m === ids.length) {
    // Every value is finite: a chunk holds as many values as rows.
    let inChunks = 0;
    chunks.forEach((chunk, c) => {
      counts[c] = chunk.indices ? chunk.indices.length : chunk.endIndex - chunk.startIndex;
      inChunks += counts[c]!;
    });
    counts[k] = m - inChunks;
  } else {
    for (let p = 0; p < m; p++) counts[ids[order[p]!]! >>> shift]!++;
  }
  const starts = new Float64Array(k + 2);
  for (let c = 0; c <= k; c++) starts[c + 1] = starts[c]! + counts[c]!;
  return starts;
}

/**
 * Every chunk's sorted finite values of one column, from the column's sorted order (see the module comment):
 * views of one array laid out chunk after chunk. `chunkOf` is `chunkOfRows` of the column's table.
 */
export function chunkSortedValues(
  column: SortedWithOrder,
  chunkOf: ChunkIds,
  chunks: readonly Chunk[],
): Float64Array[] {
  const { sorted, order } = column;
  const m = order.length;
  const starts = chunkBucketStarts(order, chunkOf, 0, chunks);
  const next = starts.slice(0, chunks.length + 1);
  const out = new Float64Array(m);
  for (let p = 0; p < m; p++) out[next[chunkOf[order[p]!]!]!++] = sorted[p]!;
  return chunks.map((_, c) => out.subarray(starts[c]!, starts[c + 1]!));
}

/** A column restricted to a chunk's rows: a zero-copy view of a contiguous chunk, a gathered copy otherwise. */
function chunkColumn(column: Column, chunk: Chunk): Column {
  const idx = chunk.indices;
  if (isStringColumn(column)) {
    let codes: Int32Array;
    if (idx) {
      codes = new Int32Array(idx.length);
      for (let k = 0; k < idx.length; k++) codes[k] = column.codes[idx[k]!]!;
    } else {
      codes = column.codes.subarray(chunk.startIndex, chunk.endIndex);
    }
    return { name: column.name, dtype: column.dtype, codes, dictionary: column.dictionary };
  }
  let values: Float64Array;
  if (idx) {
    values = new Float64Array(idx.length);
    for (let k = 0; k < idx.length; k++) values[k] = column.values[idx[k]!]!;
  } else {
    values = column.values.subarray(chunk.startIndex, chunk.endIndex);
  }
  return { name: column.name, dtype: column.dtype, values };
}

/**
 * The rows of every chunk as a table (rows in the chunk's order, as `selectTableRows` would give them), with a
 * precomputed profile on each number column that has its chunks' sorted values in `sortedValues` (as
 * `chunkSortedValues` returns them; columns without are profiled by the drift run as usual). The tables share the
 * whole table's buffers where a chunk is contiguous: read-only.
 */
export function chunkTables(
  table: Table,
  chunks: readonly Chunk[],
  sortedValues: ReadonlyMap<string, readonly Float64Array[]>,
): Table[] {
  const columns: Column[][] = chunks.map(() => []);
  for (const column of table.columns) {
    const perChunk = isStringColumn(column) ? undefined : sortedValues.get(column.name);
    chunks.forEach((chunk, c) => {
      const part = chunkColumn(column, chunk);
      if (perChunk && !isStringColumn(part)) {
        columns[c]!.push({ ...part, profile: profileFromSorted(part.values, perChunk[c]!) });
      } else {
        columns[c]!.push(part);
      }
    });
  }
  return chunks.map((chunk, c) => ({
    columns: columns[c]!,
    rowCount: chunk.indices ? chunk.indices.length : chunk.endIndex - chunk.startIndex,
  }));
}
