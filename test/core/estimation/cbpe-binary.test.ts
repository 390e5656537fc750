import { describe, expect, it } from 'vitest';
import type { ChunkSelection } from '../../../src/core/chunks/index.ts';
import { UsageError } from '../../../src/core/errors.ts';
import {
  CBPE_METRICS,
  CONFUSION_CELLS,
  estimateBinaryCbpe,
  fitBinaryCbpe,
  type MetricEstimate,
} from '../../../src/core/estimation/index.ts';
import { expectClose, f64, oracle } from './oracle.ts';

const fixture = oracle('binary-synthetic.json');
const chunksOf = (pairs: number[][]): ChunkSelection[] =>
  pairs.map(([s, e]) => ({ startIndex: s!, endIndex: e! }));
const data = (d: { y: number[]; s: number[]; pred: number[] }) => ({
  target: Uint8Array.from(d.y),
  scores: f64(d.s),
  prediction: Uint8Array.from(d.pred),
});
const reference = data(fixture.reference);
const analysis = data(fixture.analysis);
const referenceChunks = chunksOf(fixture.referenceChunks);
const analysisChunks = chunksOf(fixture.analysisChunks);

// biome-ignore lint/suspicious/noExplicitAny: oracle records are untyped JSON
function expectChunk(actual: { rows: number; estimated: any }, rec: any, label: string): void {
  expect(actual.rows).toBe(rec.rows);
  const check = (e: MetricEstimate, name: string) => {
    expectClose(e.value, rec.estimated[name], 1e-12, 1e-12, `${label} ${name} value`);
    expectClose(e.samplingError, rec.samplingError[name], 1e-12, 1e-15, `${label} ${name} SE`);
    expectClose(e.lower, rec.lower[name], 1e-12, 1e-12, `${label} ${name} lower`);
    expectClose(e.upper, rec.upper[name], 1e-12, 1e-12, `${label} ${name} upper`);
    expect(e.alert, `${label} ${name} alert`).toBe(rec.alert[name]);
    if (rec.realized) expectClose(e.realized!, rec.realized[name], 1e-12, 1e-15, `${label} ${name} realized`);
  };
  for (const m of CBPE_METRICS) check(actual.estimated[m], m);
  for (const c of CONFUSION_CELLS) check(actual.estimated.confusionMatrix[c], c);
}

describe.each(['auto', 'never', 'always'] as const)('binary CBPE, calibration %s, = NannyML port', (mode) => {
  const run = fixture.runs[mode];
  const model = fitBinaryCbpe(reference, referenceChunks, { calibration: mode });

  it('decides calibration as NannyML', () => {
    expect(model.calibration.applied).toBe(run.calibration.applied);
    if (mode === 'auto') {
      expect(model.calibration.reason).toBe('ece');
      expectClose(model.calibration.eceBefore, run.calibration.eceBefore, 1e-13);
      expectClose(model.calibration.eceAfter, run.calibration.eceAfter, 1e-13);
    } else {
      expect(model.calibration.reason).toBe('forced');
    }
    expect(model.calibrator === null).toBe(!run.calibration.applied);
  });

  it('has the alert bands of the realized reference chunks (mean ± 3σ, clipped)', () => {
    for (const m of CBPE_METRICS) {
      expectClose(model.chunkThresholds[m].lower!, run.thresholds[m][0], 1e-13, 1e-15, `${m} lower`);
      expectClose(model.chunkThresholds[m].upper!, run.thresholds[m][1], 1e-13, 1e-15, `${m} upper`);
    }
    for (const c of CONFUSION_CELLS) {
      expectClose(model.chunkThresholds.confusionMatrix[c].lower!, run.thresholds[c][0], 1e-13, 1e-12, c);
      expectClose(model.chunkThresholds.confusionMatrix[c].upper!, run.thresholds[c][1], 1e-13, 1e-12, c);
    }
    model.referenceChunks.forEach((r, i) => {
      for (const m of CBPE_METRICS)
        expectClose(r[m], run.referenceRealized[i][m], 1e-13, 1e-16, `chunk ${i} ${m}`);
    });
  });

  it('has the sampling-error components of NannyML', () => {
    const c = model.samplingErrorComponents;
    for (const m of ['rocAuc', 'f1', 'precision', 'recall', 'tnr'] as const) {
      expectClose(Math.sqrt(c[m].variance), run.components[m][0], 1e-13, 0, `${m} std`);
      expectClose(c[m].fraction, run.components[m][1], 1e-15, 0, `${m} fraction`);
    }
    expectClose(Math.sqrt(c.accuracy), run.components.accuracy[0], 1e-14);
    expectClose(Math.sqrt(c.prAuc.variance), run.components.prAuc[0], 1e-12, 0, 'AP bootstrap std');
    expect(c.prAuc.sampleSize).toBe(run.components.prAuc[1]);
  });

  it('estimates every analysis chunk as NannyML (value, sampling error, band, alert, realized)', () => {
    const result = estimateBinaryCbpe(model, analysis, analysisChunks);
    result.forEach((chunk, i) => {
      expectChunk(chunk, run.analysis[i], `analysis ${i}`);
    });
  });

  it('estimates the reference chunks too, and without targets has no `realized`', () => {
    const result = estimateBinaryCbpe(model, reference, referenceChunks);
    result.forEach((chunk, i) => {
      expectChunk(chunk, run.reference[i], `reference ${i}`);
    });
    const unlabelled = estimateBinaryCbpe(
      model,
      { scores: analysis.scores, prediction: analysis.prediction },
      analysisChunks,
    );
    expect(unlabelled[0]!.estimated.rocAuc.realized).toBeUndefined();
    expect(unlabelled[0]!.estimated.rocAuc.value).toBe(run.analysis[0].estimated.rocAuc);
  });
});

