/** QuantileSketch: exact (every value kept) up to the cap, KLL beyond; merges and serialisation. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kllNormalizedRankError } from '../../../src/core/sketch/kll.ts';
import { mergeQuantileSketches, QuantileSketch } from '../../../src/core/sketch/quantile-sketch.ts';

const sorted = (xs: readonly number[]) => Float64Array.from(xs).sort();

function sketchOf(xs: readonly number[], exactCap: number, seed = 0): QuantileSketch {
  const s = new QuantileSketch({ exactCap, k: 16, seed });
  s.updateMany(xs);
  return s;
}

describe('QuantileSketch', () => {
  it('keeps every value up to the cap: exact ranks and quantiles', () => {
    const s = new QuantileSketch({ exactCap: 10 });
    s.updateMany([5, Number.NaN, 1, 3, 3, 9]);
    s.update(Number.NaN);
    s.update(7);
    expect(s.exact).toBe(true);
    expect(s.n).toBe(6);
    expect(s.rankErrorBound).toBe(0);
    expect(Array.from(s.sortedValues()!)).toEqual([1, 3, 3, 5, 7, 9]);
    expect(s.rank(3)).toBe(3 / 6);
    expect(s.rank(3, false)).toBe(1 / 6);
    expect(s.quantile(0.5)).toBe(3);
    expect(s.quantile(0.5, false)).toBe(5);
    expect(s.quantile(0)).toBe(1);
    expect(s.quantile(1)).toBe(9);
    expect(Array.from(s.sortedView().cumulativeWeights)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(s.kll).toBeNull();
  });

  it('switches to KLL one value past the cap, with the KLL error bound', () => {
    const s = new QuantileSketch({ exactCap: 100, k: 200 });
    for (let i = 0; i < 100; i++) s.update(i);
    expect(s.exact).toBe(true);
    s.update(100);
    expect(s.exact).toBe(false);
    expect(s.n).toBe(101);
    expect(s.sortedValues()).toBeNull();
    expect(s.rankErrorBound).toBe(kllNormalizedRankError(200));
    expect(s.rank(50)).toBe(51 / 101); // nothing compacted yet: still exact answers
  });

  it('bulk updates skip NaN and fill the cap exactly', () => {
    const values = new Float64Array(30).map((_, i) => (i % 3 === 0 ? Number.NaN : i));
    const s = new QuantileSketch({ exactCap: 20 });
    s.updateMany(values);
    expect(s.exact).toBe(true);
    expect(s.n).toBe(20);
    s.updateMany([1]);
    expect(s.exact).toBe(false);
    expect(s.n).toBe(21);
    const t = new QuantileSketch({ exactCap: 0 });
    expect(t.exact).toBe(false);
    expect(() => new QuantileSketch({ exactCap: -1 })).toThrow(
      expect.objectContaining({ code: 'DW_SKETCH_BAD_OPTION' }),
    );
    expect(() => new QuantileSketch({ k: 3 })).toThrow(
      expect.objectContaining({ code: 'DW_SKETCH_BAD_OPTION' }),
    );
  });

  const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { maxLength: 400 });
  const cap = fc.integer({ min: 0, max: 500 });

  it('merge(sketch(a), sketch(b)) equals sketch(a ∪ b) exactly in exact mode, within the bound beyond', () => {
    fc.assert(
      fc.property(sample, sample, cap, (a, b, exactCap) => {
        const merged = sketchOf(a, exactCap, 1).merge(sketchOf(b, exactCap, 2));
        const whole = sketchOf([...a, ...b], exactCap);
        expect(merged.n).toBe(a.length + b.length);
        expect(merged.exact).toBe(whole.exact);
        if (whole.exact) {
          expect(Array.from(merged.sortedValues()!)).toEqual(Array.from(whole.sortedValues()!));
          return;
        }
        const all = sorted([...a, ...b]);
        let worst = 0;
        for (let i = 0; i < all.length; i++) {
          let j = i;
          while (j + 1 < all.length && all[j + 1] === all[i]) j++;
          worst = Math.max(worst, Math.abs(merged.rank(all[i]!) - (j + 1) / all.length));
        }
        expect(worst).toBeLessThanOrEqual(2 * merged.rankErrorBound);
      }),
      { numRuns: 80 },
    );
  });

  it('merges associatively (exactly in exact mode) and round-trips through JSON', () => {
    fc.assert(
      fc.property(sample, sample, sample, cap, (a, b, c, exactCap) => {
        const [ja, jb, jc] = [
          sketchOf(a, exactCap, 1),
          sketchOf(b, exactCap, 2),
          sketchOf(c, exactCap, 3),
        ].map((s) => s.toJSON()) as [
          ReturnType<QuantileSketch['toJSON']>,
          ReturnType<QuantileSketch['toJSON']>,
          ReturnType<QuantileSketch['toJSON']>,
        ];
        const left = mergeQuantileSketches(mergeQuantileSketches(ja, jb), jc);
        const right = mergeQuantileSketches(ja, mergeQuantileSketches(jb, jc));
        if (left.exact) expect(right).toEqual(left);
        else expect(QuantileSketch.fromJSON(right).n).toBe(QuantileSketch.fromJSON(left).n);
        expect(QuantileSketch.fromJSON(JSON.parse(JSON.stringify(ja))).toJSON()).toEqual(ja);
      }),
      { numRuns: 60 },
    );
  });

  it('rejects inconsistent states', () => {
    expect(() =>
      QuantileSketch.fromJSON({
        kind: 'quantiles',
        exact: true,
        exactCap: 1,
        k: 200,
        seed: 0,
        values: [1, 2],
      }),
    ).toThrow(expect.objectContaining({ code: 'DW_SKETCH_INVALID' }));
    expect(() =>
      QuantileSketch.fromJSON({
        kind: 'other',
        exact: true,
        exactCap: 1,
        k: 200,
        seed: 0,
        values: [],
      } as never),
    ).toThrow(expect.objectContaining({ code: 'DW_SKETCH_INVALID' }));
  });
});
