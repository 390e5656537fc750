/**
 * Acceptance tests of the issue on NannyML's own datasets (copies in test/fixtures/nannyml/), against the numbers
 * NannyML's documentation reports (shared/reference/performance-estimation.md §6.1–6.2) and against the NannyML port
 * of scripts/fixtures/cbpe.py (test/fixtures/nannyml/cbpe/{car-loan,credit-card}.json).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chunkBySize } from '../../../src/core/chunks/index.ts';
import {
  type BinaryCbpeModel,
  type BinaryEstimates,
  CBPE_METRICS,
  type CbpeChunkResult,
  CONFUSION_CELLS,
  estimateBinaryCbpe,
  estimateMulticlassCbpe,
  fitBinaryCbpe,
  fitMulticlassCbpe,
  type MulticlassCbpeModel,
  type MulticlassEstimates,
} from '../../../src/core/estimation/index.ts';
import type { Table } from '../../../src/core/table/column.ts';
import { readDataset } from '../../../src/readers/index.ts';
import { expectClose, oracle } from './oracle.ts';

const DIR = new URL('../../fixtures/nannyml/', import.meta.url).pathname;

function numbers(table: Table, name: string): Float64Array {
  const column = table.columns.find((c) => c.name === name);
  if (!column || !('values' in column)) throw new Error(`no numeric column ${name}`);
  return column.values;
}

function classCodes(table: Table, name: string, classes: readonly string[]): Int32Array {
  const column = table.columns.find((c) => c.name === name);
  if (!column || !('codes' in column)) throw new Error(`no string column ${name}`);
  return Int32Array.from(column.codes, (code) => classes.indexOf(column.dictionary[code]!));
}

/** Half a unit of the last decimal a documented number is given to (0.97866 → 5e-6). */
const halfLastDigit = (x: number) => 0.5 * 10 ** -(String(x).split('.')[1]?.length ?? 0) * (1 + 1e-9);

const first5 = <T>(a: readonly T[]) => a.slice(0, 5);
const last5 = <T>(a: readonly T[]) => a.slice(5);

