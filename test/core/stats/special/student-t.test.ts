import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalSf, studentTCdf, studentTSf } from '../../../../src/core/stats/special/index.ts';
import { expectRows, loadFixture, type Row } from './fixtures.ts';

const fx = loadFixture('student-t.json');

describe('Student t tails (mpmath references)', () => {
  it('studentTSf for df from 1 to 1e6 and |t| up to 1e8', () =>
    // Measured worst: 1.5e-12 up to df = 1e5; 3.7e-11 at df = 1e6 (slow continued fraction near x = 1).
    expectRows(
      fx.rows,
      (r) => studentTSf(r[0]!, r[1]!),
      2,
      (r: Row) => ({ rtol: r[1]! <= 1e5 ? 3e-12 : 1e-10 }),
    ));
  it('studentTCdf is the mirrored tail', () =>
    expectRows(
      fx.rows,
      (r) => studentTCdf(-r[0]!, r[1]!),
      2,
      (r: Row) => ({ rtol: r[1]! <= 1e5 ? 3e-12 : 1e-10 }),
    ));
  it('closed forms: df = 1 (Cauchy) and df = 2', () => {
    for (const t of [0.3, 1, 4, 50]) {
      // Cancellation-free forms: atan(1/t)/π and ½(1 − t/s) = 1/(s(s + t)), s = √(2 + t²).
      expect(Math.abs(studentTSf(t, 1) / (Math.atan(1 / t) / Math.PI) - 1)).toBeLessThan(1e-14);
      const s = Math.sqrt(2 + t * t);
      expect(Math.abs(studentTSf(t, 2) / (1 / (s * (s + t))) - 1)).toBeLessThan(1e-14);
    }
  });
  it('edge cases', () => {
    expect(studentTSf(0, 5)).toBe(0.5);
    expect(studentTSf(Number.POSITIVE_INFINITY, 5)).toBe(0);
    expect(studentTSf(Number.NEGATIVE_INFINITY, 5)).toBe(1);
    expect(studentTSf(2, Number.POSITIVE_INFINITY)).toBe(normalSf(2));
    expect(studentTSf(1e200, 3)).toBe(0);
    expect(studentTSf(2, 0)).toBeNaN();
    expect(studentTSf(2, -1)).toBeNaN();
    expect(studentTSf(Number.NaN, 3)).toBeNaN();
    expect(studentTSf(1, Number.NaN)).toBeNaN();
  });
  it('sf(t) + cdf(t) = 1 and sf is decreasing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 50, noNaN: true }),
        fc.double({ min: 0.5, max: 1e5, noNaN: true }),
        (t, df) => {
          expect(Math.abs(studentTSf(t, df) + studentTCdf(t, df) - 1)).toBeLessThan(1e-14);
          expect(studentTSf(t + 0.1, df)).toBeLessThanOrEqual(studentTSf(t, df));
        },
      ),
    );
  });
});
