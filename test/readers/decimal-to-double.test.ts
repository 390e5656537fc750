import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToDouble } from '../../src/readers/parse/decimal-to-double.ts';

/** Split a plain decimal literal the way the CSV scanner does: (hi, lo, loDigits, e10), or undefined. */
function decompose(literal: string): [number, number, number, number] | undefined {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  const digits = (m[1]! + frac).replace(/^0+/, '');
  if (digits.length > 19) return undefined;
  const e10 = Number(m[3] ?? '0') - frac.length;
  const hi = Number(digits.slice(0, 15) || '0');
  const loDigits = Math.max(0, digits.length - 15);
  const lo = loDigits > 0 ? Number(digits.slice(15)) : 0;
  return [hi, lo, loDigits, e10];
}

/**
 * decimalToDouble(...) of |literal| must be NaN (undecided) or exactly Number(|literal|).
 * 'out of range': more than 19 digits or an exponent beyond ±22, which are Number()'s by design.
 */
function check(literal: string): 'exact' | 'deferred' | 'out of range' {
  const abs = literal.replace(/^[+-]/, '');
  const parts = decompose(abs);
  if (!parts) return 'out of range';
  const v = decimalToDouble(...parts);
  if (Number.isNaN(v)) return Math.abs(parts[3]) > 22 ? 'out of range' : 'deferred';
  expect(Object.is(v, Number(abs)), `${abs}: got ${v}, Number gives ${Number(abs)}`).toBe(true);
  return 'exact';
}

/** Exact decimal digits of the midpoint between positive double x and the next double up. */
function midpointDigits(x: number): { digits: string; exp10: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const frac = bits & ((1n << 52n) - 1n);
  const mant = biased === 0 ? frac : frac | (1n << 52n);
  const e2 = (biased === 0 ? 1 : biased) - 1075; // x = mant * 2^e2
  const mid = 2n * mant + 1n; // midpoint = mid * 2^(e2 - 1)
  const k = e2 - 1;
  if (k >= 0) return { digits: (mid << BigInt(k)).toString(), exp10: 0 };
  // mid / 2^-k = mid * 5^-k / 10^-k
  return { digits: (mid * 5n ** BigInt(-k)).toString(), exp10: k };
}

describe('decimalToDouble', () => {
  it('is exact on hand-picked literals', () => {
    for (const lit of [
      '0',
      '1',
      '0.1',
      '0.30000000000000004',
      '1.0375414752142442',
      '3.960967360814921',
      '9007199254740993',
      '9007199254740992.5',
      '18446744073709551615',
      '1e22',
      '1e23',
      '1.7976931348623157e308',
      '123456789012345678e-22',
      '1234567890123456789e-5',
      '4.9406564584124654e-324',
      '2.2250738585072014e-308',
      '0.000001234567890123456789',
    ]) {
      check(lit);
    }
  });

  it('matches Number() on shortest round-trip strings of random doubles (property)', () => {
    let deferred = 0;
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: 0 }), (x) => {
        if (check(String(x)) === 'deferred') deferred++;
      }),
      { numRuns: 20_000 },
    );
    // In range, a literal is deferred only within 2^-30 of a half-ulp: essentially never.
    expect(deferred).toBeLessThan(5);
  });

  it('matches Number() on repr-like values of ordinary magnitude, deferring almost none', () => {
    let deferred = 0;
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.integer({ min: 1, max: 19 }),
        (x, p) => {
          if (check(String(x)) === 'deferred') deferred++;
          if (check(x.toPrecision(p)) === 'deferred') deferred++;
          if (check(x.toExponential(Math.min(p, 18))) === 'deferred') deferred++;
        },
      ),
      { numRuns: 20_000 },
    );
    expect(deferred).toBeLessThan(5);
  });

  it('matches Number() on random 1–19 digit mantissas with exponents in [-45, 45]', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 10n ** 19n - 1n), fc.integer({ min: -45, max: 45 }), (m, e) => {
        check(`${m}e${e}`);
      }),
      { numRuns: 20_000 },
    );
  });

  it('never rounds the wrong way next to a tie (19-digit literals around exact midpoints)', () => {
    let decided = 0;
    fc.assert(
      fc.property(fc.double({ min: 1e-5, max: 1e12, noNaN: true }), (x) => {
        const { digits, exp10 } = midpointDigits(x);
        const head = BigInt(digits.slice(0, 19));
        const shift = exp10 + (digits.length - 19);
        for (const d of [head - 1n, head, head + 1n]) {
          if (check(`${d}e${shift}`) === 'exact') decided++;
        }
      }),
      { numRuns: 5_000 },
    );
    expect(decided).toBeGreaterThan(0);
  });
});
