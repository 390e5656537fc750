import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Chunk,
  chunkByCount,
  chunkBySize,
  type IncompleteChunkRule,
} from '../../../src/core/chunks/index.ts';
import { UsageError } from '../../../src/core/errors.ts';
import { oracle, rows } from '../estimation/oracle.ts';

const fixture = oracle('chunks.json');

/** NannyML's chunks as [start, endExclusive) pairs. */
const ranges = (chunks: Chunk[]) => chunks.map((c) => [c.startIndex, c.endIndex]);

describe('chunkBySize (NannyML SizeBasedChunker)', () => {
  it.each(
    rows<[number, number, IncompleteChunkRule, { chunks: number[][] }]>(
      fixture.size.map((c: { n: number; size: number; incomplete: string }) => [
        c.n,
        c.size,
        c.incomplete,
        c,
      ]),
    ),
  )('%i rows in chunks of %i, incomplete=%s, as NannyML', (n, size, incomplete, c) => {
    const chunks = chunkBySize(n, size, { incomplete });
    expect(ranges(chunks)).toEqual(c.chunks);
  });

  it('keeps the incomplete last chunk by default, with NannyML keys (inclusive last row)', () => {
    const chunks = chunkBySize(10_500, 5000);
    expect(chunks.map((c) => c.key)).toEqual(['[0:4999]', '[5000:9999]', '[10000:10499]']);
    expect(chunks.map((c) => c.rows)).toEqual([5000, 5000, 500]);
    expect(chunks.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(chunks[2]).toEqual({
      key: '[10000:10499]',
      index: 2,
      startIndex: 10_000,
      endIndex: 10_500,
      rows: 500,
    });
    expect(Object.isFrozen(chunks[0])).toBe(true);
  });

  it('drops or appends the leftover rows on request', () => {
    expect(chunkBySize(10_500, 5000, { incomplete: 'drop' }).map((c) => c.key)).toEqual([
      '[0:4999]',
      '[5000:9999]',
    ]);
    const appended = chunkBySize(10_500, 5000, { incomplete: 'append' });
    expect(appended.map((c) => c.key)).toEqual(['[0:4999]', '[5000:10499]']);
    expect(appended[1]!.rows).toBe(5500);
  });

  it('handles fewer rows than one chunk and no rows', () => {
    expect(ranges(chunkBySize(3, 5))).toEqual([[0, 3]]);
    expect(ranges(chunkBySize(3, 5, { incomplete: 'append' }))).toEqual([[0, 3]]);
    expect(chunkBySize(3, 5, { incomplete: 'drop' })).toEqual([]);
    expect(chunkBySize(0, 5)).toEqual([]);
  });

  it('covers every row exactly once, in order (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 700 }), (n, size) => {
        for (const incomplete of ['keep', 'append'] as const) {
          const chunks = chunkBySize(n, size, { incomplete });
          let next = 0;
          for (const c of chunks) {
            expect(c.startIndex).toBe(next);
            expect(c.rows).toBe(c.endIndex - c.startIndex);
            next = c.endIndex;
          }
          expect(next).toBe(n);
        }
      }),
    );
  });

  it('rejects bad arguments', () => {
    expect(() => chunkBySize(10, 0)).toThrow(UsageError);
    expect(() => chunkBySize(10, 2.5)).toThrow(/DW_CHUNK_BAD_SIZE|chunk size/);
    expect(() => chunkBySize(-1, 2)).toThrow(/row count/);
    // @ts-expect-error: an unknown rule
    expect(() => chunkBySize(10, 2, { incomplete: 'merge' })).toThrow(/incomplete/);
  });
});

describe('chunkByCount (NannyML CountBasedChunker)', () => {
  it.each(
    rows<[number, number, IncompleteChunkRule, { chunks: number[][] }]>(
      fixture.count.map((c: { n: number; count: number; incomplete: string }) => [
        c.n,
        c.count,
        c.incomplete,
        c,
      ]),
    ),
  )('%i rows in %i chunks, incomplete=%s, as NannyML', (n, count, incomplete, c) => {
    expect(ranges(chunkByCount(n, count, { incomplete }))).toEqual(c.chunks);
  });

  it('gives count + 1 chunks when the rows do not divide evenly (NannyML keeps the remainder)', () => {
    const chunks = chunkByCount(10_503, 10);
    expect(chunks).toHaveLength(11);
    expect(chunks[10]!.key).toBe('[10500:10502]');
    expect(chunkByCount(10_503, 10, { incomplete: 'append' })).toHaveLength(10);
  });

  it('makes one-row chunks when there are fewer rows than chunks (NannyML fails there)', () => {
    expect(ranges(chunkByCount(3, 10))).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(chunkByCount(0, 10)).toEqual([]);
  });

  it('rejects a bad count', () => {
    expect(() => chunkByCount(10, 0)).toThrow(/DW_CHUNK_BAD_COUNT|chunk count/);
  });
});