describe('binary CBPE edge cases', () => {
  const model = fitBinaryCbpe(reference, referenceChunks);

  it('accepts non-contiguous chunks (row indices) and gives the same result as the equivalent copy', () => {
    const indices = Int32Array.from({ length: 300 }, (_, i) => i * 3 + 1);
    const [viaIndices] = estimateBinaryCbpe(model, analysis, [{ startIndex: 1, endIndex: 899, indices }]);
    const copy = {
      scores: Float64Array.from(indices, (i) => analysis.scores[i]!),
      prediction: Uint8Array.from(indices, (i) => analysis.prediction[i]!),
    };
    const [viaCopy] = estimateBinaryCbpe(model, copy, [{ startIndex: 0, endIndex: 300 }]);
    expect(viaIndices!.estimated.rocAuc.value).toBe(viaCopy!.estimated.rocAuc.value);
    expect(viaIndices!.estimated.confusionMatrix.tp.value).toBe(viaCopy!.estimated.confusionMatrix.tp.value);
  });

  it('gives NaN estimates for an empty chunk', () => {
    const [empty] = estimateBinaryCbpe(model, analysis, [{ startIndex: 5, endIndex: 5 }]);
    expect(empty!.rows).toBe(0);
    expect(empty!.estimated.accuracy.value).toBeNaN();
    expect(empty!.estimated.accuracy.alert).toBe(false);
  });

  it('makes precision NaN (0/0) when no row is predicted positive', () => {
    const [chunk] = estimateBinaryCbpe(
      model,
      { scores: Float64Array.from([0.1, 0.2, 0.3]), prediction: new Uint8Array(3) },
      [{ startIndex: 0, endIndex: 3 }],
    );
    expect(chunk!.estimated.precision.value).toBeNaN();
    expect(chunk!.estimated.recall.value).toBe(0);
  });

  it('does not calibrate a single-class reference and still estimates', () => {
    const n = 200;
    const one = fitBinaryCbpe(
      {
        target: new Uint8Array(n).fill(1),
        scores: Float64Array.from({ length: n }, (_, i) => i / n),
        prediction: new Uint8Array(n).fill(1),
      },
      [
        { startIndex: 0, endIndex: 100 },
        { startIndex: 100, endIndex: 200 },
      ],
    );
    expect(one.calibration).toMatchObject({ applied: false, reason: 'single-class' });
    expect(one.chunkThresholds.rocAuc.lower).toBeNaN();
    const [chunk] = estimateBinaryCbpe(one, analysis, analysisChunks);
    expect(chunk!.estimated.rocAuc.alert).toBe(false);
  });

  it('rejects bad input with usage errors', () => {
    expect(() =>
      fitBinaryCbpe({ ...reference, scores: reference.scores.subarray(1) }, referenceChunks),
    ).toThrow(/DW_CBPE_LENGTH_MISMATCH|rows/);
    expect(() =>
      fitBinaryCbpe(
        { ...reference, scores: Float64Array.from(reference.scores).fill(Number.NaN, 3, 4) },
        referenceChunks,
      ),
    ).toThrow(/non-finite/);
    expect(() =>
      fitBinaryCbpe(
        { ...reference, target: Uint8Array.from(reference.target).fill(2, 0, 1) },
        referenceChunks,
      ),
    ).toThrow(UsageError);
    expect(() => fitBinaryCbpe(reference, [{ startIndex: 0, endIndex: 5000 }])).toThrow(
      /DW_CHUNK_OUT_OF_RANGE|inside/,
    );
    expect(() =>
      fitBinaryCbpe(
        { target: new Uint8Array(0), scores: new Float64Array(0), prediction: new Uint8Array(0) },
        [],
      ),
    ).toThrow(/at least one row/);
    // @ts-expect-error: not a calibration mode
    expect(() => fitBinaryCbpe(reference, referenceChunks, { calibration: 'maybe' })).toThrow(/calibration/);
  });
});
