import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { binaryClfCurve } from '../../../src/core/metrics/binary-clf-curve.ts';
import { binaryMetrics, metricsAtThreshold } from '../../../src/core/metrics/binary-metrics.ts';
import { calibrationBinEdges, calibrationFromCurve } from '../../../src/core/metrics/calibration.ts';
import { downsampleCurve, zipCurve } from '../../../src/core/metrics/downsample-curve.ts';
import { rocAucFromCurve } from '../../../src/core/metrics/roc.ts';
import { expectClose, loadFixture } from './fixture.ts';

interface BinaryCase {
  name: string;
  input: { target: number[]; score?: number[]; prediction?: number[] };
  options: { threshold: number; beta: number; calibrationBins: number; dummyPrior?: number };
  expected: Record<string, unknown> & { atThreshold?: { threshold: number }[] };
}

const fixture = loadFixture<{ sklearn: string; cases: BinaryCase[] }>('binary.json');

function run(c: BinaryCase) {
  return binaryMetrics({
    target: Uint8Array.from(c.input.target),
    ...(c.input.score ? { score: Float64Array.from(c.input.score) } : {}),
    ...(c.input.prediction ? { prediction: Uint8Array.from(c.input.prediction) } : {}),
    ...c.options,
  });
}

const LABEL_KEYS = ['rows', 'accuracy', 'precision', 'recall', 'f1', 'fBeta', 'tpr', 'tnr', 'fpr', 'fnr'];
const SCORE_KEYS = ['rocAuc', 'prAuc', 'logLoss', 'brier', 'ece', 'reliability', 'bestF1Threshold'];

describe('binaryMetrics against scikit-learn 1.2.1', () => {
  it('uses the Debian scikit-learn fixtures', () => {
    expect(fixture.sklearn).toBe('1.2.1');
    expect(fixture.cases.length).toBeGreaterThanOrEqual(20);
  });

  for (const c of fixture.cases) {
    describe(c.name, () => {
      const m = run(c);
      it('label metrics, rates and confusion matrix', () => {
        for (const k of LABEL_KEYS) expectClose(m[k as keyof typeof m], c.expected[k], k);
        expect(m.confusionMatrix).toEqual(c.expected.confusionMatrix);
      });
      it('dummy baseline (Evidently ClassificationDummyMetric, expected value)', () => {
        expectClose(m.dummy, c.expected.dummy, 'dummy');
      });
      if (c.input.score) {
        it('score metrics: ROC AUC, average precision, log loss, Brier, ECE, best F1', () => {
          for (const k of SCORE_KEYS) expectClose(m[k as keyof typeof m], c.expected[k], k);
        });
        if (c.expected.rocCurve) {
          it('ROC and PR curves point for point', () => {
            expectClose(m.rocCurve, c.expected.rocCurve, 'rocCurve');
            expectClose(m.prCurve, c.expected.prCurve, 'prCurve');
          });
        }
        for (const at of c.expected.atThreshold ?? []) {
          it(`metricsAtThreshold(${at.threshold})`, () => {
            const r = metricsAtThreshold(
              Uint8Array.from(c.input.target),
              Float64Array.from(c.input.score!),
              at.threshold,
            );
            expectClose(r, at, 'atThreshold');
          });
        }
      } else {
        it('score-based fields are null without a score', () => {
          for (const k of [...SCORE_KEYS, 'rocCurve', 'prCurve']) expect(m[k as keyof typeof m]).toBeNull();
          expect(m.threshold).toBeNull();
          expect([m.dummy.logLoss, m.dummy.brier, m.dummy.rocAuc]).toEqual([null, null, null]);
        });
      }
    });
  }
});

