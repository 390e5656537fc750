/**
 * Gather helper: the rows of a typed array listed in a row-index array, so that any metric function written
 * for whole columns can be evaluated on a segment (`metric(selectRows(target, seg.rowIndices), ...)`).
 * @module
 */
import { UsageError } from '../errors.ts';

/** Typed arrays `selectRows` accepts. */
export type RowArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray;

/**
 * A new typed array of the same type holding `array[rowIndices[0]], array[rowIndices[1]], ...`.
 * @throws UsageError `DW_SEGMENTS_ROW_OUT_OF_RANGE` when an index is not a row of `array`.
 */
export function selectRows<T extends RowArray>(array: T, rowIndices: Uint32Array): T {
  const n = array.length;
  const Ctor = array.constructor as new (length: number) => T;
  const out = new Ctor(rowIndices.length);
  for (let k = 0; k < rowIndices.length; k++) {
    const i = rowIndices[k]!;
    if (i >= n) {
      throw new UsageError(
        'DW_SEGMENTS_ROW_OUT_OF_RANGE',
        `rowIndices[${k}] is ${i}, but the array has ${n} rows.`,
      );
    }
    out[k] = array[i]!;
  }
  return out;
}
