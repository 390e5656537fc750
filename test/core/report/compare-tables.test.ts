/** The check engine on hand-built tables: bad data becomes warnings, never a crashed report. */
import { describe, expect, it } from 'vitest';
import { compareTables } from '../../../src/core/report/compare-tables.ts';
import { ReportResultSchema } from '../../../src/core/report/result-schema.ts';
import { num, str, table } from '../../helpers/table.ts';

const n = 60;
const seq = <T>(f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const now = () => new Date('2026-01-01T00:00:00Z');

describe('compareTables', () => {
  const reference = table(
    num(
      'x',
      seq((i) => (i * 7) % 23),
    ),
    num(
      'empty',
      seq(() => null),
    ),
    str(
      'id',
      seq((i) => i).map((i) => `user-${i}`),
    ),
    str(
      'text',
      seq((i) => i).map((i) => `free text ${i}`),
    ),
    num(
      'flat',
      seq(() => 3),
    ),
    str(
      'c',
      seq((i) => ['a', 'b', 'c'][i % 3]!),
    ),
    num(
      'only_ref',
      seq((i) => i),
    ),
  );
  const current = table(
    num(
      'x',
      seq((i) => ((i * 7) % 23) + 10),
    ),
    num(
      'empty',
      seq(() => null),
    ),
    str(
      'id',
      seq((i) => i).map((i) => `user-${i + 100}`),
    ),
    str(
      'text',
      seq((i) => i).map((i) => `other text ${i}`),
    ),
    num(
      'flat',
      seq(() => 3),
    ),
    str(
      'c',
      seq((i) => ['a', 'b', 'c', 'd'][i % 4]!),
    ),
  );
  const result = compareTables(reference, current, {
    columnTypes: { id: 'id' },
    columnMethods: { flat: 'es' },
    now,
  });
  const col = (name: string) => result.drift.columns.find((c) => c.column === name);

  it('produces a schema-valid result', () => {
    expect(() => ReportResultSchema.parse(result)).not.toThrow();
    expect(result.generatedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('tests num and cat columns with the auto-selected methods (≤ 1000 reference rows)', () => {
    expect(col('x')).toMatchObject({ type: 'num', method: 'ks', drifted: true });
    // scipy 1.17.1: ks_2samp([(i*7)%23 for i in range(60)], [v + 10 …]).pvalue
    expect(col('x')!.statistic).toBeCloseTo(1.9360373938277886e-5, 15);
    expect(col('c')).toMatchObject({ type: 'cat', method: 'chisquare', statistic: 0, drifted: true });
  });

  it('gives an all-missing column a null verdict and a warning', () => {
    expect(col('empty')).toMatchObject({ drifted: null, statistic: null, referenceRows: 0 });
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'DW_EMPTY_COLUMN', column: 'empty' }),
    );
  });

  it('reports text columns with drifted: null and a warning; id columns are not drift-tested', () => {
    expect(col('text')).toMatchObject({ type: 'text', method: null, drifted: null });
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'DW_TEXT_DRIFT_UNSUPPORTED', column: 'text' }),
    );
    expect(col('id')).toBeUndefined();
    expect(result.columns.find((c) => c.name === 'id')).toEqual({
      name: 'id',
      type: 'id',
      typeSource: 'override',
    });
  });

  it('turns a test that is undefined for the data into a null verdict with the reason', () => {
    // Epps-Singleton needs a non-zero pooled IQR (Evidently raises); the report survives.
    expect(col('flat')).toMatchObject({ method: 'es', drifted: null, statistic: null });
    expect(result.warnings.find((w) => w.column === 'flat')?.message).toContain('zero-iqr');
  });

  it('warns about columns present on one side only', () => {
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ code: 'DW_COLUMN_MISSING_IN_CURRENT', column: 'only_ref' }),
    );
    expect(result.quality.reference.columns.only_ref).toBeDefined();
    expect(result.quality.current.columns.only_ref).toBeUndefined();
  });

  it('does not count null verdicts in the dataset share', () => {
    expect(result.drift).toMatchObject({ columnCount: 2, driftedCount: 2, share: 1, datasetDrift: true });
  });

  it('flags constant and empty columns in dataset quality', () => {
    expect(result.quality.current.dataset.constantColumns).toEqual(['flat']);
    expect(result.quality.current.dataset.emptyColumns).toEqual(['empty']);
  });

  it('refuses a method that needs numbers on a string column, with a warning', () => {
    const r = compareTables(table(str('s', ['a', 'b'])), table(str('s', ['a', 'a'])), { method: 'ks' });
    expect(r.drift.columns[0]).toMatchObject({ method: 'ks', drifted: null });
    expect(r.warnings[0]!.code).toBe('DW_METHOD_NOT_APPLICABLE');
  });

  it('compares a column read as numbers on one side and strings on the other as categories', () => {
    const r = compareTables(table(num('v', [1, 2, 2, 3])), table(str('v', ['1', '2', 'x', 'x'])), {
      columnTypes: { v: 'num' },
    });
    expect(r.drift.columns[0]).toMatchObject({ type: 'cat', method: 'chisquare' });
    expect(r.warnings.map((w) => w.code)).toContain('DW_TYPE_MISMATCH');
  });

  it('infers int columns with ≤ 10 values as categorical and integer with missing cells as float → num', () => {
    const r = compareTables(
      table(num('k', [1, 2, 3, 1], 'int'), num('f', [1, 2, null, 4])),
      table(num('k', [1, 2, 2, 1], 'int'), num('f', [1, 2, 3, 4])),
    );
    expect(r.columns.map((c) => c.type)).toEqual(['cat', 'num']);
  });
});