describe('binaryMetrics behaviour', () => {
  const target = Uint8Array.from([0, 1, 1, 0, 1]);
  const score = Float64Array.from([0.1, 0.8, 0.4, 0.6, 0.9]);

  it('derives the prediction as score ≥ threshold (inclusive)', () => {
    const m = binaryMetrics({ target, score, threshold: 0.6 });
    expect(m.confusionMatrix).toEqual({ tn: 1, fp: 1, fn: 1, tp: 2 });
    expect(m.threshold).toBe(0.6);
  });

  it('returns a frozen result', () => {
    const m = binaryMetrics({ target, score });
    expect(Object.isFrozen(m)).toBe(true);
    expect(Object.isFrozen(m.confusionMatrix)).toBe(true);
    expect(Object.isFrozen(m.rocCurve)).toBe(true);
    expect(Object.isFrozen(m.dummy)).toBe(true);
  });

  it('skips the curves on request and computes everything else the same', () => {
    const full = binaryMetrics({ target, score });
    const lean = binaryMetrics({ target, score, curves: false });
    expect(lean.rocCurve).toBeNull();
    expect(lean.prCurve).toBeNull();
    expect({ ...lean, rocCurve: full.rocCurve, prCurve: full.prCurve }).toEqual(full);
  });

  it('returns NaN metrics for empty input instead of throwing', () => {
    const m = binaryMetrics({ target: new Uint8Array(0), score: new Float64Array(0) });
    expect(m.rows).toBe(0);
    expect(m.accuracy).toBeNaN();
    expect(m.rocAuc).toBeNaN();
    expect(m.prAuc).toBeNaN();
    expect(m.logLoss).toBeNaN();
    expect(m.ece).toBeNaN();
    expect(m.rocCurve).toEqual({ fpr: [], tpr: [], thresholds: [] });
    expect(m.bestF1Threshold?.f1).toBeNaN();
  });

  it('rejects bad input with DW_METRICS_* usage errors', () => {
    const cases: [() => unknown, string][] = [
      [() => binaryMetrics({ target }), 'DW_METRICS_MISSING_INPUT'],
      [() => binaryMetrics({ target, score: new Float64Array(3) }), 'DW_METRICS_LENGTH_MISMATCH'],
      [() => binaryMetrics({ target, prediction: new Uint8Array(4) }), 'DW_METRICS_LENGTH_MISMATCH'],
      [
        () => binaryMetrics({ target: Uint8Array.from([0, 2]), score: new Float64Array(2) }),
        'DW_METRICS_NOT_BINARY',
      ],
      [
        () => binaryMetrics({ target, prediction: Uint8Array.from([0, 1, 1, 0, 3]) }),
        'DW_METRICS_NOT_BINARY',
      ],
      [
        () => binaryMetrics({ target, score: Float64Array.from([0, 1, Number.NaN, 0, 1]) }),
        'DW_METRICS_NOT_FINITE',
      ],
      [() => binaryMetrics({ target, score, beta: 0 }), 'DW_METRICS_BAD_OPTION'],
      [() => binaryMetrics({ target, score, calibrationBins: 2.5 }), 'DW_METRICS_BAD_OPTION'],
      [() => binaryMetrics({ target, score, threshold: Number.NaN }), 'DW_METRICS_BAD_OPTION'],
      [() => binaryMetrics({ target, score, dummyPrior: 1.5 }), 'DW_METRICS_BAD_OPTION'],
      [() => metricsAtThreshold(target, new Float64Array(2), 0.5), 'DW_METRICS_LENGTH_MISMATCH'],
    ];
    for (const [f, code] of cases) {
      expect(f).toThrow(UsageError);
      expect(f).toThrow(expect.objectContaining({ code }));
    }
  });

  it('ROC AUC equals the Mann–Whitney pair count (ties count ½), invariant under monotone maps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 12 })), { minLength: 2, maxLength: 60 }),
        (rows) => {
          const t = Uint8Array.from(rows.map(([y]) => (y ? 1 : 0)));
          const s = Float64Array.from(rows.map(([, v]) => v / 12));
          let pairs = 0;
          let wins = 0;
          for (let i = 0; i < rows.length; i++) {
            for (let j = 0; j < rows.length; j++) {
              if (t[i] === 1 && t[j] === 0) {
                pairs++;
                wins += s[i]! > s[j]! ? 1 : s[i] === s[j] ? 0.5 : 0;
              }
            }
          }
          const auc = rocAucFromCurve(binaryClfCurve(t, s));
          if (pairs === 0) return Number.isNaN(auc);
          const cubed = rocAucFromCurve(
            binaryClfCurve(
              t,
              s.map((v) => v ** 3 - 7),
            ),
          );
          const flipped = rocAucFromCurve(
            binaryClfCurve(
              t,
              s.map((v) => -v),
            ),
          );
          return (
            Math.abs(auc - wins / pairs) < 1e-12 && cubed === auc && Math.abs(flipped - (1 - auc)) < 1e-12
          );
        },
      ),
    );
  });

  it('the best-F1 threshold beats every other threshold, and ECE ignores row order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 20 })), { minLength: 4, maxLength: 80 }),
        fc.nat(),
        (rows, seed) => {
          const t = Uint8Array.from(rows.map(([y]) => (y ? 1 : 0)));
          const s = Float64Array.from(rows.map(([, v]) => v / 20));
          const m = binaryMetrics({ target: t, score: s, calibrationBins: 3 });
          const best = m.bestF1Threshold!;
          if (!t.includes(1)) return Number.isNaN(best.f1);
          for (const th of s) {
            if (metricsAtThreshold(t, s, th).f1 > best.f1 + 1e-12) return false;
          }
          // shuffle rows: the ECE (with fractional tie runs) must not change
          const idx = rows.map((_, i) => i);
          let r = seed;
          for (let i = idx.length - 1; i > 0; i--) {
            r = (r * 1103515245 + 12345) % 2147483648;
            const j = r % (i + 1);
            [idx[i], idx[j]] = [idx[j]!, idx[i]!];
          }
          const m2 = binaryMetrics({
            target: Uint8Array.from(idx, (i) => t[i]!),
            score: Float64Array.from(idx, (i) => s[i]!),
            calibrationBins: 3,
          });
          return Math.abs(m2.ece! - m.ece!) < 1e-12 && Object.is(m2.rocAuc, m.rocAuc);
        },
      ),
    );
  });
});

