/** `driftwatch test`: suites and presets gate CI through the exit code and JUnit XML. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'driftwatch-test-cmd-'));
const data = [
  '--reference',
  join(ROOT, 'examples/reference.csv'),
  '--current',
  join(ROOT, 'examples/current.csv'),
];

function suite(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

describe('driftwatch test', () => {
  it('exits 1 when a critical test fails and writes JUnit with the failure', () => {
    const s = suite(
      'critical.yaml',
      'tests:\n  - name: few drifted columns\n    metric: drift.share\n    condition: lt\n    threshold: 0.5\n',
    );
    const junit = join(dir, 'junit.xml');
    const r = runCli(['test', ...data, '--suite', s, '--junit', junit]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL  few drifted columns — actual 0.5, expected < 0.5');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="1" failures="1"');
    expect(xml).toContain('<testcase classname="driftwatch.drift" name="few drifted columns"');
  });

  it('exits 0 when only warnings fail, and reports them', () => {
    const s = suite(
      'warn.yaml',
      'tests:\n  - name: few drifted columns\n    metric: drift.share\n    condition: lt\n    threshold: 0.5\n    severity: warning\n',
    );
    const r = runCli(['test', ...data, '--suite', s, '--json', '-', '--quiet']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.tests[0]).toMatchObject({
      name: 'few drifted columns',
      status: 'warning',
      severity: 'warning',
      actual: 0.5,
    });
    expect(out.testSummary).toMatchObject({ ok: true, warnings: 1 });
  });

  it("runs the issue's example suite (reference-relative F1) with model roles", () => {
    const s = suite(
      'issue.yaml',
      [
        'tests:',
        '  - name: few drifted columns',
        '    metric: drift.share',
        '    condition: lt',
        '    threshold: 0.5',
        '    severity: critical',
        '  - name: age has no missing values',
        '    metric: quality.current.columns.car_value.missingShare',
        '    condition: eq',
        '    threshold: 0',
        '    severity: warning',
        '  - name: F1 no more than 10% below reference',
        '    metric: quality.current.metrics.f1',
        '    condition: gte',
        '    threshold: { reference: quality.reference.metrics.f1, relative: -0.1 }',
        '',
      ].join('\n'),
    );
    const r = runCli([
      'test',
      ...data,
      '--target',
      'repaid',
      '--prediction',
      'y_pred',
      '--score',
      'y_pred_proba',
      '--suite',
      s,
      '--json',
      '-',
      '--quiet',
    ]);
    const out = JSON.parse(r.stdout);
    expect(out.tests.map((t: { status: string }) => t.status)).toEqual(['fail', 'pass', 'pass']);
    expect(r.code).toBe(1);
  });

  it('a missing metric is an error that fails a critical test', () => {
    const s = suite(
      'missing.yaml',
      'tests:\n  - name: typo\n    metric: drift.shares\n    condition: lt\n    threshold: 0.5\n',
    );
    const r = runCli(['test', ...data, '--suite', s, '--json', '-', '--quiet']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).tests[0].status).toBe('error');
  });

  it('prints preset suites that parse back and run', () => {
    const printed = runCli(['test', ...data, '--preset', 'data-drift,data-quality', '--print-suite']);
    expect(printed.code).toBe(0);
    const s = suite('preset.yaml', printed.stdout);
    const r = runCli(['test', ...data, '--suite', s, '--json', '-', '--quiet']);
    expect([0, 1]).toContain(r.code);
    expect(JSON.parse(r.stdout).tests.length).toBeGreaterThan(10);
  });

  it('exits 2 without a suite or on an invalid suite file', () => {
    expect(runCli(['test', ...data]).code).toBe(2);
    const bad = suite(
      'bad.yaml',
      'tests:\n  - name: x\n    metric: drift.share\n    condition: less\n    threshold: 1\n',
    );
    const r = runCli(['test', ...data, '--suite', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('DW_SUITE_INVALID');
  });
});
