import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { type KsAlternative, type KsMethod, ks2samp } from '../../../src/core/stats/ks-2samp.ts';
import { sortedFinite } from '../../../src/core/stats/sorted.ts';

interface SampleSpec {
  seed: number;
  n: number;
  shift: number;
  scale: number;
  grid: number;
  sum: number;
}
interface CaseResult {
  alternative: KsAlternative;
  method: KsMethod;
  statistic: number;
  pValue: number;
  statisticSign: number;
  statisticLocation: number;
  pValue_scipy_1_17: number;
}
interface Fixture {
  cases: { name: string; x: SampleSpec; y: SampleSpec; results: CaseResult[] }[];
  evidently: { index: number; reference: number[]; current: number[]; evidently_score: number }[];
}

const fixture: Fixture = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../fixtures/ks/ks-2samp.json', import.meta.url)), 'utf8'),
);

/**
 * The portable sample generator of scripts/fixtures/ks.py (MINSTD LCG → Irwin–Hall), step for step: every
 * operation is exact or a single IEEE operation, so it reproduces Python's doubles bit for bit.
 */
function sample(spec: SampleSpec): Float64Array {
  const M = 2147483647;
  const A = 48271;
  let s = spec.seed;
  const out = new Float64Array(spec.n);
  for (let i = 0; i < spec.n; i++) {
    const u: number[] = [];
    for (let k = 0; k < 4; k++) {
      s = (A * s) % M;
      u.push(s / M);
    }
    const v = u[0]! + u[1]! + u[2]! + u[3]! - 2;
    let value = v * spec.scale + spec.shift;
    if (spec.grid) value = Math.floor(value * spec.grid) / spec.grid;
    out[i] = value;
  }
  return out;
}

function sum(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v;
  return s;
}

describe('ks2samp matches scipy 1.10.1 ks_2samp (scripts/fixtures/ks.py)', () => {
  for (const c of fixture.cases) {
    it(`${c.name} (n=${c.x.n}, m=${c.y.n})`, () => {
      const xRaw = sample(c.x);
      const yRaw = sample(c.y);
      // The generator reproduces Python's samples exactly (same summation order as Python's sum()).
      expect(sum(xRaw)).toBe(c.x.sum);
      expect(sum(yRaw)).toBe(c.y.sum);
      const x = sortedFinite(xRaw);
      const y = sortedFinite(yRaw);
      for (const r of c.results) {
        const got = ks2samp(x, y, { alternative: r.alternative, method: r.method });
        const label = `${r.alternative}/${r.method}`;
        expect(got.statistic, label).toBe(r.statistic);
        expect(got.statisticSign, label).toBe(r.statisticSign);
        expect(got.statisticLocation, label).toBe(r.statisticLocation);
        // Exact and one-sided asymptotic paths reproduce scipy's floating-point operations; the two-sided
        // asymptotic path goes through kstwo (≤ 3e-12 from scipy, see kolmogorov.test.ts).
        const rel = r.pValue === 0 ? got.pValue : Math.abs(got.pValue - r.pValue) / r.pValue;
        expect(rel, `${label}: got ${got.pValue}, scipy ${r.pValue}`).toBeLessThanOrEqual(1e-12);
        // scipy 1.17.1 agrees with 1.10.1 to the last bits.
        expect(Math.abs(r.pValue_scipy_1_17 - r.pValue)).toBeLessThanOrEqual(1e-15 * r.pValue + 1e-300);
      }
    });
  }

  it('reports the method actually used, including the exact → asymp fallbacks', () => {
    const find = (name: string) => fixture.cases.find((c) => c.name === name)!;
    const big = find('20000 vs 15000 (asymp)');
    expect(ks2samp(sortedFinite(sample(big.x)), sortedFinite(sample(big.y))).method).toBe('asymp');
    const mid = find('3000 vs 2000 with ties');
    const x = sortedFinite(sample(mid.x));
    const y = sortedFinite(sample(mid.y));
    expect(ks2samp(x, y).method).toBe('exact');
    // One-sided, n ≠ m: the path count overflows, scipy warns and switches to asymp.
    expect(ks2samp(x, y, { alternative: 'less' }).method).toBe('asymp');
    expect(ks2samp(x, y, { method: 'asymp' }).method).toBe('asymp');
  });
});

