import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.ts';
import { type Segment, segmentTable, selectRows } from '../../../src/core/segments/index.ts';

/*
 * 12 rows:
 *   row      0  1  2  3  4  5  6  7  8  9 10 11
 *   city     P  L  P  P  L  B  P  L  P  -  L  P      (P = Paris ×6, L = Lyon ×4, B = Brest ×1, − missing)
 *   plan     f  f  p  f  p  f  f  f  p  p  f  f      (f = free ×8, p = pro ×4)
 * Combinations: (P, f) rows 0 3 6 11 → 4; (P, p) rows 2 8 → 2; (L, f) rows 1 7 10 → 3; (L, p) row 4 → 1;
 * (B, f) row 5 → 1. Row 9 has no city.
 */
const city = {
  name: 'city',
  codes: Int32Array.from([0, 1, 0, 0, 1, 2, 0, 1, 0, -1, 1, 0]),
  values: ['Paris', 'Lyon', 'Brest'],
};
const plan = {
  name: 'plan',
  codes: Int32Array.from([0, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 0]),
  values: ['free', 'pro'],
};

function find(t: { segments: readonly Segment[] }, value: Segment['value']): Segment | undefined {
  return t.segments.find((s) => JSON.stringify(s.value) === JSON.stringify(value));
}

describe('segmentTable', () => {
  it('single values (any size, most rows first) and pairs with ≥ minRows rows', () => {
    const t = segmentTable([city, plan], { minRows: 3 });
    expect(t.segments.map((s) => [s.segment, s.value, s.rows])).toEqual([
      ['city', 'Paris', 6],
      ['city', 'Lyon', 4],
      ['city', 'Brest', 1],
      ['plan', 'free', 8],
      ['plan', 'pro', 4],
      [['city', 'plan'], ['Paris', 'free'], 4],
      [['city', 'plan'], ['Lyon', 'free'], 3],
    ]);
    expect([...find(t, 'Paris')!.rowIndices]).toEqual([0, 2, 3, 6, 8, 11]);
    expect([...find(t, 'pro')!.rowIndices]).toEqual([2, 4, 8, 9]);
    expect([...find(t, ['Paris', 'free'])!.rowIndices]).toEqual([0, 3, 6, 11]);
    expect([...find(t, ['Lyon', 'free'])!.rowIndices]).toEqual([1, 7, 10]);
    expect(t.smallCombinations).toBe(3); // (P, p), (L, p), (B, f)
    expect(t.omittedSegments).toBe(0);
    expect(t.omittedValues).toBe(0);
    expect(Object.isFrozen(t.segments[0])).toBe(true);
  });

  it('pairs: false returns only single values', () => {
    const t = segmentTable([city, plan], { minRows: 3, pairs: false });
    expect(t.segments).toHaveLength(5);
    expect(t.smallCombinations).toBe(0);
  });

  it('missingValue makes a segment of the rows without a value', () => {
    const t = segmentTable([city], { missingValue: '(missing)' });
    expect(find(t, '(missing)')).toMatchObject({ segment: 'city', rows: 1 });
    expect([...find(t, '(missing)')!.rowIndices]).toEqual([9]);
  });

  it('maxValuesPerColumn keeps the most frequent values', () => {
    const t = segmentTable([city], { maxValuesPerColumn: 2 });
    expect(t.segments.map((s) => s.value)).toEqual(['Paris', 'Lyon']);
    expect(t.omittedValues).toBe(1);
  });

  it('maxSegments keeps singles first, then the largest combinations', () => {
    const t = segmentTable([city, plan], { minRows: 3, maxSegments: 6 });
    expect(t.segments).toHaveLength(6);
    expect(t.segments[5]!.value).toEqual(['Paris', 'free']);
    expect(t.omittedSegments).toBe(1);
    const u = segmentTable([city, plan], { minRows: 3, maxSegments: 2 });
    expect(u.segments.map((s) => s.value)).toEqual(['Paris', 'Lyon']);
    expect(u.omittedSegments).toBe(5);
  });

  it('values without rows form no segment; zero columns give no segment', () => {
    const t = segmentTable([{ name: 'c', codes: Int32Array.from([1, 1]), values: ['never', 'always'] }]);
    expect(t.segments.map((s) => s.value)).toEqual(['always']);
    expect(segmentTable([]).segments).toEqual([]);
  });

  it('three columns give all three column pairs', () => {
    const n = 100;
    const mk = (name: string, m: number) => ({
      name,
      codes: Int32Array.from({ length: n }, (_, i) => i % m),
      values: Array.from({ length: m }, (_, v) => `${name}${v}`),
    });
    const t = segmentTable([mk('a', 2), mk('b', 5), mk('c', 4)], { minRows: 1 });
    const pairs = t.segments.filter((s) => Array.isArray(s.segment));
    // a×b: 10 combos (i mod 10), a×c: 4 combos (i mod 4 determines i mod 2), b×c: 20 combos.
    expect(pairs).toHaveLength(34);
    for (const s of t.segments) {
      expect(s.rows).toBe(s.rowIndices.length);
      for (let k = 1; k < s.rowIndices.length; k++)
        expect(s.rowIndices[k]!).toBeGreaterThan(s.rowIndices[k - 1]!);
    }
    const total = pairs
      .filter((s) => JSON.stringify(s.segment) === '["b","c"]')
      .reduce((acc, s) => acc + s.rows, 0);
    expect(total).toBe(n);
  });

  it('rejects bad input', () => {
    const bad = (cols: Parameters<typeof segmentTable>[0], code: string, options = {}) =>
      expect(() => segmentTable(cols, options)).toThrow(expect.objectContaining({ code }));
    bad([city, { ...plan, codes: new Int32Array(3) }], 'DW_SEGMENTS_LENGTH_MISMATCH');
    bad([city, { ...plan, name: 'city' }], 'DW_SEGMENTS_DUPLICATE_COLUMN');
    bad([{ ...city, codes: Int32Array.from([3]) }], 'DW_SEGMENTS_BAD_CODE');
    bad([{ ...city, codes: Int32Array.from([-2]) }], 'DW_SEGMENTS_BAD_CODE');
    bad([{ ...city, values: ['a', 'a', 'b'] }], 'DW_SEGMENTS_DUPLICATE_VALUE');
    bad([city], 'DW_SEGMENTS_BAD_OPTION', { minRows: 0 });
    bad([city], 'DW_SEGMENTS_BAD_OPTION', { maxSegments: 1.5 });
    bad([city], 'DW_SEGMENTS_BAD_OPTION', { maxValuesPerColumn: 5000 });
    expect(() => segmentTable([city], { minRows: -1 })).toThrow(UsageError);
  });
});

