import { describe, expect, it } from 'vitest';
import { createRandom, hypergeometricSample } from '../../../src/core/stats/random.ts';

describe('createRandom (xoshiro128**)', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = createRandom(0);
    const b = createRandom(0);
    const c = createRandom(1);
    const sa = Array.from({ length: 16 }, () => a.nextUint32());
    const sb = Array.from({ length: 16 }, () => b.nextUint32());
    const sc = Array.from({ length: 16 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    expect(new Set(sa).size).toBe(16);
    for (const v of sa) {
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(2 ** 32);
    }
  });

  it('reduces odd seeds to 32 bits (non-finite → 0)', () => {
    expect(createRandom(2 ** 32).nextUint32()).toBe(createRandom(0).nextUint32());
    expect(createRandom(Number.NaN).nextUint32()).toBe(createRandom(0).nextUint32());
  });

  it('nextFloat is in [0, 1) with a plausible mean and variance', () => {
    const r = createRandom(42);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.nextFloat();
      expect(u >= 0 && u < 1).toBe(true);
      s += u;
      s2 += u * u;
    }
    const mean = s / n;
    const variance = s2 / n - mean * mean;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('nextInt is unbiased: chi-square of 10 buckets is not extreme', () => {
    const r = createRandom(7);
    const k = 10;
    const n = 100_000;
    const counts = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      const v = r.nextInt(k);
      expect(v >= 0 && v < k).toBe(true);
      counts[v] = counts[v]! + 1;
    }
    const e = n / k;
    const chi2 = counts.reduce((s, c) => s + (c - e) ** 2 / e, 0);
    expect(chi2).toBeLessThan(30); // df = 9: P(χ² > 30) ≈ 4e-4
    expect(r.nextInt(1)).toBe(0);
    const big = r.nextInt(2 ** 32);
    expect(big >= 0 && big < 2 ** 32).toBe(true);
  });
});

describe('hypergeometricSample', () => {
  /** Exact pmf by the ratio recurrence, normalised (independent of the sampler's log-gamma start). */
  function pmf(N: number, K: number, n: number): Map<number, number> {
    const lo = Math.max(0, n - (N - K));
    const hi = Math.min(K, n);
    const w = new Map<number, number>([[lo, 1]]);
    let cur = 1;
    for (let x = lo; x < hi; x++) {
      cur = (cur * ((K - x) * (n - x))) / ((x + 1) * (N - K - n + x + 1));
      w.set(x + 1, cur);
    }
    const total = [...w.values()].reduce((a, b) => a + b, 0);
    for (const [x, v] of w) w.set(x, v / total);
    return w;
  }

  it.each([
    [20, 7, 5],
    [100, 50, 50],
    [1000, 30, 400],
    [200_000, 80_000, 100_000],
  ])('matches the exact distribution (N=%i, K=%i, n=%i): chi-square on pooled cells', (N, K, n) => {
    const r = createRandom(11);
    const draws = 40_000;
    const counts = new Map<number, number>();
    for (let i = 0; i < draws; i++) {
      const x = hypergeometricSample(r, N, K, n);
      expect(x).toBeGreaterThanOrEqual(Math.max(0, n - (N - K)));
      expect(x).toBeLessThanOrEqual(Math.min(K, n));
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    // pool support points into cells of expected count ≥ 50, then chi-square
    let chi2 = 0;
    let cells = 0;
    let e = 0;
    let o = 0;
    for (const [x, p] of [...pmf(N, K, n)].sort((a, b) => a[0] - b[0])) {
      e += p * draws;
      o += counts.get(x) ?? 0;
      if (e >= 50) {
        chi2 += (o - e) ** 2 / e;
        cells++;
        e = 0;
        o = 0;
      }
    }
    // df ≈ cells − 1; a 1e-4 tail bound: mean + 5·sd of χ²
    expect(chi2).toBeLessThan(cells + 5 * Math.sqrt(2 * cells) + 10);
  });

  it('handles degenerate supports', () => {
    const r = createRandom(3);
    expect(hypergeometricSample(r, 10, 0, 5)).toBe(0);
    expect(hypergeometricSample(r, 10, 10, 5)).toBe(5);
    expect(hypergeometricSample(r, 10, 4, 10)).toBe(4);
    expect(hypergeometricSample(r, 10, 4, 0)).toBe(0);
  });
});
