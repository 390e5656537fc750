/** Model options: metrics at a chosen decision threshold, fixed chunk bands, regression error by feature range. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportResult } from '../../src/core/report/result-schema.ts';
import atThreshold from '../fixtures/examples/at-threshold.json' with { type: 'json' };
import { relErr } from '../helpers/drift-input.ts';
import { ROOT, runCli } from '../helpers/run-cli.ts';

const examples = [
  '--reference',
  join(ROOT, 'examples/reference.csv'),
  '--current',
  join(ROOT, 'examples/current.csv'),
];
const roles = ['--target', 'repaid', '--prediction', 'y_pred', '--score', 'y_pred_proba'];

describe('--decision-threshold', () => {
  it('adds metrics.atThreshold, equal to numpy on score >= t', () => {
    const r = runCli([
      'report',
      ...examples,
      ...roles,
      '--decision-threshold',
      '0.7',
      '--json',
      '-',
      '--quiet',
    ]);
    const m = (JSON.parse(r.stdout) as ReportResult).quality.current.metrics as {
      atThreshold: Record<string, number>;
    };
    for (const k of ['accuracy', 'precision', 'recall'] as const) {
      expect(relErr(m.atThreshold[k]!, atThreshold.current[k])).toBeLessThan(1e-12);
    }
    expect(m.atThreshold.threshold).toBe(0.7);
  });
});

describe('--chunk-threshold', () => {
  it('replaces the reference band of a metric with a fixed one, for realized and estimated values', () => {
    const r = runCli([
      'report',
      ...examples,
      ...roles,
      '--chunk-count',
      '4',
      '--chunk-threshold',
      'rocAuc=0.99:',
      '--json',
      '-',
      '--quiet',
    ]);
    const res = JSON.parse(r.stdout) as ReportResult;
    expect(res.chunkThresholds!.rocAuc).toEqual({ lower: 0.99, upper: null });
    // Every chunk's ROC AUC is below 0.99: all alert, realized and estimated.
    for (const c of res.chunks!)
      expect(c.alerts).toEqual(expect.arrayContaining(['quality.rocAuc', 'estimated.rocAuc']));
  });
  it('rejects a malformed band', () => {
    const r = runCli([
      'report',
      ...examples,
      ...roles,
      '--chunk-count',
      '2',
      '--chunk-threshold',
      'rocAuc=0.9',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--chunk-threshold expects metric=low:high');
  });
});

describe('regression error by feature range', () => {
  it('reports the mean error below the 5 % and above the 95 % quantile of each numeric feature', () => {
    const dir = mkdtempSync(join(tmpdir(), 'driftwatch-reg-'));
    const rows = ['x,y,p'];
    // Error = p − y = 1 for x < 5, 0 in the middle, −2 for x > 94 (x = 0..99).
    for (let x = 0; x < 100; x++) rows.push(`${x},${x * 2.5},${x * 2.5 + (x < 5 ? 1 : x > 94 ? -2 : 0)}`);
    const file = join(dir, 'reg.csv');
    writeFileSync(file, `${rows.join('\n')}\n`);
    const r = runCli([
      'report',
      '--reference',
      file,
      '--current',
      file,
      '--target',
      'y',
      '--prediction',
      'p',
      '--json',
      '-',
      '--quiet',
    ]);
    const res = JSON.parse(r.stdout) as ReportResult;
    expect(res.quality.task).toBe('regression');
    const bias = (
      res.quality.current.metrics as {
        errorBias: Record<string, { low: { meanError: number }; high: { meanError: number } }>;
      }
    ).errorBias.x!;
    // numpy: quantile(0..99, 0.05) = 4.95 → low group x ≤ 4.95 (5 rows, error 1); 0.95 → 94.05 → high x ≥ 94.05 (5 rows, error −2).
    expect(bias.low.meanError).toBeCloseTo(1, 12);
    expect(bias.high.meanError).toBeCloseTo(-2, 12);
  });
});
