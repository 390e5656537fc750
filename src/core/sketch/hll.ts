/**
 * HyperLogLog distinct-count sketch, mergeable by register-wise maximum.
 *
 * Algorithms:
 * - registers: P. Flajolet, É. Fusy, O. Gandouet and F. Meunier, "HyperLogLog: the analysis of a
 *   near-optimal cardinality estimation algorithm", AofA 2007: m = 2^p registers, register j keeps the
 *   largest "rank" (1 + leading zeros) of the hashes whose first p bits are j. Relative standard error
 *   ≈ 1.04/√m (1.6 % for the default p = 12, the `hll_lg_k = 12` whylogs uses, drift-methods.md §4).
 * - estimate: O. Ertl, "New cardinality estimation algorithms for HyperLogLog sketches", arXiv:1702.01284
 *   (2017), Algorithm 6 (the "improved" estimator from the register histogram with the σ and τ series).
 *   Why: it is unbiased over the whole range, from a handful of values to 2^64, without the empirical
 *   bias tables of HLL++ (Heule et al. 2013) and without switching to linear counting at 2.5·m; for small
 *   counts it agrees with linear counting m·ln(m/V) (Flajolet et al. §4), which the tests check.
 * - hash: 64 bits per value, MurmurHash3_x86_32 with seed 0 (index bits and the first 32 − p rank bits)
 *   followed by MurmurHash3_x86_32 with a second seed (32 more rank bits). The second hash is computed
 *   only when the first one's rank bits are all zero (probability 2^(p−32)), so an update costs one
 *   32-bit hash. With 64 − p rank bits no large-range correction is needed (Heule et al. §5.1).
 *
 * Registers are serialised as one character per register (base64url alphabet: value 0 → 'A', 1 → 'B', …),
 * which is compact and readable without any binary decoding.
 * @module
 */
import { UsageError } from '../errors.ts';
import { murmurHash3Bytes, murmurHash3Number, murmurHash3String, murmurHash3Words } from './murmur-hash3.ts';

/** Byte order of this platform's doubles (the fast path reads their words in place). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export const HLL_DEFAULT_PRECISION = 12;
export const HLL_MIN_PRECISION = 4;
export const HLL_MAX_PRECISION = 18;

/** Seed of the second 32 hash bits (Appleby's example seed, as good as any other). */
const SECOND_SEED = 0x9747b28c;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Plain, JSON-serialisable state of a `HyperLogLog`. */
export interface HllState {
  readonly kind: 'hll';
  /** log2 of the register count. */
  readonly precision: number;
  /** One character per register, its value's base64url digit ('A' = 0). */
  readonly registers: string;
}

/** Relative standard error of an HLL estimate with 2^precision registers: 1.04/√m (Flajolet et al. 2007). */
export function hllRelativeStandardError(precision: number): number {
  return 1.04 / Math.sqrt(2 ** precision);
}

function checkPrecision(p: number): void {
  if (!Number.isInteger(p) || p < HLL_MIN_PRECISION || p > HLL_MAX_PRECISION) {
    throw new UsageError(
      'DW_SKETCH_BAD_OPTION',
      `HLL precision must be an integer in [${HLL_MIN_PRECISION}, ${HLL_MAX_PRECISION}], got ${p}`,
    );
  }
}

export class HyperLogLog {
  #precision: number;
  #registers: Uint8Array;

  /** @param precision log2 of the register count, 4…18 (default 12: 4096 registers, ±1.6 %). */
  constructor(precision = HLL_DEFAULT_PRECISION) {
    checkPrecision(precision);
    this.#precision = precision;
    this.#registers = new Uint8Array(1 << precision);
  }

  /** log2 of the register count. */
  get precision(): number {
    return this.#precision;
  }

  /** Register count m = 2^precision. */
  get size(): number {
    return this.#registers.length;
  }

  /** Adds a string (hashed as UTF-8). */
  updateString(s: string): void {
    this.#add(murmurHash3String(s), s, null);
  }

  /** Adds a number (hashed as its IEEE-754 bytes; −0 as +0). NaN is ignored. */
  updateNumber(x: number): void {
    if (Number.isNaN(x)) return;
    this.#add(murmurHash3Number(x), null, x);
  }

