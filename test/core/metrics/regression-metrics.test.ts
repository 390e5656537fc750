import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import {
  errorBiasByCategory,
  errorBiasByFeature,
  errorByFeatureQuantile,
} from '../../../src/core/metrics/error-bias.ts';
import { mapeOptimalConstant, regressionMetrics } from '../../../src/core/metrics/regression-metrics.ts';
import { expectClose, loadFixture } from './fixture.ts';

interface RegressionCase {
  name: string;
  input: {
    target: number[];
    prediction: number[];
    dummyTarget?: number[];
    feature?: (number | null)[];
    codes?: number[];
  };
  expected: Record<string, unknown>;
  topError?: number;
  errorBias?: unknown;
  errorBiasCategory?: unknown;
  errorByFeatureQuantile?: unknown;
  errorByFeatureQuantile25?: unknown;
}

const fixture = loadFixture<{ sklearn: string; cases: RegressionCase[] }>('regression.json');

describe('regressionMetrics against scikit-learn 1.2.1 and Evidently', () => {
  it('uses the Debian scikit-learn fixtures', () => expect(fixture.sklearn).toBe('1.2.1'));

  for (const c of fixture.cases) {
    describe(c.name, () => {
      const target = Float64Array.from(c.input.target);
      const prediction = Float64Array.from(c.input.prediction);
      it('metrics, error quantiles and dummy baselines', () => {
        const m = regressionMetrics({
          target,
          prediction,
          ...(c.input.dummyTarget ? { dummyTarget: Float64Array.from(c.input.dummyTarget) } : {}),
        });
        expectClose(m, c.expected);
      });
      if (c.input.feature) {
        const feature = Float64Array.from(c.input.feature, (v) => v ?? Number.NaN);
        it('Evidently error-bias table row (numeric feature)', () => {
          expectClose(
            errorBiasByFeature(target, prediction, feature, { topError: c.topError! }),
            c.errorBias,
          );
        });
        it('mean error by feature quantile group', () => {
          expectClose(errorByFeatureQuantile(target, prediction, feature), c.errorByFeatureQuantile);
          expectClose(
            errorByFeatureQuantile(target, prediction, feature, { quantiles: [0.25, 0.75] }),
            c.errorByFeatureQuantile25,
          );
        });
      }
      if (c.input.codes) {
        it('Evidently error-bias table row (categorical feature)', () => {
          const codes = Int32Array.from(c.input.codes!);
          expectClose(
            errorBiasByCategory(target, prediction, codes, { topError: c.topError! }),
            c.errorBiasCategory,
          );
        });
      }
    });
  }
});

describe('regressionMetrics behaviour', () => {
  it('keeps Evidently’s MAPE denominator max(target, ε): negative targets blow up, sklearn’s does not', () => {
    const m = regressionMetrics({
      target: Float64Array.from([-2, 4]),
      prediction: Float64Array.from([-1, 5]),
    });
    expect(m.mapeFraction).toBeCloseTo((0.5 + 0.25) / 2, 15);
    expect(m.mape).toBeCloseTo((100 * (1 / 2 ** -52 + 0.25)) / 2, 0);
  });

  it('finds Evidently’s MAPE-optimal constant (weighted median with weights 1/y)', () => {
    expect(mapeOptimalConstant(Float64Array.from([1, 2, 4, 0]))).toBe(1);
    expect(mapeOptimalConstant(Float64Array.from([0, 0]))).toBeNaN();
    expect(mapeOptimalConstant(Float64Array.from([1, -1]))).toBeNaN();
  });

  it('returns NaN for empty input and a frozen result', () => {
    const m = regressionMetrics({ target: new Float64Array(0), prediction: new Float64Array(0) });
    expect(m.mae).toBeNaN();
    expect(m.r2).toBeNaN();
    expect(m.errorQuantiles.q50).toBeNaN();
    expect(m.dummy.mae).toBeNaN();
    expect(Object.isFrozen(m)).toBe(true);
  });

  it('rejects bad input with DW_METRICS_* usage errors', () => {
    const t = Float64Array.from([1, 2, 3]);
    const cases: [() => unknown, string][] = [
      [() => regressionMetrics({ target: t, prediction: new Float64Array(2) }), 'DW_METRICS_LENGTH_MISMATCH'],
      [
        () => regressionMetrics({ target: t, prediction: Float64Array.from([1, Number.NaN, 2]) }),
        'DW_METRICS_NOT_FINITE',
      ],
      [
        () => regressionMetrics({ target: Float64Array.from([1, Infinity, 2]), prediction: t }),
        'DW_METRICS_NOT_FINITE',
      ],
      [() => errorBiasByFeature(t, t, new Float64Array(2)), 'DW_METRICS_LENGTH_MISMATCH'],
      [() => errorBiasByFeature(t, t, t, { topError: 0.5 }), 'DW_METRICS_BAD_OPTION'],
      [() => errorByFeatureQuantile(t, t, t, { quantiles: [0.9, 0.1] }), 'DW_METRICS_BAD_OPTION'],
    ];
    for (const [f, code] of cases) {
      expect(f).toThrow(UsageError);
      expect(f).toThrow(expect.objectContaining({ code }));
    }
  });
});
