/**
 * What a report must say when its reference is a profile: which columns are sketched (and their error
 * bound), and that row-level figures of the reference are not available.
 * @module
 */
import type { ReportWarning } from '../report/result-schema.ts';
import { type DatasetProfile, isNumericProfileColumn } from './profile-types.ts';

/** A sketched (not exact) column of a profile. */
export interface SketchedColumn {
  readonly column: string;
  /** `quantiles`: a KLL sketch of numbers; `frequent-items`: a SpaceSaving summary of strings. */
  readonly sketch: 'quantiles' | 'frequent-items';
  /** See `ProfileColumn.rankErrorBound`. */
  readonly rankErrorBound: number;
}

/** The columns of `profile` (or of those named in `columns`) that are sketched. */
export function sketchedColumns(profile: DatasetProfile, columns?: readonly string[]): SketchedColumn[] {
  const only = columns ? new Set(columns) : null;
  return profile.columns
    .filter((c) => !c.exact && (only === null || only.has(c.name)))
    .map((c) =>
      Object.freeze({
        column: c.name,
        sketch: isNumericProfileColumn(c) ? ('quantiles' as const) : ('frequent-items' as const),
        rankErrorBound: c.rankErrorBound,
      }),
    );
}

function percent(x: number): string {
  return `${(x * 100).toFixed(x < 0.001 ? 3 : 2)}%`;
}

/**
 * Warnings for a report whose reference is `profile`:
 * - `DW_REFERENCE_PROFILE` (always): the reference is a profile; row-level figures of it are not available;
 * - `DW_REFERENCE_SKETCHED` (when some columns are sketched): those columns with their error bounds.
 * @param options.source - how to name the profile (e.g. its file name)
 * @param options.columns - only mention these columns (those in the report)
 */
export function profileWarnings(
  profile: DatasetProfile,
  options: { readonly source?: string; readonly columns?: readonly string[] } = {},
): ReportWarning[] {
  const name = options.source ?? profile.source;
  const warnings: ReportWarning[] = [
    {
      code: 'DW_REFERENCE_PROFILE',
      column: null,
      message:
        `the reference is a profile${name ? ` (${name})` : ''} of ${profile.rows} rows: drift and per-column ` +
        'figures come from its sketches (exact where the profile is exact); row-level figures of the reference ' +
        '(duplicated rows and columns, and anything pairing columns row by row, such as model quality) are not ' +
        'available from a profile',
    },
  ];
  const sketched = sketchedColumns(profile, options.columns);
  if (sketched.length > 0) {
    const list = sketched
      .map((s) =>
        s.sketch === 'quantiles'
          ? `'${s.column}' (KLL: CDF within ±${percent(s.rankErrorBound)}, 99% confidence)`
          : `'${s.column}' (frequent items: ${percent(s.rankErrorBound)} of values not attributed to a category, counted as missing)`,
      )
      .join(', ');
    warnings.push({
      code: 'DW_REFERENCE_SKETCHED',
      column: null,
      message:
        `${sketched.length} reference column${sketched.length === 1 ? ' is' : 's are'} sketched, so their drift ` +
        `figures are approximate (a KS statistic is within the CDF bound of the exact one): ${list}`,
    });
  }
  return warnings;
}
