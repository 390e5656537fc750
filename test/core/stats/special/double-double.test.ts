import { describe, expect, it } from 'vitest';
import {
  DD,
  ddAdd,
  ddDiv,
  ddFloor,
  ddFrexp,
  ddMul,
  ddToNumber,
  frexp,
  ldexp,
} from '../../../../src/core/stats/special/double-double.ts';

describe('double-double helpers', () => {
  it('keeps the rounding error of a sum and product', () => {
    const s = ddAdd(new DD(1), new DD(2 ** -60));
    expect(s.hi).toBe(1);
    expect(s.lo).toBe(2 ** -60);
    const p = ddMul(new DD(1 + 2 ** -30), new DD(1 + 2 ** -30)); // 1 + 2^-29 + 2^-60
    expect(p.hi).toBe(1 + 2 ** -29);
    expect(p.lo).toBe(2 ** -60);
  });
  it('divides to double-double accuracy', () => {
    const q = ddDiv(new DD(1), new DD(3));
    const back = ddMul(q, new DD(3));
    expect(Math.abs(ddToNumber(back) - 1)).toBeLessThan(1e-30 + Number.EPSILON / 2);
    expect(Math.abs(back.hi - 1 + back.lo)).toBeLessThan(1e-30);
  });
  it('frexp / ldexp follow C semantics, including subnormals', () => {
    expect(frexp(8)).toEqual([0.5, 4]);
    expect(frexp(-3)).toEqual([-0.75, 2]);
    expect(frexp(0)).toEqual([0, 0]);
    expect(frexp(5e-324)).toEqual([0.5, -1073]);
    expect(ldexp(0.5, -1073)).toBe(5e-324);
    expect(ldexp(1, 1023)).toBe(2 ** 1023);
    expect(ldexp(2 ** 600, -1500)).toBe(2 ** -900);
    const [m, e] = ddFrexp(new DD(12, 2 ** -50));
    expect(m.hi).toBe(0.75);
    expect(e).toBe(4);
    expect(m.lo).toBe(2 ** -54);
  });
  it('floor of a double-double', () => {
    expect(ddToNumber(ddFloor(new DD(5, -1e-20)))).toBe(4);
    expect(ddToNumber(ddFloor(new DD(5.5, 1e-20)))).toBe(5);
  });
});
