/**
 * App-generated ids: time-ordered (48-bit ms prefix, like ULID) plus 80 random bits, base32 (Crockford).
 * Portable across SQLite and PostgreSQL and sortable by creation time.
 * @module
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newId(nowMs: number = Date.now()): string {
  let out = '';
  let t = Math.floor(nowMs);
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  const r = randomBytes(10);
  // 80 bits → 16 base32 characters
  let acc = 0;
  let bits = 0;
  for (const byte of r) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(acc >>> bits) & 31];
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}
