/**
 * Which CSV cells are numbers, and which of them are integers, the way pandas' C parser decides.
 *
 * Checked against pandas 1.5.3 `read_csv` (C engine, default options):
 * - integer: `[ws][+-]digits[ws]` (leading zeros allowed, `+7` and ` 7 ` are integers), inside the
 *   int64 range; a literal outside it makes the column `object` (string), not float;
 * - float: `[ws][+-](digits[.digits]|.digits|digits.)[(e|E)[+-]digits][ws]`; `1e`, `.e5`, `.`,
 *   `1_000`, `0x10`, `1d5` are not numbers; a finite literal that overflows (`1e400`) is not a
 *   number either (pandas: `object`), while underflow (`1e-400`) reads as 0;
 * - `inf`, `infinity` with an optional sign, in any letter case, read as ±Infinity (float);
 * - `nan`/`NaN`/`-nan` and the other NA strings are *missing* (see `na-values.ts`), not numbers.
 * Known, deliberately ignored pandas corner: positive integers in (int64 max, uint64 max] read as
 * `uint64` when the column has no missing or negative cell; here they make the column a string.
 *
 * The value is `Number(text)`, which is the correctly rounded double (like Python's `float`).
 * @module
 */

/** A numeric CSV cell. */
export interface ParsedNumber {
  readonly value: number;
  /** True for an integer literal (no `.`, no exponent, not `inf`). */
  readonly integer: boolean;
}

const INT64_MAX_DIGITS = '9223372036854775807';
const INT64_MIN_DIGITS = '9223372036854775808';

/** C `isspace` in the "C" locale. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const INFINITIES = new Map<string, number>([
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
]);

/**
 * Parse a CSV cell as a number with pandas' rules, or return `undefined` if pandas would not read it
 * as one. NA strings must be filtered out before (they are not numbers here).
 */
export function parseNumberText(text: string): ParsedNumber | undefined {
  const n = text.length;
  let i = 0;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  let end = n;
  while (end > i && isSpace(text.charCodeAt(end - 1))) end--;
  if (i === end) return undefined;
  const start = i;
  let c = text.charCodeAt(i);
  let negative = false;
  if (c === 43 || c === 45) {
    negative = c === 45;
    i++;
  }
  const intStart = i;
  while (i < end && isDigit(text.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  let fracDigits = 0;
  let integer = true;
  if (i < end && text.charCodeAt(i) === 46) {
    integer = false;
    i++;
    const fracStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    fracDigits = i - fracStart;
  }
  if (intDigits + fracDigits === 0) {
    const inf = INFINITIES.get(text.slice(start, end).toLowerCase());
    return inf === undefined ? undefined : { value: inf, integer: false };
  }
  if (i < end) {
    c = text.charCodeAt(i);
    if (c !== 101 && c !== 69) return undefined;
    integer = false;
    i++;
    c = text.charCodeAt(i);
    if (c === 43 || c === 45) i++;
    const expStart = i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    if (i === expStart || i < end) return undefined;
  }
  const literal = text.slice(start, end);
  if (integer) {
    let d = intStart;
    while (d < end - 1 && text.charCodeAt(d) === 48) d++;
    const digits = end - d;
    if (digits >= 19) {
      const limit = negative ? INT64_MIN_DIGITS : INT64_MAX_DIGITS;
      if (digits > 19 || text.slice(d, end) > limit) return undefined;
    }
    // "-0" gives -0 here; pandas' int64 has no negative zero, so int columns normalise it at the end.
    return { value: Number(literal), integer: true };
  }
  const value = Number(literal);
  if (value === Infinity || value === -Infinity) return undefined; // overflow: pandas keeps text
  return { value, integer: false };
}
