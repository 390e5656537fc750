/**
 * profileTable → profileToTable on exact data gives the check engine the same answers as the raw table;
 * profiles of two halves merge into the profile of the whole; a sketched reference keeps the KS statistic
 * within the KLL rank-error bound of the exact one.
 */
import { describe, expect, it } from 'vitest';
import { mergeProfiles } from '../../../src/core/profile/merge-profiles.ts';
import { parseProfile, serializeProfile } from '../../../src/core/profile/profile-file.ts';
import { profileTable } from '../../../src/core/profile/profile-table.ts';
import { profileToTable } from '../../../src/core/profile/profile-to-table.ts';
import type { DatasetProfile, NumericProfileColumn } from '../../../src/core/profile/profile-types.ts';
import { compareTables } from '../../../src/core/report/compare-tables.ts';
import { ks2samp } from '../../../src/core/stats/ks-2samp.ts';
import { sortedFinite } from '../../../src/core/stats/sorted.ts';
import type { Column, NumberColumn, Table } from '../../../src/core/table/column.ts';
import { num, str, table } from '../../helpers/table.ts';

/** Deterministic uniform [0, 1) stream (32-bit LCG). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function dataset(rows: number, seed: number, shift: number): Table {
  const u = lcg(seed);
  const normal = () => {
    let v = 0;
    for (let i = 0; i < 4; i++) v += u();
    return (v - 2) * 1.7;
  };
  const cities = ['Paris', 'Lyon', 'Nice', 'Lille', 'Brest'];
  const at = (i: number, f: () => number) => (i % 37 === 5 ? null : f());
  return table(
    num(
      'score',
      Array.from({ length: rows }, (_, i) => at(i, () => normal() + shift)),
    ),
    num(
      'amount',
      Array.from({ length: rows }, (_, i) =>
        i === 3 ? Number.POSITIVE_INFINITY : Math.round(u() * 1e4) / 100,
      ),
    ),
    num(
      'visits',
      Array.from({ length: rows }, () => Math.floor(u() * (30 + shift * 10))),
      'int',
    ),
    num(
      'rating',
      Array.from({ length: rows }, () => Math.floor(u() * 4 + shift)),
      'int',
    ),
    str(
      'city',
      Array.from({ length: rows }, (_, i) =>
        i % 11 === 0 ? null : cities[Math.floor(u() ** (1 + shift) * 5)]!,
      ),
    ),
    str(
      'member',
      Array.from({ length: rows }, () => (u() < 0.3 + shift / 4 ? 'true' : 'false')),
      'bool',
    ),
    num(
      'signup',
      Array.from({ length: rows }, (_, i) => Date.UTC(2024, 0, 1) + (i % 97) * 86_400_000),
      'datetime',
    ),
  );
}

const now = () => new Date('2026-01-01T00:00:00Z');

function driftOf(reference: Table, current: Table) {
  const r = compareTables(reference, current, { now });
  return { drift: r.drift, quality: r.quality.reference.columns };
}

describe('profileTable → profileToTable on exact data', () => {
  for (const [name, refRows, curRows] of [
    ['small reference (p-value tests)', 400, 300],
    ['larger reference (distance methods)', 3000, 2000],
  ] as const) {
    it(`${name}: identical drift results through compareTables`, () => {
      const reference = dataset(refRows, 1, 0);
      const current = dataset(curRows, 2, 0.4);
      const profile = profileTable(reference);
      expect(profile.exact).toBe(true);
      expect(profile.rows).toBe(refRows);
      const rebuilt = profileToTable(parseProfile(serializeProfile(profile)));
      expect(rebuilt.rowCount).toBe(refRows);

      const original = driftOf(reference, current);
      const fromProfile = driftOf(rebuilt, current);
      expect(fromProfile.drift.columns.length).toBeGreaterThanOrEqual(5);
      for (const c of original.drift.columns) {
        const p = fromProfile.drift.columns.find((d) => d.column === c.column)!;
        expect(p.method, c.column).toBe(c.method);
        expect(p.statistic, c.column).toBe(c.statistic);
        expect(p.drifted, c.column).toBe(c.drifted);
      }
      expect(fromProfile.drift).toEqual(original.drift);
      // Per-column quality of the reference comes out the same too.
      for (const [column, q] of Object.entries(original.quality)) {
        expect(fromProfile.quality[column], column).toEqual(q);
      }
    });
  }

  it('rebuilds each column: values as a multiset, missing and infinite cells, the dictionary in first-seen order', () => {
    const reference = dataset(200, 3, 0);
    const rebuilt = profileToTable(profileTable(reference));
    expect(rebuilt.duplicatedRows).toBe(0);
    for (const original of reference.columns) {
      const copy = rebuilt.columns.find((c) => c.name === original.name)!;
      expect(copy.dtype).toBe(original.dtype);
      if ('values' in original) {
        const a = Float64Array.from(original.values).sort();
        const b = Float64Array.from((copy as NumberColumn).values).sort();
        expect(Array.from(b), original.name).toEqual(Array.from(a));
      } else {
        const c = copy as Extract<Column, { codes: Int32Array }>;
        expect(c.dictionary).toEqual(original.dictionary);
        const tally = (codes: Int32Array) => Array.from(codes).sort((x, y) => x - y);
        expect(tally(c.codes), original.name).toEqual(tally(original.codes));
      }
    }
  });
});

/** Profiles equal up to floating-point rounding of the moments (merged with Chan's formula vs. two-pass). */
function expectSameProfile(actual: DatasetProfile, expected: DatasetProfile): void {
  const strip = (p: DatasetProfile) =>
    p.columns.map((c) => ('moments' in c ? { ...c, moments: { ...c.moments, mean: 0, m2: 0 } } : c));
  expect(strip(actual)).toEqual(strip(expected));
  expect(actual.rows).toBe(expected.rows);
  expect(actual.exact).toBe(expected.exact);
  for (const c of expected.columns) {
    if (!('moments' in c)) continue;
    const m = (actual.columns.find((a) => a.name === c.name) as typeof c).moments;
    const scale = Math.max(Math.abs(c.moments.min ?? 0), Math.abs(c.moments.max ?? 0), 1);
    expect(Math.abs(m.mean - c.moments.mean), c.name).toBeLessThanOrEqual(1e-14 * scale);
    expect(Math.abs(m.m2 - c.moments.m2), c.name).toBeLessThanOrEqual(1e-12 * Math.max(c.moments.m2, 1));
  }
}

