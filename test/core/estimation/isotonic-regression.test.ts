import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitIsotonic,
  predictIsotonic,
  predictIsotonicAscending,
  stableArgsort,
} from '../../../src/core/estimation/index.ts';
import { expectClose, f64, oracle, rows } from './oracle.ts';

interface Case {
  name: string;
  x: number[];
  y: number[];
  t: number[];
  predicted: number[];
  xThresholds: number[];
  yThresholds: number[];
}

describe("isotonic regression = scikit-learn 1.2.1 IsotonicRegression(out_of_bounds='clip')", () => {
  it.each(rows<[string, Case]>(oracle('isotonic.json').map((c: Case) => [c.name, c])))('%s', (_name, c) => {
    const model = fitIsotonic(f64(c.x), c.y, { yMin: 0, yMax: 1 })!;
    expect([...model.xThresholds]).toEqual(c.xThresholds);
    model.yThresholds.forEach((v, i) => {
      expectClose(v, c.yThresholds[i]!, 1e-15, 0, `y_thresholds_[${i}]`);
    });
    const predicted = predictIsotonic(model, f64(c.t));
    predicted.forEach((v, i) => {
      expectClose(v, c.predicted[i]!, 1e-14, 1e-16, `predict(${c.t[i]})`);
    });
    const t = f64(c.t);
    expect(predictIsotonicAscending(model, t, stableArgsort(t))).toEqual(predicted);
  });

  it('is monotone, within [min y, max y], and exact on monotone data (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 1 })), {
          minLength: 1,
          maxLength: 80,
        }),
        (rows) => {
          const x = Float64Array.from(rows, (r) => r[0]);
          const y = rows.map((r) => r[1]);
          const model = fitIsotonic(x, y)!;
          const grid = Float64Array.from({ length: 41 }, (_, i) => i / 40);
          const p = predictIsotonic(model, grid);
          for (let i = 1; i < p.length; i++) expect(p[i]!).toBeGreaterThanOrEqual(p[i - 1]! - 1e-15);
          // Within [0, 1] up to the last bit: scipy's interpolation arithmetic (reproduced) may land one ulp
          // outside at a knot, e.g. 1.0000000000000002 for knots x = 0.99999999999999, 0.9999999999999993.
          for (const v of p) {
            expect(v).toBeGreaterThanOrEqual(-1e-15);
            expect(v).toBeLessThanOrEqual(1 + 1e-15);
          }
        },
      ),
    );
    const x = Float64Array.from([0.1, 0.2, 0.3, 0.4]);
    expect([...predictIsotonic(fitIsotonic(x, [0, 0, 1, 1])!, x)]).toEqual([0, 0, 1, 1]);
  });

  it('returns null for no rows and keeps NaN', () => {
    expect(fitIsotonic(new Float64Array(0), [])).toBeNull();
    const model = fitIsotonic(Float64Array.from([0, 1]), [0, 1])!;
    expect(predictIsotonic(model, Float64Array.from([Number.NaN]))[0]).toBeNaN();
  });
});

describe('stableArgsort', () => {
  it('sorts ascending and keeps tied rows (−0 = +0 included) in row order, radix path too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(-1.5, -0, 0, 0.25, 0.5, 1e-300, -1e300, 7), { maxLength: 5000 }),
        (values) => {
          const a = Float64Array.from(values);
          const order = stableArgsort(a);
          const expected = [...a.keys()].sort((i, j) => a[i]! - a[j]! || i - j);
          expect([...order]).toEqual(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
