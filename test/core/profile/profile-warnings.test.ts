/** What a report says when its reference is a profile. */
import { describe, expect, it } from 'vitest';
import { profileTable } from '../../../src/core/profile/profile-table.ts';
import { profileWarnings, sketchedColumns } from '../../../src/core/profile/profile-warnings.ts';
import { num, str, table } from '../../helpers/table.ts';

describe('profileWarnings', () => {
  const t = table(
    num(
      'x',
      Array.from({ length: 5000 }, (_, i) => i / 3),
    ),
    num(
      'flag',
      Array.from({ length: 5000 }, (_, i) => i % 2),
      'int',
    ),
    str(
      'id',
      Array.from({ length: 5000 }, (_, i) => `u${i % 800}`),
    ),
  );

  it('always says the reference is a profile; lists sketched columns with their bounds', () => {
    const exact = profileTable(t);
    expect(sketchedColumns(exact)).toEqual([]);
    expect(profileWarnings(exact, { source: 'ref.dwprofile' })).toEqual([
      expect.objectContaining({
        code: 'DW_REFERENCE_PROFILE',
        column: null,
        message: expect.stringContaining('the reference is a profile (ref.dwprofile) of 5000 rows'),
      }),
    ]);

    const sketched = profileTable(t, { exactCap: 1000, frequentItemsCapacity: 100 });
    expect(sketchedColumns(sketched)).toEqual([
      { column: 'x', sketch: 'quantiles', rankErrorBound: sketched.columns[0]!.rankErrorBound },
      { column: 'id', sketch: 'frequent-items', rankErrorBound: sketched.columns[2]!.rankErrorBound },
    ]);
    const warnings = profileWarnings(sketched);
    expect(warnings.map((w) => w.code)).toEqual(['DW_REFERENCE_PROFILE', 'DW_REFERENCE_SKETCHED']);
    expect(warnings[1]!.message).toContain("'x' (KLL: CDF within ±1.33%, 99% confidence)");
    expect(sketched.columns[2]!.rankErrorBound).toBeGreaterThan(0);
    expect(warnings[1]!.message).toMatch(
      /'id' \(frequent items: \d+\.\d\d% of values not attributed to a category/,
    );
    expect(warnings[1]!.message).toMatch(/^2 reference columns are sketched/);
    expect(profileWarnings(sketched, { columns: ['x', 'flag'] })[1]!.message).toMatch(
      /^1 reference column is sketched/,
    );
    expect(profileWarnings(sketched, { columns: ['flag'] })).toHaveLength(1);
  });
});
