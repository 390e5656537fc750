/**
 * `serializeProfile` / `parseProfile`: a profile as JSON text (the `.dwprofile` file), validated on the
 * way in: shape (zod), then each sketch's invariants and the counts tying them together. Derived fields
 * (`exact`, `rankErrorBound`, `distinct`) are recomputed from the sketches rather than trusted.
 * @module
 */
import { InputError, isDriftwatchError } from '../errors.ts';
import { CategoricalAccumulator } from './categorical-accumulator.ts';
import { NumericAccumulator } from './numeric-accumulator.ts';
import { DatasetProfileSchema } from './profile-schema.ts';
import {
  type DatasetProfile,
  isNumericProfileColumn,
  PROFILE_FORMAT,
  PROFILE_FORMAT_VERSION,
  type ProfileColumn,
} from './profile-types.ts';

/** The profile as compact JSON text (one line, newline-terminated). */
export function serializeProfile(profile: DatasetProfile): string {
  return `${JSON.stringify(profile)}\n`;
}

function invalid(where: string, why: string): InputError {
  return new InputError('DW_PROFILE_INVALID', `${where} is not a valid driftwatch profile: ${why}`);
}

function checkColumn(c: ProfileColumn, rows: number): ProfileColumn {
  const fail = (why: string): never => {
    throw new Error(`column '${c.name}': ${why}`);
  };
  if (c.count + c.missing !== rows) fail(`count + missing = ${c.count + c.missing}, not rows = ${rows}`);
  if (isNumericProfileColumn(c)) {
    const acc = NumericAccumulator.fromColumn(c);
    const finite = c.moments.count;
    if (finite + c.positiveInfinity + c.negativeInfinity !== c.count) {
      fail('finite + infinite values do not add up to count');
    }
    if (acc.quantiles.n !== finite)
      fail(`quantile sketch holds ${acc.quantiles.n} values, moments ${finite}`);
    const counts = acc.valueCounts.entries();
    if (counts !== null && counts.reduce((s, [, n]) => s + n, 0) !== finite) {
      fail('value counts do not add up to the finite values');
    }
    return acc.toColumn();
  }
  const acc = CategoricalAccumulator.fromColumn(c);
  if (acc.items.total !== c.count) fail(`frequent items total ${acc.items.total}, not count ${c.count}`);
  return acc.toColumn();
}

/**
 * Parses and validates a profile file's text. `source` names it in error messages (default 'profile').
 * @throws InputError `DW_PROFILE_INVALID` (not JSON, wrong shape, inconsistent sketches),
 *   `DW_PROFILE_VERSION` (a newer format version than this driftwatch reads).
 */
export function parseProfile(text: string, source = 'profile'): DatasetProfile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw invalid(source, `not JSON (${(e as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== PROFILE_FORMAT) {
    throw invalid(source, `expected an object with "format": "${PROFILE_FORMAT}"`);
  }
  const version = (data as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > PROFILE_FORMAT_VERSION) {
    throw new InputError(
      'DW_PROFILE_VERSION',
      `${source} has profile format version ${version}; this driftwatch reads version ${PROFILE_FORMAT_VERSION}: upgrade driftwatch`,
    );
  }
  const parsed = DatasetProfileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    throw invalid(source, `${path.replace(/^\./, '') || '(root)'}: ${issue.message}`);
  }
  const profile = parsed.data as DatasetProfile;
  const names = new Set<string>();
  const columns: ProfileColumn[] = [];
  for (const c of profile.columns) {
    if (names.has(c.name)) throw invalid(source, `column '${c.name}' appears twice`);
    names.add(c.name);
    try {
      columns.push(checkColumn(c, profile.rows));
    } catch (e) {
      throw invalid(source, isDriftwatchError(e) ? `column '${c.name}': ${e.message}` : (e as Error).message);
    }
  }
  return {
    ...profile,
    exact: columns.every((c) => c.exact),
    columns,
  };
}
