/**
 * A chunk's model inputs: views for consecutive positions, copies otherwise; the same values either way. And a
 * chunk's score order from the whole column's sorted order, as the stable argsort of the chunk's scores.
 */
import { describe, expect, it } from 'vitest';
import { selectFloat64 } from '../../../src/core/chunks/chunk.ts';
import { type Chunk, chunkByCount, chunkByPeriod } from '../../../src/core/chunks/index.ts';
import { stableArgsort } from '../../../src/core/estimation/index.ts';
import { chunkOfRows } from '../../../src/core/report/chunk-columns.ts';
import {
  chunkAscendingOrders,
  chunkInputSelection,
  inputPositions,
  selectInputs,
} from '../../../src/core/report/chunk-inputs.ts';
import { modelInputs } from '../../../src/core/report/model-inputs.ts';
import { subset } from '../../../src/core/report/model-section.ts';
import { sortFiniteWithOrder } from '../../../src/core/stats/sort-float64.ts';
import type { Table } from '../../../src/core/table/column.ts';

const n = 60;
/** Binary labels and scores; rows 7, 20, 21 and 44 have a missing label or score (dropped from the inputs). */
const table: Table = {
  rowCount: n,
  columns: [
    {
      name: 'y',
      dtype: 'float',
      values: Float64Array.from({ length: n }, (_, i) => (i === 7 || i === 44 ? Number.NaN : i % 2)),
    },
    {
      name: 's',
      dtype: 'float',
      values: Float64Array.from({ length: n }, (_, i) => (i === 20 || i === 21 ? Number.NaN : (i % 10) / 10)),
    },
  ],
};

/** The old way: the positions of the chunk's rows that have inputs, then a copying subset. */
function expected(inputs: ReturnType<typeof modelInputs>, chunk: Chunk) {
  const pos = inputPositions(inputs, n);
  const rows = chunk.indices
    ? [...chunk.indices]
    : Array.from({ length: chunk.endIndex - chunk.startIndex }, (_, k) => chunk.startIndex + k);
  return subset(inputs, Uint32Array.from(rows.map((r) => pos[r]!).filter((p) => p >= 0)));
}

const plain = (x: unknown) =>
  JSON.parse(JSON.stringify(x, (_, v) => (ArrayBuffer.isView(v) ? [...(v as Uint8Array)] : v)));

describe('chunkInputSelection and selectInputs', () => {
  const inputs = modelInputs(table, { target: 'y', score: 's' });
  it('drops the rows with missing values from the inputs', () => {
    expect(inputs.rows.length).toBe(n - 4);
  });

  it('select a range for row-based chunks and give the values of the copying subset', () => {
    const pos = inputPositions(inputs, n);
    for (const chunk of chunkByCount(n, 4)) {
      const selection = chunkInputSelection(pos, chunk);
      expect(selection.indices).toBeUndefined();
      const actual = selectInputs(inputs, selection);
      expect(plain(actual)).toEqual(plain(expected(inputs, chunk)));
    }
  });

  it('select explicit positions for non-contiguous chunks', () => {
    const pos = inputPositions(inputs, n);
    const day = 86_400_000;
    const chunks = chunkByPeriod(
      Float64Array.from({ length: n }, (_, i) => (i === 3 ? Number.NaN : (i % 3) * day)),
      '1d',
    );
    expect(chunks.some((c) => c.indices)).toBe(true);
    for (const chunk of chunks) {
      const actual = selectInputs(inputs, chunkInputSelection(pos, chunk));
      expect(plain(actual)).toEqual(plain(expected(inputs, chunk)));
    }
  });

  it('select nothing for a chunk whose rows all lack inputs', () => {
    const pos = inputPositions(inputs, n);
    const chunk: Chunk = { key: '[20:21]', index: 0, startIndex: 20, endIndex: 22, rows: 2 };
    const selection = chunkInputSelection(pos, chunk);
    expect(selection).toEqual({ startIndex: 0, endIndex: 0 });
    expect(selectInputs(inputs, selection).rows.length).toBe(0);
  });
});

describe('chunkAscendingOrders', () => {
  const inputs = modelInputs(table, { target: 'y', score: 's' });
  const scores = (table.columns[1] as { values: Float64Array }).values;
  const day = 86_400_000;
  const layouts: Chunk[][] = [
    chunkByCount(n, 4),
    chunkByPeriod(
      Float64Array.from({ length: n }, (_, i) => (i === 3 ? Number.NaN : (i % 3) * day)),
      '1d',
    ),
  ];
  it("gives each chunk's stableArgsort of its selected scores (ties in row order)", () => {
    if (inputs.task !== 'binary') throw new Error('expected a binary task');
    const pos = inputPositions(inputs, n);
    for (const chunks of layouts) {
      const selections = chunks.map((c) => chunkInputSelection(pos, c));
      const orders = chunkAscendingOrders(
        sortFiniteWithOrder(scores),
        inputs.rows,
        chunkOfRows(n, chunks),
        selections,
      );
      expect(orders).not.toBeNull();
      selections.forEach((selection, c) => {
        expect([...orders![c]!]).toEqual([...stableArgsort(selectFloat64(inputs.score!, selection))]);
      });
    }
  });
  it('gives up (null) when the column holds a −0, which the stable argsort ties with +0', () => {
    const withNegativeZero = Float64Array.from(scores, (v, i) => (i === 10 ? -0 : v));
    const pos = inputPositions(inputs, n);
    const chunks = chunkByCount(n, 4);
    const selections = chunks.map((c) => chunkInputSelection(pos, c));
    expect(
      chunkAscendingOrders(
        sortFiniteWithOrder(withNegativeZero),
        inputs.rows,
        chunkOfRows(n, chunks),
        selections,
      ),
    ).toBeNull();
  });
});
