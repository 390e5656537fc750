import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { fairnessMetrics } from '../../../src/core/fairness/index.ts';
import { buildRows, expectRel } from './helpers.ts';

/*
 * Hand-computed table (23 rows, 3 groups):
 *
 *   group  n   TP FN FP TN | n̂⁽¹⁾ n⁽¹⁾ | SR    TPR  FPR  TNR  FNR  PPV  ACC
 *   A      10   4  1  1  4 |  5    5   | 1/2   4/5  1/5  4/5  1/5  4/5  8/10
 *   B       8   2  2  0  4 |  2    4   | 1/4   1/2  0    1    1/2  1    6/8
 *   C       5   0  0  1  4 |  1    0   | 1/5   NaN  1/5  4/5  NaN  0    4/5
 *
 * C has no positives, so its TPR and FNR are 0/0 (NaN; scikit-learn/Fairlearn would say 0).
 * Demographic parity difference = 1/2 − 1/5 = 3/10; ratio = (1/5)/(1/2) = 2/5.
 * Privileged (default) = A, the highest selection rate. DI: B = (1/4)/(1/2) = 1/2, C = (1/5)/(1/2) = 2/5;
 * overall DI = 2/5 (C). Four-fifths: ratios 1, 1/2, 2/5 → B and C fail.
 * Equal opportunity difference (NaN skipped) = 4/5 − 1/2 = 3/10; with zeroDivision 0: 4/5 − 0 = 4/5.
 * FPR gap = 1/5 − 0 = 1/5; equalized odds = max(3/10, 1/5) = 3/10 (4/5 with zeroDivision 0).
 * Predictive parity difference = 1 − 0 = 1.
 * GE: benefits b = ŷ − y + 1: FN → 0 (3 rows), correct → 1 (18), FP → 2 (2); n = 23, Σb = 22, μ = 22/23;
 * GE = (Σ(b/μ)² − n)/(2n) = (26·(23/22)² − 23)/46 = (13754/484 − 23)/46 = 2622/22264 = 1311/11132.
 *
 * Clarify, facet d against the rest a:
 *   d = A: a = B∪C: n_a 13, TP 2 FN 2 FP 1 TN 8, n̂_a⁽¹⁾ 3, n_a⁽¹⁾ 4, n_a⁽⁰⁾ 9, n̂_a⁽⁰⁾ 10;
 *          d: n_d 10, n̂_d⁽¹⁾ 5, n_d⁽¹⁾ 5, n_d⁽⁰⁾ 5, n̂_d⁽⁰⁾ 5.
 *     DPPL = 3/13 − 5/10 = −7/26        DI = (5/10)/(3/13) = 13/6
 *     DCAcc = 4/3 − 5/5 = 1/3           DCR = 5/5 − 9/10 = 1/10
 *     RD = 2/4 − 4/5 = −3/10            SD = 4/5 − 8/9 = −4/45
 *     DAR = 2/3 − 4/5 = −2/15           DRR = 4/5 − 8/10 = 0
 *     AD = 10/13 − 8/10 = −2/65         TE = 1/1 − 2/1 = −1
 *   d = B: a = A∪C: n_a 15, TP 4 FN 1 FP 2 TN 8, n̂_a⁽¹⁾ 6, n_a⁽¹⁾ 5, n_a⁽⁰⁾ 10, n̂_a⁽⁰⁾ 9;
 *          d: n_d 8, n̂_d⁽¹⁾ 2, n_d⁽¹⁾ 4, n_d⁽⁰⁾ 4, n̂_d⁽⁰⁾ 6.
 *     DPPL = 6/15 − 2/8 = 3/20          DI = (2/8)/(6/15) = 5/8
 *     DCAcc = 5/6 − 4/2 = −7/6          DCR = 4/6 − 10/9 = −4/9
 *     RD = 4/5 − 2/4 = 3/10             SD = 4/4 − 8/10 = 1/5
 *     DAR = 4/6 − 2/2 = −1/3            DRR = 4/6 − 8/9 = −2/9
 *     AD = 12/15 − 6/8 = 1/20           TE = divide(2, 0) − 1/2 = +∞
 *   d = C: a = A∪B: n_a 18, TP 6 FN 3 FP 1 TN 8, n̂_a⁽¹⁾ 7, n_a⁽¹⁾ 9, n_a⁽⁰⁾ 9, n̂_a⁽⁰⁾ 11;
 *          d: n_d 5, n̂_d⁽¹⁾ 1, n_d⁽¹⁾ 0, n_d⁽⁰⁾ 5, n̂_d⁽⁰⁾ 4.
 *     DPPL = 7/18 − 1/5 = 17/90         DI = (1/5)/(7/18) = 18/35
 *     DCAcc = 9/7 − 0/1 = 9/7           DCR = 5/4 − 9/11 = 19/44
 *     RD = 6/9 − divide(0, 0) = 2/3     SD = 4/5 − 8/9 = −4/45
 *     DAR = 6/7 − 0/1 = 6/7             DRR = 4/4 − 8/11 = 3/11
 *     AD = 14/18 − 4/5 = −1/45          TE = 0/1 − 3/1 = −3
 */
