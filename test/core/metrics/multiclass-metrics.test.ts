import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { argmaxPrediction, multiclassMetrics } from '../../../src/core/metrics/multiclass-metrics.ts';
import { expectClose, loadFixture } from './fixture.ts';

interface MulticlassCase {
  name: string;
  input: { target: number[]; classes: string[]; scores?: number[][]; prediction?: number[] };
  expected: Record<string, unknown> & { rocAucSource?: string };
}

const fixture = loadFixture<{ sklearn: string; cases: MulticlassCase[] }>('multiclass.json');

function run(c: MulticlassCase) {
  return multiclassMetrics({
    target: Int32Array.from(c.input.target),
    classes: c.input.classes,
    ...(c.input.scores ? { scores: c.input.scores.map((s) => Float64Array.from(s)) } : {}),
    ...(c.input.prediction ? { prediction: Int32Array.from(c.input.prediction) } : {}),
  });
}

const KEYS = [
  'rows',
  'accuracy',
  'precision',
  'recall',
  'f1',
  'precisionMacro',
  'recallMacro',
  'f1Macro',
  'precisionWeighted',
  'recallWeighted',
  'f1Weighted',
  'precisionMicro',
  'recallMicro',
  'f1Micro',
];

describe('multiclassMetrics against scikit-learn 1.2.1', () => {
  it('uses the Debian scikit-learn fixtures', () => expect(fixture.sklearn).toBe('1.2.1'));

  for (const c of fixture.cases) {
    describe(c.name, () => {
      const m = run(c);
      it('accuracy and macro / weighted / micro precision, recall, F1', () => {
        for (const k of KEYS) expectClose(m[k as keyof typeof m], c.expected[k], k);
      });
      it('confusion matrix and per-class metrics', () => {
        expect(m.confusionMatrix).toEqual(c.expected.confusionMatrix);
        expectClose(m.byClass, c.expected.byClass, 'byClass');
      });
      if (c.input.scores) {
        it(`one-vs-rest ROC AUC (${c.expected.rocAucSource}) and log loss`, () => {
          expectClose(m.rocAuc, c.expected.rocAuc, 'rocAuc');
          expectClose(m.rocAucWeighted, c.expected.rocAucWeighted, 'rocAucWeighted');
          expectClose(m.logLoss, c.expected.logLoss, 'logLoss');
        });
      } else {
        it('score-based fields are null without scores', () => {
          expect([m.rocAuc, m.rocAucWeighted, m.logLoss]).toEqual([null, null, null]);
          for (const v of Object.values(m.byClass)) expect(v.rocAuc).toBeNull();
        });
      }
    });
  }
});

describe('multiclassMetrics behaviour', () => {
  const target = Int32Array.from([0, 1, 2, 1]);
  const scores = [
    Float64Array.from([0.6, 0.2, 0.1, 0.4]),
    Float64Array.from([0.2, 0.5, 0.1, 0.4]),
    Float64Array.from([0.2, 0.3, 0.8, 0.2]),
  ];

  it('predicts the first class with the highest score when no prediction is given', () => {
    expect(Array.from(argmaxPrediction(scores, 4))).toEqual([0, 1, 2, 0]);
    const m = multiclassMetrics({ target, scores, classes: ['a', 'b', 'c'] });
    expect(m.accuracy).toBe(0.75);
    expect(m.confusionMatrix.matrix).toEqual([
      [1, 0, 0],
      [1, 1, 0],
      [0, 0, 1],
    ]);
  });

  it('stores any label as an own key, including "__proto__"', () => {
    const m = multiclassMetrics({ target, scores, classes: ['__proto__', 'constructor', 'x'] });
    expect(Object.keys(m.byClass)).toEqual(['__proto__', 'constructor', 'x']);
    expect(Object.getOwnPropertyDescriptor(m.byClass, '__proto__')?.value.support).toBe(1);
    expect(Object.isFrozen(m.byClass)).toBe(true);
  });

  it('gives NaN log loss when scores are not probabilities', () => {
    const m = multiclassMetrics({
      target,
      scores: scores.map((s) => s.map((v) => v * 3)),
      classes: ['a', 'b', 'c'],
    });
    expect(m.logLoss).toBeNaN();
    expect(m.rocAuc).not.toBeNaN();
  });

  it('rejects bad input with DW_METRICS_* usage errors', () => {
    const cases: [() => unknown, string][] = [
      [() => multiclassMetrics({ target, classes: ['a', 'b', 'c'] }), 'DW_METRICS_MISSING_INPUT'],
      [() => multiclassMetrics({ target, scores, classes: ['a'] }), 'DW_METRICS_BAD_OPTION'],
      [() => multiclassMetrics({ target, scores, classes: ['a', 'a', 'b'] }), 'DW_METRICS_BAD_OPTION'],
      [
        () => multiclassMetrics({ target, scores: scores.slice(0, 2), classes: ['a', 'b', 'c'] }),
        'DW_METRICS_LENGTH_MISMATCH',
      ],
      [
        () =>
          multiclassMetrics({
            target: Int32Array.from([0, 3]),
            prediction: Int32Array.from([0, 1]),
            classes: ['a', 'b', 'c'],
          }),
        'DW_METRICS_CLASS_OUT_OF_RANGE',
      ],
      [
        () =>
          multiclassMetrics({ target, prediction: Int32Array.from([0, 1, -1, 0]), classes: ['a', 'b', 'c'] }),
        'DW_METRICS_CLASS_OUT_OF_RANGE',
      ],
      [
        () => multiclassMetrics({ target, prediction: Int32Array.from([0]), classes: ['a', 'b', 'c'] }),
        'DW_METRICS_LENGTH_MISMATCH',
      ],
      [
        () =>
          multiclassMetrics({
            target,
            scores: [scores[0]!, scores[1]!, Float64Array.from([0, Number.NaN, 0, 0])],
            classes: ['a', 'b', 'c'],
          }),
        'DW_METRICS_NOT_FINITE',
      ],
    ];
    for (const [f, code] of cases) {
      expect(f).toThrow(UsageError);
      expect(f).toThrow(expect.objectContaining({ code }));
    }
  });

  it('returns NaN averages for empty input', () => {
    const m = multiclassMetrics({
      target: new Int32Array(0),
      prediction: new Int32Array(0),
      classes: ['a', 'b'],
    });
    expect(m.rows).toBe(0);
    expect(m.accuracy).toBeNaN();
    expect(m.f1Macro).toBeNaN();
    expect(m.f1Micro).toBeNaN();
  });
});