function slice(t: Table, from: number, to: number): Table {
  return {
    rowCount: to - from,
    columns: t.columns.map((c) =>
      'values' in c ? { ...c, values: c.values.slice(from, to) } : { ...c, codes: c.codes.slice(from, to) },
    ),
  };
}

describe('mergeProfiles', () => {
  it('exact mode: the merged profiles of two halves are the profile of the whole', () => {
    const whole = dataset(1000, 4, 0);
    for (const cut of [0, 1, 377, 999, 1000]) {
      const merged = mergeProfiles(profileTable(slice(whole, 0, cut)), profileTable(slice(whole, cut, 1000)));
      expectSameProfile(merged, profileTable(whole));
    }
  });

  it('is associative (three parts, either grouping) and the rebuilt tables give identical drift', () => {
    const whole = dataset(900, 5, 0);
    const [a, b, c] = [slice(whole, 0, 250), slice(whole, 250, 600), slice(whole, 600, 900)].map((t) =>
      profileTable(t),
    ) as [DatasetProfile, DatasetProfile, DatasetProfile];
    const left = mergeProfiles(mergeProfiles(a, b), c);
    const right = mergeProfiles(a, mergeProfiles(b, c));
    expectSameProfile(left, right);
    const current = dataset(500, 6, 0.3);
    expect(driftOf(profileToTable(left), current).drift).toEqual(driftOf(whole, current).drift);
  });

  it('a column present on one side only gets missing cells for the other side (int becomes float)', () => {
    const a = profileTable(table(num('x', [1, 2, 3], 'int'), str('s', ['p', 'q', 'p'])));
    const b = profileTable(table(str('s', ['q', null]), num('y', [0.5, 1.5])));
    const m = mergeProfiles(a, b);
    expect(m.rows).toBe(5);
    expect(m.columns.map((c) => [c.name, c.dtype, c.count, c.missing])).toEqual([
      ['x', 'float', 3, 2],
      ['s', 'string', 4, 1],
      ['y', 'float', 2, 3],
    ]);
    const t = profileToTable(m);
    expect(t.rowCount).toBe(5);
    for (const c of t.columns) expect('values' in c ? c.values.length : c.codes.length).toBe(5);
  });

  it('widens int ∪ float and bool ∪ string; rejects numeric ∪ text', () => {
    const ints = profileTable(table(num('v', [1, 2], 'int'), str('b', ['true', 'false'], 'bool')));
    const floats = profileTable(table(num('v', [0.5]), str('b', ['yes'])));
    const m = mergeProfiles(ints, floats);
    expect(m.columns.map((c) => c.dtype)).toEqual(['float', 'string']);
    const text = profileTable(table(str('v', ['a'])));
    expect(() => mergeProfiles(ints, text)).toThrow(
      expect.objectContaining({ code: 'DW_PROFILE_MERGE_MISMATCH' }),
    );
    const dates = profileTable(table(num('v', [0], 'datetime')));
    expect(() => mergeProfiles(ints, dates)).toThrow(
      expect.objectContaining({ code: 'DW_PROFILE_MERGE_MISMATCH' }),
    );
  });

  it('keeps the earlier createdAtMs and a shared source', () => {
    const t = table(num('x', [1]));
    const a = profileTable(t, { createdAtMs: 5, source: 'a.csv' });
    const b = profileTable(t, { createdAtMs: 3, source: 'a.csv' });
    const c = profileTable(t, { source: 'c.csv' });
    expect(mergeProfiles(a, b)).toMatchObject({ createdAtMs: 3, source: 'a.csv' });
    expect(mergeProfiles(a, c).source).toBeUndefined();
    expect(mergeProfiles(c, c).createdAtMs).toBeUndefined();
  });
});

