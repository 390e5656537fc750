/**
 * `driftwatch profile` and `driftwatch report --reference ref.dwprofile` end to end, on the shipped example
 * data: an exact profile gives the same drift figures as the CSV reference; a sketched one states its error
 * bounds in the warnings; bad input exits 2 with a stable code.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/core/profile/profile-file.ts';
import { type ReportResult, ReportResultSchema } from '../../src/core/report/result-schema.ts';
import { ROOT, runCli } from '../helpers/run-cli.ts';

const REF = join(ROOT, 'examples/reference.csv');
const CUR = join(ROOT, 'examples/current.csv');
let dir: string;
let fromCsv: ReportResult;

const report = (reference: string, extra: string[] = []) => {
  const out = join(dir, `r-${Math.random().toString(36).slice(2)}.json`);
  const run = runCli([
    'report',
    '--reference',
    reference,
    '--current',
    CUR,
    '--json',
    out,
    '--quiet',
    ...extra,
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(readFileSync(out, 'utf8')) as ReportResult;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'driftwatch-profile-'));
  fromCsv = report(REF);
});

describe('driftwatch profile', () => {
  it('writes an exact profile of the example reference and says so', () => {
    const out = join(dir, 'ref.dwprofile');
    const run = runCli(['profile', '--reference', REF, '-o', out]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(`wrote ${out}: 10000 rows, 11 columns (exact)\n`);
    const profile = parseProfile(readFileSync(out, 'utf8'));
    expect(profile).toMatchObject({
      format: 'driftwatch-profile',
      formatVersion: 1,
      rows: 10000,
      exact: true,
    });
    expect(profile.source).toBe(REF);
    expect(profile.createdAtMs).toBeGreaterThan(Date.UTC(2024, 0, 1));
  });

  it('report --reference ref.dwprofile gives the same drift figures as the CSV reference', () => {
    const out = join(dir, 'exact.dwprofile');
    expect(runCli(['profile', '--reference', REF, '-o', out, '--quiet']).code).toBe(0);
    const fromProfile = report(out);
    expect(() => ReportResultSchema.parse(fromProfile)).not.toThrow();
    expect(fromProfile.drift).toEqual(fromCsv.drift);
    expect(fromProfile.quality.reference.columns).toEqual(fromCsv.quality.reference.columns);
    expect(fromProfile.reference.files).toEqual([out]);
    expect(fromProfile.warnings.map((w) => w.code)).toEqual([
      ...fromCsv.warnings.map((w) => w.code),
      'DW_REFERENCE_PROFILE',
    ]);
  });

  it('a sketched profile: numeric verdicts hold, and the warnings list sketched columns with their bound', () => {
    const out = join(dir, 'sketched.dwprofile');
    const run = runCli(['profile', '--reference', REF, '-o', out, '--exact-cap', '1000']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\(4 sketched: car_value \(±1\.33% rank error\), debt_to_income_ratio/);
    const fromProfile = report(out);
    for (const c of fromCsv.drift.columns) {
      const p = fromProfile.drift.columns.find((d) => d.column === c.column)!;
      expect(p.method, c.column).toBe(c.method);
      expect(p.drifted, c.column).toBe(c.drifted);
    }
    const sketched = fromProfile.warnings.find((w) => w.code === 'DW_REFERENCE_SKETCHED')!;
    expect(sketched.column).toBeNull();
    expect(sketched.message).toContain("'car_value' (KLL: CDF within ±1.33%, 99% confidence)");
    expect(sketched.message).toContain("'driver_tenure' (KLL: CDF within ±1.33%, 99% confidence)");
    expect(sketched.message).not.toContain("'loan_length'"); // few distinct values: exact value counts
    // --columns limits the list to the report's columns
    const only = report(out, ['--columns', 'loan_length,car_value']);
    expect(only.warnings.find((w) => w.code === 'DW_REFERENCE_SKETCHED')!.message).toMatch(
      /^1 reference column is sketched.*'car_value'/,
    );
  });

  it('-o - writes the profile to stdout and the summary to stderr; test --preset works with a profile', () => {
    const run = runCli(['profile', '--reference', REF, '-o', '-', '--columns', 'car_value,repaid']);
    expect(run.code).toBe(0);
    expect(parseProfile(run.stdout).columns.map((c) => c.name)).toEqual(['car_value', 'repaid']);
    expect(run.stderr).toMatch(/^wrote -: 10000 rows, 2 columns \(exact\)/);
    const file = join(dir, 'two.dwprofile');
    writeFileSync(file, run.stdout);
    const t = runCli(['test', '--reference', file, '--current', CUR, '--preset', 'data-drift', '--quiet']);
    expect(t.stderr).toBe('');
    expect([0, 1]).toContain(t.code);
  });

  it('exits 2 with a stable code on bad input', () => {
    const good = join(dir, 'g.dwprofile');
    expect(runCli(['profile', '--reference', REF, '-o', good, '--quiet']).code).toBe(0);
    const bad = join(dir, 'bad.dwprofile');
    writeFileSync(bad, '{"format":"driftwatch-profile","formatVersion":1,"rows":-3}');
    const cases: [string[], RegExp][] = [
      [
        ['report', '--reference', bad, '--current', CUR],
        /not a valid driftwatch profile: rows: .*\[DW_PROFILE_INVALID\]/,
      ],
      [['report', '--reference', join(dir, 'missing.dwprofile'), '--current', CUR], /\[DW_INPUT_NOT_FOUND\]/],
      [
        ['report', '--reference', REF, '--current', good],
        /can only be given as --reference.*\[DW_BAD_OPTION\]/,
      ],
      [
        ['profile', '--reference', join(dir, 'nope.csv'), '-o', join(dir, 'x.dwprofile')],
        /\[DW_INPUT_NOT_FOUND\]/,
      ],
      [['profile', '--reference', REF, '-o', join(dir, 'y.dwprofile'), '--kll-k', '4'], /--kll-k/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
    expect(runCli(['profile', '--reference', REF]).code).toBe(2); // -o is required
  });
});
