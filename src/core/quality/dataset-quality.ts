/**
 * Dataset-level data quality: duplicated rows and columns, constant, almost-constant and empty columns.
 * Rows are hashed column by column into two 32-bit lanes (no per-row objects); equal hashes are
 * then verified cell by cell, so a hash collision can never invent a duplicate.
 * @module
 */

import type { PreparedColumn } from '../report/prepared-column.ts';
import type { DatasetQuality } from '../report/result-schema.ts';
import { type Column, isStringColumn, type Table } from '../table/column.ts';

/** A column is almost constant when one value covers at least this share of its non-missing values. */
export const ALMOST_CONSTANT_SHARE = 0.95;

export function datasetQuality(table: Table, prepared: ReadonlyMap<string, PreparedColumn>): DatasetQuality {
  const constantColumns: string[] = [];
  const almostConstantColumns: string[] = [];
  const emptyColumns: string[] = [];
  let missingCells = 0;
  for (const column of table.columns) {
    const p = prepared.get(column.name);
    if (!p) continue;
    missingCells += p.missing;
    const present = table.rowCount - p.missing - p.infinite;
    if (table.rowCount === 0 || p.missing === table.rowCount) {
      emptyColumns.push(column.name);
      continue;
    }
    const modeCount = p.summary ? p.summary.modeCount : maxOf(p.codeCounts!);
    const distinct = p.summary ? p.summary.distinct : countPositive(p.codeCounts!);
    if (distinct === 1 && p.infinite === 0) constantColumns.push(column.name);
    else if (present > 0 && modeCount / (present + p.infinite) >= ALMOST_CONSTANT_SHARE)
      almostConstantColumns.push(column.name);
  }
  const cells = table.rowCount * table.columns.length;
  return {
    rows: table.rowCount,
    columns: table.columns.length,
    missingCells,
    missingShare: cells > 0 ? missingCells / cells : 0,
    duplicatedRows: table.duplicatedRows ?? countDuplicatedRows(table),
    constantColumns,
    almostConstantColumns,
    emptyColumns,
    duplicatedColumns: findDuplicatedColumns(table, prepared),
  };
}

function maxOf(a: Float64Array): number {
  let m = 0;
  for (const v of a) if (v > m) m = v;
  return m;
}

function countPositive(a: Float64Array): number {
  let n = 0;
  for (const v of a) if (v > 0) n++;
  return n;
}

/** Canonical bit patterns: every NaN hashes alike (pandas treats NaN cells as equal), and so do −0 and +0. */
const NAN_LO = 0;
const NAN_HI = 0x7ff80000;

/** Per-row hash lanes of one column, mixed into h1/h2. Strings hash by value, so dictionaries may differ. */
function mixColumn(column: Column, h1: Uint32Array, h2: Uint32Array): void {
  if (isStringColumn(column)) {
    const codeHash = column.dictionary.map((s) => hashString(s));
    const codes = column.codes;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i]!;
      const v = c < 0 ? 0x9e3779b9 : codeHash[c]!;
      h1[i] = Math.imul(h1[i]! ^ v, 0x85ebca6b) + 0x1b873593;
      h2[i] = Math.imul(h2[i]! ^ (v >>> 7), 0xc2b2ae35) + 0x27d4eb2f;
    }
    return;
  }
  const values = column.values;
  // Read the doubles' bits in place (little-endian: low word first) instead of copying each value.
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    let lo = bits[2 * i]!;
    let hi = bits[2 * i + 1]!;
    if (Number.isNaN(x)) {
      lo = NAN_LO;
      hi = NAN_HI;
    } else if (x === 0) {
      lo = 0;
      hi = 0;
    }
    h1[i] = Math.imul(h1[i]! ^ lo, 0x85ebca6b) + Math.imul(hi, 0xcc9e2d51);
    h2[i] = Math.imul(h2[i]! ^ hi, 0xc2b2ae35) + Math.imul(lo, 0x1b873593);
  }
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function cellsEqual(column: Column, a: number, b: number): boolean {
  if (isStringColumn(column)) return column.codes[a] === column.codes[b];
  const x = column.values[a]!;
  const y = column.values[b]!;
  return x === y || (Number.isNaN(x) && Number.isNaN(y));
}

