import { describe, expect, it } from 'vitest';
import type { ChunkSelection } from '../../../src/core/chunks/index.ts';
import {
  CBPE_METRICS,
  estimateMulticlassCbpe,
  fitMulticlassCbpe,
} from '../../../src/core/estimation/index.ts';
import { expectClose, f64, oracle } from './oracle.ts';

const fixture = oracle('multiclass-synthetic.json');
const classes = ['a', 'b', 'c'];
const chunksOf = (pairs: number[][]): ChunkSelection[] =>
  pairs.map(([s, e]) => ({ startIndex: s!, endIndex: e! }));
const data = (d: { y: number[]; pred: number[]; P: number[][] }) => ({
  classes,
  target: Int32Array.from(d.y),
  prediction: Int32Array.from(d.pred),
  scores: d.P.map(f64),
});
const reference = data(fixture.reference);
const analysis = data(fixture.analysis);
const referenceChunks = chunksOf(fixture.referenceChunks);
const analysisChunks = chunksOf(fixture.analysisChunks);

describe.each(['auto', 'never'] as const)('multiclass CBPE, calibration %s, = NannyML port', (mode) => {
  const run = fixture.runs[mode];
  const model = fitMulticlassCbpe(reference, referenceChunks, { calibration: mode });

  it('decides calibration per class as NannyML', () => {
    model.calibration.forEach((c, i) => {
      expect(c.applied).toBe(run.calibration[i].applied);
      if (mode === 'auto') {
        expectClose(c.eceBefore, run.calibration[i].eceBefore, 1e-13);
        expectClose(c.eceAfter, run.calibration[i].eceAfter, 1e-13);
      }
    });
  });

  it('has the alert bands of the realized reference chunks', () => {
    for (const m of CBPE_METRICS) {
      expectClose(model.chunkThresholds[m].lower!, run.thresholds[m][0], 1e-13, 1e-15, `${m} lower`);
      expectClose(model.chunkThresholds[m].upper!, run.thresholds[m][1], 1e-13, 1e-15, `${m} upper`);
    }
    model.chunkThresholds.confusionMatrix.forEach((row, i) => {
      row.forEach((band, j) => {
        expectClose(band.lower!, run.cmThresholds[i][j][0], 1e-13, 1e-12, `cm[${i}][${j}] lower`);
        expectClose(band.upper!, run.cmThresholds[i][j][1], 1e-13, 1e-12, `cm[${i}][${j}] upper`);
      });
    });
  });

  it.each(['analysis', 'reference'] as const)('estimates every %s chunk as NannyML', (part) => {
    const result = estimateMulticlassCbpe(
      model,
      part === 'analysis' ? analysis : reference,
      part === 'analysis' ? analysisChunks : referenceChunks,
    );
    result.forEach((chunk, i) => {
      const rec = run[part][i];
      expect(chunk.rows).toBe(rec.rows);
      for (const m of CBPE_METRICS) {
        const e = chunk.estimated[m];
        expectClose(e.value, rec.estimated[m], 1e-12, 1e-15, `${part} ${i} ${m}`);
        expectClose(e.samplingError, rec.samplingError[m], 1e-12, 1e-15, `${part} ${i} ${m} SE`);
        expectClose(e.lower, rec.lower[m], 1e-12, 1e-14, `${part} ${i} ${m} lower`);
        expectClose(e.upper, rec.upper[m], 1e-12, 1e-14, `${part} ${i} ${m} upper`);
        expect(e.alert, `${part} ${i} ${m} alert`).toBe(rec.alert[m]);
        expectClose(e.realized!, rec.realized[m], 1e-12, 1e-15, `${part} ${i} ${m} realized`);
      }
      chunk.estimated.confusionMatrix.forEach((row, a) => {
        row.forEach((e, b) => {
          expectClose(e.value, rec.cm[a][b], 1e-12, 1e-12, `cm[${a}][${b}]`);
          expectClose(e.samplingError, rec.cmSamplingError[a][b], 1e-12, 1e-12, `cm SE[${a}][${b}]`);
          expect(e.alert).toBe(rec.cmAlert[a][b]);
        });
      });
    });
  });
});

describe('multiclass CBPE input checks', () => {
  it('rejects bad classes, labels and score columns', () => {
    expect(() => fitMulticlassCbpe({ ...reference, classes: ['a'] }, referenceChunks)).toThrow(/at least 2/);
    expect(() => fitMulticlassCbpe({ ...reference, classes: ['a', 'a', 'b'] }, referenceChunks)).toThrow(
      /distinct/,
    );
    expect(() =>
      fitMulticlassCbpe({ ...reference, scores: reference.scores.slice(0, 2) }, referenceChunks),
    ).toThrow(/score columns/);
    expect(() =>
      fitMulticlassCbpe(
        { ...reference, target: Int32Array.from(reference.target).fill(3, 0, 1) },
        referenceChunks,
      ),
    ).toThrow(/class indices/);
  });
});
