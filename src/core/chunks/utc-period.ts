/**
 * Calendar periods in UTC (day, ISO week, month): the period a timestamp falls in, its label and its bounds.
 *
 * Each period is identified by an integer: days since 1970-01-01 (day), days since 1970-01-01 of the week's
 * Monday (ISO week), months since 1970-01 (month). Labels and bounds are computed from that integer.
 * @module
 */

/** Chunk period: one UTC day, one ISO week (Monday to Sunday, UTC), or one calendar month (UTC). */
export type ChunkPeriod = '1d' | '1w' | '1M';

export const CHUNK_PERIODS: readonly ChunkPeriod[] = Object.freeze(['1d', '1w', '1M']);

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) of the day containing `ms`. */
function dayNumber(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * The integer identifying the period that contains the instant `ms` (epoch milliseconds, UTC).
 * `ms` must be finite.
 */
export function periodId(ms: number, period: ChunkPeriod): number {
  if (period === '1d') return dayNumber(ms);
  if (period === '1w') {
    const day = dayNumber(ms);
    // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
    return day - ((((day + 3) % 7) + 7) % 7);
  }
  const d = new Date(ms);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

/** Start of the period `id` (epoch milliseconds, UTC). */
export function periodStartMs(id: number, period: ChunkPeriod): number {
  if (period === '1M') {
    const year = 1970 + Math.floor(id / 12);
    const month = id - (year - 1970) * 12;
    return Date.UTC(year, month, 1);
  }
  return id * DAY_MS;
}

/** Start of the period after `id` (the exclusive end of `id`), epoch milliseconds, UTC. */
export function periodEndMs(id: number, period: ChunkPeriod): number {
  if (period === '1M') return periodStartMs(id + 1, period);
  return periodStartMs(id, period) + (period === '1w' ? 7 : 1) * DAY_MS;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

/** ISO 8601 date `YYYY-MM-DD` of a UTC instant. */
function isoDate(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

/**
 * Label of the period `id`: `2024-03-07` (day, as pandas' `Period('D')`), `2024-W10` (ISO week: the week-year is
 * the year of the week's Thursday, so 2021-01-03 is in `2020-W53`), `2024-03` (month, as pandas' `Period('M')`).
 */
export function periodKey(id: number, period: ChunkPeriod): string {
  const start = periodStartMs(id, period);
  if (period === '1d') return isoDate(start);
  if (period === '1M') return isoDate(start).slice(0, 7);
  const thursday = new Date(start + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS);
  return `${pad(year, 4)}-W${pad(Math.floor(dayOfYear / 7) + 1, 2)}`;
}

/** RFC 3339 UTC timestamp with milliseconds (`2024-03-07T00:00:00.000Z`). */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
