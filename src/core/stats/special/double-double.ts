/**
 * Minimal double-double arithmetic (an unevaluated sum hi + lo, ~106-bit significand), enough for the
 * Smirnov distribution. Algorithms from the QD library (Hida, Li, Bailey), as used by scipy's
 * xsf/cephes/dd_real.h: Knuth's two-sum, Dekker's two-product with Veltkamp splitting, and the
 * "accurate" (IEEE-style) addition and division.
 * @module
 */

/** A double-double number hi + lo with |lo| ≤ ulp(hi)/2. */
export class DD {
  readonly hi: number;
  readonly lo: number;
  constructor(hi: number, lo = 0) {
    this.hi = hi;
    this.lo = lo;
  }
}

const SPLITTER = 134217729; // 2^27 + 1

function quickTwoSum(a: number, b: number): DD {
  const s = a + b;
  return new DD(s, b - (s - a));
}

function twoSum(a: number, b: number): [number, number] {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

export function ddAdd(a: DD, b: DD): DD {
  const [s1, s2a] = twoSum(a.hi, b.hi);
  const [t1, t2] = twoSum(a.lo, b.lo);
  const u = quickTwoSum(s1, s2a + t1);
  return quickTwoSum(u.hi, u.lo + t2);
}

export function ddAddNum(a: DD, b: number): DD {
  const [s1, s2] = twoSum(a.hi, b);
  return quickTwoSum(s1, s2 + a.lo);
}

export function ddNeg(a: DD): DD {
  return new DD(-a.hi, -a.lo);
}

export function ddSub(a: DD, b: DD): DD {
  return ddAdd(a, ddNeg(b));
}

export function ddMul(a: DD, b: DD): DD {
  const [p1, p2] = twoProd(a.hi, b.hi);
  return quickTwoSum(p1, p2 + (a.hi * b.lo + a.lo * b.hi));
}

export function ddMulNum(a: DD, b: number): DD {
  const [p1, p2] = twoProd(a.hi, b);
  return quickTwoSum(p1, p2 + a.lo * b);
}

export function ddDiv(a: DD, b: DD): DD {
  const q1 = a.hi / b.hi;
  let r = ddSub(a, ddMulNum(b, q1));
  const q2 = r.hi / b.hi;
  r = ddSub(r, ddMulNum(b, q2));
  const q3 = r.hi / b.hi;
  return ddAddNum(quickTwoSum(q1, q2), q3);
}

export function ddDivNum(a: DD, b: number): DD {
  return ddDiv(a, new DD(b));
}

export function ddFloor(a: DD): DD {
  const hi = Math.floor(a.hi);
  if (hi === a.hi) return quickTwoSum(hi, Math.floor(a.lo));
  return new DD(hi, 0);
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
// Index of the high 32-bit word of a float64 on this platform.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** C frexp: x = m·2^e with 0.5 ≤ |m| < 1 (m = x, e = 0 for 0, ±∞, NaN). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  F64[0] = x;
  let biased = (U32[HI]! >>> 20) & 0x7ff;
  let shift = 0;
  if (biased === 0) {
    // Subnormal: scale up first.
    F64[0] = x * 2 ** 64;
    biased = (U32[HI]! >>> 20) & 0x7ff;
    shift = -64;
  }
  const e = biased - 1022;
  U32[HI] = (U32[HI]! & 0x800fffff) | (1022 << 20);
  return [F64[0]!, e + shift];
}

/** C ldexp: x·2^e, exact unless the result over/underflows (large |e| applied in steps; 2^k is exact for |k| ≤ 1000). */
export function ldexp(x: number, e: number): number {
  let r = x;
  let k = e;
  while (k > 1000) {
    r *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    r *= 2 ** -1000;
    k += 1000;
  }
  return r * 2 ** k;
}

/** frexp of a double-double: the mantissa's hi part in [0.5, 1). */
export function ddFrexp(a: DD): [DD, number] {
  const [hi, e] = frexp(a.hi);
  return [new DD(hi, ldexp(a.lo, -e)), e];
}

export function ddLdexp(a: DD, e: number): DD {
  return new DD(ldexp(a.hi, e), ldexp(a.lo, e));
}

export function ddToNumber(a: DD): number {
  return a.hi + a.lo;
}
