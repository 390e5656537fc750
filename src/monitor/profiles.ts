/**
 * The profile functions the monitor uses (one import point for `core/profile`), and the preparation of a
 * reference table for repeated comparisons: column profiles attached once (sorted values, summaries), types
 * inferred once.
 * @module
 */
import { parseProfile, profileTable, profileToTable, serializeProfile } from '../core/profile/index.ts';
import type { DatasetProfile, ProfileOptions } from '../core/profile/profile-types.ts';
import { profileColumn } from '../core/report/prepared-column.ts';
import { type ColumnType, inferColumnType } from '../core/schema/column-type.ts';
import type { Column, Table } from '../core/table/column.ts';

export type { DatasetProfile };

/**
 * Sketch sizes of the per-window profiles (`windows.profile_json`). A window's figures are computed from its raw
 * rows; its profile is kept so windows can be merged (hour → day → any range) after the raw records are gone, so
 * it is sized for storage: exact up to 1 000 values per column (exact value counts up to 100 distinct values),
 * KLL beyond (±1.33 % rank error at the default
 * k = 200), HyperLogLog with 2 048 registers (±2.3 %). Every window profile uses the same options, so they merge.
 * (A day of 7 200 rows × 25 columns: ~0.3 MB instead of ~2.5 MB with the defaults; any window stays bounded.)
 */
export const WINDOW_PROFILE_OPTIONS: ProfileOptions = {
  exactCap: 1_000,
  valueCountsCap: 100,
  hllPrecision: 11,
};

/** Profile of a window's table, as stored JSON text (see `WINDOW_PROFILE_OPTIONS`). */
export function windowProfileText(table: Table, source: string, createdAtMs: number): string {
  return serializeProfile(profileTable(table, { ...WINDOW_PROFILE_OPTIONS, source, createdAtMs }));
}

/**
 * Profile of a reference range (first full day, configured range), as stored JSON text: the default sketch sizes
 * (exact up to 100 000 values per column), so the drift against it is exact up to that size.
 */
export function referenceProfileText(table: Table, source: string, createdAtMs: number): string {
  return serializeProfile(profileTable(table, { source, createdAtMs }));
}

export function parseProfileText(text: string): DatasetProfile {
  return parseProfile(text);
}

export interface PreparedTable {
  readonly table: Table;
  readonly types: ReadonlyMap<string, ColumnType>;
  /** Every column reproduced exactly (no sketch error). */
  readonly exact: boolean;
  readonly rows: number;
  /** The target and model outputs are row-aligned (from the reference's model sample), so CBPE can calibrate. */
  readonly modelAligned?: boolean;
}

/**
 * Replaces the target/score/prediction columns of a prepared reference by row-aligned ones (same row count), so the
 * engine can pair each reference row's score with its label.
 */
export function withAlignedModelColumns(prepared: PreparedTable, aligned: readonly Column[]): PreparedTable {
  if (aligned.length === 0 || aligned.some((c) => columnLength(c) !== prepared.rows)) return prepared;
  const byName = new Map(aligned.map((c) => [c.name, { ...c, profile: profileColumn(c) } as Column]));
  const columns = prepared.table.columns.map((c) => byName.get(c.name) ?? c);
  for (const [name, c] of byName) if (!columns.some((x) => x.name === name)) columns.push(c);
  return { ...prepared, table: { ...prepared.table, columns }, modelAligned: true };
}

function columnLength(c: Column): number {
  return 'values' in c ? c.values.length : c.codes.length;
}

/** A stored profile as a table ready to be compared many times. */
export function prepareProfile(profile: DatasetProfile): PreparedTable {
  const raw = profileToTable(profile);
  const columns = raw.columns.map((c) => ({ ...c, profile: c.profile ?? profileColumn(c) }));
  // A profile keeps no row order, so profileToTable's columns are not row-aligned: keep its duplicatedRows (0)
  // instead of letting the engine count "duplicates" across unrelated cells.
  const table: Table = {
    columns,
    rowCount: raw.rowCount,
    ...(raw.duplicatedRows !== undefined ? { duplicatedRows: raw.duplicatedRows } : {}),
  };
  const types = new Map<string, ColumnType>();
  for (const c of columns) types.set(c.name, inferColumnType(c));
  return { table, types, exact: profile.exact, rows: raw.rowCount };
}
