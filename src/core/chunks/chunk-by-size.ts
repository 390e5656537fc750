/**
 * Row-based chunking, as NannyML's `SizeBasedChunker` and `CountBasedChunker`.
 *
 * Ported from NannyML main @ 4c86ee35 `nannyml/chunk.py` (Apache-2.0). Rows are taken in the order given
 * (NannyML first sorts by the timestamp column when one is set: pass rows in time order to get the same chunks).
 * @module
 */
import { UsageError } from '../errors.ts';
import type { Chunk } from './chunk.ts';

/**
 * What to do with the rows left over after the last full chunk (NannyML's `incomplete`):
 * - `'keep'` (NannyML's default): they form a last, smaller chunk;
 * - `'drop'`: they are left out;
 * - `'append'`: they are added to the last full chunk, which becomes larger.
 */
export type IncompleteChunkRule = 'keep' | 'drop' | 'append';

export interface SizeChunkOptions {
  /** Rule for the leftover rows. Default `'keep'`, as NannyML. */
  readonly incomplete?: IncompleteChunkRule;
}

function assertRowCount(rowCount: number): void {
  if (!Number.isInteger(rowCount) || rowCount < 0) {
    throw new UsageError(
      'DW_CHUNK_BAD_ROW_COUNT',
      `row count must be a non-negative integer, got ${rowCount}`,
    );
  }
}

function assertIncomplete(rule: string): asserts rule is IncompleteChunkRule {
  if (rule !== 'keep' && rule !== 'drop' && rule !== 'append') {
    throw new UsageError(
      'DW_CHUNK_BAD_INCOMPLETE',
      `unknown rule '${rule}' for the incomplete last chunk; use 'keep', 'drop' or 'append'`,
    );
  }
}

function rangeChunk(index: number, start: number, end: number): Chunk {
  // NannyML's key names the first and the last row, inclusive: `[0:4999]` for rows 0 … 4999.
  return Object.freeze({
    key: `[${start}:${end - 1}]`,
    index,
    startIndex: start,
    endIndex: end,
    rows: end - start,
  });
}

/**
 * Split `rowCount` rows into consecutive, non-overlapping chunks of `size` rows.
 *
 * The rows that do not fill a last chunk follow `options.incomplete` (default `'keep'`, NannyML's default):
 * 10 500 rows in chunks of 5 000 give `[0:4999]`, `[5000:9999]` and the incomplete `[10000:10499]`
 * (`'drop'`: the first two only; `'append'`: `[0:4999]` and `[5000:10499]`). With fewer rows than `size`,
 * `'keep'` and `'append'` give one chunk of all rows and `'drop'` gives none. No rows give no chunks.
 * @throws UsageError `DW_CHUNK_BAD_SIZE` (size not a positive integer), `DW_CHUNK_BAD_ROW_COUNT`,
 *   `DW_CHUNK_BAD_INCOMPLETE`
 */
export function chunkBySize(rowCount: number, size: number, options: SizeChunkOptions = {}): Chunk[] {
  assertRowCount(rowCount);
  if (!Number.isInteger(size) || size <= 0) {
    throw new UsageError('DW_CHUNK_BAD_SIZE', `chunk size must be a positive integer, got ${size}`);
  }
  const incomplete = options.incomplete ?? 'keep';
  assertIncomplete(incomplete);
  const full = Math.floor(rowCount / size);
  const chunks: Chunk[] = [];
  for (let c = 0; c < full; c++) chunks.push(rangeChunk(c, c * size, (c + 1) * size));
  const leftover = rowCount - full * size;
  if (leftover > 0) {
    if (incomplete === 'keep' || (incomplete === 'append' && full === 0)) {
      // NannyML's 'append' with no full chunk fails (it merges into chunks[-1]); one chunk of all rows is the
      // only sensible reading of "append to the last chunk" there.
      chunks.push(rangeChunk(full, full * size, rowCount));
    } else if (incomplete === 'append') {
      const last = chunks[full - 1]!;
      chunks[full - 1] = rangeChunk(last.index, last.startIndex, rowCount);
    }
  }
  return chunks;
}

/**
 * Split `rowCount` rows into about `count` chunks: NannyML's `CountBasedChunker`, i.e. chunks of
 * `⌊rowCount / count⌋` rows, then `chunkBySize`. With the default `'keep'` rule the leftover rows form one more,
 * smaller chunk, so 10 500 rows with `count` 10 give 10 chunks of 1 050 rows, and 10 503 rows give 10 chunks of
 * 1 050 rows plus `[10500:10502]` (use `incomplete: 'append'` to always get exactly `count` chunks).
 *
 * Deviation: with fewer rows than `count`, NannyML fails (chunk size 0); here every row is its own chunk.
 * @throws UsageError `DW_CHUNK_BAD_COUNT` (count not a positive integer), `DW_CHUNK_BAD_ROW_COUNT`,
 *   `DW_CHUNK_BAD_INCOMPLETE`
 */
export function chunkByCount(rowCount: number, count: number, options: SizeChunkOptions = {}): Chunk[] {
  assertRowCount(rowCount);
  if (!Number.isInteger(count) || count <= 0) {
    throw new UsageError('DW_CHUNK_BAD_COUNT', `chunk count must be a positive integer, got ${count}`);
  }
  if (rowCount === 0) return [];
  return chunkBySize(rowCount, Math.max(1, Math.floor(rowCount / count)), options);
}
