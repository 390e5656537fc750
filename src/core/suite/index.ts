/**
 * Declarative test suites that gate CI (`driftwatch test`): a suite file lists tests on the report's
 * JSON result; evaluating it gives pass / fail / warning / error per test and an overall `ok`.
 *
 * ## Suite file
 * ```yaml
 * tests:
 *   - name: few drifted columns           # unique; the JUnit test case name
 *     metric: drift.share                 # dotted path into the JSON result
 *     condition: lt                       # eq, not_eq, gt, gte, lt, lte, between, is_in, not_in
 *     threshold: 0.5
 *     severity: critical                  # critical (default) fails the run; warning does not
 *   - name: F1 no more than 10% below reference
 *     metric: quality.current.metrics.f1
 *     condition: gte
 *     threshold: { reference: quality.reference.metrics.f1, relative: -0.1 }
 * ```
 *
 * ## Thresholds (which condition takes which form: `check-threshold.ts`)
 * - a number; a string or boolean for `eq`/`not_eq` (`drift.datasetDrift eq false`);
 * - `[low, high]` for `between` (inclusive); a non-empty list for `is_in`/`not_in`;
 * - `{ approx: { value, relative?, absolute? } }` for `eq`/`not_eq`: |actual − value| ≤
 *   max(|value|·relative, absolute), defaults relative 1e-6 and absolute 1e-12 (Evidently's `ApproxValue`).
 *   Rejected for `gt/gte/lt/lte` (Evidently reads `lt(approx(v))` as "below v − tolerance", which is
 *   easy to misread); write the bound as a number or use `reference`.
 * - `{ reference: <path>, relative?, absolute? }` (defaults 0): another value of the same result.
 *   `gt/gte/lt/lte` compare with ref + |ref|·relative + absolute, which is the issue's
 *   ref × (1 + relative) + absolute for ref ≥ 0 and keeps "relative: −0.1 = 10 % below" meaningful for a
 *   negative ref. `eq`/`not_eq`: within max(|ref|·|relative|, |absolute|).
 *
 * ## Metric paths (`metric-path.ts`)
 * `drift.columns.0.statistic` = `drift.columns[0].statistic`; negative indexes count from the end;
 * `drift.columns[column=age].statistic` selects the first element whose field matches (several
 * `field=value` pairs separated by commas are ANDed); `"price.usd"` or `["price.usd"]` quote keys that
 * contain dots; `length` on a list is its size (`contract.violations.length`).
 *
 * ## Statuses
 * `pass`; `fail` (the condition does not hold on a critical test); `warning` (it does not hold on a warning
 * test); `error` (the metric or reference path is missing, or its value is null, NaN or of the wrong type;
 * the message names the missing segment). `summary.ok` is false when a critical test failed or errored.
 *
 * ## Presets (`preset-suite.ts`)
 * `data-drift`, `data-quality`, `classification`, `regression`, modelled on Evidently's default tests
 * (`src/evidently/metrics/*.py` `_default_tests` / `_default_tests_with_reference`). Differences from
 * Evidently: per-column drift tests are warnings (Evidently: critical); missing share is tested one-sided
 * with an absolute slack of 0.01 (Evidently: two-sided ±10 %); row count and per-column statistics are
 * not tested against the reference; the regression mean error has no default test.
 * @module
 */

export type { ThresholdIssue } from './check-threshold.ts';
export { checkThreshold } from './check-threshold.ts';
export {
  APPROX_DEFAULT_ABSOLUTE,
  APPROX_DEFAULT_RELATIVE,
  evaluateSuite,
  evaluateTest,
  formatNumber,
  summarize,
} from './evaluate-suite.ts';
export type { ParsedPath, PathSegment, ResolvedPath } from './metric-path.ts';
export {
  formatPathKey,
  formatSelector,
  joinPath,
  parseMetricPath,
  resolveMetricPath,
} from './metric-path.ts';
export type { PresetName } from './preset-suite.ts';
export { PRESET_NAMES, presetSuite } from './preset-suite.ts';
export { CLASSIFICATION_PRESET_METRICS, REGRESSION_PRESET_METRICS } from './presets/model-quality.ts';
export type { PresetOptions } from './presets/preset-options.ts';
export {
  ResolvedThresholdSchema,
  SuiteResultSchema,
  SuiteSummarySchema,
  TestOutcomeSchema,
} from './suite-result-schema.ts';
export type { SuiteInput } from './suite-schema.ts';
export { parseSuite, SuiteSchema, SuiteTestSchema } from './suite-schema.ts';
export type {
  ApproxThreshold,
  Condition,
  ReferenceThreshold,
  ResolvedThreshold,
  Scalar,
  Severity,
  Suite,
  SuiteResult,
  SuiteSummary,
  SuiteTest,
  TestOutcome,
  TestStatus,
  Threshold,
} from './suite-types.ts';
export { CONDITIONS, SEVERITIES, TEST_STATUSES } from './suite-types.ts';
export type { SuiteToYamlOptions } from './suite-yaml.ts';
export { SUITE_YAML_HEADER, suiteToYaml } from './suite-yaml.ts';
