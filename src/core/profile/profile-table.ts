/**
 * `profileTable`: the profile of a whole in-memory table.
 * @module
 */
import type { Table } from '../table/column.ts';
import { createProfileBuilder } from './profile-builder.ts';
import type { DatasetProfile, ProfileMeta, ProfileOptions } from './profile-types.ts';

/**
 * Profiles every column of `table` (exact up to the caps of `options`, sketched beyond).
 * @example
 * const profile = profileTable(reference, { source: 'reference.csv', createdAtMs: Date.now() });
 */
export function profileTable(table: Table, options: ProfileOptions & ProfileMeta = {}): DatasetProfile {
  const { createdAtMs, source, ...sketchOptions } = options;
  const builder = createProfileBuilder(
    table.columns.map((c) => ({ name: c.name, dtype: c.dtype })),
    sketchOptions,
  );
  builder.updateTable(table);
  return builder.toProfile({
    ...(createdAtMs !== undefined ? { createdAtMs } : {}),
    ...(source !== undefined ? { source } : {}),
  });
}
