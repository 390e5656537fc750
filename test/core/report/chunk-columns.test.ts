/**
 * Chunk profiles and per-chunk Spearman ρ from one sorted order of the whole column: the oracle is the per-chunk
 * computation they replace (`sortedFinite`/`profileColumn` of the chunk's rows, `spearman` of the chunk's rows),
 * whose own values are checked against scipy in test/core/stats. Equality is bit for bit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Chunk, chunkByCount, chunkByPeriod } from '../../../src/core/chunks/index.ts';
import { chunkOfRows, chunkSortedValues, chunkTables } from '../../../src/core/report/chunk-columns.ts';
import { chunkSortedWithSpearman, chunkTargetCodes } from '../../../src/core/report/chunk-correlations.ts';
import { profileColumn } from '../../../src/core/report/prepared-column.ts';
import { spearman } from '../../../src/core/stats/correlation.ts';
import { sortFiniteWithOrder } from '../../../src/core/stats/sort-float64.ts';
import { sortedFinite } from '../../../src/core/stats/sorted.ts';
import type { Table } from '../../../src/core/table/column.ts';
import { selectTableRows } from '../../../src/core/table/select-table-rows.ts';

/** First index where two arrays differ (bitwise for doubles: −0 and +0 differ), or −1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) return k;
  return -1;
}

function rowsOf(chunk: Chunk): Uint32Array {
  if (chunk.indices) return Uint32Array.from(chunk.indices);
  return Uint32Array.from({ length: chunk.endIndex - chunk.startIndex }, (_, k) => chunk.startIndex + k);
}

/** Chunks by period of a timestamp column: contiguous when `sortedTime`, else non-contiguous (`indices`). */
function periodChunks(n: number, periodOf: (i: number) => number): Chunk[] {
  const day = 86_400_000;
  const ts = Float64Array.from({ length: n }, (_, i) => {
    const p = periodOf(i);
    return p < 0 ? Number.NaN : Date.UTC(2024, 0, 1) + p * day + i;
  });
  return chunkByPeriod(ts, '1d');
}

const cell = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -20, max: 20 }).map((v) => v / 4) },
  { weight: 2, arbitrary: fc.double({ noNaN: true, min: -1e6, max: 1e6 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  },
);

const layouts = (n: number): Chunk[][] => [
  chunkByCount(n, 3),
  periodChunks(n, (i) => i % 4),
  periodChunks(n, (i) => (i % 7 === 3 ? -1 : Math.floor((i * 5) / n))),
];

describe('chunkSortedValues', () => {
  it("gives every chunk's sorted finite values bit for bit, for any chunking", () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 400 }), (xs) => {
        const values = Float64Array.from(xs);
        const sorted = sortFiniteWithOrder(values);
        for (const chunks of layouts(values.length)) {
          const perChunk = chunkSortedValues(sorted, chunkOfRows(values.length, chunks), chunks);
          chunks.forEach((chunk, c) => {
            const expected = sortedFinite(Float64Array.from(rowsOf(chunk), (r) => values[r]!));
            expect(firstDifference(perChunk[c]!, expected)).toBe(-1);
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('works on long columns (radix and few-distinct sorts) with 300 chunks (16-bit chunk ids)', () => {
    const n = 90_000;
    const values = Float64Array.from({ length: n }, (_, i) =>
      i % 13 === 0 ? Number.NaN : Math.round(Math.sin(i) * 50) / 7,
    );
    const chunks = chunkByCount(n, 300);
    const ids = chunkOfRows(n, chunks);
    expect(ids).toBeInstanceOf(Uint16Array);
    for (const column of [values, Float64Array.from(values, (v, i) => v + i * 1e-9)]) {
      const perChunk = chunkSortedValues(sortFiniteWithOrder(column), ids, chunks);
      chunks.forEach((chunk, c) => {
        const expected = sortedFinite(column.subarray(chunk.startIndex, chunk.endIndex));
        expect(firstDifference(perChunk[c]!, expected)).toBe(-1);
      });
    }
  });
});

describe('chunkTables', () => {
  it('equals selectTableRows of each chunk, with the profile profileColumn computes', () => {
    const n = 500;
    const table: Table = {
      rowCount: n,
      columns: [
        {
          name: 'x',
          dtype: 'float',
          values: Float64Array.from({ length: n }, (_, i) => (i % 9 === 0 ? Number.NaN : (i * 37) % 11)),
        },
        { name: 'k', dtype: 'int', values: Float64Array.from({ length: n }, (_, i) => i % 3) },
        {
          name: 's',
          dtype: 'string',
          codes: Int32Array.from({ length: n }, (_, i) => (i % 5) - 1),
          dictionary: ['a', 'b', 'c', 'd'],
        },
      ],
    };
    for (const chunks of layouts(n)) {
      const ids = chunkOfRows(n, chunks);
      const sortedValues = new Map(
        ['x', 'k'].map((name) => {
          const column = table.columns.find((c) => c.name === name) as { values: Float64Array };
          return [name, chunkSortedValues(sortFiniteWithOrder(column.values), ids, chunks)] as const;
        }),
      );
      const tables = chunkTables(table, chunks, sortedValues);
      chunks.forEach((chunk, c) => {
        const expected = selectTableRows(table, rowsOf(chunk));
        const actual = tables[c]!;
        expect(actual.rowCount).toBe(expected.rowCount);
        actual.columns.forEach((column, j) => {
          const { profile, ...plain } = column;
          const e = expected.columns[j]!;
          expect({
            ...plain,
            values: 'values' in plain ? [...plain.values] : undefined,
            codes: 'codes' in plain ? [...plain.codes] : undefined,
          }).toEqual({
            ...e,
            values: 'values' in e ? [...e.values] : undefined,
            codes: 'codes' in e ? [...e.codes] : undefined,
          });
          if (column.dtype === 'string') expect(profile).toBeUndefined();
          else expect(profile).toEqual(profileColumn(e));
        });
      });
    }
  });
});

describe('chunkSortedWithSpearman', () => {
  it("gives each chunk's Spearman ρ with a 0/1 target bit for bit (rows with inputs and a finite value)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: cell, y: fc.boolean(), kept: fc.nat(9) }), { minLength: 1, maxLength: 300 }),
        (rows) => {
          const n = rows.length;
          const values = Float64Array.from(rows, (r) => r.x);
          // Rows with model inputs (9 in 10): their positions in the inputs, and the inputs' target.
          const positionOf = new Int32Array(n).fill(-1);
          const target: number[] = [];
          rows.forEach((r, i) => {
            if (r.kept > 0) {
              positionOf[i] = target.length;
              target.push(r.y ? 1 : 0);
            }
          });
          const y = Uint8Array.from(target);
          const sorted = sortFiniteWithOrder(values);
          for (const chunks of layouts(n)) {
            const ids = chunkOfRows(n, chunks);
            const codes = chunkTargetCodes(ids, chunks.length, positionOf, y);
            const result = chunkSortedWithSpearman(sorted, codes, chunks);
            const plain = chunkSortedValues(sorted, ids, chunks);
            chunks.forEach((chunk, c) => {
              expect(firstDifference(result.sorted[c]!, plain[c]!)).toBe(-1);
              const xs: number[] = [];
              const ys: number[] = [];
              for (const r of rowsOf(chunk)) {
                if (positionOf[r]! >= 0 && Number.isFinite(values[r]!)) {
                  xs.push(values[r]!);
                  ys.push(y[positionOf[r]!]!);
                }
              }
              const expected = spearman(Float64Array.from(xs), Float64Array.from(ys));
              expect(Object.is(result.spearman[c], expected)).toBe(true);
            });
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
