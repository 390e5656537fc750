/**
 * Model quality, segments and fairness through the CLI on the example data (NannyML car loan: target
 * `repaid`, prediction `y_pred`, score `y_pred_proba`), against numpy/scipy values from
 * scripts/fixtures/examples.py (independent of the metric code).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ReportResult, ReportResultSchema } from '../../src/core/report/result-schema.ts';
import quality from '../fixtures/examples/quality.json' with { type: 'json' };
import { relErr } from '../helpers/drift-input.ts';
import { ROOT, runCli } from '../helpers/run-cli.ts';

const args = [
  'report',
  '--reference',
  join(ROOT, 'examples/reference.csv'),
  '--current',
  join(ROOT, 'examples/current.csv'),
  '--target',
  'repaid',
  '--prediction',
  'y_pred',
  '--score',
  'y_pred_proba',
  '--segment',
  'salary_range',
  '--sensitive',
  'repaid_loan_on_prev_car',
  '--timestamp',
  'timestamp',
  '--json',
  '-',
  '--quiet',
];

describe('report with model roles', () => {
  const run = runCli(args);
  const result = JSON.parse(run.stdout) as ReportResult;

  it('exits 0 with a schema-valid result and infers a binary task', () => {
    expect(run.code).toBe(0);
    expect(() => ReportResultSchema.parse(result)).not.toThrow();
    expect(result.quality.task).toBe('binary');
  });

  it('matches the numpy/scipy oracle on both sides', () => {
    for (const side of ['reference', 'current'] as const) {
      const m = result.quality[side].metrics as Record<string, unknown>;
      const e = quality[side];
      for (const k of ['accuracy', 'precision', 'recall', 'f1', 'rocAuc', 'brier'] as const) {
        expect(relErr(m[k] as number, e[k]), `${side}.${k}`).toBeLessThan(1e-12);
      }
      expect(m.confusionMatrix).toEqual(e.confusionMatrix);
    }
  });

  it('shows the documented quality drop (NannyML: realized ROC AUC ~0.97 → ~0.96 after the shift)', () => {
    const ref = result.quality.reference.metrics as { rocAuc: number };
    const cur = result.quality.current.metrics as { rocAuc: number };
    expect(ref.rocAuc).toBeGreaterThan(0.97);
    expect(cur.rocAuc).toBeLessThan(0.962);
  });

  it('ranks segments worst first, each with its own reference', () => {
    const segs = result.quality.segments!;
    expect(segs.map((s) => s.value).sort()).toEqual(['0 - 20K €', '20K - 20K €', '40K - 60K €', '60K+ €']);
    const ranked = segs.filter((s) => !s.tooFewRows).map((s) => s.degradation!);
    expect([...ranked].sort((a, b) => b - a)).toEqual(ranked);
    expect(segs.every((s) => s.rankedBy === 'rocAuc' && s.referenceMetrics !== null)).toBe(true);
    expect(segs.reduce((n, s) => n + s.rows, 0)).toBe(10000);
  });

  it('reports fairness per sensitive column', () => {
    const f = result.fairness![0] as {
      column: string;
      overall: { fourFifthsRule: { passed: boolean } };
      groups: unknown[];
    };
    expect(f.column).toBe('repaid_loan_on_prev_car');
    expect(f.groups).toHaveLength(2);
    expect(typeof f.overall.fourFifthsRule.passed).toBe('boolean');
  });

  it('treats the timestamp role as datetime (not drift-tested)', () => {
    expect(result.columns.find((c) => c.name === 'timestamp')).toMatchObject({
      type: 'datetime',
      typeSource: 'override',
    });
  });
});