const CELLS = [
  { tp: 4, fn: 1, fp: 1, tn: 4 },
  { tp: 2, fn: 2, fp: 0, tn: 4 },
  { tp: 0, fn: 0, fp: 1, tn: 4 },
];
const GROUPS = ['A', 'B', 'C'];
const HAND = { ...buildRows(CELLS), groups: GROUPS };

describe('fairnessMetrics: hand-computed three-group table', () => {
  const r = fairnessMetrics(HAND, { minGroupRows: 6 });

  it('per-group counts and rates', () => {
    expect(r.rows).toBe(23);
    expect(r.missingGroupRows).toBe(0);
    expect(r.hasTarget).toBe(true);
    const [a, b, c] = r.groups;
    expect(a).toMatchObject({ group: 'A', rows: 10, predictedPositives: 5, positives: 5, tooFewRows: false });
    expect(a!.confusionMatrix).toEqual({ tn: 4, fp: 1, fn: 1, tp: 4 });
    expectRel(a!.selectionRate, 1 / 2);
    expectRel(a!.tpr, 4 / 5);
    expectRel(a!.fpr, 1 / 5);
    expectRel(a!.tnr, 4 / 5);
    expectRel(a!.fnr, 1 / 5);
    expectRel(a!.precision, 4 / 5);
    expectRel(a!.accuracy, 8 / 10);
    expectRel(b!.selectionRate, 1 / 4);
    expectRel(b!.tpr, 1 / 2);
    expectRel(b!.fpr, 0);
    expectRel(b!.tnr, 1);
    expectRel(b!.fnr, 1 / 2);
    expectRel(b!.precision, 1);
    expectRel(b!.accuracy, 6 / 8);
    expect(c).toMatchObject({ rows: 5, positives: 0, tooFewRows: true });
    expectRel(c!.selectionRate, 1 / 5);
    expect(c!.tpr).toBeNaN();
    expect(c!.fnr).toBeNaN();
    expectRel(c!.fpr, 1 / 5);
    expectRel(c!.tnr, 4 / 5);
    expectRel(c!.precision, 0);
    expectRel(c!.accuracy, 4 / 5);
    expectRel(a!.disparateImpact, 1);
    expectRel(b!.disparateImpact, 1 / 2);
    expectRel(c!.disparateImpact, 2 / 5);
  });

  it('overall disparities', () => {
    const o = r.overall;
    expectRel(o.selectionRate, 8 / 23);
    expect(o.privileged).toBe('A');
    expect(o.privilegedSource).toBe('highestSelectionRate');
    expect(o.comparedGroups).toEqual(['A', 'B', 'C']);
    expect(o.smallGroups).toEqual(['C']);
    expectRel(o.demographicParityDifference, 3 / 10);
    expectRel(o.demographicParityRatio, 2 / 5);
    expectRel(o.disparateImpact, 2 / 5);
    expect(o.disparateImpactGroup).toBe('C');
    expect(o.fourFifthsRule).toEqual({
      passed: false,
      ratio: 2 / 5,
      threshold: 0.8,
      referenceGroup: 'A',
      failingGroups: ['B', 'C'],
    });
    expectRel(o.equalOpportunityDifference, 3 / 10);
    expectRel(o.equalizedOddsDifference, 3 / 10);
    expectRel(o.predictiveParityDifference, 1);
    expectRel(o.generalizedEntropy, 1311 / 11132);
  });

  it('Clarify post-training metrics per facet', () => {
    const [a, b, c] = r.groups.map((g) => g.clarify);
    expect(a).toMatchObject({ error: null, facetRows: 10, restRows: 13, ft: null, ftSkipped: 'noFeatures' });
    const expected = [
      {
        dppl: -7 / 26,
        di: 13 / 6,
        dcAcc: 1 / 3,
        dcr: 1 / 10,
        rd: -3 / 10,
        sd: -4 / 45,
        dar: -2 / 15,
        drr: 0,
        ad: -2 / 65,
        te: -1,
      },
      {
        dppl: 3 / 20,
        di: 5 / 8,
        dcAcc: -7 / 6,
        dcr: -4 / 9,
        rd: 3 / 10,
        sd: 1 / 5,
        dar: -1 / 3,
        drr: -2 / 9,
        ad: 1 / 20,
        te: Number.POSITIVE_INFINITY,
      },
      {
        dppl: 17 / 90,
        di: 18 / 35,
        dcAcc: 9 / 7,
        dcr: 19 / 44,
        rd: 2 / 3,
        sd: -4 / 45,
        dar: 6 / 7,
        drr: 3 / 11,
        ad: -1 / 45,
        te: -3,
      },
    ];
    for (const [i, m] of [a, b, c].entries()) {
      for (const [key, value] of Object.entries(expected[i]!)) {
        expectRel(m![key as keyof typeof m] as number, value, 1e-13);
      }
    }
  });

  it('zeroDivision 0 reproduces Fairlearn: the group without positives counts as TPR 0', () => {
    const z = fairnessMetrics(HAND, { zeroDivision: 0 });
    expect(z.groups[2]!.tpr).toBe(0);
    expect(z.groups[2]!.fnr).toBe(0);
    expectRel(z.overall.equalOpportunityDifference, 4 / 5);
    expectRel(z.overall.equalizedOddsDifference, 4 / 5);
  });

  it('a chosen privileged group changes DI but not the four-fifths reference', () => {
    const p = fairnessMetrics({ ...HAND, privileged: 'B' });
    expect(p.overall.privileged).toBe('B');
    expect(p.overall.privilegedSource).toBe('option');
    // C vs B: (1/5)/(1/4) = 4/5; A vs B: 2.
    expectRel(p.groups[0]!.disparateImpact, 2);
    expectRel(p.groups[2]!.disparateImpact, 4 / 5);
    expectRel(p.overall.disparateImpact, 4 / 5);
    expect(p.overall.disparateImpactGroup).toBe('C');
    expect(p.overall.fourFifthsRule.referenceGroup).toBe('A');
    expect(p.overall.fourFifthsRule.failingGroups).toEqual(['B', 'C']);
  });

  it('excludeSmallGroups drops small groups from the gaps only', () => {
    const s = fairnessMetrics(HAND, { minGroupRows: 6, excludeSmallGroups: true });
    expect(s.overall.comparedGroups).toEqual(['A', 'B']);
    expect(s.groups[2]!.compared).toBe(false);
    expectRel(s.overall.demographicParityDifference, 1 / 4);
    expectRel(s.overall.demographicParityRatio, 1 / 2);
    expectRel(s.overall.predictiveParityDifference, 1 / 5);
    expect(s.overall.fourFifthsRule.failingGroups).toEqual(['B']);
    // Clarify still compares C with all other rows.
    expectRel(s.groups[2]!.clarify.dppl, 17 / 90);
  });

  it('results are frozen', () => {
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.groups[0])).toBe(true);
    expect(Object.isFrozen(r.overall.fourFifthsRule)).toBe(true);
  });
});

