/**
 * Dictionary of distinct strings (first-seen order) that can be queried either by a JS string or
 * directly by a UTF-8 byte range of a read buffer, so that the CSV scanner finds the code of a
 * repeated category without creating a string per cell.
 * @module
 */

/** FNV-1a offset basis (32-bit). */
export const FNV_OFFSET = 0x811c9dc5 | 0;
/** FNV-1a prime (32-bit). */
export const FNV_PRIME = 16777619;

/** 32-bit FNV-1a hash of `buf[start, end)`; the CSV scanner computes the same hash inline. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, FNV_PRIME);
  return h;
}

export class StringDictionary {
  /** Distinct values, index = code. */
  readonly values: string[] = [];
  private readonly byString = new Map<string, number>();
  /** Open-addressing table of `code + 1` (0 = empty slot), keyed by byte hash. */
  private slots: Int32Array = new Int32Array(64);
  private hashes: Int32Array = new Int32Array(32);
  /** UTF-8 bytes of every value, concatenated; value `k` is `pool[offsets[k], offsets[k + 1])`. */
  private pool: Uint8Array = new Uint8Array(1024);
  private offsets: Int32Array = new Int32Array(33);

  get size(): number {
    return this.values.length;
  }

  /** Code of the UTF-8 text `buf[start, end)` whose FNV-1a hash is `hash`, adding it if new. */
  codeOfBytes(buf: Buffer, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    const len = end - start;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const entry = slots[s]!;
      if (entry === 0) break;
      const code = entry - 1;
      if (this.hashes[code] !== hash) continue;
      const o = this.offsets[code]!;
      if (this.offsets[code + 1]! - o !== len) continue;
      const pool = this.pool;
      let k = 0;
      while (k < len && pool[o + k] === buf[start + k]) k++;
      if (k === len) return code;
    }
    const text = buf.toString('utf8', start, end);
    // The same text may already be known through codeOfString (never with a different hash).
    const known = this.byString.get(text);
    if (known !== undefined) return known;
    return this.add(text, buf, start, end, hash);
  }

  /** Code of `text`, adding it if new. */
  codeOf(text: string): number {
    const known = this.byString.get(text);
    if (known !== undefined) return known;
    const bytes = Buffer.from(text, 'utf8');
    return this.add(text, bytes, 0, bytes.length, hashBytes(bytes, 0, bytes.length));
  }

  private add(text: string, bytes: Uint8Array, start: number, end: number, hash: number): number {
    const code = this.values.length;
    this.values.push(text);
    this.byString.set(text, code);
    if (code + 1 >= this.hashes.length) {
      this.hashes = grow32(this.hashes, this.hashes.length * 2);
      this.offsets = grow32(this.offsets, this.offsets.length * 2);
    }
    this.hashes[code] = hash;
    const o = this.offsets[code]!;
    const len = end - start;
    if (o + len > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, o + len));
      pool.set(this.pool.subarray(0, o));
      this.pool = pool;
    }
    this.pool.set(bytes.subarray(start, end), o);
    this.offsets[code + 1] = o + len;
    if ((code + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.insertSlot(code);
    return code;
  }

  private insertSlot(code: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = this.hashes[code]! & mask;
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = code + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let code = 0; code < this.values.length; code++) this.insertSlot(code);
  }
}

function grow32(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}
