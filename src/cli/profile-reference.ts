/**
 * A `.dwprofile` file as the reference of `driftwatch report` / `driftwatch test`: read and validated,
 * rebuilt into a table for the check engine, and the report told which figures are sketched.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { InputError, UsageError } from '../core/errors.ts';
import { parseProfile } from '../core/profile/profile-file.ts';
import { profileToTable } from '../core/profile/profile-to-table.ts';
import type { DatasetProfile } from '../core/profile/profile-types.ts';
import { profileWarnings } from '../core/profile/profile-warnings.ts';
import type { ReportResult } from '../core/report/result-schema.ts';
import type { Dataset } from '../readers/read-dataset.ts';

/** The file extension of driftwatch profiles. */
export const PROFILE_EXTENSION = '.dwprofile';

export function isProfilePath(path: string): boolean {
  return path.toLowerCase().endsWith(PROFILE_EXTENSION);
}

/**
 * Reads a profile file as a reference dataset.
 * @throws InputError `DW_INPUT_NOT_FOUND` / `DW_INPUT_UNREADABLE`, `DW_PROFILE_INVALID`, `DW_PROFILE_VERSION`.
 */
export async function readProfileReference(
  path: string,
): Promise<{ dataset: Dataset; profile: DatasetProfile }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'DW_INPUT_NOT_FOUND' : 'DW_INPUT_UNREADABLE';
    throw new InputError(code, `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
  const profile = parseProfile(text, path);
  return { dataset: { ...profileToTable(profile), files: [path] }, profile };
}

/** A profile can only stand for the reference (the current data must be rows). */
export function assertNotProfile(path: string, flag: string): void {
  if (isProfilePath(path)) {
    throw new UsageError(
      'DW_BAD_OPTION',
      `${flag} ${path}: a profile (${PROFILE_EXTENSION}) can only be given as --reference; the current data must be a dataset`,
    );
  }
}

/** The result with the profile warnings appended (sketched columns limited to those in the report). */
export function withProfileWarnings(
  result: ReportResult,
  profile: DatasetProfile,
  path: string,
): ReportResult {
  const columns = result.columns.map((c) => c.name);
  return {
    ...result,
    warnings: [...result.warnings, ...profileWarnings(profile, { source: path, columns })],
  };
}