describe('fairnessMetrics: without a target', () => {
  const { groupCodes, prediction } = HAND;
  const r = fairnessMetrics({ groupCodes, prediction, groups: GROUPS });

  it('computes only prediction-based metrics', () => {
    expect(r.hasTarget).toBe(false);
    const a = r.groups[0]!;
    expectRel(a.selectionRate, 1 / 2);
    expect(a.tpr).toBeNull();
    expect(a.precision).toBeNull();
    expect(a.accuracy).toBeNull();
    expect(a.positives).toBeNull();
    expect(a.confusionMatrix).toBeNull();
    expectRel(r.overall.demographicParityDifference, 3 / 10);
    expectRel(r.overall.disparateImpact, 2 / 5);
    expect(r.overall.equalOpportunityDifference).toBeNull();
    expect(r.overall.equalizedOddsDifference).toBeNull();
    expect(r.overall.predictiveParityDifference).toBeNull();
    expect(r.overall.generalizedEntropy).toBeNull();
  });

  it('keeps Clarify DPPL and DI, nulls the label-based ones', () => {
    const c = r.groups[0]!.clarify;
    expectRel(c.dppl, -7 / 26);
    expectRel(c.di, 13 / 6);
    expect(c.rd).toBeNull();
    expect(c.te).toBeNull();
    expect(c.error).toBeNull();
  });
});

