/**
 * Strict ISO-8601 date/date-time parsing and formatting for contract bounds. Kept free of zod so the
 * contract validator can run without loading the schema library.
 * @module
 */

/** A contract bound: a number, or an ISO date/date-time string for datetime columns. */
export type ContractBound = number | string;

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Epoch milliseconds (UTC) of an ISO-8601 date or date-time, or `NaN` if `text` is not one.
 * Strict on purpose (`Date.parse` accepts many non-ISO forms and reads offset-less date-times as local
 * time, which would make results depend on the machine's time zone): no offset means UTC, fractional
 * seconds beyond milliseconds are truncated.
 */
export function parseIsoDateTime(text: string): number {
  const m = ISO_DATE_TIME.exec(text.trim());
  if (m === null) return NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return NaN;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day); // not Date.UTC: it maps years 0..99 to 1900..1999
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime() - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A bound as a number: epoch ms for ISO strings (`NaN` if not ISO), the number itself otherwise. */
export function boundToNumber(bound: ContractBound): number {
  return typeof bound === 'number' ? bound : parseIsoDateTime(bound);
}

/**
 * Shortest exact ISO-8601 UTC form of epoch ms: `2024-01-31` at midnight, else
 * `2024-01-31T12:30:00Z` (milliseconds only when non-zero). Round-trips through `parseIsoDateTime`.
 */
export function formatIsoDateTime(epochMs: number): string {
  if (!(Math.abs(epochMs) <= 8.64e15)) return String(epochMs); // outside the range of a JS Date
  const iso = new Date(epochMs).toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, -14);
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}
