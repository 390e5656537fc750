/** Role columns as typed arrays: label dictionaries and the binary inputs' fast paths. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelCodes, modelInputs } from '../../../src/core/report/model-inputs.ts';
import type { Table } from '../../../src/core/table/column.ts';

/** The definition: a Map from value to code in first-seen order (SameValueZero keys), NaN → −1. */
function byMap(values: Float64Array): { codes: number[]; labels: string[] } {
  const index = new Map<number, number>();
  const labels: string[] = [];
  const codes = [...values].map((v) => {
    if (Number.isNaN(v)) return -1;
    let k = index.get(v);
    if (k === undefined) {
      k = labels.length;
      index.set(v, k);
      labels.push(String(v));
    }
    return k;
  });
  return { codes, labels };
}

describe('labelCodes of a number column', () => {
  it('equals a Map-based dictionary in first-seen order, below and above 16 labels', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -30, max: 30 }), fc.constantFrom(0, -0, Number.NaN, 0.5)), {
          maxLength: 200,
        }),
        (xs) => {
          const values = Float64Array.from(xs);
          const { codes, labels } = labelCodes({ name: 'y', dtype: 'float', values });
          expect({ codes: [...codes], labels }).toEqual(byMap(values));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('treats −0 and +0 as one label ("0") and NaN as missing', () => {
    const { codes, labels } = labelCodes({
      name: 'y',
      dtype: 'float',
      values: Float64Array.from([-0, 1, 0, Number.NaN, 1]),
    });
    expect([...codes]).toEqual([0, 1, 0, -1, 1]);
    expect(labels).toEqual(['0', '1']);
  });
});

describe('modelInputs of a binary classifier', () => {
  const table = (n: number, missing: (i: number) => boolean): Table => ({
    rowCount: n,
    columns: [
      {
        name: 't',
        dtype: 'int',
        values: Float64Array.from({ length: n }, (_, i) => (missing(i) ? Number.NaN : i % 2)),
      },
      { name: 'p', dtype: 'int', values: Float64Array.from({ length: n }, (_, i) => Math.floor(i / 2) % 2) },
      { name: 's', dtype: 'float', values: Float64Array.from({ length: n }, (_, i) => (i % 7) / 7) },
    ],
  });
  const roles = { target: 't', prediction: 'p', score: 's' };

  it('keeps every row when nothing is missing (copies, not views of the table)', () => {
    const t = table(10, () => false);
    const inputs = modelInputs(t, roles);
    if (inputs.task !== 'binary') throw new Error('expected a binary task');
    expect([...inputs.rows]).toEqual([...Array(10).keys()]);
    expect([...inputs.target!]).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    expect([...inputs.prediction!]).toEqual([0, 0, 1, 1, 0, 0, 1, 1, 0, 0]);
    expect([...inputs.score!]).toEqual([...(t.columns[2] as { values: Float64Array }).values]);
    expect(inputs.score!.buffer).not.toBe((t.columns[2] as { values: Float64Array }).values.buffer);
    expect(inputs.droppedRows).toBe(0);
  });

  it('drops the rows with a missing label and keeps the others aligned', () => {
    const inputs = modelInputs(
      table(10, (i) => i === 2 || i === 5),
      roles,
    );
    if (inputs.task !== 'binary') throw new Error('expected a binary task');
    expect([...inputs.rows]).toEqual([0, 1, 3, 4, 6, 7, 8, 9]);
    expect([...inputs.target!]).toEqual([0, 1, 1, 0, 0, 1, 0, 1]);
    expect([...inputs.prediction!]).toEqual([0, 0, 1, 0, 1, 1, 0, 0]);
    expect([...inputs.score!]).toEqual([0, 1 / 7, 3 / 7, 4 / 7, 6 / 7, 0, 1 / 7, 2 / 7]);
    expect(inputs.droppedRows).toBe(2);
  });
});
