import { describe, expect, it } from 'vitest';
import { chi2Cdf, chi2Sf } from '../../../../src/core/stats/special/index.ts';
import { expectRows, loadFixture, type Row } from './fixtures.ts';

const fx = loadFixture('chi2.json');
// Below ~1e-305 results are subnormal (or 0) and only absolute accuracy is meaningful.
const tolerance = (ref: number) => ({ rtol: ref >= 1e-10 ? 1e-12 : 3e-12, atol: 1e-305 });

describe('chi-squared tails (mpmath references)', () => {
  it('chi2Sf matches mpmath for df up to 10000 and tails down to 1e-300', () =>
    expectRows(
      fx.rows,
      (r) => chi2Sf(r[0]!, r[1]!),
      2,
      (r: Row) => tolerance(r[2]!),
    ));
  it('chi2Cdf matches mpmath', () =>
    expectRows(
      fx.rows,
      (r) => chi2Cdf(r[0]!, r[1]!),
      3,
      (r: Row) => tolerance(r[3]!),
    ));
  it('chi2.sf(5000, 4500), the case that breaks @stdlib', () => {
    // mpmath: 1.7531623227969190e-7
    const got = chi2Sf(5000, 4500);
    const want = (fx.rows as Row[]).find((r) => r[0] === 5000 && r[1] === 4500)![2]!;
    expect(Math.abs(got / want - 1)).toBeLessThan(1e-12);
    expect(want).toBeCloseTo(1.753162322796919e-7, 20);
  });
  it('edge cases follow scipy.stats.chi2', () => {
    expect(chi2Sf(Number.POSITIVE_INFINITY, 3)).toBe(0);
    expect(chi2Cdf(Number.POSITIVE_INFINITY, 3)).toBe(1);
    expect(chi2Sf(0, 3)).toBe(1);
    expect(chi2Sf(-1, 3)).toBe(1);
    expect(chi2Cdf(-1, 3)).toBe(0);
    expect(chi2Sf(1, 0)).toBeNaN();
    expect(chi2Sf(1, -2)).toBeNaN();
    expect(chi2Sf(Number.NaN, 2)).toBeNaN();
    expect(chi2Cdf(1, Number.NaN)).toBeNaN();
    // df = 2: closed form exp(−x/2)
    expect(Math.abs(chi2Sf(7, 2) / Math.exp(-3.5) - 1)).toBeLessThan(1e-15);
  });
});
