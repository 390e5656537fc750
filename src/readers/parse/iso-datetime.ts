/**
 * ISO-8601 date and date-time literals → epoch milliseconds (UTC unless an offset is given).
 *
 * Accepted shapes (anything else is not a datetime):
 * `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM`, optionally `:SS`, optionally `.fraction`
 * (1–9 digits), then optionally `Z`, `±HH:MM`, `±HHMM` or `±HH`. Fields are range-checked (month
 * 1–12, day within the month with Gregorian leap years, hour 0–23, minute and second 0–59,
 * offset up to ±23:59). The value may carry a fractional millisecond (microseconds are kept to
 * about 0.2 µs by the float64).
 * @module
 */

function digitsAt(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = s.charCodeAt(i + k) - 48; // NaN past the end
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Days from 1970-01-01 to the given proleptic Gregorian date.
 * Algorithm `days_from_civil` from H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"
 * (public domain); unlike `Date.UTC` it does not remap years 0–99 to 1900–1999.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const POW10 = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

/** Quick pre-check used before the full parse: `dddd-dd-dd` at the start and a plausible length. */
export function looksLikeIsoDate(s: string): boolean {
  const n = s.length;
  return n >= 10 && n <= 35 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45;
}

/** Epoch milliseconds of an ISO-8601 date/date-time literal, or `NaN` if `s` is not one. */
export function parseIsoDatetime(s: string): number {
  if (!looksLikeIsoDate(s)) return Number.NaN;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  let ms = daysFromCivil(year, month, day) * 86_400_000;
  const n = s.length;
  if (n === 10) return ms;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return Number.NaN; // 'T' or ' '
  const hour = digitsAt(s, 11, 2);
  if (hour < 0 || hour > 23 || s.charCodeAt(13) !== 58) return Number.NaN;
  const minute = digitsAt(s, 14, 2);
  if (minute < 0 || minute > 59) return Number.NaN;
  ms += hour * 3_600_000 + minute * 60_000;
  let i = 16;
  if (i < n && s.charCodeAt(i) === 58) {
    const second = digitsAt(s, i + 1, 2);
    if (second < 0 || second > 59) return Number.NaN;
    ms += second * 1000;
    i += 3;
    if (i < n && s.charCodeAt(i) === 46) {
      i++;
      const fracStart = i;
      let frac = 0;
      while (i < n && i - fracStart < 9) {
        const d = s.charCodeAt(i) - 48;
        if (!(d >= 0 && d <= 9)) break;
        frac = frac * 10 + d;
        i++;
      }
      const digits = i - fracStart;
      if (digits === 0) return Number.NaN;
      // frac / 10^(digits-3) ms, as one correctly rounded division.
      ms += digits <= 3 ? frac * POW10[3 - digits]! : frac / POW10[digits - 3]!;
    }
  }
  if (i === n) return ms;
  const z = s.charCodeAt(i);
  if (z === 90) return i + 1 === n ? ms : Number.NaN; // 'Z'
  if (z !== 43 && z !== 45) return Number.NaN;
  const sign = z === 43 ? 1 : -1;
  const rest = n - i - 1;
  const oh = digitsAt(s, i + 1, 2);
  let om = 0;
  if (rest === 5 && s.charCodeAt(i + 3) === 58) om = digitsAt(s, i + 4, 2);
  else if (rest === 4) om = digitsAt(s, i + 3, 2);
  else if (rest !== 2) return Number.NaN;
  if (oh < 0 || oh > 23 || om < 0 || om > 59) return Number.NaN;
  return ms - sign * (oh * 3_600_000 + om * 60_000);
}

/** ISO-8601 text of epoch milliseconds (`YYYY-MM-DDTHH:MM:SS.sssZ`), for datetimes turned into strings. */
export function formatIsoDatetime(ms: number): string {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? String(ms) : d.toISOString();
}
