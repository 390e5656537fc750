import { describe, expect, it } from 'vitest';
import { logAddExp } from '../../../../src/core/stats/special/index.ts';

describe('logAddExp (numpy.logaddexp semantics)', () => {
  it('computes ln(e^a + e^b) without overflow or underflow', () => {
    expect(logAddExp(0, 0)).toBe(Math.LN2);
    expect(Math.abs(logAddExp(1, 2) - Math.log(Math.E + Math.E ** 2))).toBeLessThan(1e-15);
    expect(logAddExp(1000, 1000)).toBe(1000 + Math.LN2);
    expect(Math.abs(logAddExp(-1000, -1001) - (-1000 + Math.log1p(Math.exp(-1))))).toBeLessThan(1e-12);
    expect(logAddExp(800, 0)).toBe(800);
  });
  it('handles infinities and NaN', () => {
    expect(logAddExp(Number.NEGATIVE_INFINITY, 3)).toBe(3);
    expect(logAddExp(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(logAddExp(Number.POSITIVE_INFINITY, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(logAddExp(Number.NaN, 3)).toBeNaN();
  });
});