describe('selectRows', () => {
  it('gathers rows of any typed array, keeping its type', () => {
    const f = Float64Array.from([0.5, 1.5, 2.5, 3.5]);
    const out = selectRows(f, Uint32Array.from([3, 0, 3]));
    expect(out).toBeInstanceOf(Float64Array);
    expect([...out]).toEqual([3.5, 0.5, 3.5]);
    expect(selectRows(Uint8Array.from([1, 0, 1]), Uint32Array.from([1, 2]))).toEqual(Uint8Array.from([0, 1]));
    expect(selectRows(Int32Array.from([-1, 7]), new Uint32Array(0))).toEqual(new Int32Array(0));
  });
  it('rejects an index past the end', () => {
    expect(() => selectRows(new Float64Array(2), Uint32Array.from([2]))).toThrow(
      expect.objectContaining({ code: 'DW_SEGMENTS_ROW_OUT_OF_RANGE' }),
    );
  });
  it('composes with segmentTable: per-segment accuracy', () => {
    const t = segmentTable([plan], {});
    const target = Uint8Array.from([1, 0, 1, 1, 0, 0, 1, 1, 0, 1, 0, 1]);
    const pred = Uint8Array.from([1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 1]);
    const acc = (rows: Uint32Array) => {
      const y = selectRows(target, rows);
      const p = selectRows(pred, rows);
      return y.reduce((s, v, i) => s + Number(v === p[i]), 0) / y.length;
    };
    // free rows 0 1 3 5 6 7 10 11: correct except rows 1 and 6 → 6/8; pro rows 2 4 8 9: wrong at 8 → 3/4.
    expect(acc(find(t, 'free')!.rowIndices)).toBe(6 / 8);
    expect(acc(find(t, 'pro')!.rowIndices)).toBe(3 / 4);
  });
});
