/**
 * A small, fast, seedable pseudo-random number generator for the permutation tests (TVD, MMD).
 *
 * Algorithm: xoshiro128** 1.1 (David Blackman and Sebastiano Vigna, 2018, public domain reference design,
 * https://prng.di.unimi.it/), seeded through splitmix32 so that any 32-bit integer seed, including 0, gives
 * a well-mixed non-zero state. It works on 32-bit integers only, which JavaScript handles natively with
 * `Math.imul` and `>>> 0`, so it is fast and identical on every platform.
 *
 * This is deliberately **not** numpy's MT19937: Evidently's permutation p-values come from
 * `np.random.seed(0)` + `np.random.choice` and cannot be reproduced bit for bit here. Permutation
 * p-values computed with this generator are Monte-Carlo estimates of the same quantity; they agree with
 * Evidently's within Monte-Carlo error, not digit for digit.
 * @module
 */

import { lgamma } from './special/index.ts';

/** A seeded stream of pseudo-random numbers. Not cryptographically secure. */
export interface RandomSource {
  /** Next uniformly distributed unsigned 32-bit integer in [0, 2^32). */
  nextUint32(): number;
  /** Next uniformly distributed double in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** Next uniformly distributed integer in [0, bound), without modulo bias. `bound` must be in [1, 2^32]. */
  nextInt(bound: number): number;
}

/** splitmix32 finaliser (a 32-bit variant of Steele/Lea/Flood's SplitMix mixing), used only for seeding. */
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) >>> 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Create a xoshiro128** generator.
 * @param seed - any finite number; it is reduced to an unsigned 32-bit integer (default 0).
 */
export function createRandom(seed = 0): RandomSource {
  const seedState = { s: Math.trunc(Number.isFinite(seed) ? seed : 0) >>> 0 };
  let s0 = splitmix32(seedState);
  let s1 = splitmix32(seedState);
  let s2 = splitmix32(seedState);
  let s3 = splitmix32(seedState);
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is the one invalid state

  const nextUint32 = (): number => {
    // result = rotl(s1 * 5, 7) * 9
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  };

  const nextFloat = (): number => {
    // 27 high bits + 26 high bits = 53 bits, the usual construction for a double in [0, 1).
    const a = nextUint32() >>> 5;
    const b = nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  };

  const nextInt = (bound: number): number => {
    // Rejection sampling on the top of the 32-bit range: unbiased for any bound ≤ 2^32.
    const limit = 4294967296 - (4294967296 % bound);
    for (;;) {
      const r = nextUint32();
      if (r < limit) return r % bound;
    }
  };

  return { nextUint32, nextFloat, nextInt };
}

/** ln C(n, k) from log-gamma (absolute error ~1e-16 · n ln n, i.e. ~1e-9 relative on a pmf for n ≈ 1e6). */
function logChoose(n: number, k: number): number {
  return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

/**
 * One draw of the hypergeometric distribution: the number of successes among `draws` items taken without
 * replacement from `total` items of which `successes` are successes. All arguments are non-negative
 * integers with successes ≤ total and draws ≤ total.
 *
 * Algorithm: inversion by chop-down search starting at the mode and visiting the support outwards,
 * alternately above and below (Kachitvichyanukul & Schmeiser 1985 describe this "inversion from the mode";
 * the pmf is updated with the ratio pmf(x+1)/pmf(x) = (K−x)(n−x) / ((x+1)(N−K−n+x+1))). Expected cost is
 * O(standard deviation) steps, so sampling a whole permuted contingency table is far cheaper than permuting
 * the rows. pmf(mode) comes from log-gamma; its ~1e-9 relative error biases the draw negligibly.
 */
export function hypergeometricSample(
  rng: RandomSource,
  total: number,
  successes: number,
  draws: number,
): number {
  const N = total;
  const K = successes;
  const n = draws;
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(K, n);
  if (lo === hi) return lo;
  const mode = Math.min(Math.max(Math.floor(((n + 1) * (K + 1)) / (N + 2)), lo), hi);
  const pMode = Math.exp(logChoose(K, mode) + logChoose(N - K, n - mode) - logChoose(N, n));
  let u = rng.nextFloat() - pMode;
  if (u < 0) return mode;
  let up = mode;
  let down = mode;
  let pUp = pMode;
  let pDown = pMode;
  while (up < hi || down > lo) {
    if (up < hi) {
      pUp = (pUp * ((K - up) * (n - up))) / ((up + 1) * (N - K - n + up + 1));
      up++;
      u -= pUp;
      if (u < 0) return up;
    }
    if (down > lo) {
      pDown = (pDown * (down * (N - K - n + down))) / ((K - down + 1) * (n - down + 1));
      down--;
      u -= pDown;
      if (u < 0) return down;
    }
  }
  return mode; // u exceeded the (rounded) total mass: at most ~1e-9 of the time
}
