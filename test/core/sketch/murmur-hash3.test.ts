/**
 * MurmurHash3_x86_32 against published test vectors: Ian Boyd's vectors (stackoverflow.com/a/31929528),
 * the SMHasher-derived vectors that Python's `mmh3` package and many ports use in their test suites.
 */
import { describe, expect, it } from 'vitest';
import {
  murmurHash3Bytes,
  murmurHash3Number,
  murmurHash3String,
  murmurHash3Words,
} from '../../../src/core/sketch/murmur-hash3.ts';

describe('murmurHash3 x86_32', () => {
  it('matches published byte vectors', () => {
    const cases: [number[], number, number][] = [
      [[], 0, 0],
      [[], 1, 0x514e28b7],
      [[], 0xffffffff, 0x81f16f39],
      [[0, 0, 0, 0], 0, 0x2362f9de],
      [[0x21, 0x43, 0x65, 0x87], 0, 0xf55b516b],
      [[0x21, 0x43, 0x65], 0, 0x7e4a8634],
      [[0x21, 0x43], 0, 0xa0f7b07a],
      [[0x21], 0, 0x72661cf4],
      [[0, 0, 0], 0, 0x85f0b427],
      [[0, 0], 0, 0x30f4c306],
      [[0], 0, 0x514e28b7],
    ];
    for (const [bytes, seed, expected] of cases) {
      expect(murmurHash3Bytes(Uint8Array.from(bytes), seed), `${bytes} seed ${seed}`).toBe(expected);
    }
  });

  it('matches published string vectors (UTF-8)', () => {
    const cases: [string, number, number][] = [
      ['', 0, 0],
      ['aaaa', 0x9747b28c, 0x5a97808a],
      ['aaa', 0x9747b28c, 0x283e0130],
      ['aa', 0x9747b28c, 0x5d211726],
      ['a', 0x9747b28c, 0x7fa09ea6],
      ['abcd', 0x9747b28c, 0xf0478627],
      ['abc', 0x9747b28c, 0xc84a62dd],
      ['ab', 0x9747b28c, 0x74875592],
      ['Hello, world!', 0x9747b28c, 0x24884cba],
      ['ππππππππ', 0x9747b28c, 0xd58063c1],
      ['a'.repeat(256), 0x9747b28c, 0x37405bdc],
      ['abc', 0, 0xb3dd93fa],
      ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', 0, 0xee925b90],
      ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
      ['foo', 0, 4138058784],
    ];
    for (const [s, seed, expected] of cases) expect(murmurHash3String(s, seed), s).toBe(expected);
  });

  it('encodes UTF-8 like TextEncoder (astral characters, lone surrogates, long strings)', () => {
    const encoder = new TextEncoder();
    for (const s of ['😀 drift', 'a\ud800b', '\udc00', 'é'.repeat(500), '中文テキスト']) {
      expect(murmurHash3String(s, 7)).toBe(murmurHash3Bytes(encoder.encode(s), 7));
    }
  });

  it('hashes a number as its 8 little-endian IEEE-754 bytes, −0 as +0', () => {
    for (const x of [0, 1, -1, 0.1, 1e300, -2.5e-310, Number.MAX_VALUE]) {
      const bytes = new Uint8Array(new Float64Array([x]).buffer);
      expect(murmurHash3Number(x, 3)).toBe(murmurHash3Bytes(bytes, 3));
    }
    expect(murmurHash3Number(-0)).toBe(murmurHash3Number(0));
    const words = new Uint32Array(new Float64Array([Math.PI]).buffer);
    expect(murmurHash3Words(words[0]!, words[1]!)).toBe(murmurHash3Number(Math.PI));
  });
});