describe('sketched profiles', () => {
  const rows = 300_000;
  const u = lcg(42);
  const refValues = new Float64Array(rows);
  for (let i = 0; i < rows; i++) refValues[i] = -Math.log(1 - u()) * 3 + (i % 1000 === 0 ? Number.NaN : 0);
  const curValues = new Float64Array(20_000);
  for (let i = 0; i < curValues.length; i++) curValues[i] = -Math.log(1 - u()) * 3.15;
  const reference = table({ name: 'latency', dtype: 'float', values: refValues });

  it('300k rows with an exact cap of 10k: the KS statistic is within the rank-error bound of the exact one', () => {
    const profile = profileTable(reference, { exactCap: 10_000 });
    const col = profile.columns[0]! as NumericProfileColumn;
    expect(col.exact).toBe(false);
    expect(col.rankErrorBound).toBeCloseTo(0.0133, 4);
    expect(col.count).toBe(rows - 300);
    expect(col.missing).toBe(300);
    const rebuilt = profileToTable(parseProfile(serializeProfile(profile)));
    const values = (rebuilt.columns[0] as NumberColumn).values;
    expect(values.length).toBe(rows);
    const rebuiltFinite = sortedFinite(values);
    expect(rebuiltFinite.length).toBe(rows - 300);
    expect(rebuiltFinite[0]).toBe(col.moments.min);
    expect(rebuiltFinite[rebuiltFinite.length - 1]).toBe(col.moments.max);

    const current = sortedFinite(curValues);
    const exact = ks2samp(sortedFinite(refValues), current, { method: 'asymp' }).statistic;
    const sketched = ks2samp(rebuiltFinite, current, { method: 'asymp' }).statistic;
    expect(exact).toBeGreaterThan(0.005);
    expect(Math.abs(sketched - exact)).toBeLessThanOrEqual(col.rankErrorBound);
    // The report's drift verdict (Wasserstein on a large reference) agrees too.
    const r1 = compareTables(reference, table({ name: 'latency', dtype: 'float', values: curValues }), {
      now,
    });
    const r2 = compareTables(rebuilt, table({ name: 'latency', dtype: 'float', values: curValues }), { now });
    expect(r2.drift.columns[0]!.method).toBe(r1.drift.columns[0]!.method);
    expect(Math.abs(r2.drift.columns[0]!.statistic! - r1.drift.columns[0]!.statistic!)).toBeLessThan(0.02);
  });

  it('a low-cardinality numeric column stays exact past the cap (value counts)', () => {
    const t = table(
      num(
        'code',
        Array.from({ length: 50_000 }, (_, i) => (i * 7) % 9),
        'int',
      ),
    );
    const profile = profileTable(t, { exactCap: 1000 });
    const c = profile.columns[0]!;
    expect(c.exact).toBe(true);
    expect(c.rankErrorBound).toBe(0);
    expect(c.distinct).toBe(9);
    const current = table(
      num(
        'code',
        Array.from({ length: 3000 }, (_, i) => (i * 5) % 8),
        'int',
      ),
    );
    expect(driftOf(profileToTable(profile), current).drift).toEqual(driftOf(t, current).drift);
  });

  it('a high-cardinality string column is sketched: kept items exact-or-lower counts, the rest missing', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? 'common' : `id-${i}`));
    const profile = profileTable(table(str('tag', values)), { frequentItemsCapacity: 100 });
    const c = profile.columns[0]!;
    expect(c.exact).toBe(false);
    expect(c.rankErrorBound).toBeGreaterThan(0.5);
    expect(Math.abs(c.distinct - 13_334) / 13_334).toBeLessThan(4 * 0.01625);
    const rebuilt = profileToTable(profile).columns[0] as Extract<Column, { codes: Int32Array }>;
    expect(rebuilt.codes.length).toBe(20_000);
    expect(rebuilt.dictionary[0]).toBe('common');
    const commonCode = 0;
    const commons = rebuilt.codes.filter((x) => x === commonCode).length;
    expect(commons).toBeLessThanOrEqual(6667);
    expect(commons).toBeGreaterThanOrEqual(6667 - 20_000 / 101);
  });
});
