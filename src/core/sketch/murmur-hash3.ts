/**
 * MurmurHash3_x86_32 (Austin Appleby, 2011, public domain; specification = the reference
 * `MurmurHash3.cpp` of the SMHasher project): a fast, well-mixed, non-cryptographic 32-bit hash.
 * Written from the algorithm's description: 4-byte little-endian blocks mixed with c1 = 0xcc9e2d51,
 * c2 = 0x1b873593, rotations 15 and 13, `h = h·5 + 0xe6546b64`; a 1–3 byte tail; then the length and
 * the `fmix32` finaliser (shifts 16, 13, 16; multipliers 0x85ebca6b, 0xc2b2ae35).
 *
 * Strings are hashed as their UTF-8 bytes, so any other MurmurHash3 implementation (Python `mmh3`, Java,
 * Go) gives the same value for the same string and seed. Numbers are hashed as the 8 little-endian bytes of
 * their IEEE-754 binary64 encoding (−0 as +0).
 * @module
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

function mixBlock(h: number, block: number): number {
  let k = Math.imul(block, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function mixTail(h: number, tail: number): number {
  let k = Math.imul(tail, C1);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, C2);
  return h ^ k;
}

/** The `fmix32` finaliser: every input bit affects every output bit. */
function fmix32(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3_x86_32 of `bytes[0, length)` with `seed`, as an unsigned 32-bit integer. */
export function murmurHash3Bytes(bytes: Uint8Array, seed = 0, length = bytes.length): number {
  let h = seed | 0;
  const blocks = length & ~3;
  for (let i = 0; i < blocks; i += 4) {
    h = mixBlock(h, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
  }
  const rest = length & 3;
  if (rest > 0) {
    let tail = 0;
    if (rest === 3) tail ^= bytes[blocks + 2]! << 16;
    if (rest >= 2) tail ^= bytes[blocks + 1]! << 8;
    tail ^= bytes[blocks]!;
    h = mixTail(h, tail);
  }
  return fmix32(h, length);
}

/** MurmurHash3_x86_32 of the 8 bytes of two little-endian 32-bit words (low word first). */
export function murmurHash3Words(lo: number, hi: number, seed = 0): number {
  return fmix32(mixBlock(mixBlock(seed | 0, lo), hi), 8);
}

const floatView = new Float64Array(1);
const wordView = new Uint32Array(floatView.buffer);
/** Byte order of this platform's doubles: reads the words so the hash is of the little-endian bytes. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** MurmurHash3_x86_32 of a number's 8 little-endian IEEE-754 bytes (−0 hashes as +0). */
export function murmurHash3Number(x: number, seed = 0): number {
  floatView[0] = x === 0 ? 0 : x;
  return LITTLE_ENDIAN
    ? murmurHash3Words(wordView[0]!, wordView[1]!, seed)
    : murmurHash3Words(swap32(wordView[1]!), swap32(wordView[0]!), seed);
}

function swap32(x: number): number {
  return ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);
}

let utf8 = new Uint8Array(256);

/**
 * Writes the UTF-8 encoding of `s` into a reusable buffer and returns its length (lone surrogates are
 * encoded as U+FFFD, as `TextEncoder` does). Hand-written so hashing allocates nothing per string.
 */
function encodeUtf8(s: string): number {
  if (utf8.length < s.length * 3) utf8 = new Uint8Array(s.length * 3);
  const out = utf8;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[j++] = c;
    } else if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
          out[j++] = 0xf0 | (c >> 18);
          out[j++] = 0x80 | ((c >> 12) & 0x3f);
          out[j++] = 0x80 | ((c >> 6) & 0x3f);
          out[j++] = 0x80 | (c & 0x3f);
          continue;
        }
        c = 0xfffd;
      }
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 0x3f);
      out[j++] = 0x80 | (c & 0x3f);
    }
  }
  return j;
}

/** MurmurHash3_x86_32 of the UTF-8 bytes of `s`. */
export function murmurHash3String(s: string, seed = 0): number {
  const length = encodeUtf8(s);
  return murmurHash3Bytes(utf8, seed, length);
}