describe('calibration bins (NannyML _get_bin_index_edges)', () => {
  it('reproduces NannyML’s edges, including its extra bins for small n', () => {
    expect(calibrationBinEdges(100, 10)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(calibrationBinEdges(105, 10)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 105]);
    expect(calibrationBinEdges(25, 10)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 25]);
    expect(calibrationBinEdges(20, 10)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(calibrationBinEdges(5, 10)).toEqual([0, 2, 5]);
    expect(calibrationBinEdges(3, 10)).toBeNull();
    expect(() => calibrationBinEdges(10, 0)).toThrow(UsageError);
  });

  it('splits a tie run across a bin edge by its mean target', () => {
    // scores 0.5 ×4 (targets 1,0,0,0) then 0.9 ×4 (targets 1,1,1,1); 4 bins of 2 rows
    const t = Uint8Array.from([1, 0, 0, 0, 1, 1, 1, 1]);
    const s = Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.9, 0.9, 0.9, 0.9]);
    const cal = calibrationFromCurve(binaryClfCurve(t, s), 4);
    expect(cal.reliability.map((b) => b.fractionPositive)).toEqual([0.25, 0.25, 1, 1]);
    expect(cal.reliability.map((b) => b.count)).toEqual([2, 2, 2, 2]);
    expect(cal.ece).toBeCloseTo(0.5 * 0.25 + 0.5 * 0.1, 15);
  });
});

describe('downsampleCurve', () => {
  it('keeps the first and last points and at most maxPoints evenly spaced points', () => {
    const pts = Array.from({ length: 1001 }, (_, i) => i);
    const d = downsampleCurve(pts, 11);
    expect(d).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(downsampleCurve(pts).length).toBe(200);
    expect(downsampleCurve([1, 2, 3], 200)).toEqual([1, 2, 3]);
    expect(() => downsampleCurve(pts, 1)).toThrow(UsageError);
  });

  it('zips curve columns into points, padding the PR curve’s missing last threshold', () => {
    const m = binaryMetrics({
      target: Uint8Array.from([0, 1, 1]),
      score: Float64Array.from([0.2, 0.6, 0.9]),
    });
    const pts = zipCurve(m.prCurve!);
    expect(pts.length).toBe(m.prCurve!.precision.length);
    expect(pts.at(-1)).toEqual({ precision: 1, recall: 0, thresholds: Number.NaN });
    expect(zipCurve(m.rocCurve!)[0]).toEqual({ fpr: 0, tpr: 0, thresholds: 1.9 });
    const thin = zipCurve(m.prCurve!, 2);
    expect(thin).toEqual([pts[0], pts.at(-1)]);
    expect(() => zipCurve(m.prCurve!, 1)).toThrow(UsageError);
  });
});
