import { describe, expect, it } from 'vitest';
import { alertFor, constantThreshold, standardDeviationThreshold } from '../../../src/core/chunks/index.ts';
import { UsageError } from '../../../src/core/errors.ts';
import { expectClose, oracle, rows } from '../estimation/oracle.ts';

interface Case {
  values: (number | null)[];
  k: number;
  limits: [number | null, number | null];
  lower: number;
  upper: number;
}

describe('standardDeviationThreshold (NannyML StandardDeviationThreshold + limits)', () => {
  it.each(rows<[number, Case]>(oracle('thresholds.json').map((c: Case, i: number) => [i, c])))(
    'case %i as numpy',
    (_i, c) => {
      const limits: [number, number] = [
        c.limits[0] ?? Number.NEGATIVE_INFINITY,
        c.limits[1] ?? Number.POSITIVE_INFINITY,
      ];
      const band = standardDeviationThreshold(
        c.values.map((v) => v ?? Number.NaN),
        { k: c.k, limits },
      );
      expectClose(band.lower!, c.lower, 1e-15, 0, 'lower');
      expectClose(band.upper!, c.upper, 1e-15, 0, 'upper');
    },
  );

  it('uses the population standard deviation and k = 3 by default', () => {
    const band = standardDeviationThreshold([1, 2, 3, 4]);
    const sd = Math.sqrt(1.25);
    expect(band.lower).toBeCloseTo(2.5 - 3 * sd, 14);
    expect(band.upper).toBeCloseTo(2.5 + 3 * sd, 14);
  });

  it('clips to the limits and can leave a side open', () => {
    expect(standardDeviationThreshold([0.99, 0.5, 0.999], { limits: [0, 1] }).upper).toBe(1);
    expect(standardDeviationThreshold([0.01, 0.5, 0.001], { limits: [0, 1] }).lower).toBe(0);
    const oneSided = standardDeviationThreshold([1, 2, 3], { upper: false });
    expect(oneSided.upper).toBeNull();
    expect(oneSided.lower).toBeCloseTo(2 - 3 * Math.sqrt(2 / 3), 14);
  });

  it('ignores NaN values and gives NaN bounds (never alerting) without any value', () => {
    expect(standardDeviationThreshold([Number.NaN, 2, Number.NaN, 2])).toEqual({ lower: 2, upper: 2 });
    const empty = standardDeviationThreshold([]);
    expect(empty.lower).toBeNaN();
    expect(alertFor(0, empty)).toBe(false);
  });

  it('rejects a bad multiplier or limits', () => {
    expect(() => standardDeviationThreshold([1], { k: -1 })).toThrow(UsageError);
    expect(() => standardDeviationThreshold([1], { k: Number.NaN })).toThrow(/DW_THRESHOLD_BAD_K|multiplier/);
    expect(() => standardDeviationThreshold([1], { limits: [1, 0] })).toThrow(/limits/);
    expect(() => constantThreshold(2, 1)).toThrow(/less than/);
  });
});

describe('alertFor', () => {
  it('alerts strictly outside the band, ignoring an open side', () => {
    const band = { lower: 0.9, upper: 0.95 };
    expect([0.89, 0.9, 0.93, 0.95, 0.96].map((v) => alertFor(v, band))).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
    expect(alertFor(-100, { lower: null, upper: 1 })).toBe(false);
    expect(alertFor(Number.NaN, band)).toBe(false);
    expect(alertFor(5, constantThreshold(null, 4))).toBe(true);
  });
});
