/**
 * `driftwatch report` end to end, as a user runs it: the built CLI on the shipped example data (a sample
 * of NannyML's synthetic car-loan dataset) checked against an independent numpy/scipy oracle
 * (scripts/fixtures/examples.py), plus outputs, exit codes and error handling.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ReportResult, ReportResultSchema } from '../../src/core/report/result-schema.ts';
import expected from '../fixtures/examples/expected.json' with { type: 'json' };
import { relErr } from '../helpers/drift-input.ts';
import { ROOT, runCli } from '../helpers/run-cli.ts';

const REF = join(ROOT, 'examples/reference.csv');
const CUR = join(ROOT, 'examples/current.csv');
let dir: string;
let result: ReportResult;
let run: ReturnType<typeof runCli>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftwatch-cli-'));
  run = runCli([
    'report',
    '--reference',
    REF,
    '--current',
    CUR,
    '--json',
    join(dir, 'r.json'),
    '--html',
    join(dir, 'r.html'),
  ]);
  result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
});

describe('report on the example data (NannyML car loan: shift in car_value, salary_range, loan_length, repaid_loan_on_prev_car)', () => {
  it('exits 0 without --fail-on and writes a schema-valid JSON result', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(() => ReportResultSchema.parse(result)).not.toThrow();
    expect(result.schemaVersion).toBe(1);
  });

  it('types, methods and scores match the numpy/scipy oracle of Evidently', () => {
    for (const e of expected.columns) {
      const col = result.columns.find((c) => c.name === e.column);
      expect(col?.type, e.column).toBe(e.type);
      if (!('method' in e)) {
        expect(result.drift.columns.find((c) => c.column === e.column)).toBeUndefined();
        continue;
      }
      const d = result.drift.columns.find((c) => c.column === e.column)!;
      expect(d.method, e.column).toBe(e.method);
      expect(relErr(d.statistic!, e.statistic!), e.column).toBeLessThan(1e-9);
      expect(d.drifted, e.column).toBe(e.drifted);
    }
  });

  it('flags the documented covariate shift and the dataset drift', () => {
    const drifted = result.drift.columns.filter((c) => c.drifted).map((c) => c.column);
    expect(drifted).toEqual([
      'car_value',
      'salary_range',
      'loan_length',
      'repaid_loan_on_prev_car',
      'y_pred_proba',
    ]);
    expect(result.drift).toMatchObject({
      columnCount: 10,
      driftedCount: 5,
      share: 0.5,
      driftShare: 0.5,
      datasetDrift: true,
    });
  });

  it('reports data quality of both sides', () => {
    const q = result.quality.current.columns.car_value!;
    expect(q).toMatchObject({ type: 'num', dtype: 'int', count: 10000, missingCount: 0 });
    expect(q.q50).toBeGreaterThan(result.quality.reference.columns.car_value!.q50!);
    expect(result.quality.reference.dataset).toMatchObject({ rows: 10000, columns: 11 });
    expect(result.quality.current.columns.salary_range!.topValues.length).toBe(4);
  });

  it('prints an aligned terminal summary on stdout', () => {
    expect(run.stdout).toContain('DATASET DRIFT: 5 of 10 columns drifted (share 0.5, threshold 0.5)');
    expect(run.stdout).toMatch(/car_value\s+num\s+wasserstein\s+0\.9431\s+>= 0\.1\s+DRIFT/);
    expect(run.stdout).not.toContain('\u001b['); // no colours when stdout is not a TTY
  });

  it('writes a self-contained HTML report', () => {
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('car_value');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});

describe('outputs and exit codes', () => {
  it('--json - puts only JSON on stdout and the summary on stderr', () => {
    const r = runCli(['report', '--reference', REF, '--current', CUR, '--json', '-']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).drift.datasetDrift).toBe(true);
    expect(r.stderr).toContain('DATASET DRIFT');
  });

  it('--fail-on drift exits 1 on dataset drift and 0 without it', () => {
    expect(
      runCli(['report', '--reference', REF, '--current', CUR, '--fail-on', 'drift', '--quiet']).code,
    ).toBe(1);
    expect(
      runCli(['report', '--reference', REF, '--current', REF, '--fail-on', 'drift', '--quiet']).code,
    ).toBe(0);
    // Raising the drift share above the measured 0.5 clears the dataset verdict.
    expect(
      runCli([
        'report',
        '--reference',
        REF,
        '--current',
        CUR,
        '--fail-on',
        'drift',
        '--drift-share',
        '0.6',
        '--quiet',
      ]).code,
    ).toBe(0);
  });

  it('--fail-on contract|any looks at contract violations', () => {
    const contract = join(dir, 'strict.yaml');
    writeFileSync(
      contract,
      'columns:\n  car_value: { type: num, max: 1000 }\ndataset: { allowExtraColumns: true }\n',
    );
    const base = ['report', '--reference', REF, '--current', CUR, '--schema', contract, '--quiet'];
    expect(runCli([...base, '--fail-on', 'contract']).code).toBe(1);
    expect(runCli([...base, '--fail-on', 'any']).code).toBe(1);
    const ok = join(dir, 'loose.yaml');
    writeFileSync(ok, 'columns:\n  car_value: { type: num, min: 0 }\ndataset: { allowExtraColumns: true }\n');
    expect(
      runCli([
        'report',
        '--reference',
        REF,
        '--current',
        CUR,
        '--schema',
        ok,
        '--quiet',
        '--fail-on',
        'contract',
      ]).code,
    ).toBe(0);
  });

  it('applies per-column > per-type > global method and threshold precedence', () => {
    const r = runCli([
      'report',
      '--reference',
      REF,
      '--current',
      CUR,
      '--json',
      '-',
      '--quiet',
      '--method',
      'psi',
      '--num-method',
      'ks',
      '--column-method',
      'car_value=hellinger',
      '--threshold',
      '0.2',
      '--cat-threshold',
      '0.3',
      '--column-threshold',
      'salary_range=0.01',
    ]);
    expect(r.code).toBe(0);
    const cols = JSON.parse(r.stdout).drift.columns as ReportResult['drift']['columns'];
    const by = (n: string) => cols.find((c) => c.column === n)!;
    expect([by('car_value').method, by('car_value').threshold]).toEqual(['hellinger', 0.2]);
    expect([by('debt_to_income_ratio').method, by('debt_to_income_ratio').threshold]).toEqual(['ks', 0.2]);
    expect([by('size_of_downpayment').method, by('size_of_downpayment').threshold]).toEqual(['psi', 0.3]);
    expect([by('salary_range').method, by('salary_range').threshold]).toEqual(['psi', 0.01]);
  });

  it('--columns and --exclude select columns; --correction bonferroni adjusts p-values', () => {
    const r = runCli([
      'report',
      '--reference',
      REF,
      '--current',
      CUR,
      '--json',
      '-',
      '--quiet',
      '--columns',
      'car_value,loan_length,driver_tenure',
      '--exclude',
      'driver_tenure',
      '--method',
      'ks',
      '--correction',
      'bonferroni',
    ]);
    const res = JSON.parse(r.stdout) as ReportResult;
    expect(res.drift.columns.map((c) => c.column)).toEqual(['car_value', 'loan_length']);
    for (const c of res.drift.columns) expect(c.pValueAdjusted).toBe(Math.min(1, c.statistic! * 2));
  });
});

describe('errors: exit code 2, one line naming the problem, nothing half-written', () => {
  it('names a missing file', () => {
    const out = join(dir, 'never.json');
    const r = runCli(['report', '--reference', join(dir, 'nope.csv'), '--current', CUR, '--json', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('nope.csv');
    expect(r.stderr).toContain('DW_INPUT_NOT_FOUND');
    expect(existsSync(out)).toBe(false);
  });

  it('names the file and line of a malformed CSV row', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n1,2\n3\n');
    const out = join(dir, 'bad.json');
    const r = runCli(['report', '--reference', bad, '--current', bad, '--json', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv: line 3: expected 2 fields, got 1/);
    expect(existsSync(out)).toBe(false);
  });

  it('rejects an unknown extension, an unknown method and a missing required option', () => {
    const txt = join(dir, 'data.txt');
    writeFileSync(txt, 'a\n1\n');
    expect(runCli(['report', '--reference', txt, '--current', txt]).stderr).toContain(
      'DW_INPUT_UNKNOWN_FORMAT',
    );
    const m = runCli(['report', '--reference', REF, '--current', CUR, '--method', 'nope']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain("unknown method 'nope'");
    const missing = runCli(['report', '--reference', REF]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--current <path>' not specified");
  });

  it('rejects a column name that is in neither dataset', () => {
    const r = runCli(['report', '--reference', REF, '--current', CUR, '--column-method', 'nosuch=ks']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--column-method names column 'nosuch'");
  });

  it('reads the same data from --format overrides', () => {
    const noext = join(dir, 'ref-data');
    writeFileSync(noext, readFileSync(REF));
    const r = runCli(['report', '--reference', noext, '--current', CUR, '--format', 'csv', '--quiet']);
    expect(r.code).toBe(0);
  });
});

describe('schema infer → report --schema', () => {
  it('suggests a contract that the reference data satisfies', () => {
    const r = runCli(['schema', 'infer', '--reference', REF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('car_value:');
    const file = join(dir, 'suggested.yaml');
    writeFileSync(file, r.stdout);
    const check = runCli([
      'report',
      '--reference',
      REF,
      '--current',
      REF,
      '--schema',
      file,
      '--json',
      '-',
      '--quiet',
    ]);
    expect(JSON.parse(check.stdout).contract.violations).toEqual([]);
  });

  it("the issue's example contract works as written", () => {
    const contract = join(dir, 'contract.yaml');
    writeFileSync(
      contract,
      [
        'columns:',
        '  age:     { type: num, required: true, maxMissingShare: 0.01, min: 0, max: 120 }',
        '  country: { type: cat, allowed: [DE, FR, US] }',
        '  email:   { type: text, regex: "^[^@]+@[^@]+$" }',
        'dataset:   { minRows: 1000, maxRows: 1000000, unique: [id] }',
        '',
      ].join('\n'),
    );
    const rows = ['id,age,country,email'];
    for (let i = 0; i < 1200; i++)
      rows.push(`${i},${20 + (i % 50)},${['DE', 'FR', 'US'][i % 3]},user${i}@example.com`);
    const good = join(dir, 'people.csv');
    writeFileSync(good, `${rows.join('\n')}\n`);
    const ok = runCli([
      'report',
      '--reference',
      good,
      '--current',
      good,
      '--schema',
      contract,
      '--json',
      '-',
      '--quiet',
    ]);
    expect(JSON.parse(ok.stdout).contract.violations).toEqual([]);
    rows.push('5,130,XX,not-an-email');
    const bad = join(dir, 'people-bad.csv');
    writeFileSync(bad, `${rows.join('\n')}\n`);
    const r = runCli([
      'report',
      '--reference',
      good,
      '--current',
      bad,
      '--schema',
      contract,
      '--json',
      '-',
      '--quiet',
      '--fail-on',
      'contract',
    ]);
    expect(r.code).toBe(1);
    const checks = (JSON.parse(r.stdout) as ReportResult).contract!.violations.map(
      (v) => `${v.check}:${v.column}`,
    );
    expect(checks.sort()).toEqual([
      'categorical_values_check:country',
      'range_check:age',
      'regex_check:email',
      'unique_check:null',
    ]);
  });
});

describe('report on the full NannyML car-loan Parquet files (test/fixtures/nannyml)', () => {
  it('reads snappy Parquet and flags the covariate shift of the monitoring period', () => {
    const r = runCli([
      'report',
      '--reference',
      join(ROOT, 'test/fixtures/nannyml/reference_synthetic_car_loan.parquet'),
      '--current',
      join(ROOT, 'test/fixtures/nannyml/monitoring_synthetic_car_loan.parquet'),
      '--json',
      '-',
      '--quiet',
    ]);
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout) as ReportResult;
    expect([res.reference.rows, res.current.rows]).toEqual([50000, 50000]);
    // Only the second half of the monitoring data is shifted (NannyML's documented finding), so over the whole
    // period the two strongest shifts cross the 0.1 threshold and the dataset share stays below 0.5.
    expect(res.drift.columns.filter((c) => c.drifted).map((c) => c.column)).toEqual([
      'car_value',
      'loan_length',
    ]);
    expect(res.drift.datasetDrift).toBe(false);
    expect(res.columns.find((c) => c.name === 'timestamp')?.type).toBe('datetime');
  });
});

describe('robustness of the reader threads', () => {
  it('works when node runs with V8 flags (workers must not inherit invalid execArgv)', async () => {
    const { spawnSync } = await import('node:child_process');
    const big = join(dir, 'big.csv');
    // Over the worker threshold (8 MiB of text), so the second dataset is read on a worker.
    const lines = ['a,b,c'];
    for (let i = 0; i < 700_000; i++) lines.push(`${i * 0.5},${(i * 7) % 13},x${i % 5}`);
    writeFileSync(big, `${lines.join('\n')}\n`);
    const res = spawnSync(
      process.execPath,
      [
        '--max-semi-space-size=16',
        join(ROOT, 'dist/cli/main.js'),
        'report',
        '--reference',
        big,
        '--current',
        big,
        '--quiet',
      ],
      { encoding: 'utf8' },
    );
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });
});
