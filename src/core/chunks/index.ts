/**
 * Over-time analysis building blocks: splitting data into chunks and the reference-band alert thresholds.
 *
 * Definitions (NannyML main @ 4c86ee35, `nannyml/chunk.py` and `nannyml/thresholds.py`, Apache-2.0):
 * - `chunkBySize(rows, size)`: consecutive chunks of `size` rows in input order; the leftover rows form a last,
 *   smaller chunk (`incomplete: 'keep'`, NannyML's default), or are dropped (`'drop'`) or appended to the last
 *   full chunk (`'append'`). Keys are NannyML's `[first:last]` with an inclusive last row.
 * - `chunkByCount(rows, count)`: NannyML's `CountBasedChunker`: chunks of ⌊rows / count⌋ rows, then as
 *   `chunkBySize` (so `'keep'` may give count + 1 chunks; fewer rows than `count` give one-row chunks, where
 *   NannyML fails).
 * - `chunkByPeriod(timestampsMs, '1d' | '1w' | '1M')`: one chunk per UTC day / ISO week (Monday–Sunday) / calendar
 *   month that has rows, in time order; rows need not be sorted (non-contiguous chunks list their rows in
 *   `indices`); rows without a finite timestamp are in no chunk. `start`/`end` are RFC 3339 UTC, end exclusive.
 * - `standardDeviationThreshold(values, { k = 3, lower, upper, limits })`: mean ± k·σ over the reference chunks
 *   (NaN-ignoring mean, population σ), clipped to the metric's limits; `alertFor(value, band)`: value < lower or
 *   value > upper.
 * @module
 */
export type { Chunk, ChunkSelection } from './chunk.ts';
export { assertSelectionInRange, selectFloat64, selectInt32, selectionSize, selectUint8 } from './chunk.ts';
export { chunkByPeriod } from './chunk-by-period.ts';
export type { IncompleteChunkRule, SizeChunkOptions } from './chunk-by-size.ts';
export { chunkByCount, chunkBySize } from './chunk-by-size.ts';
export type { Band, StandardDeviationThresholdOptions } from './standard-deviation-threshold.ts';
export { alertFor, constantThreshold, standardDeviationThreshold } from './standard-deviation-threshold.ts';
export type { ChunkPeriod } from './utc-period.ts';
export { CHUNK_PERIODS } from './utc-period.ts';
