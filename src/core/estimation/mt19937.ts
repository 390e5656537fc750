/**
 * numpy's legacy `RandomState` (MT19937) as far as CBPE needs it: seeding with an integer, `permutation`,
 * `choice(n, size, replace=False)` and `choice(n, size, replace=True)`.
 *
 * Why: NannyML decides whether to calibrate with scikit-learn's `StratifiedShuffleSplit(random_state=42)`, which
 * draws from `np.random.RandomState(42)`. Reproducing that stream makes driftwatch's folds, and so its calibration
 * decision and ECE values, identical to NannyML's.
 *
 * Algorithms: MT19937 by M. Matsumoto and T. Nishimura (1998), `init_genrand` seeding and the standard tempering;
 * numpy 1.24 `numpy/random/mtrand.pyx` (`RandomState.shuffle` → `_shuffle_raw`: for i from n−1 down to 1 swap
 * x[i] with x[j], j = `random_interval(i)`) and `numpy/random/src/distributions/distributions.c`
 * (`random_interval`: draw 32-bit words masked to the smallest all-ones mask ≥ max until one is ≤ max; the same
 * masked rejection as `randint`/`choice(replace=True)` for ranges below 2^32). Written from those descriptions.
 * @module
 */

const N = 624;
const M = 397;
// The constants as int32 (the state is an Int32Array): 32-bit bit patterns above 2^31 would otherwise be doubles
// that V8 converts on every use.
const MATRIX_A = 0x9908b0df | 0;
const UPPER_MASK = 0x80000000 | 0;
const LOWER_MASK = 0x7fffffff;
const TEMPER_B = 0x9d2c5680 | 0;
const TEMPER_C = 0xefc60000 | 0;

/** A numpy-compatible legacy MT19937 stream. */
export interface LegacyRandomState {
  /** Next raw 32-bit output (numpy's `next_uint32`). */
  nextUint32(): number;
  /** Uniform integer in [0, max] by masked rejection (numpy's `random_interval`); `max` < 2^32. */
  interval(max: number): number;
  /** `out.length` successive `interval(max)` draws into `out` (what `choice(max + 1, size)` draws). */
  intervals(max: number, out: Uint32Array): void;
  /** `np.random.RandomState.permutation(n)`: a shuffled `0 … n−1`. */
  permutation(n: number): Uint32Array;
  /** In-place `RandomState.shuffle` of a 1-D array. */
  shuffle(values: Uint32Array | Int32Array | Float64Array): void;
  /**
   * Shuffle only the last `keep` positions of `values` into place (the Fisher–Yates steps i = n−1 … n−keep, which
   * fix those positions for good) and then draw the remaining steps' random numbers without moving anything: the
   * stream ends where a full `shuffle` would leave it, and the first n − keep positions hold the right *set* of
   * values (in some order).
   */
  shuffleTail(values: Uint32Array, keep: number): void;
  /** Draw the random numbers of a `shuffle` of `length` values without shuffling anything. */
  skipShuffle(length: number): void;
}

