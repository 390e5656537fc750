/**
 * Time-based chunking, as NannyML's `PeriodBasedChunker` with the offsets `'D'`, `'W'` and `'M'`.
 *
 * NannyML (main @ 4c86ee35 `nannyml/chunk.py`, Apache-2.0) sorts the data by the timestamp column and groups it by
 * `pd.to_datetime(ts).dt.to_period(offset)`: one chunk per period that has rows, in time order, empty periods
 * skipped, rows with a missing timestamp (NaT) in no chunk. pandas' `'W'` period runs Monday to Sunday, the ISO week.
 * @module
 */
import { UsageError } from '../errors.ts';
import type { Chunk } from './chunk.ts';
import {
  CHUNK_PERIODS,
  type ChunkPeriod,
  periodEndMs,
  periodId,
  periodKey,
  periodStartMs,
  rfc3339,
} from './utc-period.ts';

/**
 * Split rows into one chunk per UTC period (`'1d'` day, `'1w'` ISO week, `'1M'` calendar month) that contains at
 * least one row, in time order.
 *
 * The rows need not be sorted by time. When they are (non-decreasing timestamps, missing ones aside), every chunk
 * is a contiguous range `[startIndex, endIndex)` of the input. Otherwise a chunk whose rows are not contiguous
 * carries them in `indices` (ascending row numbers); `startIndex`/`endIndex` then span its first to its last row.
 * Rows whose timestamp is NaN or infinite belong to no chunk (count them as `timestamps.length − Σ rows`).
 *
 * Keys: `2024-03-07` (day), `2024-W10` (ISO week; pandas labels the same rows `2024-03-04/2024-03-10`),
 * `2024-03` (month). `start` is the period's first instant and `end` the next period's first instant
 * (exclusive), both RFC 3339 UTC; NannyML reports the period's last instant (`…23:59:59.999999999`) instead.
 * @param timestampsMs - one timestamp per row, epoch milliseconds UTC (as the readers give datetime columns)
 * @throws UsageError `DW_CHUNK_BAD_PERIOD`
 */
export function chunkByPeriod(timestampsMs: Float64Array, period: ChunkPeriod): Chunk[] {
  if (!CHUNK_PERIODS.includes(period)) {
    throw new UsageError(
      'DW_CHUNK_BAD_PERIOD',
      `unknown chunk period '${period}'; use one of ${CHUNK_PERIODS.join(', ')}`,
    );
  }
  const n = timestampsMs.length;
  // Period of every row (NaN for rows without a timestamp). A cache of the current period's bounds makes the
  // common case, rows in time order, one comparison per row.
  const ids = new Float64Array(n);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let cachedId = Number.NaN;
  let sorted = true;
  let lastId = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = timestampsMs[i]!;
    if (!Number.isFinite(t)) {
      ids[i] = Number.NaN;
      continue;
    }
    if (!(t >= lo && t < hi)) {
      cachedId = periodId(t, period);
      lo = periodStartMs(cachedId, period);
      hi = periodEndMs(cachedId, period);
    }
    ids[i] = cachedId;
    if (cachedId < lastId) sorted = false;
    lastId = cachedId;
  }
  return sorted ? contiguousChunks(ids, period) : groupedChunks(ids, period);
}

function periodChunk(
  index: number,
  id: number,
  period: ChunkPeriod,
  startIndex: number,
  endIndex: number,
  rows: number,
  indices?: Int32Array,
): Chunk {
  const chunk: Chunk = {
    key: periodKey(id, period),
    index,
    startIndex,
    endIndex,
    rows,
    start: rfc3339(periodStartMs(id, period)),
    end: rfc3339(periodEndMs(id, period)),
    ...(indices ? { indices } : {}),
  };
  return Object.freeze(chunk);
}

/** Rows in time order: each period is a run of rows (rows without a timestamp inside a run are skipped). */
function contiguousChunks(ids: Float64Array, period: ChunkPeriod): Chunk[] {
  const chunks: Chunk[] = [];
  const n = ids.length;
  let i = 0;
  while (i < n) {
    if (Number.isNaN(ids[i]!)) {
      i++;
      continue;
    }
    const id = ids[i]!;
    const start = i;
    let last = i;
    let rows = 0;
    let gaps = false;
    while (i < n && (ids[i] === id || Number.isNaN(ids[i]!))) {
      if (ids[i] === id) {
        rows++;
        last = i;
      } else {
        gaps = true;
      }
      i++;
    }
    i = last + 1;
    let indices: Int32Array | undefined;
    if (gaps && rows !== last + 1 - start) {
      indices = new Int32Array(rows);
      let k = 0;
      for (let r = start; r <= last; r++) if (ids[r] === id) indices[k++] = r;
    }
    chunks.push(periodChunk(chunks.length, id, period, start, last + 1, rows, indices));
  }
  return chunks;
}

/** Rows out of time order: group rows by period, periods in time order, rows ascending within a period. */
function groupedChunks(ids: Float64Array, period: ChunkPeriod): Chunk[] {
  const counts = new Map<number, number>();
  for (const id of ids) if (!Number.isNaN(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
  const order = [...counts.keys()].sort((a, b) => a - b);
  const slot = new Map<number, { rows: Int32Array; filled: number }>();
  for (const id of order) slot.set(id, { rows: new Int32Array(counts.get(id)!), filled: 0 });
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (Number.isNaN(id)) continue;
    const s = slot.get(id)!;
    s.rows[s.filled++] = i;
  }
  return order.map((id, index) => {
    const rows = slot.get(id)!.rows;
    const first = rows[0]!;
    const last = rows[rows.length - 1]!;
    const contiguous = last - first + 1 === rows.length;
    return periodChunk(index, id, period, first, last + 1, rows.length, contiguous ? undefined : rows);
  });
}
