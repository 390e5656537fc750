/** ValueCounts: exact counts of few distinct numbers; overflow past the cap; exact, associative merges. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeValueCounts, ValueCounts } from '../../../src/core/sketch/value-counts.ts';

function countsOf(xs: readonly number[], cap: number): ValueCounts {
  const v = new ValueCounts({ cap });
  v.updateMany(xs);
  return v;
}

describe('ValueCounts', () => {
  it('counts finite values exactly, sorted by value; −0 is 0; NaN/±Infinity ignored', () => {
    const v = countsOf([3, 1, 3, -0, 0, Number.NaN, Number.POSITIVE_INFINITY, 1, 3], 5);
    expect(v.overflowed).toBe(false);
    expect(v.size).toBe(3);
    expect(v.entries()).toEqual([
      [0, 2],
      [1, 2],
      [3, 3],
    ]);
  });

  it('overflows past the cap and stays overflowed', () => {
    const v = countsOf([1, 2, 3], 2);
    expect(v.overflowed).toBe(true);
    expect(v.entries()).toBeNull();
    expect(v.toJSON()).toEqual({ kind: 'value-counts', cap: 2, values: null });
    v.update(1);
    expect(v.overflowed).toBe(true);
    expect(countsOf([1, 2], 2).merge(v).overflowed).toBe(true);
    expect(() => new ValueCounts({ cap: -1 })).toThrow(
      expect.objectContaining({ code: 'DW_SKETCH_BAD_OPTION' }),
    );
  });

  const sample = fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 80 });
  const cap = fc.integer({ min: 0, max: 15 });

  it('merge(counts(a), counts(b)) equals counts(a ∪ b); associative; JSON round-trips', () => {
    fc.assert(
      fc.property(sample, sample, sample, cap, (a, b, c, k) => {
        expect(countsOf(a, k).merge(countsOf(b, k)).toJSON()).toEqual(countsOf([...a, ...b], k).toJSON());
        const [ja, jb, jc] = [countsOf(a, k).toJSON(), countsOf(b, k).toJSON(), countsOf(c, k).toJSON()];
        expect(mergeValueCounts(mergeValueCounts(ja, jb), jc)).toEqual(
          mergeValueCounts(ja, mergeValueCounts(jb, jc)),
        );
        expect(ValueCounts.fromJSON(JSON.parse(JSON.stringify(ja))).toJSON()).toEqual(ja);
      }),
    );
  });

  it('rejects inconsistent states', () => {
    for (const state of [
      {
        kind: 'value-counts',
        cap: 1,
        values: [
          [1, 1],
          [2, 1],
        ],
      },
      { kind: 'value-counts', cap: 3, values: [[1, 0]] },
      {
        kind: 'value-counts',
        cap: 3,
        values: [
          [1, 1],
          [1, 2],
        ],
      },
      { kind: 'counts', cap: 3, values: [] },
    ]) {
      expect(() => ValueCounts.fromJSON(state as never)).toThrow(
        expect.objectContaining({ code: 'DW_SKETCH_INVALID' }),
      );
    }
  });
});
