/**
 * Over-time analysis through the CLI on NannyML's datasets (test/fixtures/nannyml): the acceptance
 * criteria for CBPE, realized quality per chunk and drift per chunk, with NannyML's documented numbers.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ReportResult, ReportResultSchema } from '../../src/core/report/result-schema.ts';
import { ROOT, runCli } from '../helpers/run-cli.ts';

const fixture = (name: string) => join(ROOT, 'test/fixtures/nannyml', name);

type Chunks = NonNullable<ReportResult['chunks']>;
type Est = { value: number; lower: number; upper: number; alert: boolean };
const est = (c: Chunks[number], metric: string) => c.estimated![metric] as Est;

describe('car loan (binary), --chunk-size 5000', () => {
  const r = runCli([
    'report',
    '--reference',
    fixture('reference_synthetic_car_loan.parquet'),
    '--current',
    fixture('monitoring_synthetic_car_loan.parquet'),
    '--target',
    'repaid',
    '--prediction',
    'y_pred',
    '--score',
    'y_pred_proba',
    '--timestamp',
    'timestamp',
    '--chunk-size',
    '5000',
    '--json',
    '-',
    '--quiet',
  ]);
  const result = JSON.parse(r.stdout) as ReportResult;
  const chunks = result.chunks as Chunks;

  it('produces 10 chunks with NannyML keys and a schema-valid result', () => {
    expect(r.code).toBe(0);
    expect(() => ReportResultSchema.parse(result)).not.toThrow();
    expect(chunks.map((c) => c.key)).toEqual(
      Array.from({ length: 10 }, (_, i) => `[${i * 5000}:${i * 5000 + 4999}]`),
    );
    expect(chunks[0]).toMatchObject({ start: 0, end: 5000, rows: 5000 });
  });

  it('estimated ROC AUC ≈ 0.971 in chunks 0–4 and ≈ 0.961 in 5–9, alerting only there (±0.004)', () => {
    for (const c of chunks.slice(0, 5)) {
      expect(Math.abs(est(c, 'rocAuc').value - 0.971)).toBeLessThanOrEqual(0.004);
      expect(est(c, 'rocAuc').alert).toBe(false);
    }
    for (const c of chunks.slice(5)) {
      expect(Math.abs(est(c, 'rocAuc').value - 0.961)).toBeLessThanOrEqual(0.004);
      expect(est(c, 'rocAuc').alert).toBe(true);
    }
  });

  it('bands and realized values are NannyML’s', () => {
    // NannyML docs: realized ROC AUC band [0.963317, 0.97866]; realized chunk values 0.9710 … 0.9576.
    expect(result.chunkThresholds!.rocAuc!.lower).toBeCloseTo(0.963317, 6);
    expect(result.chunkThresholds!.rocAuc!.upper).toBeCloseTo(0.97866, 5);
    const realized = chunks.map((c) => c.quality!.rocAuc!);
    const expected = [0.971, 0.9702, 0.9763, 0.9677, 0.9699, 0.96, 0.9585, 0.959, 0.9631, 0.9576];
    for (const [i, e] of expected.entries()) expect(realized[i]).toBeCloseTo(e, 4);
  });

  it('drift per chunk finds the covariate shift of the second half only', () => {
    expect(chunks.slice(0, 5).every((c) => !c.drift.datasetDrift)).toBe(true);
    expect(chunks.slice(5).every((c) => c.drift.driftedColumns.includes('car_value'))).toBe(true);
  });

  it('estimates the confusion matrix cell by cell, like the realized one', () => {
    const cm = chunks[0]!.estimated!.confusionMatrix as Record<string, Est>;
    expect(Object.keys(cm).sort()).toEqual(['fn', 'fp', 'tn', 'tp']);
    const total = cm.tn!.value + cm.fp!.value + cm.fn!.value + cm.tp!.value;
    // Expected counts of the 5 000 rows (NannyML's CBPE estimates counts, not shares).
    expect(total).toBeCloseTo(5000, 6);
  });

  it('reports concept-drift correlations per chunk against the reference', () => {
    expect(result.conceptDrift!.reference.car_value!.pearson).toBeTypeOf('number');
    // The score's correlation with the target holds in chunks 0–4 and drops once the model degrades (5–9).
    const ref = result.conceptDrift!.reference.y_pred_proba!.pearson!;
    const per = chunks.map((c) => c.correlations!.y_pred_proba!.pearson!);
    for (const v of per.slice(0, 5)) expect(Math.abs(v - ref)).toBeLessThan(0.015);
    for (const v of per.slice(5)) expect(v).toBeLessThan(ref - 0.03);
  });
});

describe('credit card (multiclass), --chunk-size 6000', () => {
  const r = runCli([
    'report',
    '--reference',
    fixture('reference_synthetic_credit_card.parquet'),
    '--current',
    fixture('monitoring_synthetic_credit_card.parquet'),
    '--target',
    'y_true',
    '--prediction',
    'y_pred',
    '--score-columns',
    'y_pred_proba_prepaid_card,y_pred_proba_highstreet_card,y_pred_proba_upmarket_card',
    '--id',
    'id',
    '--chunk-size',
    '6000',
    '--json',
    '-',
    '--quiet',
  ]);
  const result = JSON.parse(r.stdout) as ReportResult;
  const chunks = result.chunks as Chunks;

  it('estimated macro ROC AUC drops from ≈ 0.91 to ≈ 0.82 (±0.004)', () => {
    expect(r.code).toBe(0);
    expect(result.quality.task).toBe('multiclass');
    for (const c of chunks.slice(0, 5))
      expect(Math.abs(est(c, 'rocAuc').value - 0.91)).toBeLessThanOrEqual(0.004);
    for (const c of chunks.slice(5)) {
      expect(Math.abs(est(c, 'rocAuc').value - 0.82)).toBeLessThanOrEqual(0.004);
      expect(est(c, 'rocAuc').alert).toBe(true);
    }
  });
});

describe('chunk options', () => {
  it('--chunk-period needs --timestamp', () => {
    const r = runCli([
      'report',
      '--reference',
      join(ROOT, 'examples/reference.csv'),
      '--current',
      join(ROOT, 'examples/current.csv'),
      '--chunk-period',
      '1w',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--chunk-period needs --timestamp');
  });
  it('weekly chunks use ISO week keys and RFC 3339 bounds', () => {
    const r = runCli([
      'report',
      '--reference',
      join(ROOT, 'examples/reference.csv'),
      '--current',
      join(ROOT, 'examples/current.csv'),
      '--timestamp',
      'timestamp',
      '--chunk-period',
      '1w',
      '--json',
      '-',
      '--quiet',
    ]);
    const chunks = (JSON.parse(r.stdout) as ReportResult).chunks!;
    expect(chunks[0]!.key).toMatch(/^\d{4}-W\d{2}$/);
    expect(chunks[0]!.start).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00(\.000)?Z$/);
    expect(chunks.reduce((n, c) => n + c.rows, 0)).toBe(10000);
  });
});