describe('fairnessMetrics: edge cases', () => {
  it('one group only: zero gaps, four-fifths not judged, Clarify has no rest', () => {
    const rows = buildRows([{ tp: 3, fn: 1, fp: 2, tn: 4 }]);
    const r = fairnessMetrics({ ...rows, groups: ['only'] });
    expect(r.overall.demographicParityDifference).toBe(0);
    expect(r.overall.demographicParityRatio).toBe(1);
    expect(r.overall.privileged).toBe('only');
    expect(r.overall.disparateImpact).toBeNaN();
    expect(r.overall.disparateImpactGroup).toBeNull();
    expect(r.overall.fourFifthsRule.passed).toBeNull();
    expect(r.overall.fourFifthsRule.failingGroups).toEqual([]);
    expect(r.overall.equalOpportunityDifference).toBe(0);
    expect(r.groups[0]!.clarify).toMatchObject({
      error: 'emptyRest',
      dppl: null,
      di: null,
      ft: null,
      ftSkipped: 'emptyRest',
    });
  });

  it('an empty group has NaN rates, is not compared, and its Clarify metrics are null', () => {
    const rows = buildRows([
      { tp: 2, fn: 1, fp: 1, tn: 2 },
      { tp: 0, fn: 0, fp: 0, tn: 0 },
      { tp: 1, fn: 1, fp: 0, tn: 2 },
    ]);
    const r = fairnessMetrics({ ...rows, groups: ['x', 'empty', 'z'] });
    const e = r.groups[1]!;
    expect(e.rows).toBe(0);
    expect(e.selectionRate).toBeNaN();
    expect(e.tpr).toBeNaN();
    expect(e.accuracy).toBeNaN();
    expect(e.disparateImpact).toBeNaN();
    expect(e.compared).toBe(false);
    expect(e.tooFewRows).toBe(true);
    expect(r.overall.comparedGroups).toEqual(['x', 'z']);
    expect(r.overall.smallGroups).toEqual(['x', 'z']); // 6 and 4 rows < 30; the empty one is not listed
    expect(e.clarify).toMatchObject({ error: 'emptyFacet', rd: null, ft: null, ftSkipped: 'emptyFacet' });
    // x: SR 3/6, z: SR 1/4.
    expectRel(r.overall.demographicParityDifference, 1 / 4);
    // zeroDivision 0 does not invent rates for an empty group.
    expect(
      fairnessMetrics({ ...rows, groups: ['x', 'empty', 'z'] }, { zeroDivision: 0 }).groups[1]!.tpr,
    ).toBeNaN();
  });

  it('no group has positives: TPR gap undefined, equalized odds falls back to the FPR gap', () => {
    const rows = buildRows([
      { tp: 0, fn: 0, fp: 1, tn: 3 },
      { tp: 0, fn: 0, fp: 2, tn: 2 },
    ]);
    const r = fairnessMetrics({ ...rows, groups: ['a', 'b'] });
    expect(r.overall.equalOpportunityDifference).toBeNaN();
    expectRel(r.overall.equalizedOddsDifference, 1 / 4);
  });

  it('nobody selected: ratios and four-fifths are undefined', () => {
    const rows = buildRows([
      { tp: 0, fn: 2, fp: 0, tn: 3 },
      { tp: 0, fn: 1, fp: 0, tn: 1 },
    ]);
    const r = fairnessMetrics({ ...rows, groups: ['a', 'b'] });
    expect(r.overall.demographicParityDifference).toBe(0);
    expect(r.overall.demographicParityRatio).toBeNaN();
    expect(r.overall.disparateImpact).toBeNaN();
    expect(r.overall.fourFifthsRule.passed).toBeNull();
    expect(r.groups[0]!.precision).toBeNaN();
    expect(r.overall.predictiveParityDifference).toBeNaN();
    // GE: all predictions negative but some correct, μ = 4/7 > 0.
    expect(Number.isFinite(r.overall.generalizedEntropy)).toBe(true);
    // Clarify: qa = qd = 0 → DI = divide(0, 0) = 0; DCAcc = divide(2, 0) − divide(1, 0) = ∞ − ∞ → 0.
    const c = r.groups[0]!.clarify;
    expect(c.di).toBe(0);
    expect(c.dcAcc).toBe(0);
    expect(c.dar).toBe(0);
  });

  it('the privileged group with selection rate 0 gives infinite DI for selected groups', () => {
    const rows = buildRows([
      { tp: 0, fn: 2, fp: 0, tn: 3 },
      { tp: 1, fn: 1, fp: 0, tn: 1 },
    ]);
    const r = fairnessMetrics({ ...rows, groups: ['a', 'b'], privileged: 'a' });
    expect(r.groups[1]!.disparateImpact).toBe(Number.POSITIVE_INFINITY);
    expect(r.groups[0]!.disparateImpact).toBeNaN();
    expect(r.overall.disparateImpact).toBe(Number.POSITIVE_INFINITY);
  });

  it('four-fifths: exactly 80 % passes, just below fails', () => {
    // SR a = 50/100, b = 40/100 → 0.8 exactly.
    const rows = buildRows([
      { tp: 50, fn: 0, fp: 0, tn: 50 },
      { tp: 40, fn: 0, fp: 0, tn: 60 },
    ]);
    const r = fairnessMetrics({ ...rows, groups: ['a', 'b'] });
    expect(r.overall.fourFifthsRule.passed).toBe(true);
    expect(r.overall.fourFifthsRule.ratio).toBe(0.8);
    const below = buildRows([
      { tp: 50, fn: 0, fp: 0, tn: 50 },
      { tp: 399, fn: 0, fp: 0, tn: 601 },
    ]);
    const s = fairnessMetrics({ ...below, groups: ['a', 'b'] });
    expect(s.overall.fourFifthsRule.passed).toBe(false);
    expect(s.overall.fourFifthsRule.failingGroups).toEqual(['b']);
  });

  it('ties for the highest selection rate pick the first group', () => {
    const rows = buildRows([
      { tp: 1, fn: 0, fp: 0, tn: 1 },
      { tp: 2, fn: 0, fp: 0, tn: 2 },
    ]);
    expect(fairnessMetrics({ ...rows, groups: ['a', 'b'] }).overall.privileged).toBe('a');
  });

  it('rows with a missing group (−1) are ignored and counted', () => {
    const rows = buildRows(CELLS);
    const codes = Int32Array.from([...rows.groupCodes, -1, -1]);
    const r = fairnessMetrics({
      groupCodes: codes,
      target: Uint8Array.from([...rows.target, 1, 0]),
      prediction: Uint8Array.from([...rows.prediction, 1, 1]),
      groups: GROUPS,
    });
    expect(r.missingGroupRows).toBe(2);
    expect(r.rows).toBe(23);
    expectRel(r.groups[0]!.clarify.dppl, -7 / 26);
  });
});