  /**
   * Adds the non-NaN values of `values[start, end)`: same result as `updateNumber` per value, but reads
   * the doubles' bits in place (no per-value conversion), which is several times faster.
   */
  updateNumbers(values: Float64Array, start = 0, end = values.length): void {
    if (!LITTLE_ENDIAN) {
      for (let i = start; i < end; i++) this.updateNumber(values[i]!);
      return;
    }
    const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
    const p = this.#precision;
    const registers = this.#registers;
    for (let i = start; i < end; i++) {
      const lo = words[2 * i]!;
      let hi = words[2 * i + 1]!;
      // NaN: exponent all ones and a non-zero mantissa.
      if ((hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) !== 0 || lo !== 0)) continue;
      if (lo === 0 && hi === 0x80000000) hi = 0; // −0 hashes as +0
      const h1 = murmurHash3Words(lo, hi);
      const index = h1 >>> (32 - p);
      const rest = (h1 << p) >>> 0;
      const rank =
        rest !== 0 ? Math.clz32(rest) + 1 : 32 - p + Math.clz32(murmurHash3Words(lo, hi, SECOND_SEED)) + 1;
      if (rank > registers[index]!) registers[index] = rank;
    }
  }

  /** Adds raw bytes. */
  updateBytes(bytes: Uint8Array): void {
    this.#add(murmurHash3Bytes(bytes), bytes, null);
  }

  #add(h1: number, source: string | Uint8Array | null, num: number | null): void {
    const p = this.#precision;
    const index = h1 >>> (32 - p);
    const rest = (h1 << p) >>> 0;
    let rank: number;
    if (rest !== 0) {
      rank = Math.clz32(rest) + 1;
    } else {
      // All 32 − p rank bits of the first hash are zero: continue into the second hash.
      const h2 =
        num !== null
          ? murmurHash3Number(num, SECOND_SEED)
          : typeof source === 'string'
            ? murmurHash3String(source, SECOND_SEED)
            : murmurHash3Bytes(source!, SECOND_SEED);
      rank = 32 - p + Math.clz32(h2) + 1;
    }
    if (rank > this.#registers[index]!) this.#registers[index] = rank;
  }

  /** Merges `other` into this: register-wise maximum (a sketch of the union). A finer sketch is folded first. */
  merge(other: HyperLogLog): this {
    if (other.precision < this.precision) {
      this.#registers = foldRegisters(this.#registers, this.precision, other.precision);
      this.#precision = other.precision;
    }
    const theirs =
      other.precision > this.precision
        ? foldRegisters(other.#registers, other.precision, this.precision)
        : other.#registers;
    const mine = this.#registers;
    for (let i = 0; i < mine.length; i++) if (theirs[i]! > mine[i]!) mine[i] = theirs[i]!;
    return this;
  }

  /** Estimated number of distinct values (Ertl 2017, Algorithm 6). */
  estimate(): number {
    const m = this.#registers.length;
    const q = 64 - this.precision;
    const histogram = new Float64Array(q + 2);
    for (const r of this.#registers) histogram[r]!++;
    let z = m * tau(1 - histogram[q + 1]! / m);
    for (let k = q; k >= 1; k--) z = 0.5 * (z + histogram[k]!);
    z += m * sigma(histogram[0]! / m);
    return (m * m) / (2 * Math.LN2 * z);
  }

  /** Relative standard error of `estimate()`: 1.04/√m. */
  relativeStandardError(): number {
    return hllRelativeStandardError(this.precision);
  }

  /** True when nothing was added. */
  get isEmpty(): boolean {
    return this.#registers.every((r) => r === 0);
  }

  clone(): HyperLogLog {
    return HyperLogLog.fromJSON(this.toJSON());
  }

  toJSON(): HllState {
    let s = '';
    for (const r of this.#registers) s += ALPHABET[r];
    return { kind: 'hll', precision: this.precision, registers: s };
  }

  /** @throws UsageError `DW_SKETCH_INVALID` when the state is inconsistent. */
  static fromJSON(state: HllState): HyperLogLog {
    const p = state.precision;
    if (state.kind !== 'hll' || !Number.isInteger(p) || p < HLL_MIN_PRECISION || p > HLL_MAX_PRECISION) {
      throw new UsageError('DW_SKETCH_INVALID', `invalid HLL state: bad kind or precision ${p}`);
    }
    const m = 1 << p;
    if (typeof state.registers !== 'string' || state.registers.length !== m) {
      throw new UsageError('DW_SKETCH_INVALID', `invalid HLL state: expected ${m} registers`);
    }
    const h = new HyperLogLog(p);
    const max = 64 - p + 1;
    for (let i = 0; i < m; i++) {
      const v = ALPHABET.indexOf(state.registers[i]!);
      if (v < 0 || v > max) {
        throw new UsageError(
          'DW_SKETCH_INVALID',
          `invalid HLL state: register ${i} is '${state.registers[i]}'`,
        );
      }
      h.#registers[i] = v;
    }
    return h;
  }
}

/**
 * Registers of precision `from` folded to precision `to` < `from`: the dropped index bits become the
 * leading bits of the rank (as if the hash had been read with fewer index bits).
 */
function foldRegisters(registers: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array(1 << to);
  const shift = from - to;
  for (let i = 0; i < registers.length; i++) {
    const r = registers[i]!;
    if (r === 0) continue;
    const low = i & ((1 << shift) - 1);
    // Leading zeros of the `shift` dropped bits, then the old rank if they are all zero.
    const rank = low === 0 ? shift + r : Math.clz32(low) - (32 - shift) + 1;
    const j = i >>> shift;
    if (rank > out[j]!) out[j] = rank;
  }
  return out;
}

/** σ(x) = x + Σ_{k≥1} x^(2^k)·2^(k−1) (Ertl 2017, eq. 34); ∞ at x = 1. */
function sigma(x: number): number {
  if (x === 1) return Number.POSITIVE_INFINITY;
  let y = 1;
  let z = x;
  for (;;) {
    x *= x;
    const prev = z;
    z += x * y;
    y += y;
    if (z === prev) return z;
  }
}

/** τ(x) = (1 − x − Σ_{k≥1} (1 − x^(2^−k))²·2^−k)/3 (Ertl 2017, eq. 40); 0 at x = 0 and x = 1. */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  for (;;) {
    x = Math.sqrt(x);
    const prev = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
    if (z === prev) return z / 3;
  }
}

/** Merge of two states (neither is modified). */
export function mergeHll(a: HllState, b: HllState): HllState {
  return HyperLogLog.fromJSON(a).merge(HyperLogLog.fromJSON(b)).toJSON();
}
