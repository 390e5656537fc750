/** createProfileBuilder: row-by-row updates agree with the table path; cell coercion; errors. */
import { describe, expect, it } from 'vitest';
import { createProfileBuilder } from '../../../src/core/profile/profile-builder.ts';
import { profileTable } from '../../../src/core/profile/profile-table.ts';
import { num, str, table } from '../../helpers/table.ts';

describe('createProfileBuilder', () => {
  it('row-by-row updates give the profile of the same rows as a table (up to moment rounding)', () => {
    const rows = Array.from({ length: 500 }, (_, i) => ({
      x: i % 13 === 0 ? null : (i * 0.37) % 11,
      c: i % 7 === 0 ? undefined : `c${i % 5}`,
      n: i % 4,
    }));
    const builder = createProfileBuilder([
      { name: 'x', dtype: 'float' },
      { name: 'c', dtype: 'string' },
      { name: 'n', dtype: 'int' },
    ]);
    for (const r of rows) builder.update(r);
    expect(builder.rows).toBe(500);
    const streamed = builder.toProfile();
    const batch = profileTable(
      table(
        num(
          'x',
          rows.map((r) => r.x),
        ),
        str(
          'c',
          rows.map((r) => r.c ?? null),
        ),
        num(
          'n',
          rows.map((r) => r.n),
          'int',
        ),
      ),
    );
    const strip = (p: typeof batch) => p.columns.map((c) => ('moments' in c ? { ...c, moments: null } : c));
    expect(strip(streamed)).toEqual(strip(batch));
    const [ms, mb] = [streamed.columns[0]!, batch.columns[0]!].map((c) =>
      'moments' in c ? c.moments : null,
    );
    expect(ms!.count).toBe(mb!.count);
    expect(Math.abs(ms!.mean - mb!.mean)).toBeLessThan(1e-13);
    expect(Math.abs(ms!.m2 - mb!.m2) / mb!.m2).toBeLessThan(1e-12);
  });

  it('coerces cells by column type; wrong kinds and absent keys are missing', () => {
    const b = createProfileBuilder([
      { name: 'f', dtype: 'float' },
      { name: 'd', dtype: 'datetime' },
      { name: 's', dtype: 'string' },
      { name: 'b', dtype: 'bool' },
    ]);
    b.update({ f: 1.5, d: '2024-01-02', s: 'x', b: true });
    b.update({ f: '2', d: new Date(Date.UTC(2024, 0, 3)), s: 7, b: 'FALSE' });
    b.update({ f: Number.NaN, d: 1_704_326_400_000, s: false, b: 'maybe' });
    b.update({ d: 'not a date', s: { x: 1 }, b: null });
    const p = b.toProfile();
    const byName = Object.fromEntries(p.columns.map((c) => [c.name, c]));
    expect([byName.f!.count, byName.f!.missing]).toEqual([1, 3]);
    expect([byName.d!.count, byName.d!.missing]).toEqual([3, 1]);
    expect('moments' in byName.d! && byName.d.moments.min).toBe(Date.UTC(2024, 0, 2));
    expect('items' in byName.s! && byName.s.items.items).toEqual([
      ['x', 1],
      ['7', 1],
      ['false', 1],
    ]);
    expect('items' in byName.b! && byName.b.items.items).toEqual([
      ['true', 1],
      ['false', 1],
    ]);
    expect(byName.b!.missing).toBe(2);
  });

  it('profiles tables by column name (absent columns are missing cells) and can mix rows and tables', () => {
    const b = createProfileBuilder([
      { name: 'x', dtype: 'float' },
      { name: 'gone', dtype: 'string' },
    ]);
    b.updateTable(table(num('x', [1, 2]), num('ignored', [0, 0])));
    b.update({ x: 3, gone: 'here' });
    const p = b.toProfile({ source: 'mixed', createdAtMs: 1 });
    expect(p.rows).toBe(3);
    expect(p.columns.map((c) => [c.name, c.count, c.missing])).toEqual([
      ['x', 3, 0],
      ['gone', 1, 2],
    ]);
    expect(p).toMatchObject({ source: 'mixed', createdAtMs: 1 });
  });

  it('an int column that receives a missing cell is profiled as float (pandas typing)', () => {
    const b = createProfileBuilder([{ name: 'n', dtype: 'int' }]);
    b.update({ n: 1 });
    expect(b.toProfile().columns[0]!.dtype).toBe('int');
    b.update({});
    expect(b.toProfile().columns[0]!.dtype).toBe('float');
  });

  it('rejects duplicate names, type mismatches and bad options', () => {
    expect(() =>
      createProfileBuilder([
        { name: 'a', dtype: 'int' },
        { name: 'a', dtype: 'string' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'DW_PROFILE_DUPLICATE_COLUMN' }));
    const b = createProfileBuilder([{ name: 'a', dtype: 'float' }]);
    expect(() => b.updateTable(table(str('a', ['x'])))).toThrow(
      expect.objectContaining({ code: 'DW_PROFILE_TYPE_MISMATCH' }),
    );
    for (const bad of [
      { kllK: 2 },
      { seed: 0.5 },
      { exactCap: -1 },
      { frequentItemsCapacity: 0 },
      { hllPrecision: 20 },
    ]) {
      expect(() => createProfileBuilder([], bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({
          code: 'DW_PROFILE_BAD_OPTION',
          message: expect.stringContaining(Object.keys(bad)[0]!),
        }),
      );
    }
  });
});
