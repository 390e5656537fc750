/**
 * Per-column data-quality statistics of one side, relative to the reference where that makes sense
 * (range, unseen categories, IQR outlier fences).
 * @module
 */

import type { PreparedColumn } from '../report/prepared-column.ts';
import type { ColumnQuality } from '../report/result-schema.ts';
import type { ColumnType } from '../schema/column-type.ts';
import { isStringColumn } from '../table/column.ts';
import { shareOutside } from './numeric-summary.ts';

/** Number of most frequent values listed per categorical/text column. */
export const TOP_VALUES = 10;

/** Tukey's fences: values beyond 1.5·IQR from the reference quartiles are outliers. */
export const IQR_FENCE = 1.5;

export function columnQuality(
  side: PreparedColumn,
  type: ColumnType,
  reference: PreparedColumn | null,
  isReference: boolean,
): ColumnQuality {
  const col = side.column;
  const count = isStringColumn(col) ? col.codes.length : col.values.length;
  const s = side.summary;
  const base: ColumnQuality = {
    type,
    dtype: col.dtype,
    count,
    missingCount: side.missing,
    missingShare: count > 0 ? side.missing / count : 0,
    distinctCount: 0,
    min: null,
    max: null,
    mean: null,
    std: null,
    q05: null,
    q25: null,
    q50: null,
    q75: null,
    q95: null,
    infiniteCount: side.infinite,
    topValues: [],
    outOfRangeShare: null,
    newCategoryShare: null,
    outlierShare: null,
  };
  if (s !== null && side.sorted !== null) {
    base.distinctCount = s.distinct + (side.infinite > 0 ? countInfinities(side) : 0);
    base.min = finiteOrNull(s.min);
    base.max = finiteOrNull(s.max);
    base.mean = finiteOrNull(s.mean);
    base.std = finiteOrNull(s.std);
    base.q05 = finiteOrNull(s.q05);
    base.q25 = finiteOrNull(s.q25);
    base.q50 = finiteOrNull(s.q50);
    base.q75 = finiteOrNull(s.q75);
    base.q95 = finiteOrNull(s.q95);
    const ref = reference?.summary;
    if (ref && ref.distinct > 0 && side.sorted.length > 0) {
      base.outOfRangeShare = isReference ? 0 : shareOutside(side.sorted, ref.min, ref.max);
      const iqr = ref.q75 - ref.q25;
      base.outlierShare = shareOutside(side.sorted, ref.q25 - IQR_FENCE * iqr, ref.q75 + IQR_FENCE * iqr);
    }
    if (type === 'cat' || type === 'text')
      base.topValues = topNumberValues(side.sorted, count - side.missing);
    if (type === 'cat' && reference !== null && !isReference)
      base.newCategoryShare = newNumberShare(side, reference);
    else if (type === 'cat' && isReference) base.newCategoryShare = 0;
  } else if (side.codeCounts !== null && isStringColumn(col)) {
    const counts = side.codeCounts;
    let distinct = 0;
    for (const c of counts) if (c > 0) distinct++;
    base.distinctCount = distinct;
    const present = count - side.missing;
    base.topValues = topCodes(counts, col.dictionary, present);
    if (isReference) base.newCategoryShare = 0;
    else if (reference !== null) base.newCategoryShare = newStringShare(side, reference, present);
  }
  return base;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function countInfinities(side: PreparedColumn): number {
  if (isStringColumn(side.column)) return 0;
  let pos = false;
  let neg = false;
  for (const v of side.column.values) {
    if (v === Number.POSITIVE_INFINITY) pos = true;
    else if (v === Number.NEGATIVE_INFINITY) neg = true;
  }
  return (pos ? 1 : 0) + (neg ? 1 : 0);
}

function topCodes(
  counts: Float64Array,
  dictionary: readonly string[],
  present: number,
): ColumnQuality['topValues'] {
  const idx: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) idx.push(i);
  idx.sort((a, b) => counts[b]! - counts[a]! || (dictionary[a]! < dictionary[b]! ? -1 : 1));
  return idx.slice(0, TOP_VALUES).map((i) => ({
    value: dictionary[i]!,
    count: counts[i]!,
    share: present > 0 ? counts[i]! / present : 0,
  }));
}

function topNumberValues(sorted: Float64Array, present: number): ColumnQuality['topValues'] {
  const runs: { value: number; count: number }[] = [];
  let i = 0;
  while (i < sorted.length) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    runs.push({ value: sorted[i]!, count: j - i });
    i = j;
  }
  runs.sort((a, b) => b.count - a.count || a.value - b.value);
  return runs.slice(0, TOP_VALUES).map((r) => ({
    value: String(r.value),
    count: r.count,
    share: present > 0 ? r.count / present : 0,
  }));
}

function newStringShare(side: PreparedColumn, reference: PreparedColumn, present: number): number | null {
  if (present === 0) return null;
  const known = new Set<string>();
  const ref = reference.column;
  if (isStringColumn(ref)) {
    const rc = reference.codeCounts!;
    for (let i = 0; i < rc.length; i++) if (rc[i]! > 0) known.add(ref.dictionary[i]!);
  } else if (reference.sorted !== null) {
    for (const v of reference.sorted) known.add(String(v));
  }
  const col = side.column as { dictionary: readonly string[] };
  const counts = side.codeCounts!;
  let unseen = 0;
  for (let i = 0; i < counts.length; i++)
    if (counts[i]! > 0 && !known.has(col.dictionary[i]!)) unseen += counts[i]!;
  return unseen / present;
}

function newNumberShare(side: PreparedColumn, reference: PreparedColumn): number | null {
  const cur = side.sorted!;
  const ref = reference.sorted;
  if (cur.length === 0 || ref === null) return null;
  // Merge-walk two sorted arrays: count current values absent from the reference.
  let j = 0;
  let unseen = 0;
  for (let i = 0; i < cur.length; i++) {
    const v = cur[i]!;
    while (j < ref.length && ref[j]! < v) j++;
    if (j >= ref.length || ref[j] !== v) unseen++;
  }
  return unseen / cur.length;
}
