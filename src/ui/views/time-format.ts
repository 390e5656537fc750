/**
 * Times on the dashboard are UTC (servers and their users rarely share a time zone; windows are UTC hours
 * and days), written compactly and unambiguously.
 * @module
 */
import type { Granularity } from '../data/series-data.ts';

/** `2026-11-20 14:05 UTC`. */
export function formatTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A window by its start: `2026-11-20` for days, `2026-11-20 14:00` for hours. */
export function formatWindow(start: number, granularity: Granularity): string {
  const iso = new Date(start).toISOString();
  return granularity === '1d' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** A short column label: `Nov 20` for days, `14h` for hours (`Nov 20` at midnight). */
export function shortWindowLabel(start: number, granularity: Granularity): string {
  const d = new Date(start);
  const day = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
  if (granularity === '1d' || d.getUTCHours() === 0) return day;
  return `${String(d.getUTCHours()).padStart(2, '0')}h`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `45 s`, `12 min`, `6.1 h`, `2.3 d`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const a = Math.max(ms, 0);
  if (a < 60_000) return `${Math.round(a / 1000)} s`;
  if (a < 3_600_000) return `${Math.round(a / 60_000)} min`;
  if (a < 86_400_000) return `${Number((a / 3_600_000).toPrecision(2))} h`;
  return `${Number((a / 86_400_000).toPrecision(2))} d`;
}

/** `12 min ago` (or `in the future` for clock skew). */
export function formatAgo(ms: number | null | undefined, now: number): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return ms > now + 60_000 ? 'in the future' : `${formatDuration(now - ms)} ago`;
}

/** `YYYY-MM-DD` of a UTC instant (for `<input type="date">`). */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `2026-11-20 14:05:12 UTC`. */
export function formatTimeSeconds(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
