import { describe, expect, it } from 'vitest';
import {
  CLARIFY_METRIC_CODES,
  clarifyDifference,
  clarifyDivide,
  clarifyPostTraining,
  generalizedEntropy,
  spread,
} from '../../../src/core/fairness/index.ts';

describe('Clarify divide and difference conventions (common.py)', () => {
  it('divide: 0/0 = 0, x/0 = ±∞', () => {
    expect(clarifyDivide(0, 0)).toBe(0);
    expect(clarifyDivide(3, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(clarifyDivide(-3, 0)).toBe(Number.NEGATIVE_INFINITY);
    expect(clarifyDivide(3, 4)).toBe(0.75);
  });
  it('difference: ∞ − ∞ = 0, ∞ − x = ∞, x − ∞ = −∞', () => {
    const inf = Number.POSITIVE_INFINITY;
    expect(clarifyDifference(inf, inf)).toBe(0);
    expect(clarifyDifference(inf, 1)).toBe(inf);
    expect(clarifyDifference(1, inf)).toBe(-inf);
    expect(clarifyDifference(0.5, 0.25)).toBe(0.25);
  });
});

describe('clarifyPostTraining', () => {
  /*
   * a: TP 1 FN 1 FP 0 TN 1 (n 3, n̂⁽¹⁾ 1); d: TP 0 FN 1 FP 0 TN 2 (n 3, n̂⁽¹⁾ 0).
   * TE = divide(1, 0) − divide(1, 0) = ∞ − ∞ → 0.
   * DCAcc = divide(2, 1) − divide(1, 0) = 2 − ∞ = −∞.  DAR = 1/1 − divide(0, 0) = 1.
   * DI = divide(0/3, 1/3) = 0.  DPPL = 1/3 − 0 = 1/3.  RD = 1/2 − 0/1 = 1/2.
   * DCR = divide(2, 3) − divide(1, 2) = 1/6.  DRR = 2/3 − 1/2 = 1/6.  SD = 2/2 − 1/1 = 0.
   * AD = 2/3 − 2/3 = 0.
   */
  it('infinite and zero-denominator cases', () => {
    const m = clarifyPostTraining(
      { rows: 3, predictedPositives: 1, confusion: { tp: 1, fn: 1, fp: 0, tn: 1 } },
      { rows: 3, predictedPositives: 0, confusion: { tp: 0, fn: 1, fp: 0, tn: 2 } },
    );
    expect(m.te).toBe(0);
    expect(m.dcAcc).toBe(Number.NEGATIVE_INFINITY);
    expect(m.dar).toBe(1);
    expect(m.di).toBe(0);
    expect(m.dppl).toBeCloseTo(1 / 3, 15);
    expect(m.rd).toBe(0.5);
    expect(m.dcr).toBeCloseTo(1 / 6, 15);
    expect(m.drr).toBeCloseTo(1 / 6, 15);
    expect(m.sd).toBe(0);
    expect(m.ad).toBe(0);
  });

  it('empty sides give an error and null metrics', () => {
    const side = { rows: 2, predictedPositives: 1, confusion: { tp: 1, fn: 0, fp: 0, tn: 1 } };
    const empty = { rows: 0, predictedPositives: 0, confusion: { tp: 0, fn: 0, fp: 0, tn: 0 } };
    expect(clarifyPostTraining(side, empty)).toMatchObject({ error: 'emptyFacet', dppl: null, te: null });
    expect(clarifyPostTraining(empty, side)).toMatchObject({ error: 'emptyRest', di: null });
  });

  it('names every metric code', () => {
    expect(Object.values(CLARIFY_METRIC_CODES)).toEqual([
      'DPPL',
      'DI',
      'DCAcc',
      'DCR',
      'RD',
      'SD',
      'DAR',
      'DRR',
      'AD',
      'TE',
      'FT',
    ]);
  });
});

describe('generalizedEntropy (Clarify GE, α = 2)', () => {
  it('hand-computed: b = 0, 1, 1, 2 gives 1/4', () => {
    // b = [0, 1, 1, 2] (FN, TP, TN, FP): μ = 1; Σ[(b/μ)² − 1] = (−1) + 0 + 0 + 3 = 2; GE = 2/(4·2) = 1/4.
    expect(generalizedEntropy({ fn: 1, tp: 1, tn: 1, fp: 1 })).toBe(0.25);
  });
  it('perfect predictions give 0; all false negatives and empty data give NaN', () => {
    expect(generalizedEntropy({ fn: 0, tp: 5, tn: 3, fp: 0 })).toBe(0);
    expect(generalizedEntropy({ fn: 4, tp: 0, tn: 0, fp: 0 })).toBeNaN();
    expect(generalizedEntropy({ fn: 0, tp: 0, tn: 0, fp: 0 })).toBeNaN();
  });
});

describe('spread (Fairlearn between_groups)', () => {
  it('skips NaN and excluded groups', () => {
    const s = spread([0.5, Number.NaN, 0.2, 0.9], [true, true, true, false]);
    expect(s).toEqual({
      max: 0.5,
      min: 0.2,
      maxGroup: 0,
      minGroup: 2,
      difference: 0.5 - 0.2,
      ratio: 0.2 / 0.5,
    });
  });
  it('no defined value gives NaN', () => {
    const s = spread([Number.NaN], [true]);
    expect(s.difference).toBeNaN();
    expect(s.maxGroup).toBe(-1);
  });
});
