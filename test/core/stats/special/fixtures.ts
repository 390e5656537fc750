/**
 * Loads the golden values written by scripts/fixtures/special.py (mpmath / scipy 1.17.1 references) and
 * provides a relative-tolerance assertion that reports the offending arguments.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const DIR = fileURLToPath(new URL('../../../fixtures/special/', import.meta.url));

export type Row = number[];

// biome-ignore lint/suspicious/noExplicitAny: fixture JSON has a per-file shape
export function loadFixture(name: string): any {
  return JSON.parse(readFileSync(DIR + name, 'utf8'));
}

/** Relative error |got − want|/|want| (0 when equal; ∞ when want = 0 and got ≠ 0). */
export function relativeError(got: number, want: number): number {
  if (got === want) return 0;
  return Math.abs(got - want) / Math.abs(want);
}

/**
 * Asserts every row: `fn(row)` within `rtol` (relative) of `row[refIndex]`, or within `atol` absolute.
 * Fails with the worst row so the message names the arguments.
 */
export function expectRows(
  rows: readonly Row[],
  fn: (row: Row) => number,
  refIndex: number,
  tolerance: (row: Row) => { rtol: number; atol?: number },
): void {
  expect(rows.length).toBeGreaterThan(0);
  const failures: string[] = [];
  for (const row of rows) {
    const want = row[refIndex]!;
    const got = fn(row);
    const { rtol, atol = 0 } = tolerance(row);
    const ok = got === want || Math.abs(got - want) <= Math.max(rtol * Math.abs(want), atol);
    if (!ok) {
      failures.push(
        `row ${JSON.stringify(row)} (reference at index ${refIndex}): got ${got}, want ${want} (rel ${relativeError(got, want).toExponential(2)} > ${rtol})`,
      );
    }
  }
  expect(failures).toEqual([]);
}
