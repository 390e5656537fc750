/**
 * Size limits of ingested records. One table shared by the zod schemas (OpenAPI, tests) and the hand-written
 * validator of the hot path, so both accept exactly the same records.
 * @module
 */
export const INGEST_LIMITS = Object.freeze({
  /** `id`, `recordId` (labels, feedback): 1–256 characters (code points). */
  idChars: 256,
  /** `version`: a version name or alias, 1–128 characters, like every registry name. */
  versionChars: 128,
  /** Feature names, score class names, segment names: 1–256 characters. */
  keyChars: 256,
  /** String values of features, `prediction`, `target` and feedback `value`. */
  stringValueChars: 4096,
  /** Segment values (strings). */
  segmentValueChars: 256,
  /** `error` code. */
  errorChars: 256,
  /** Feedback `kind`. */
  kindChars: 64,
  /** Feedback `author`. */
  authorChars: 256,
  /** Feedback `comment`. */
  commentChars: 10_000,
  /** Features per record. */
  features: 2000,
  /** Classes in `scores`. */
  scores: 1000,
  /** Segment columns per record. */
  segments: 32,
  /** Records per request (a larger batch answers 413; split it). */
  recordsPerRequest: 50_000,
  /** Per-record errors listed in one reply (`rejected` still counts every rejected record). */
  errorsPerReply: 1000,
  /** Latest accepted timestamp: 9999-12-31T23:59:59.999Z, epoch ms. */
  maxTimestampMs: 253_402_300_799_999,
});

/** Number of Unicode code points of `s`, counted only as far as needed to compare with `max`. */
export function codePointsAtMost(s: string, max: number): boolean {
  if (s.length <= max) return true; // code points ≤ UTF-16 units
  if (s.length > 2 * max) return false; // every code point is at most two units
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    if (++n > max) return false;
  }
  return true;
}

/** An unpaired UTF-16 surrogate: text PostgreSQL cannot store (and SQLite would store altered). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * True when `s` can be stored as a text column as is. Ids, version names, error codes and feedback texts are stored
 * raw, so they must not contain U+0000 or unpaired surrogates (values inside features etc. are JSON-escaped).
 */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Epoch ms of an RFC 3339 date-time (`2024-05-01T12:00:00Z`, `…+02:00`, fractional seconds up to nanoseconds,
 * truncated to ms), or NaN. RFC 3339 §5.6 requires the time and the offset; leap seconds (`:60`) are rejected.
 */
export function parseRfc3339(text: string): number {
  const m = RFC3339.exec(text);
  if (m === null) return NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const zone = m[8]!;
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
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

/**
 * A record timestamp as epoch ms: an RFC 3339 string or epoch milliseconds (fractions truncated), within
 * 1970-01-01 … 9999-12-31. NaN when invalid.
 */
export function timestampToMs(value: string | number): number {
  const ms = typeof value === 'number' ? Math.floor(value) : parseRfc3339(value);
  return ms >= 0 && ms <= INGEST_LIMITS.maxTimestampMs ? ms : NaN;
}
