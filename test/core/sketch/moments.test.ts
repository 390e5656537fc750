/**
 * Moments (Welford / two-pass / Chan et al. merge) against exact rational-arithmetic moments
 * (scripts/fixtures/sketch.py), plus merge properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Moments, mergeMoments, momentsOf } from '../../../src/core/sketch/moments.ts';
import fixture from '../../fixtures/sketch/moments.json' with { type: 'json' };

const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

/** |a − b| relative to the data's magnitude (a mean near 0 of large values has no small relative error). */
const scaled = (a: number, b: number, scale: number) => Math.abs(a - b) / scale;

describe('moments against exact rational arithmetic', () => {
  for (const c of fixture.cases) {
    // offset-1e9 (1e9 ± 1e-3): condition number κ² = n·mean²/M2 ≈ 1e24 (Chan, Golub & LeVeque 1983). Only the
    // corrected two-pass batch stays exact; Welford's update and Chan's merge lose ~κ·ε of M2 there.
    const illConditioned = c.name === 'offset-1e9';
    it(`${c.name}: batch (two-pass), value-by-value (Welford) and merged halves`, () => {
      const scale = c.values.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
      const batch = momentsOf(c.values);
      expect(batch.count).toBe(c.exact.count);
      expect(batch.min).toBe(c.exact.min);
      expect(batch.max).toBe(c.exact.max);
      expect(scaled(batch.mean, c.exact.mean, scale)).toBeLessThan(4e-16);
      expect(rel(batch.m2, c.exact.m2)).toBeLessThan(4e-15);
      // numpy's pairwise two-pass var is itself 6.6e-10 off the exact value on offset-1e9.
      expect(rel(batch.variance(1), c.numpy.var1)).toBeLessThan(1e-9);
      expect(rel(batch.variance(0), c.numpy.var0)).toBeLessThan(1e-9);

      const welford = new Moments();
      for (const x of c.values) welford.update(x);
      expect(scaled(welford.mean, c.exact.mean, scale)).toBeLessThan(1e-15);
      expect(rel(welford.m2, c.exact.m2)).toBeLessThan(illConditioned ? 1e-5 : 1e-14);

      const cut = Math.floor(c.values.length / 3);
      const merged = momentsOf(c.values.slice(0, cut)).merge(momentsOf(c.values.slice(cut)));
      expect(merged.count).toBe(c.exact.count);
      expect(scaled(merged.mean, c.exact.mean, scale)).toBeLessThan(4e-16);
      expect(rel(merged.m2, c.exact.m2)).toBeLessThan(illConditioned ? 1e-6 : 1e-14);
    });
  }
});

describe('moments edge cases', () => {
  it('ignores NaN and ±Infinity; empty and single-value states', () => {
    const m = momentsOf([Number.NaN, Number.POSITIVE_INFINITY, 2, Number.NEGATIVE_INFINITY]);
    expect(m.toJSON()).toEqual({ count: 1, mean: 2, m2: 0, min: 2, max: 2 });
    expect(m.variance()).toBeNaN();
    expect(m.variance(0)).toBe(0);
    const empty = new Moments();
    expect(empty.toJSON()).toEqual({ count: 0, mean: 0, m2: 0, min: null, max: null });
    expect(empty.min).toBeNaN();
    expect(new Moments().merge(empty).toJSON()).toEqual(empty.toJSON());
    expect(momentsOf([1, 2]).merge(empty).toJSON()).toEqual(momentsOf([1, 2]).toJSON());
  });

  it('rejects inconsistent states', () => {
    for (const bad of [
      { count: -1, mean: 0, m2: 0, min: null, max: null },
      { count: 1, mean: 0, m2: -1, min: 0, max: 0 },
      { count: 1, mean: 0, m2: 0, min: null, max: null },
      { count: 2, mean: 0, m2: 0, min: 3, max: 1 },
      { count: 1.5, mean: 0, m2: 0, min: 0, max: 0 },
    ]) {
      expect(() => Moments.fromJSON(bad), JSON.stringify(bad)).toThrow(
        expect.objectContaining({ code: 'DW_SKETCH_INVALID' }),
      );
    }
  });
});

// Tiny values are left out: their squares underflow to subnormals, whose rounding errors are far above 1e-12.
const value = fc
  .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
  .filter((x) => x === 0 || Math.abs(x) > 1e-100);
const sample = fc.array(value, { maxLength: 60 });

/** Relative error with an absolute floor at the data's scale: M2 of near-constant data is ~0. */
function close(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(b), scale);
}

describe('moments merge properties (fast-check)', () => {
  it('merge(sketch(a), sketch(b)) equals sketch(a ∪ b) to 1e-12 relative', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const merged = momentsOf(a).merge(momentsOf(b));
        const whole = momentsOf([...a, ...b]);
        const all = [...a, ...b];
        const scale = all.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
        expect(merged.count).toBe(whole.count);
        expect(merged.toJSON().min).toBe(whole.toJSON().min);
        expect(merged.toJSON().max).toBe(whole.toJSON().max);
        expect(close(merged.mean, whole.mean, scale * 1e-3)).toBe(true);
        expect(close(merged.m2, whole.m2, scale * scale * all.length * 1e-3)).toBe(true);
      }),
    );
  });

  it('merging is associative and serialisation round-trips', () => {
    fc.assert(
      fc.property(sample, sample, sample, (a, b, c) => {
        const left = mergeMoments(
          mergeMoments(momentsOf(a).toJSON(), momentsOf(b).toJSON()),
          momentsOf(c).toJSON(),
        );
        const right = mergeMoments(
          momentsOf(a).toJSON(),
          mergeMoments(momentsOf(b).toJSON(), momentsOf(c).toJSON()),
        );
        const all = [...a, ...b, ...c];
        const scale = all.reduce((s, x) => Math.max(s, Math.abs(x)), 0);
        expect(left.count).toBe(right.count);
        expect(close(left.mean, right.mean, scale * 1e-3)).toBe(true);
        expect(close(left.m2, right.m2, scale * scale * all.length * 1e-3)).toBe(true);
        const s = momentsOf(a).toJSON();
        expect(Moments.fromJSON(JSON.parse(JSON.stringify(s))).toJSON()).toEqual(s);
      }),
    );
  });
});
