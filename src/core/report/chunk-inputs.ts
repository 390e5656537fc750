/**
 * The model inputs of a chunk's rows, taken from the whole data's inputs (no re-encoding): zero-copy views when
 * the chunk's rows with inputs are consecutive positions (always the case for row-based chunks), gathered copies
 * otherwise.
 * @module
 */
import type { Chunk, ChunkSelection } from '../chunks/chunk.ts';
import type { SortedWithOrder } from '../stats/sort-float64.ts';
import type { ChunkIds } from './chunk-columns.ts';
import type { ModelInputs } from './model-inputs.ts';
import { subset } from './model-section.ts';

/** Table row → position in the model inputs (−1 for rows dropped for missing values). */
export function inputPositions(inputs: ModelInputs, rowCount: number): Int32Array {
  const pos = new Int32Array(rowCount).fill(-1);
  const rows = inputs.rows;
  for (let i = 0; i < rows.length; i++) pos[rows[i]!] = i;
  return pos;
}

/**
 * The positions (in the model inputs) of a chunk's rows that have inputs, ascending: a range
 * `[startIndex, endIndex)` when they are consecutive, else explicit `indices`.
 */
export function chunkInputSelection(pos: Int32Array, chunk: Chunk): ChunkSelection {
  const idx = chunk.indices;
  const size = idx ? idx.length : chunk.endIndex - chunk.startIndex;
  const rowAt = (k: number) => (idx ? idx[k]! : chunk.startIndex + k);
  let m = 0;
  for (let k = 0; k < size; k++) if (pos[rowAt(k)]! >= 0) m++;
  const kept = new Int32Array(m);
  for (let k = 0, j = 0; k < size; k++) {
    const p = pos[rowAt(k)]!;
    if (p >= 0) kept[j++] = p;
  }
  if (m === 0) return { startIndex: 0, endIndex: 0 };
  const first = kept[0]!;
  if (kept[m - 1]! - first === m - 1) return { startIndex: first, endIndex: first + m };
  return { startIndex: 0, endIndex: 0, indices: kept };
}

/** The inputs at the selected positions: views of `inputs`' arrays for a range (read-only), copies otherwise. */
export function selectInputs(inputs: ModelInputs, selection: ChunkSelection): ModelInputs {
  if (selection.indices) return subset(inputs, Uint32Array.from(selection.indices));
  const { startIndex: s, endIndex: e } = selection;
  const view = <T extends Uint8Array | Int32Array | Float64Array>(a: T | null): T | null =>
    a === null ? null : (a.subarray(s, e) as T);
  const rows = inputs.rows.subarray(s, e);
  switch (inputs.task) {
    case 'binary':
      return {
        ...inputs,
        target: view(inputs.target),
        prediction: view(inputs.prediction),
        score: view(inputs.score),
        rows,
      };
    case 'multiclass':
      return {
        ...inputs,
        target: view(inputs.target),
        prediction: view(inputs.prediction),
        scores: inputs.scores ? inputs.scores.map((x) => view(x)!) : null,
        rows,
      };
    case 'regression':
      return { ...inputs, target: view(inputs.target), prediction: view(inputs.prediction), rows };
    case 'ranking':
      return {
        ...inputs,
        queryIds: view(inputs.queryIds)!,
        relevance: view(inputs.relevance),
        score: view(inputs.score)!,
        rows,
      };
  }
}

/**
 * Every chunk's stable ascending order of a model input that comes from a table column (the binary score): what
 * `stableArgsort` of the chunk's selected values gives (indices into the selection), taken from the column's
 * sorted order over the whole table instead of sorting every chunk. `inputRows` is the inputs' `rows`, `chunkOf`
 * the table's `chunkOfRows`, `selections` the chunks' `chunkInputSelection`s.
 * Null when the column holds a −0 (the whole-table order puts −0 before +0, where the stable argsort keeps them
 * as ties in row order) or when a selected row has no finite value in the order.
 * Why it is the same order: within a chunk, the whole-table order is by value, then by row; the selection lists
 * the chunk's rows with inputs in row order, so "by row" is "by index into the selection".
 */
export function chunkAscendingOrders(
  column: SortedWithOrder,
  inputRows: Uint32Array,
  chunkOf: ChunkIds,
  selections: readonly ChunkSelection[],
): Uint32Array[] | null {
  if (column.negativeZero) return null;
  const k = selections.length;
  // Per table row: its index in its chunk's selection (−1 for rows without inputs).
  const localOf = new Int32Array(chunkOf.length).fill(-1);
  const out = selections.map((selection) => {
    const idx = selection.indices;
    const size = idx ? idx.length : selection.endIndex - selection.startIndex;
    for (let j = 0; j < size; j++) localOf[inputRows[idx ? idx[j]! : selection.startIndex + j]!] = j;
    return new Uint32Array(size);
  });
  const fill = new Int32Array(k);
  const order = column.order;
  for (let p = 0; p < order.length; p++) {
    const row = order[p]!;
    const c = chunkOf[row]!;
    if (c === k) continue;
    const j = localOf[row]!;
    if (j >= 0) out[c]![fill[c]!++] = j;
  }
  for (let c = 0; c < k; c++) if (fill[c] !== out[c]!.length) return null;
  return out;
}
