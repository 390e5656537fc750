import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  kolmogorovCdf,
  kolmogorovSf,
  kstwoCdf,
  kstwoSf,
  smirnovSf,
} from '../../../../src/core/stats/special/index.ts';
import { setSmirnovLowerSumMethod, smirnovCdf } from '../../../../src/core/stats/special/smirnov.ts';
import { expectRows, loadFixture, type Row } from './fixtures.ts';

const fx = loadFixture('kolmogorov.json');

describe('kolmogorovSf (limiting distribution; mpmath references, equal to scipy.special.kolmogorov)', () => {
  it('matches mpmath', () =>
    expectRows(
      fx.kolmogorov,
      (r) => kolmogorovSf(r[0]!),
      1,
      () => ({ rtol: 1e-14 }),
    ));
  it('edge cases and complement', () => {
    expect(kolmogorovSf(0)).toBe(1);
    expect(kolmogorovSf(-1)).toBe(1);
    expect(kolmogorovSf(Number.POSITIVE_INFINITY)).toBe(0);
    expect(kolmogorovSf(Number.NaN)).toBeNaN();
    expect(Math.abs(kolmogorovSf(0.7) + kolmogorovCdf(0.7) - 1)).toBeLessThan(1e-15);
  });
});

describe('smirnovSf (exact one-sided; mpmath sums, scipy for n ≥ 10⁴)', () => {
  it('matches the references for n from 1 to 1.5e6', () =>
    expectRows(
      fx.smirnov,
      (r) => smirnovSf(r[0]!, r[1]!),
      2,
      () => ({ rtol: 1e-13 }),
    ));
  it("the fast lower sum (Loader) agrees with scipy's double-double summation to 2e-13", () => {
    const failures: string[] = [];
    try {
      for (const n of [2, 3, 7, 30, 141, 1000, 4000]) {
        for (let i = 1; i < 25; i++) {
          const d = Math.min(0.999, ((i / 25) ** 2 * 3) / Math.sqrt(n) + 1e-9 * i);
          setSmirnovLowerSumMethod('loader');
          const fast = smirnovSf(n, d);
          setSmirnovLowerSumMethod('double-double');
          const dd = smirnovSf(n, d);
          if (Math.abs(fast - dd) > 2e-13 * dd) failures.push(`n=${n} d=${d}: ${fast} vs ${dd}`);
        }
      }
    } finally {
      setSmirnovLowerSumMethod('loader');
    }
    expect(failures).toEqual([]);
  });
  it('edge cases follow scipy.special.smirnov', () => {
    expect(smirnovSf(5, 0)).toBe(1);
    expect(smirnovSf(5, 1)).toBe(0);
    expect(smirnovSf(1, 0.3)).toBe(0.7);
    expect(smirnovSf(5, 1.5)).toBeNaN();
    expect(smirnovSf(5, -0.1)).toBeNaN();
    expect(smirnovSf(0, 0.5)).toBeNaN();
    expect(smirnovSf(2.5, 0.5)).toBeNaN();
    expect(smirnovSf(5, Number.NaN)).toBeNaN();
    expect(Math.abs(smirnovSf(50, 0.1) + smirnovCdf(50, 0.1) - 1)).toBeLessThan(1e-15);
  });
});

describe('kstwoSf / kstwoCdf (exact two-sided one-sample distribution; scipy.stats.kstwo)', () => {
  it('sf matches scipy 1.17.1 for n from 1 to 200000', () =>
    // Same algorithms as scipy; differences come from summation order (numpy convolve/matmul), worst 1.6e-12.
    expectRows(
      fx.kstwo,
      (r) => kstwoSf(r[1]!, r[0]!),
      2,
      (r: Row) => ({ rtol: 3e-12, atol: r[2]! < 1e-300 ? 1e-300 : 0 }),
    ));
  it('cdf matches scipy 1.17.1', () =>
    expectRows(
      fx.kstwo,
      (r) => kstwoCdf(r[1]!, r[0]!),
      3,
      (r: Row) => ({ rtol: 3e-12, atol: r[3]! < 1e-300 ? 1e-300 : 0 }),
    ));
  it('sf matches the exact distribution computed with mpmath (Durbin matrix, 60 digits) for n ≤ 20', () =>
    // scipy's Pomeranz recursion (and this port) is good to ~2.6e-12 relative there.
    expectRows(
      fx.kstwoExact,
      (r) => kstwoSf(r[1]!, r[0]!),
      2,
      () => ({ rtol: 5e-12 }),
    ));
  it('edge cases follow scipy.stats.kstwo', () => {
    expect(kstwoSf(0, 10)).toBe(1);
    expect(kstwoSf(0.05, 10)).toBe(1); // d ≤ 1/(2n)
    expect(kstwoSf(1, 10)).toBe(0);
    expect(kstwoSf(1.2, 10)).toBe(0);
    expect(kstwoCdf(1, 10)).toBe(1);
    expect(kstwoSf(0.3, 0)).toBeNaN();
    expect(kstwoSf(0.3, 2.5)).toBeNaN();
    expect(kstwoSf(Number.NaN, 10)).toBeNaN();
    expect(kstwoSf(0.05, 1e7)).toBe(0); // n·d² ≥ 370
  });
  it('sf + cdf = 1 (up to scipy’s Miller approximation) and sf is non-increasing in d', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, d) => {
        const sf = kstwoSf(d, n);
        // For n > 140 and n·d² ≥ 2.2 scipy computes the SF as 2·smirnov (Miller's approximation, which drops
        // the ~1e-7 probability that both D⁺ and D⁻ exceed d) but the CDF exactly, so they need not add to 1
        // (scipy: kstwo.sf + kstwo.cdf − 1 = −9.3e-8 at n = 296, d = 0.0862).
        const tol = n > 140 && n * d * d >= 2.2 ? 5e-7 : 1e-12;
        expect(Math.abs(sf + kstwoCdf(d, n) - 1)).toBeLessThan(tol);
        expect(kstwoSf(Math.min(1, d + 0.01), n)).toBeLessThanOrEqual(sf + 1e-14);
      }),
      { numRuns: 200 },
    );
  });
});
