import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { fisherExact2x2, fisherExactTest } from '../../../src/core/stats/fisher-exact.ts';
import vectors from '../../fixtures/tests/evidently-vectors.json' with { type: 'json' };
import oracle from '../../fixtures/tests/fisher-exact.json' with { type: 'json' };

function num(v: number | string): number {
  if (typeof v === 'number') return v;
  return v === 'Infinity' ? Number.POSITIVE_INFINITY : Number.NaN;
}

function expectRel(actual: number, expected: number, rtol: number): void {
  if (Number.isNaN(expected)) {
    expect(actual).toBeNaN();
    return;
  }
  if (expected === 0 || !Number.isFinite(expected)) {
    expect(actual).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThanOrEqual(rtol);
}

describe('fisherExact2x2 (scipy fisher_exact)', () => {
  it.each(oracle.cases)('matches scipy 1.10.1: $name', (c) => {
    const [[a, b], [cc, d]] = c.table as [[number, number], [number, number]];
    const r = fisherExact2x2(a, b, cc, d, { alternative: c.alternative as 'less' });
    expectRel(r.oddsRatio, num(c.oddsRatio), 1e-15);
    expectRel(r.pValue, num(c.pValue), 1e-11);
  });

  it('rejects non-integer or negative cells and unknown alternatives', () => {
    expect(() => fisherExact2x2(1.5, 2, 3, 4)).toThrow(UsageError);
    expect(() => fisherExact2x2(-1, 2, 3, 4)).toThrow(UsageError);
    expect(() => fisherExact2x2(1, 2, 3, 4, { alternative: 'x' as 'less' })).toThrow(UsageError);
  });

  it('handles large tables quickly and keeps p ∈ [0, 1]', () => {
    const r = fisherExact2x2(50_000, 52_000, 51_000, 50_500);
    expect(r.pValue).toBeGreaterThan(0);
    expect(r.pValue).toBeLessThan(1);
  });

  it('property: p ∈ [0, 1]; two-sided p invariant under row and column swaps', () => {
    const cell = fc.integer({ min: 0, max: 60 });
    fc.assert(
      fc.property(cell, cell, cell, cell, (a, b, c, d) => {
        const p = fisherExact2x2(a, b, c, d).pValue;
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(fisherExact2x2(c, d, a, b).pValue).toBeCloseTo(p, 12);
        expect(fisherExact2x2(b, a, d, c).pValue).toBeCloseTo(p, 12);
        expect(fisherExact2x2(a, c, b, d).pValue).toBeCloseTo(p, 12);
      }),
    );
  });
});

describe('fisherExactTest (Evidently fisher_exact)', () => {
  it('reproduces Evidently vector 11', () => {
    const v = vectors.vectors[11]!;
    expect(v.stattest).toBe('fisher_exact');
    const keys = [...new Set([...v.reference, ...v.current])];
    const count = (xs: readonly (string | number)[], k: string | number) => xs.filter((x) => x === k).length;
    const ref = Float64Array.from(keys.map((k) => count(v.reference, k)));
    const cur = Float64Array.from(keys.map((k) => count(v.current, k)));
    const r = fisherExactTest(ref, cur);
    expectRel(r.pValue, v.evidently_score, 1e-12);
    expect(r.pValue < v.threshold).toBe(v.evidently_drifted);
    expect(Math.abs(r.pValue - 0.033)).toBeLessThanOrEqual(1e-3);
    // category order does not matter
    expect(fisherExactTest(ref.reverse(), cur.reverse()).pValue).toBeCloseTo(r.pValue, 14);
  });

  it('gives p = 1 for a single category (Evidently placeholder column)', () => {
    expect(fisherExactTest(Float64Array.of(30), Float64Array.of(30)).pValue).toBe(1);
  });

  it('rejects more than two categories and misaligned counts', () => {
    expect(() => fisherExactTest(Float64Array.of(1, 2, 3), Float64Array.of(1, 2, 3))).toThrow(UsageError);
    expect(() => fisherExactTest(Float64Array.of(1, 2), Float64Array.of(1))).toThrow(UsageError);
    expect(() => fisherExactTest(new Float64Array(0), new Float64Array(0))).toThrow(UsageError);
  });
});
