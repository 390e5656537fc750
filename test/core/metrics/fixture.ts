/**
 * Shared helpers of the metrics tests: fixture loading and a tolerant deep comparison.
 * Fixtures come from scripts/fixtures/metrics.py (scikit-learn 1.2.1); NaN is stored as null.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export function loadFixture<T>(name: string): T {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../fixtures/metrics/${name}`, import.meta.url)), 'utf8'),
  );
}

/** Relative tolerance of every oracle comparison. */
export const REL = 1e-9;
/** Absolute floor for expected values that are exactly 0 (e.g. sklearn's −0.0 average precision). */
const ABS = 1e-15;

/**
 * Deep comparison of `actual` against the oracle's `expected`: numbers within REL relative (ABS absolute
 * near 0), null in the oracle = NaN (or null) here, arrays element-wise with equal length, objects on the
 * oracle's keys. Fails with the path of the first mismatch.
 */
export function expectClose(actual: unknown, expected: unknown, path = '$'): void {
  if (expected === null) {
    const ok = actual === null || (typeof actual === 'number' && Number.isNaN(actual));
    expect(ok, `${path}: expected NaN/null, got ${String(actual)}`).toBe(true);
    return;
  }
  if (typeof expected === 'number') {
    expect(typeof actual, `${path}: expected a number`).toBe('number');
    const a = actual as number;
    const ok = Math.abs(a - expected) <= REL * Math.abs(expected) + ABS;
    expect(
      ok,
      `${path}: ${a} vs oracle ${expected} (rel. error ${Math.abs(a - expected) / Math.abs(expected)})`,
    ).toBe(true);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path}: expected an array`).toBe(true);
    const a = actual as unknown[];
    expect(a.length, `${path}: length`).toBe(expected.length);
    expected.forEach((e, i) => {
      expectClose(a[i], e, `${path}[${i}]`);
    });
    return;
  }
  if (typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', `${path}: expected an object`).toBe(true);
    for (const [k, e] of Object.entries(expected as Record<string, unknown>)) {
      expectClose((actual as Record<string, unknown>)[k], e, `${path}.${k}`);
    }
    return;
  }
  expect(actual, path).toEqual(expected);
}
