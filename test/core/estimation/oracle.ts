/**
 * Loading the CBPE oracle fixtures (test/fixtures/nannyml/cbpe/*.json, written by scripts/fixtures/cbpe.py) and
 * comparing numbers with a relative tolerance.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

const DIR = new URL('../../fixtures/nannyml/cbpe/', import.meta.url);

/** A fixture file, parsed (JSON `null` stands for NaN / "no value"). */
// biome-ignore lint/suspicious/noExplicitAny: fixture JSON is untyped by nature
export function oracle(name: string): any {
  return JSON.parse(readFileSync(new URL(name, DIR), 'utf8'));
}

/** JSON number or null → number or NaN. */
export function num(v: number | null): number {
  return v === null ? Number.NaN : v;
}

export function f64(values: readonly (number | null)[]): Float64Array {
  return Float64Array.from(values, num);
}

/** Asserts |actual − expected| ≤ rel·|expected| (+ abs); NaN matches NaN / null. */
export function expectClose(
  actual: number,
  expected: number | null,
  rel = 1e-12,
  abs = 1e-15,
  label = '',
): void {
  const e = num(expected);
  if (Number.isNaN(e)) {
    expect(actual, label).toBeNaN();
    return;
  }
  const tol = rel * Math.abs(e) + abs;
  if (!(Math.abs(actual - e) <= tol)) {
    expect.fail(`${label}: expected ${e} ± ${tol}, got ${actual} (diff ${actual - e})`);
  }
}

/** Types the rows of an `it.each` table built from untyped fixture JSON. */
export function rows<T extends unknown[]>(table: unknown): T[] {
  return table as T[];
}
