import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binaryAveragePrecision,
  binaryRocAuc,
  estimateAveragePrecision,
  estimateRocAuc,
  expectedConfusion,
  realizedBinary,
  realizedMulticlass,
  stableArgsort,
} from '../../../src/core/estimation/index.ts';
import {
  averagePrecisionOfOrder,
  averagePrecisionOfScoreCounts,
} from '../../../src/core/estimation/realized-metrics.ts';
import { expectClose, f64, oracle, rows } from './oracle.ts';

const fixture = oracle('estimators.json');
// biome-ignore lint/suspicious/noExplicitAny: oracle records are untyped JSON
type Json = any;
const METRICS = ['rocAuc', 'prAuc', 'accuracy', 'precision', 'recall', 'f1', 'tnr'] as const;

describe("CBPE estimators = NannyML's estimate_roc_auc / estimate_ap / expected confusion matrix", () => {
  it.each(
    rows<[number, number, Json]>(
      fixture.estimates.map((c: { pred: number[] }, i: number) => [i, c.pred.length, c]),
    ),
  )('case %i (%i rows)', (_i, _n, c) => {
    const u = f64(c.uncalibrated);
    const p = f64(c.calibrated);
    const order = stableArgsort(u);
    expectClose(estimateRocAuc(p, order), c.rocAuc, 1e-13, 1e-16, 'rocAuc');
    expectClose(estimateAveragePrecision(p, order), c.prAuc, 1e-13, 1e-16, 'prAuc');
    const cm = expectedConfusion((i) => c.pred[i] === 1, p);
    [cm.tn, cm.fp, cm.fn, cm.tp].forEach((v, i) => {
      expectClose(v, c.cm[i], 1e-15, 1e-13, `cm[${i}]`);
    });
    for (const m of ['accuracy', 'precision', 'recall', 'f1', 'tnr'] as const) {
      expectClose(cm[m], c[m], 1e-15, 1e-16, m);
    }
  });

  it('gives NaN for an empty chunk', () => {
    expect(estimateRocAuc(new Float64Array(0), new Uint32Array(0))).toBeNaN();
    expect(estimateAveragePrecision(new Float64Array(0), new Uint32Array(0))).toBeNaN();
  });
});

describe('realized metrics with NannyML rules = scikit-learn 1.2.1', () => {
  it.each(rows<[number, Json]>(fixture.realized.map((c: { y: number[] }) => [c.y.length, c])))(
    'binary, %i rows',
    (_n, c) => {
      const r = realizedBinary(Uint8Array.from(c.y), Uint8Array.from(c.pred), f64(c.s));
      for (const m of METRICS) expectClose(r[m], c[m], 1e-13, 1e-16, m);
      for (const m of ['tn', 'fp', 'fn', 'tp'] as const) expect(r[m]).toBe(c[m]);
      expectClose(binaryRocAuc(Uint8Array.from(c.y), f64(c.s)), c.rocAuc, 1e-13);
      expectClose(binaryAveragePrecision(Uint8Array.from(c.y), f64(c.s)), c.prAuc, 1e-13);
    },
  );

  it.each(rows<[number, Json]>(fixture.realizedMulticlass.map((c: { y: number[] }) => [c.y.length, c])))(
    'multiclass, %i rows',
    (_n, c) => {
      const r = realizedMulticlass(Int32Array.from(c.y), Int32Array.from(c.pred), c.P.map(f64));
      for (const m of METRICS) expectClose(r[m], c[m], 1e-13, 1e-16, m);
      expect(r.confusionMatrix).toEqual(c.cm);
    },
  );

  it('is NaN where NannyML gives NaN', () => {
    const oneClass = realizedBinary(
      Uint8Array.from([1, 1, 1]),
      Uint8Array.from([1, 0, 1]),
      f64([0.9, 0.2, 0.8]),
    );
    expect(oneClass.rocAuc).toBeNaN();
    expect(oneClass.precision).toBeNaN(); // a single target value
    expect(oneClass.prAuc).toBe(1);
    expect(oneClass.tnr).toBeNaN(); // no negatives
    expect(oneClass.accuracy).toBeCloseTo(2 / 3, 15);
    const onePrediction = realizedBinary(Uint8Array.from([0, 1]), Uint8Array.from([0, 0]), f64([0.1, 0.2]));
    expect(onePrediction.f1).toBeNaN();
    const missingClass = realizedMulticlass(Int32Array.from([0, 1, 0]), Int32Array.from([0, 1, 2]), [
      f64([0.8, 0.1, 0.3]),
      f64([0.1, 0.8, 0.3]),
      f64([0.1, 0.1, 0.4]),
    ]);
    expect(missingClass.rocAuc).toBeNaN();
    expect(missingClass.accuracy).toBeCloseTo(2 / 3, 15);
  });
});

describe('averagePrecisionOfScoreCounts (bootstrap resamples as counts per distinct score)', () => {
  it('equals averagePrecisionOfOrder of the rows (ties, repeats, absent scores)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: fc.integer({ min: 0, max: 6 }), y: fc.boolean() }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 80 }),
        (cells, draws) => {
          const scores = Float64Array.from(cells, (c) => c.score / 6);
          const target = Uint8Array.from(cells, (c) => (c.y ? 1 : 0));
          const n = cells.length;
          const rows = draws.map((d) => d % n);
          const ascendingRows = [...rows].sort((a, b) => scores[a]! - scores[b]! || a - b);
          // Per distinct score (ascending, over all the rows' scores, drawn or not): rows and positives drawn.
          const distinct = [...new Set(scores)].sort((a, b) => a - b);
          const rowsPer = new Float64Array(distinct.length);
          const positivesPer = new Float64Array(distinct.length);
          for (const row of rows) {
            const g = distinct.indexOf(scores[row]!);
            rowsPer[g]!++;
            positivesPer[g]! += target[row]!;
          }
          const expected = averagePrecisionOfOrder((row) => target[row] === 1, scores, ascendingRows);
          const actual = averagePrecisionOfScoreCounts(positivesPer, rowsPer);
          expect(Object.is(actual, expected)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