/** Rows equal to an earlier row (pandas `df.duplicated().sum()`). */
export function countDuplicatedRows(table: Table): number {
  const n = table.rowCount;
  if (n < 2 || table.columns.length === 0) return 0;
  const h1 = new Uint32Array(n);
  const h2 = new Uint32Array(n);
  for (const column of table.columns) mixColumn(column, h1, h2);
  // Open-addressing hash table on the 64-bit row hash (no sort, no per-row objects): each slot keeps the
  // first row seen with that hash; a later row with the same hash is a duplicate if its cells are equal.
  // Rows whose hash collides with a different row go to a small overflow list and are checked there.
  const size = 1 << Math.ceil(Math.log2(n * 2));
  const mask = size - 1;
  const slots = new Int32Array(size).fill(-1);
  let duplicates = 0;
  const overflow: number[] = [];
  for (let i = 0; i < n; i++) {
    const a1 = h1[i]!;
    const a2 = h2[i]!;
    let s = (a1 ^ Math.imul(a2, 0x9e3779b1)) & mask;
    for (;;) {
      const j = slots[s]!;
      if (j < 0) {
        slots[s] = i;
        break;
      }
      if (h1[j] === a1 && h2[j] === a2) {
        if (table.columns.every((c) => cellsEqual(c, j, i))) duplicates++;
        else overflow.push(i);
        break;
      }
      s = (s + 1) & mask;
    }
  }
  // Rows that share a full 64-bit hash with a different row (practically never): compare exhaustively.
  for (let k = 0; k < overflow.length; k++) {
    const r = overflow[k]!;
    for (let q = 0; q < r; q++) {
      if (h1[q] === h1[r] && h2[q] === h2[r] && table.columns.every((c) => cellsEqual(c, q, r))) {
        duplicates++;
        break;
      }
    }
  }
  return duplicates;
}

/**
 * Pairs of columns whose values are identical row by row. Candidates are found by a cheap signature of
 * their summaries (missing count, min, max, mean, category counts); only those are compared cell by cell.
 */
export function findDuplicatedColumns(
  table: Table,
  prepared: ReadonlyMap<string, PreparedColumn>,
): [string, string][] {
  const n = table.rowCount;
  const pairs: [string, string][] = [];
  if (n === 0) return pairs;
  const signatures = table.columns.map((c) => {
    const p = prepared.get(c.name);
    if (!p) return `?${c.name}`;
    if (p.summary) {
      const s = p.summary;
      return `n:${p.missing}:${p.infinite}:${s.min}:${s.max}:${s.mean}:${s.distinct}`;
    }
    const counts = [...p.codeCounts!].filter((x) => x > 0).sort((a, b) => a - b);
    return `s:${p.missing}:${counts.join(',')}`;
  });
  for (let i = 0; i < table.columns.length; i++) {
    for (let j = i + 1; j < table.columns.length; j++) {
      if (signatures[i] !== signatures[j]) continue;
      if (columnsEqual(table.columns[i]!, table.columns[j]!, n))
        pairs.push([table.columns[i]!.name, table.columns[j]!.name]);
    }
  }
  return pairs;
}

function isStringLike(c: Column): boolean {
  return isStringColumn(c);
}

function columnsEqual(a: Column, b: Column, n: number): boolean {
  if (isStringLike(a) !== isStringLike(b)) return false;
  if (isStringColumn(a)) {
    const bb = b as typeof a;
    for (let i = 0; i < n; i++) {
      const ca = a.codes[i]!;
      const cb = bb.codes[i]!;
      if (ca < 0 !== cb < 0) return false;
      if (ca >= 0 && a.dictionary[ca] !== bb.dictionary[cb]) return false;
    }
    return true;
  }
  const bv = (b as typeof a).values;
  for (let i = 0; i < n; i++) {
    const x = a.values[i]!;
    const y = bv[i]!;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}
