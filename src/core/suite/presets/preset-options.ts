/**
 * Options of `presetSuite`, with Evidently's defaults where Evidently has one.
 * @module
 */
import type { Severity } from '../suite-types.ts';

export interface PresetOptions {
  /**
   * Classification metrics must stay within ± this share of their reference value
   * (`eq { reference, relative }`). Default 0.2, Evidently's `ClassificationQuality` default test.
   */
  readonly classificationTolerance?: number;
  /** The same for regression metrics. Default 0.1, Evidently's `MAE`/`RMSE`/`MAPE`/`R2Score` default test. */
  readonly regressionTolerance?: number;
  /**
   * Where the reference has missing values, the current missing share may be at most
   * ref × (1 + relative) + absolute. Default `{ relative: 0.1, absolute: 0.01 }`: Evidently's relative 0.1,
   * plus one percentage point so that sampling noise on a small share does not fail the test.
   */
  readonly missingShareTolerance?: { readonly relative: number; readonly absolute: number };
  /** Severity of the per-column "no drift" tests. Default `warning` (the drift share test is critical). */
  readonly columnDriftSeverity?: Severity;
}

export interface ResolvedPresetOptions {
  readonly classificationTolerance: number;
  readonly regressionTolerance: number;
  readonly missingShareTolerance: { readonly relative: number; readonly absolute: number };
  readonly columnDriftSeverity: Severity;
}

export function resolvePresetOptions(options: PresetOptions = {}): ResolvedPresetOptions {
  return {
    classificationTolerance: options.classificationTolerance ?? 0.2,
    regressionTolerance: options.regressionTolerance ?? 0.1,
    missingShareTolerance: options.missingShareTolerance ?? { relative: 0.1, absolute: 0.01 },
    columnDriftSeverity: options.columnDriftSeverity ?? 'warning',
  };
}
