/**
 * The reference profile of a version: an uploaded dataset `Table` profiled with the core profile module
 * (`profileTable`, the same sketches as `driftwatch profile`), or an uploaded `.dwprofile` document validated by
 * `parseProfile`. Stored as the JSON text `serializeProfile` writes.
 * @module
 */
import { isDriftwatchError } from '../../core/errors.ts';
import { parseProfile, profileTable, serializeProfile } from '../../core/profile/index.ts';
import type { Table } from '../../core/table/column.ts';
import { ApiError } from '../api-error.ts';

/** Profiles an uploaded dataset; returns the JSON text to store. */
export function profileReferenceTable(table: Table, meta: { source: string; createdAtMs: number }): string {
  return serializeProfile(profileTable(table, meta));
}

/**
 * Validates an uploaded `.dwprofile` document (its text); returns the normalised JSON text to store with its
 * row and column counts. Invalid profiles → 400 with the profile module's code (`DW_PROFILE_INVALID`,
 * `DW_PROFILE_VERSION`).
 */
export function parseReferenceProfile(text: string): { json: string; rows: number; columns: number } {
  try {
    const profile = parseProfile(text, 'uploaded profile');
    return { json: serializeProfile(profile), rows: profile.rows, columns: profile.columns.length };
  } catch (e) {
    if (isDriftwatchError(e)) throw new ApiError(400, e.code, e.message);
    throw e;
  }
}
