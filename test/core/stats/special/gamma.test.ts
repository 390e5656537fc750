import { describe, expect, it } from 'vitest';
import {
  beta,
  gamma,
  lbeta,
  lgamma,
  lgamma1p,
  lgammaSign,
  log1pmx,
} from '../../../../src/core/stats/special/gamma.ts';
import { expectRows, loadFixture } from './fixtures.ts';

const fx = loadFixture('gamma.json');

describe('gamma family (mpmath references)', () => {
  it('lgamma: ≤ 1e-14 relative, absolute near its zeros at 1 and 2 (as Cephes documents)', () =>
    expectRows(
      fx.lgamma,
      (r) => lgamma(r[0]!),
      1,
      () => ({ rtol: 1e-14, atol: 1e-15 }),
    ));
  it('gamma matches mpmath (including negative non-integers)', () =>
    expectRows(
      fx.gamma,
      (r) => gamma(r[0]!),
      1,
      () => ({ rtol: 2e-15 }),
    ));
  it('beta matches mpmath', () =>
    // Cephes beta forms ln B from lgamma values for large arguments: 6e-13 at (0.5, 5000).
    expectRows(
      fx.beta,
      (r) => beta(r[0]!, r[1]!),
      2,
      () => ({ rtol: 2e-12 }),
    ));
  it('lbeta = ln B', () => {
    for (const [a, b, want] of fx.beta as number[][]) {
      expect(Math.abs(lbeta(a!, b!) - Math.log(want!))).toBeLessThanOrEqual(
        1e-12 * Math.max(1, Math.abs(Math.log(want!))),
      );
    }
  });
  it('poles, signs and special values', () => {
    expect(lgamma(1)).toBe(0);
    expect(lgamma(2)).toBe(0);
    expect(lgamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(lgamma(-3)).toBe(Number.POSITIVE_INFINITY);
    expect(lgamma(-40)).toBe(Number.POSITIVE_INFINITY);
    expect(lgamma(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(lgamma(Number.NaN)).toBeNaN();
    expect(lgammaSign(-0.5).sign).toBe(-1);
    expect(lgammaSign(-1.5).sign).toBe(1);
    expect(lgammaSign(-40.5).sign).toBe(-1);
    expect(gamma(5)).toBe(24);
    expect(gamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(gamma(-0)).toBe(Number.NEGATIVE_INFINITY);
    expect(gamma(-2)).toBeNaN();
    expect(gamma(200)).toBe(Number.POSITIVE_INFINITY);
    expect(gamma(Number.NEGATIVE_INFINITY)).toBeNaN();
  });
  it('lgamma1p and log1pmx are accurate near 0', () => {
    expect(lgamma1p(0)).toBe(0);
    // mpmath: ln Γ(1 + 1e-10) = −5.7721566481928616e-11
    expect(Math.abs(lgamma1p(1e-10) / -5.7721566481928616e-11 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(lgamma1p(0.3) - lgamma(1.3))).toBeLessThan(1e-16);
    expect(Math.abs(lgamma1p(0.9) - lgamma(1.9))).toBeLessThan(1e-16);
    expect(Math.abs(lgamma1p(3) - Math.log(6))).toBeLessThan(1e-15);
    expect(Math.abs(log1pmx(1e-5) / -4.9999666669166655e-11 - 1)).toBeLessThan(1e-15); // mpmath
    expect(Math.abs(log1pmx(2) - (Math.log(3) - 2))).toBeLessThan(1e-15);
  });
});
