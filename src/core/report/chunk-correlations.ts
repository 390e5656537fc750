/**
 * Concept-drift indicators of the chunk analysis: Pearson and Spearman correlation of every numeric feature with
 * the target (numeric or binary), on the reference and on every chunk of the current data.
 * With a binary target, the Spearman ρ of all chunks comes from one pass over the feature's sorted order of the
 * whole current data (`chunkSortedWithSpearman`, which also yields the chunks' sorted values for the drift runs)
 * instead of ranking every chunk again.
 * @module
 */

import type { Chunk } from '../chunks/chunk.ts';
import { pearson, spearman, spearmanBinaryFromRankSum } from '../stats/correlation.ts';
import type { SortedWithOrder } from '../stats/sort-float64.ts';
import { isStringColumn, type Table } from '../table/column.ts';
import { type ChunkIds, chunkBucketStarts } from './chunk-columns.ts';
import type { ModelInputs } from './model-inputs.ts';

export type Correlations = Record<string, { pearson: number | null; spearman: number | null }>;

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/**
 * Feature ↔ target correlations (numeric features, numeric or binary target) over the rows of `inputs` (rows of
 * `table`) where the feature is finite; null for other tasks or without a target. `spearmanOf` holds Spearman ρ
 * values already computed (as `chunkSortedWithSpearman` does), per feature name; the others are computed here.
 */
export function correlations(
  table: Table,
  inputs: ModelInputs | null,
  features: readonly string[],
  spearmanOf?: ReadonlyMap<string, number>,
): Correlations | null {
  if (!inputs || (inputs.task !== 'regression' && inputs.task !== 'binary') || inputs.target === null)
    return null;
  const target = inputs.target;
  const rows = inputs.rows;
  const out: Correlations = {};
  const xs = new Float64Array(rows.length);
  const ys = new Float64Array(rows.length);
  // Consecutive rows (a row-based chunk without dropped rows): a feature without missing values there is read
  // in place, with the target as it is (no copies) — when Spearman's ρ is already known.
  const first = rows.length > 0 ? rows[0]! : 0;
  const consecutive = rows.length > 0 && rows[rows.length - 1]! - first === rows.length - 1;
  for (const name of features) {
    const column = table.columns.find((c) => c.name === name);
    if (!column || isStringColumn(column)) continue;
    const values = column.values;
    const known = spearmanOf?.get(name);
    if (consecutive && known !== undefined) {
      const x = values.subarray(first, first + rows.length);
      let allFinite = true;
      for (let i = 0; i < x.length; i++) {
        if (!Number.isFinite(x[i]!)) {
          allFinite = false;
          break;
        }
      }
      if (allFinite) {
        out[name] = { pearson: finite(pearson(x, target)), spearman: finite(known) };
        continue;
      }
    }
    let m = 0;
    for (let i = 0; i < rows.length; i++) {
      const x = values[rows[i]!]!;
      if (Number.isFinite(x)) {
        xs[m] = x;
        ys[m] = target[i]!;
        m++;
      }
    }
    const x = xs.subarray(0, m);
    const y = ys.subarray(0, m);
    const rho = known ?? spearman(x, y);
    out[name] = { pearson: finite(pearson(x, y)), spearman: finite(rho) };
  }
  return out;
}

/**
 * Per row, its chunk and target for `chunkSortedWithSpearman`: 4·chunk, plus 2 + target for a row with model inputs
 * (`positionOf[row]` ≥ 0, target `target[positionOf[row]]`); chunk = chunkCount for a row in no chunk.
 * `chunkOf` is `chunkOfRows` of the table.
 */
export function chunkTargetCodes(
  chunkOf: ChunkIds,
  chunkCount: number,
  positionOf: Int32Array,
  target: Uint8Array,
): ChunkIds {
  const n = chunkOf.length;
  const top = 4 * chunkCount + 3;
  const codes = top <= 0xff ? new Uint8Array(n) : top <= 0xffff ? new Uint16Array(n) : new Uint32Array(n);
  for (let row = 0; row < n; row++) {
    const c = chunkOf[row]!;
    const q = positionOf[row]!;
    codes[row] = 4 * c + (c === chunkCount || q < 0 ? 0 : 2 + target[q]!);
  }
  return codes;
}

/**
 * A feature's sorted values per chunk (as `chunkSortedValues`) and its Spearman ρ with a 0/1 target per chunk, in
 * one pass over the feature's sorted order of the whole table. Per chunk, ρ counts the rows with model inputs and a
 * finite feature value — the rows `correlations` uses for that chunk — and equals `spearman` of them bit for bit.
 * `codes` is `chunkTargetCodes` of the table.
 * Technique: walking the whole table's sorted order visits every chunk's rows in ascending order of the feature,
 * so per chunk the tie groups arrive one after the other; each chunk accumulates the rank sum of its ones and the
 * tie term group by group, in the same ascending order as `spearman`'s merge (see `spearmanBinaryFromRankSum`).
 * −0 and +0 sort next to each other and form one tie group, as there. The bucket pass's only random access is
 * the row's code (a byte per row for up to 63 chunks); the tie groups are then walked chunk by chunk, sequentially.
 */
export function chunkSortedWithSpearman(
  feature: SortedWithOrder,
  codes: ChunkIds,
  chunks: readonly Chunk[],
): { readonly sorted: Float64Array[]; readonly spearman: Float64Array } {
  const { sorted, order } = feature;
  const k = chunks.length;
  const starts = chunkBucketStarts(order, codes, 2, chunks);
  const next = starts.slice(0, k + 1);
  // The bucket pass: each chunk's values in ascending order, and beside each its row's input flag and target.
  const out = new Float64Array(order.length);
  const flags = new Uint8Array(order.length);
  for (let p = 0; p < order.length; p++) {
    const code = codes[order[p]!]!;
    const at = next[code >>> 2]!++;
    out[at] = sorted[p]!;
    flags[at] = code & 3;
  }
  // Per chunk, a sequential walk over its rows with inputs, tie group by tie group.
  const rho = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let below = 0;
    let ones = 0;
    let rankSumOnes = 0;
    let tieTerm = 0;
    let groupSize = 0;
    let groupOnes = 0;
    let last = 0;
    for (let i = starts[c]!; i < starts[c + 1]!; i++) {
      const flag = flags[i]!;
      if ((flag & 2) === 0) continue;
      const v = out[i]!;
      if (groupSize > 0 && v !== last) {
        // The previous tie group is complete.
        const t = groupSize;
        rankSumOnes += groupOnes * (below + (t + 1) / 2);
        tieTerm += t * t * t - t;
        below += t;
        ones += groupOnes;
        groupSize = 0;
        groupOnes = 0;
      }
      groupSize++;
      groupOnes += flag & 1;
      last = v;
    }
    if (groupSize > 0) {
      const t = groupSize;
      rankSumOnes += groupOnes * (below + (t + 1) / 2);
      tieTerm += t * t * t - t;
      below += t;
      ones += groupOnes;
    }
    rho[c] = spearmanBinaryFromRankSum(below, ones, rankSumOnes, tieTerm);
  }
  return { sorted: chunks.map((_, c) => out.subarray(starts[c]!, starts[c + 1]!)), spearman: rho };
}
