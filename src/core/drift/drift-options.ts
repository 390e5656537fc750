/**
 * Options of the drift check, named like Evidently's `DataDriftPreset` parameters.
 * @module
 */
import type { Binning } from './binned-proportions.ts';
import type { MethodId } from './method-spec.ts';

/** Multiple-testing correction across the p-value columns of one report. */
export type Correction = 'none' | 'bonferroni' | 'bh';

export interface DriftOptions {
  /** Method for every column (overridden by `numMethod`/`catMethod`, then by `columnMethods`). Default: Evidently's auto-selection. */
  readonly method?: MethodId;
  /** Method for numeric columns. */
  readonly numMethod?: MethodId;
  /** Method for categorical columns. */
  readonly catMethod?: MethodId;
  /** Method per column name; wins over everything else. */
  readonly columnMethods?: Readonly<Record<string, MethodId>>;
  /** Threshold for every column. Default: the chosen method's Evidently default. */
  readonly threshold?: number;
  readonly numThreshold?: number;
  readonly catThreshold?: number;
  /** Threshold per column name; wins over everything else. */
  readonly columnThresholds?: Readonly<Record<string, number>>;
  /** Dataset drift when the share of drifted columns is ≥ this. Default 0.5 (Evidently). */
  readonly driftShare?: number;
  /** Multiple-testing correction for p-value methods. Default `none` (as Evidently). */
  readonly correction?: Correction;
  /** Binning of numeric columns for psi/kl_div/jensenshannon/linf. Default `sturges` (Evidently-exact). */
  readonly binning?: Binning;
  /** Bin count for `quantile` binning. Default 10. */
  readonly bins?: number;
  /** Seed of permutation tests (TVD, empirical_mmd). Default 0. */
  readonly seed?: number;
}

export const DEFAULT_DRIFT_SHARE = 0.5;

/** Resolves the method for a column: per column > per type > global > auto. */
export function resolveMethod(
  options: DriftOptions,
  column: string,
  type: 'num' | 'cat',
): MethodId | undefined {
  return (
    options.columnMethods?.[column] ??
    (type === 'num' ? options.numMethod : options.catMethod) ??
    options.method
  );
}

/** Resolves the threshold: per column > per type > global > the method's default. */
export function resolveThreshold(
  options: DriftOptions,
  column: string,
  type: 'num' | 'cat',
  methodDefault: number,
): number {
  return (
    options.columnThresholds?.[column] ??
    (type === 'num' ? options.numThreshold : options.catThreshold) ??
    options.threshold ??
    methodDefault
  );
}