/** Smallest all-ones bit mask ≥ max. */
function maskOf(max: number): number {
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

/** One twist of the state, then the 624 tempered outputs into `out`. */
function twist(mt: Int32Array, out: Uint32Array): void {
  let k = 0;
  for (; k < N - M; k++) {
    const y = (mt[k]! & UPPER_MASK) | (mt[k + 1]! & LOWER_MASK);
    mt[k] = mt[k + M]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  for (; k < N - 1; k++) {
    const y = (mt[k]! & UPPER_MASK) | (mt[k + 1]! & LOWER_MASK);
    mt[k] = mt[k + M - N]! ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
  }
  const last = (mt[N - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
  mt[N - 1] = mt[M - 1]! ^ (last >>> 1) ^ (-(last & 1) & MATRIX_A);
  for (let i = 0; i < N; i++) {
    let y = mt[i]!;
    y ^= y >>> 11;
    y ^= (y << 7) & TEMPER_B;
    y ^= (y << 15) & TEMPER_C;
    y ^= y >>> 18;
    out[i] = y;
  }
}

/** `np.random.RandomState(seed)` for an integer seed in [0, 2^32). */
export function legacyRandomState(seed: number): LegacyRandomState {
  const mt = new Int32Array(N);
  mt[0] = seed | 0;
  for (let i = 1; i < N; i++) {
    const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
    // 1812433253 · prev + i, modulo 2^32, without losing bits to float rounding.
    mt[i] = (Math.imul(1812433253, prev) + i) | 0;
  }
  // Tempered outputs of the current state, produced 624 at a time (one twist) for speed. The hot loops below keep
  // the read position in a local variable (a closure variable cannot live in a register) and store it back.
  const out = new Uint32Array(N);
  let pos = N;

  const nextUint32 = (): number => {
    if (pos === N) {
      twist(mt, out);
      pos = 0;
    }
    return out[pos++]!;
  };

  const interval = (max: number): number => {
    if (max === 0) return 0;
    const mask = maskOf(max);
    for (;;) {
      if (pos === N) {
        twist(mt, out);
        pos = 0;
      }
      const value = (out[pos++]! & mask) >>> 0;
      if (value <= max) return value;
    }
  };

  const intervals = (max: number, values: Uint32Array): void => {
    if (max === 0) {
      values.fill(0);
      return;
    }
    const mask = maskOf(max);
    let p = pos;
    if (max < 0x80000000) {
      // Branch-free rejection (a rejected draw is overwritten by the next): the accept test is unpredictable,
      // a branch on it mispredicts about once per rejected draw. Values and `max` are below 2^31 here, so
      // `max − value` is a 32-bit integer whose sign bit says "rejected".
      const n = values.length;
      let j = 0;
      while (j < n) {
        if (p === N) {
          twist(mt, out);
          p = 0;
        }
        const value = out[p++]! & mask;
        values[j] = value;
        j += ((max - value) >>> 31) ^ 1;
      }
    } else {
      for (let j = 0; j < values.length; j++) {
        for (;;) {
          if (p === N) {
            twist(mt, out);
            p = 0;
          }
          const value = (out[p++]! & mask) >>> 0;
          if (value <= max) {
            values[j] = value;
            break;
          }
        }
      }
    }
    pos = p;
  };

  const shuffle = (values: Uint32Array | Int32Array | Float64Array): void => {
    for (let i = values.length - 1; i > 0; i--) {
      const j = interval(i);
      const t = values[i]!;
      values[i] = values[j]!;
      values[j] = t;
    }
  };

  const shuffleTail = (values: Uint32Array, keep: number): void => {
    const stop = values.length - keep;
    let i = values.length - 1;
    let p = pos;
    while (i > 0 && i >= stop) {
      const mask = maskOf(i);
      const low = Math.max(mask >>> 1, stop - 1); // the mask stays the same while i > mask >>> 1
      for (; i > low; i--) {
        let j: number;
        for (;;) {
          if (p === N) {
            twist(mt, out);
            p = 0;
          }
          j = (out[p++]! & mask) >>> 0;
          if (j <= i) break;
        }
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
      }
    }
    pos = p;
    skipShuffle(i + 1);
  };

  const skipShuffle = (length: number): void => {
    // interval(i) for i = length − 1 … 1, with the mask updated only when i drops below a power of two
    let p = pos;
    let i = length - 1;
    while (i > 0) {
      const mask = maskOf(i);
      const low = mask >>> 1; // the mask stays the same while i > low
      if (i < 0x80000000) {
        // Branch-free: an accepted draw (≤ i) moves to the next step (see `intervals`).
        while (i > low) {
          if (p === N) {
            twist(mt, out);
            p = 0;
          }
          i -= ((i - (out[p++]! & mask)) >>> 31) ^ 1;
        }
      } else {
        for (; i > low; i--) {
          for (;;) {
            if (p === N) {
              twist(mt, out);
              p = 0;
            }
            if ((out[p++]! & mask) >>> 0 <= i) break;
          }
        }
      }
    }
    pos = p;
  };

  const permutation = (n: number): Uint32Array => {
    const values = new Uint32Array(n);
    for (let i = 0; i < n; i++) values[i] = i;
    shuffle(values);
    return values;
  };

  return { nextUint32, interval, intervals, permutation, shuffle, shuffleTail, skipShuffle };
}
