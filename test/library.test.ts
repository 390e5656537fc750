/** The library entry point as users import it: `import { compare } from 'driftwatch'` (the built package). */

import { compare, compareTables, METHOD_IDS, ReportResultSchema, type Table, UsageError } from 'driftwatch';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-cli.ts';

describe("import { compare } from 'driftwatch'", () => {
  it('compares two files and returns the same result object as the CLI', async () => {
    const result = await compare({
      reference: `${ROOT}/examples/reference.csv`,
      current: `${ROOT}/examples/current.csv`,
      columns: ['car_value', 'salary_range'],
    });
    expect(
      ReportResultSchema.parse(result).drift.columns.map((c) => [c.column, c.method, c.drifted]),
    ).toEqual([
      ['car_value', 'wasserstein', true],
      ['salary_range', 'jensenshannon', true],
    ]);
    expect(result.reference.files).toEqual([`${ROOT}/examples/reference.csv`]);
  });

  it('accepts in-memory tables and typed options', async () => {
    const table = (xs: number[]): Table => ({
      rowCount: xs.length,
      columns: [{ name: 'x', dtype: 'float', values: Float64Array.from(xs) }],
    });
    const result = await compare({
      reference: table([1, 2, 3, 4, 5, 6, 7, 8]),
      current: table([5, 6, 7, 8, 9, 10, 11, 12]),
      method: 'ks',
    });
    // scipy 1.17.1: stats.ks_2samp(range(1, 9), range(5, 13)).pvalue = 0.2826728826728826 (exact mode)
    expect(result.drift.columns[0]!.statistic).toBeCloseTo(0.2826728826728826, 14);
    expect(compareTables).toBeTypeOf('function');
    expect(METHOD_IDS).toContain('empirical_mmd');
  });

  it('raises a UsageError with a stable code for bad options', async () => {
    const t: Table = { rowCount: 1, columns: [{ name: 'x', dtype: 'float', values: Float64Array.of(1) }] };
    await expect(compare({ reference: t, current: t, columns: ['nope'] })).rejects.toBeInstanceOf(UsageError);
    await expect(compare({ reference: t, current: t, columns: ['nope'] })).rejects.toMatchObject({
      code: 'DW_UNKNOWN_COLUMN',
    });
  });
});
