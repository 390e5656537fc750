import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf, normalPpf, normalSf } from '../../../../src/core/stats/special/index.ts';
import { expectRows, loadFixture } from './fixtures.ts';

const fx = loadFixture('normal.json');
// Measured worst relative errors vs mpmath: erf 1.5e-16, erfc 3.2e-16, Φ/1−Φ 2.9e-16, Φ⁻¹ 2.1e-16.
const tight = () => ({ rtol: 1e-15 });

describe('erf / erfc (mpmath references)', () => {
  it('erf matches mpmath', () => expectRows(fx.erf, (r) => erf(r[0]!), 1, tight));
  it('erfc matches mpmath, including the far tail (erfc(26.5) ≈ 2.2e-307)', () =>
    expectRows(fx.erfc, (r) => erfc(r[0]!), 1, tight));
  it('edge cases', () => {
    expect(erf(0)).toBe(0);
    expect(Object.is(erf(-0), -0)).toBe(true);
    expect(erf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(erf(Number.NEGATIVE_INFINITY)).toBe(-1);
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
    expect(erfc(28)).toBe(0); // below the smallest subnormal
    expect(erf(Number.NaN)).toBeNaN();
    expect(erfc(Number.NaN)).toBeNaN();
  });
  it('erf is odd and erf + erfc = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -6, max: 6, noNaN: true }), (x) => {
        expect(erf(-x)).toBe(-erf(x));
        expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThanOrEqual(4e-16);
      }),
    );
  });
});

describe('standard normal (mpmath references)', () => {
  it('normalSf is accurate in the upper tail (z = 10 → 7.62e-24, z = 37.5 → 4.6e-308)', () => {
    expectRows(fx.normalSf, (r) => normalSf(r[0]!), 1, tight);
    expect(normalSf(10)).toBeCloseTo(7.619853024160525e-24, 35);
  });
  it('normalCdf matches mpmath', () => expectRows(fx.normalCdf, (r) => normalCdf(r[0]!), 1, tight));
  it('normalPpf matches mpmath from p = 1e-300 to 1 − 1e-10', () =>
    expectRows(
      fx.normalPpf,
      (r) => normalPpf(r[0]!),
      1,
      () => ({ rtol: 1e-15 }),
    ));
  it('edge cases', () => {
    expect(normalSf(Number.POSITIVE_INFINITY)).toBe(0);
    expect(normalSf(Number.NEGATIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(normalSf(0)).toBe(0.5);
    expect(normalSf(Number.NaN)).toBeNaN();
    expect(normalPpf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalPpf(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalPpf(0.5)).toBe(0);
    expect(normalPpf(-0.1)).toBeNaN();
    expect(normalPpf(1.1)).toBeNaN();
    expect(normalPpf(Number.NaN)).toBeNaN();
  });
  it('Φ(x) + (1 − Φ(x)) = 1 and Φ⁻¹(Φ(x)) ≈ x', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        expect(Math.abs(normalCdf(x) + normalSf(x) - 1)).toBeLessThanOrEqual(4e-16);
        expect(normalSf(-x)).toBe(normalCdf(x));
        const p = normalCdf(x);
        if (p > 1e-300 && p < 0.9)
          expect(Math.abs(normalPpf(p) - x)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(x)));
      }),
    );
  });
});
