import { describe, expect, it } from 'vitest';
import { fairnessMetrics } from '../../../src/core/fairness/index.ts';
import oracle from '../../fixtures/fairness/oracle.json' with { type: 'json' };
import { expectRel, num } from './helpers.ts';

/*
 * scikit-learn 1.2.1 / pandas 1.5.3 evaluations of Fairlearn's and SageMaker Clarify's definitions
 * (scripts/fixtures/fairness.py). FT is scikit-learn's KNeighborsClassifier with Clarify's settings.
 */
type Rates = Record<string, number | string>;
interface OracleCase {
  name: string;
  groups: string[];
  groupCodes: number[];
  target: number[];
  prediction: number[];
  features: (number | string)[][];
  fairlearnZeroDivision0: Record<string, number | string> & { byGroup: Record<string, Rates> };
  nanRates: Record<string, number | string> & { byGroup: Record<string, Rates> };
  clarify: Record<string, Rates>;
  generalizedEntropy: number | string;
}
const cases = oracle.cases as unknown as OracleCase[];
const OVERALL = [
  'demographicParityDifference',
  'demographicParityRatio',
  'equalOpportunityDifference',
  'equalizedOddsDifference',
  'predictiveParityDifference',
] as const;
const RATES = ['selectionRate', 'tpr', 'fpr', 'tnr', 'fnr', 'precision', 'accuracy'] as const;
const CLARIFY = ['dppl', 'di', 'dcAcc', 'dcr', 'rd', 'sd', 'dar', 'drr', 'ad', 'te', 'ft'] as const;

function inputOf(c: OracleCase) {
  return {
    groups: c.groups,
    groupCodes: Int32Array.from(c.groupCodes),
    target: Uint8Array.from(c.target),
    prediction: Uint8Array.from(c.prediction),
    features: c.features.map((col) => Float64Array.from(col, num)),
  };
}

describe.each(cases)('oracle: $name', (c) => {
  it('matches Fairlearn (scikit-learn zero_division 0) per group and overall', () => {
    const r = fairnessMetrics(inputOf(c), { zeroDivision: 0 });
    for (const g of r.groups) {
      const want = c.fairlearnZeroDivision0.byGroup[g.group]!;
      for (const key of RATES) expectRel(g[key], num(want[key]!), 1e-12);
    }
    for (const key of OVERALL) expectRel(r.overall[key], num(c.fairlearnZeroDivision0[key]!), 1e-12);
  });

  it('matches the NaN-skipping variant by default', () => {
    const r = fairnessMetrics(inputOf(c));
    for (const g of r.groups) {
      const want = c.nanRates.byGroup[g.group]!;
      for (const key of RATES) expectRel(g[key], num(want[key]!), 1e-12);
    }
    for (const key of OVERALL) expectRel(r.overall[key], num(c.nanRates[key]!), 1e-12);
    expectRel(r.overall.generalizedEntropy, num(c.generalizedEntropy), 1e-12);
  });

  it('matches Clarify post-training metrics and the flip test per facet', () => {
    const r = fairnessMetrics(inputOf(c));
    for (const g of r.groups) {
      const want = c.clarify[g.group]!;
      expect(g.clarify.error).toBeNull();
      expect(g.clarify.ftSkipped).toBeNull();
      for (const key of CLARIFY) expectRel(g.clarify[key], num(want[key]!), 1e-12);
    }
  });
});