describe('Evidently vectors (Evidently 0.7.21, scipy 1.10.1)', () => {
  for (const v of fixture.evidently) {
    it(`vector ${v.index}: p = ${v.evidently_score}`, () => {
      const r = ks2samp(
        sortedFinite(Float64Array.from(v.reference)),
        sortedFinite(Float64Array.from(v.current)),
      );
      expect(r.pValue).toBe(v.evidently_score);
      expect(r.method).toBe('exact');
    });
  }
  it('vector 14 and 19 have the documented p-values', () => {
    expect(fixture.evidently.map((v) => v.evidently_score)).toEqual([
      0.08702408702408701, 0.9084105017744525,
    ]);
  });
});

describe('ks2samp behaviour', () => {
  it('uses the exact distribution for n = m = 10000', () => {
    const c = fixture.cases.find((k) => k.name === '10000 vs 10000, tiny p')!;
    const x = sortedFinite(sample(c.x));
    const y = sortedFinite(sample(c.y));
    ks2samp(x, y); // warm up
    const r = ks2samp(x, y);
    expect(r.method).toBe('exact');
  });
  it('statistic and p-value are symmetric in the samples for two-sided tests', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 40 }),
        (a, b) => {
          const x = sortedFinite(Float64Array.from(a));
          const y = sortedFinite(Float64Array.from(b));
          const r1 = ks2samp(x, y);
          const r2 = ks2samp(y, x);
          expect(r1.statistic).toBe(r2.statistic);
          expect(r1.pValue).toBeCloseTo(r2.pValue, 12);
          expect(r1.pValue).toBeGreaterThanOrEqual(0);
          expect(r1.pValue).toBeLessThanOrEqual(1);
          // 'less' on (x, y) is 'greater' on (y, x)
          expect(ks2samp(x, y, { alternative: 'less' }).statistic).toBe(
            ks2samp(y, x, { alternative: 'greater' }).statistic,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
  it('identical samples give D = 0 and p = 1', () => {
    const x = Float64Array.from([1, 2, 2, 3]);
    const r = ks2samp(x, x);
    expect(r.statistic).toBe(0);
    expect(r.pValue).toBe(1);
  });
  it('returns a frozen result', () => {
    const r = ks2samp(Float64Array.from([1, 2]), Float64Array.from([3]));
    expect(Object.isFrozen(r)).toBe(true);
    expect(r.statistic).toBe(1);
  });
  it('rejects empty, unsorted or non-finite samples and unknown options with UsageError', () => {
    const ok = Float64Array.from([1, 2, 3]);
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as UsageError).code;
      }
      return undefined;
    };
    expect(code(() => ks2samp(new Float64Array(0), ok))).toBe('DW_STATS_EMPTY_SAMPLE');
    expect(code(() => ks2samp(ok, new Float64Array(0)))).toBe('DW_STATS_EMPTY_SAMPLE');
    expect(code(() => ks2samp(Float64Array.from([2, 1]), ok))).toBe('DW_STATS_UNSORTED');
    expect(code(() => ks2samp(ok, Float64Array.from([1, Number.NaN])))).toBe('DW_STATS_NOT_FINITE');
    expect(code(() => ks2samp(ok, Float64Array.from([1, Number.POSITIVE_INFINITY])))).toBe(
      'DW_STATS_NOT_FINITE',
    );
    expect(code(() => ks2samp(ok, ok, { alternative: 'two' as KsAlternative }))).toBe('DW_STATS_BAD_OPTION');
    expect(code(() => ks2samp(ok, ok, { method: 'approx' as KsMethod }))).toBe('DW_STATS_BAD_OPTION');
  });
});

describe('sortedFinite', () => {
  it('copies, drops NaN and ±Infinity, and sorts numerically', () => {
    const input = Float64Array.from([
      3,
      Number.NaN,
      -1,
      Number.POSITIVE_INFINITY,
      10,
      2,
      Number.NEGATIVE_INFINITY,
    ]);
    const out = sortedFinite(input);
    expect(Array.from(out)).toEqual([-1, 2, 3, 10]);
    expect(input[0]).toBe(3); // input untouched
    expect(sortedFinite(Float64Array.from([2, 1])).length).toBe(2);
    expect(sortedFinite(new Float64Array(0)).length).toBe(0);
  });
});
