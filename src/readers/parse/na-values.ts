/**
 * The strings pandas' `read_csv` treats as missing by default (`keep_default_na=True`).
 *
 * Source: pandas 2.x `pandas/_libs/parsers.pyx` `STR_NA_VALUES` (pandas 1.5.3 has the same set
 * without `'None'`, which pandas 2.0 added). Matching is exact: no trimming, case-sensitive.
 * Applies to CSV text only; JSON and Parquet strings are never missing by spelling.
 * @module
 */

export const PANDAS_NA_STRINGS: ReadonlySet<string> = new Set([
  '',
  '#N/A',
  '#N/A N/A',
  '#NA',
  '-1.#IND',
  '-1.#QNAN',
  '-NaN',
  '-nan',
  '1.#IND',
  '1.#QNAN',
  '<NA>',
  'N/A',
  'NA',
  'NULL',
  'NaN',
  'None',
  'n/a',
  'nan',
  'null',
]);

/** Longest NA string, in bytes (`#N/A N/A`). */
export const NA_MAX_LENGTH = 8;

/**
 * True if a cell whose first byte is `firstByte` and whose length is `length` bytes may be an NA
 * string: a cheap pre-filter for the byte scanner before building the string.
 */
export function mayBeNaBytes(firstByte: number, length: number): boolean {
  if (length > NA_MAX_LENGTH) return false;
  // '#', '-', '1', '<', 'N', 'n'
  return (
    firstByte === 35 ||
    firstByte === 45 ||
    firstByte === 49 ||
    firstByte === 60 ||
    firstByte === 78 ||
    firstByte === 110
  );
}