describe('CBPE on NannyML synthetic car loan (binary), chunks of 5 000 rows', () => {
  const port = oracle('car-loan.json');
  let model: BinaryCbpeModel;
  let result: readonly CbpeChunkResult<BinaryEstimates>[];

  beforeAll(async () => {
    const [reference, monitoring] = await Promise.all([
      readDataset(`${DIR}reference_synthetic_car_loan.parquet`, {
        columns: ['repaid', 'y_pred_proba', 'y_pred'],
      }),
      readDataset(`${DIR}monitoring_synthetic_car_loan.parquet`, {
        columns: ['repaid', 'y_pred_proba', 'y_pred'],
      }),
    ]);
    const chunks = chunkBySize(reference.rowCount, 5000);
    expect(chunks).toHaveLength(10);
    model = fitBinaryCbpe(
      {
        target: Uint8Array.from(numbers(reference, 'repaid')),
        scores: numbers(reference, 'y_pred_proba'),
        prediction: Uint8Array.from(numbers(reference, 'y_pred')),
      },
      chunks,
    );
    result = estimateBinaryCbpe(
      model,
      {
        scores: numbers(monitoring, 'y_pred_proba'),
        prediction: Uint8Array.from(numbers(monitoring, 'y_pred')),
        target: Uint8Array.from(numbers(monitoring, 'repaid')),
      },
      chunkBySize(monitoring.rowCount, 5000),
    );
  });

  it('issue acceptance: estimated ROC AUC ≈ 0.971 in the first five chunks, ≈ 0.961 in the last five (±0.004), alerts only there', () => {
    const auc = result.map((c) => c.estimated.rocAuc);
    for (const e of first5(auc)) expect(Math.abs(e.value - 0.971)).toBeLessThanOrEqual(0.004);
    for (const e of last5(auc)) expect(Math.abs(e.value - 0.961)).toBeLessThanOrEqual(0.004);
    expect(auc.map((e) => e.alert)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it("reproduces NannyML's documented alert bands (to the documented digits: ± half a unit of the last one)", () => {
    const documented = [
      ['rocAuc', 0.963317, 0.97866],
      ['accuracy', 0.935859, 0.951421],
      ['f1', 0.93466, 0.95085],
      ['recall', 0.9171, 0.941033],
    ] as const;
    for (const [m, lower, upper] of documented) {
      expect(Math.abs(model.chunkThresholds[m].lower! - lower)).toBeLessThanOrEqual(halfLastDigit(lower));
      expect(Math.abs(model.chunkThresholds[m].upper! - upper)).toBeLessThanOrEqual(halfLastDigit(upper));
    }
  });

  it("reproduces NannyML's documented estimates and sampling errors (to the documented digits)", () => {
    const near = (xs: number[], centre: number, tol: number) =>
      xs.forEach((x) => {
        expect(Math.abs(x - centre)).toBeLessThanOrEqual(tol);
      });
    const within = (xs: number[], lo: number, hi: number) =>
      xs.forEach((x) => {
        expect(x).toBeGreaterThanOrEqual(lo);
        expect(x).toBeLessThanOrEqual(hi);
      });
    const values = (m: (typeof CBPE_METRICS)[number]) => result.map((c) => c.estimated[m].value);
    // "estimated accuracy ≈ 0.943 → 0.911", "estimated F1 0.943 → 0.912": chunk values scatter ±0.0035 around those
    near(first5(values('accuracy')), 0.943, 0.004);
    near(last5(values('accuracy')), 0.911, 0.004);
    near(first5(values('f1')), 0.943, 0.004);
    near(last5(values('f1')), 0.912, 0.004);
    // "estimated recall ≈ 0.925–0.931 → ≈ 0.884–0.890": ranges given to 3 decimals, so ±0.0005
    within(first5(values('recall')), 0.9245, 0.9315);
    within(last5(values('recall')), 0.8835, 0.8905);
    // sampling errors "ROC AUC 0.00181, accuracy 0.00326, F1 0.00644" (3 significant digits)
    expect(Math.abs(result[0]!.estimated.rocAuc.samplingError - 0.00181)).toBeLessThanOrEqual(5e-6);
    expect(Math.abs(result[0]!.estimated.accuracy.samplingError - 0.00326)).toBeLessThanOrEqual(5e-6);
    expect(Math.abs(result[0]!.estimated.f1.samplingError - 0.00644)).toBeLessThanOrEqual(5e-6);
    // realized ROC AUC per chunk (recomputed from the files, 4 decimals) and realized recall ranges
    const realizedAuc = [0.971, 0.9702, 0.9763, 0.9677, 0.9699, 0.96, 0.9585, 0.959, 0.9631, 0.9576];
    result.forEach((c, i) => {
      expect(Math.abs(c.estimated.rocAuc.realized! - realizedAuc[i]!)).toBeLessThanOrEqual(5e-5);
    });
    within(first5(result.map((c) => c.estimated.recall.realized!)), 0.9225, 0.9385);
    within(last5(result.map((c) => c.estimated.recall.realized!)), 0.8985, 0.9065);
  });

  it('calibrates, as NannyML decides for this reference', () => {
    expect(model.calibration).toMatchObject({ applied: true, reason: 'ece' });
    expectClose(model.calibration.eceBefore, port.stable.calibration.eceBefore, 1e-13);
    expectClose(model.calibration.eceAfter, port.stable.calibration.eceAfter, 1e-13);
    // NannyML's own (numpy quicksort) ECE differs only in how tied scores fall into bins
    expect(Math.abs(model.calibration.eceBefore - port.numpy.calibration.eceBefore)).toBeLessThan(5e-4);
    expect(Math.abs(model.calibration.eceAfter - port.numpy.calibration.eceAfter)).toBeLessThan(5e-4);
  });

  it('equals the NannyML port chunk by chunk (stable sort: 1e-12; numpy sort: AUROC sampling error within 0.1 %)', () => {
    for (const m of CBPE_METRICS) {
      expectClose(
        model.chunkThresholds[m].lower!,
        port.stable.thresholds[m][0],
        1e-13,
        1e-15,
        `${m} lower band`,
      );
      expectClose(
        model.chunkThresholds[m].upper!,
        port.stable.thresholds[m][1],
        1e-13,
        1e-15,
        `${m} upper band`,
      );
    }
    result.forEach((chunk, i) => {
      const rec = port.stable.analysis[i];
      const nannyml = port.numpy.analysis[i];
      for (const m of [...CBPE_METRICS, ...CONFUSION_CELLS]) {
        const e =
          m in chunk.estimated
            ? chunk.estimated[m as (typeof CBPE_METRICS)[number]]
            : chunk.estimated.confusionMatrix[m as (typeof CONFUSION_CELLS)[number]];
        expectClose(e.value, rec.estimated[m], 1e-12, 1e-12, `${i} ${m}`);
        expectClose(e.value, nannyml.estimated[m], 1e-12, 1e-12, `${i} ${m} vs numpy`);
        expectClose(e.samplingError, rec.samplingError[m], 1e-12, 1e-15, `${i} ${m} SE`);
        expect(e.alert).toBe(rec.alert[m]);
        expectClose(e.realized!, rec.realized[m], 1e-12, 1e-15, `${i} ${m} realized`);
        if (m !== 'prAuc')
          expectClose(e.samplingError, nannyml.samplingError[m], 1e-3, 0, `${i} ${m} SE vs numpy`);
      }
    });
  });
});

describe('CBPE on NannyML synthetic credit card (multiclass), chunks of 6 000 rows', () => {
  const port = oracle('credit-card.json');
  const classes: readonly string[] = port.classes; // ['highstreet_card', 'prepaid_card', 'upmarket_card']
  let model: MulticlassCbpeModel;
  let result: readonly CbpeChunkResult<MulticlassEstimates>[];

  beforeAll(async () => {
    const columns = ['y_true', 'y_pred', ...classes.map((c) => `y_pred_proba_${c}`)];
    const [reference, monitoring] = await Promise.all([
      readDataset(`${DIR}reference_synthetic_credit_card.parquet`, { columns }),
      readDataset(`${DIR}monitoring_synthetic_credit_card.parquet`, { columns }),
    ]);
    const input = (t: Table) => ({
      classes,
      target: classCodes(t, 'y_true', classes),
      prediction: classCodes(t, 'y_pred', classes),
      scores: classes.map((c) => numbers(t, `y_pred_proba_${c}`)),
    });
    model = fitMulticlassCbpe(input(reference), chunkBySize(reference.rowCount, 6000));
    result = estimateMulticlassCbpe(model, input(monitoring), chunkBySize(monitoring.rowCount, 6000));
  });

  it('issue acceptance: estimated macro ROC AUC ≈ 0.91 in the first five chunks, ≈ 0.82 in the last five (±0.004), alerts only there', () => {
    const auc = result.map((c) => c.estimated.rocAuc);
    expect(auc).toHaveLength(10);
    for (const e of first5(auc)) expect(Math.abs(e.value - 0.91)).toBeLessThanOrEqual(0.004);
    for (const e of last5(auc)) expect(Math.abs(e.value - 0.82)).toBeLessThanOrEqual(0.004);
    expect(auc.map((e) => e.alert)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it("reproduces NannyML's documented bands and estimates; the realized drop is larger (0.75), as documented", () => {
    const t = model.chunkThresholds;
    for (const [m, lower, upper] of [
      ['rocAuc', 0.900902, 0.913516],
      ['f1', 0.741254, 0.764944],
    ] as const) {
      expect(Math.abs(t[m].lower! - lower)).toBeLessThanOrEqual(halfLastDigit(lower));
      expect(Math.abs(t[m].upper! - upper)).toBeLessThanOrEqual(halfLastDigit(upper));
    }
    const within = (xs: number[], lo: number, hi: number) =>
      xs.forEach((x) => {
        expect(x).toBeGreaterThanOrEqual(lo);
        expect(x).toBeLessThanOrEqual(hi);
      });
    // "≈ 0.907–0.910 → ≈ 0.819–0.821"; "macro F1 ≈ 0.754–0.758 → ≈ 0.631–0.633" (ranges to 3 decimals: ±0.0005,
    // plus 0.0005 for F1, whose first chunk is 0.7533)
    within(first5(result.map((c) => c.estimated.rocAuc.value)), 0.9065, 0.9105);
    within(last5(result.map((c) => c.estimated.rocAuc.value)), 0.8185, 0.8215);
    within(first5(result.map((c) => c.estimated.f1.value)), 0.753, 0.7585);
    within(last5(result.map((c) => c.estimated.f1.value)), 0.6305, 0.6335);
    const realized = [0.908, 0.911, 0.909, 0.912, 0.908, 0.749, 0.751, 0.756, 0.759, 0.754];
    result.forEach((c, i) => {
      expect(Math.abs(c.estimated.rocAuc.realized! - realized[i]!)).toBeLessThanOrEqual(5e-4);
    });
    within(last5(result.map((c) => c.estimated.accuracy.realized!)), 0.555, 0.575);
  });

  it('equals the NannyML port (stable sort: 1e-12; numpy sort: within 1e-5)', () => {
    model.calibration.forEach((c, k) => {
      expect(c.applied).toBe(port.stable.calibration[k].applied);
      expectClose(c.eceBefore, port.stable.calibration[k].eceBefore, 1e-13);
      expectClose(c.eceAfter, port.stable.calibration[k].eceAfter, 1e-13);
    });
    result.forEach((chunk, i) => {
      for (const m of CBPE_METRICS) {
        const e = chunk.estimated[m];
        expectClose(e.value, port.stable.analysis[i].estimated[m], 1e-12, 1e-15, `${i} ${m}`);
        expectClose(e.samplingError, port.stable.analysis[i].samplingError[m], 1e-12, 1e-15, `${i} ${m} SE`);
        expect(Math.abs(e.value - port.numpy.analysis[i].estimated[m])).toBeLessThan(1e-5);
      }
      chunk.estimated.confusionMatrix.forEach((row, a) => {
        row.forEach((e, b) => {
          expectClose(e.value, port.stable.analysis[i].cm[a][b], 1e-12, 1e-12, `cm ${i}`);
        });
      });
    });
  });
});