describe('fairnessMetrics: bad input', () => {
  const base = { ...HAND, groups: GROUPS };
  it.each([
    ['length mismatch', { ...base, prediction: new Uint8Array(3) }, 'DW_FAIRNESS_LENGTH_MISMATCH'],
    ['target length', { ...base, target: new Uint8Array(3) }, 'DW_FAIRNESS_LENGTH_MISMATCH'],
    [
      'group code out of range',
      { ...base, groupCodes: Int32Array.from(HAND.groupCodes, (g) => (g === 2 ? 3 : g)) },
      'DW_FAIRNESS_BAD_GROUP_CODE',
    ],
    [
      'group code −2',
      { ...base, groupCodes: Int32Array.from(HAND.groupCodes, (g) => (g === 2 ? -2 : g)) },
      'DW_FAIRNESS_BAD_GROUP_CODE',
    ],
    [
      'prediction 2',
      { ...base, prediction: Uint8Array.from(HAND.prediction, (p) => p * 2) },
      'DW_FAIRNESS_NOT_BINARY',
    ],
    ['target 2', { ...base, target: Uint8Array.from(HAND.target, (t) => t * 2) }, 'DW_FAIRNESS_NOT_BINARY'],
    ['duplicate groups', { ...base, groups: ['A', 'A', 'C'] }, 'DW_FAIRNESS_DUPLICATE_GROUP'],
    ['unknown privileged', { ...base, privileged: 'Z' }, 'DW_FAIRNESS_UNKNOWN_PRIVILEGED'],
    ['feature length', { ...base, features: [new Float64Array(2)] }, 'DW_FAIRNESS_LENGTH_MISMATCH'],
  ])('%s', (_name, input, code) => {
    expect(() => fairnessMetrics(input)).toThrow(UsageError);
    expect(() => fairnessMetrics(input)).toThrow(expect.objectContaining({ code }));
  });

  it.each([
    [{ minGroupRows: -1 }],
    [{ minGroupRows: Number.NaN }],
    [{ zeroDivision: 1 as 0 }],
    [{ fourFifthsThreshold: 0 }],
    [{ fourFifthsThreshold: 1.5 }],
    [{ flipTestMaxPairs: -5 }],
  ])('rejects option %o', (options) => {
    expect(() => fairnessMetrics(base, options)).toThrow(
      expect.objectContaining({ code: 'DW_FAIRNESS_BAD_OPTION' }),
    );
  });
});
