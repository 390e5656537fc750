/**
 * Types of a test suite and of its evaluation. Kept free of zod so that evaluating a suite does not load
 * the schema library; `suite-schema.ts` validates files into these types and `suite-result-schema.ts`
 * describes the evaluation result for the JSON contract.
 * @module
 */

/** The conditions a test can check, as in Evidently's `TestValueCondition`, plus `between`. */
export const CONDITIONS = ['eq', 'not_eq', 'gt', 'gte', 'lt', 'lte', 'between', 'is_in', 'not_in'] as const;
export type Condition = (typeof CONDITIONS)[number];

/** `critical` (default) fails the run; `warning` is reported but does not. */
export const SEVERITIES = ['critical', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A value a test can compare with: `eq`, `not_eq`, `is_in` and `not_in` also compare strings and booleans. */
export type Scalar = number | string | boolean;

/** Equal within `max(|value|·relative, absolute)`; defaults as Evidently's `ApproxValue`: relative 1e-6, absolute 1e-12. */
export interface ApproxThreshold {
  readonly approx: { readonly value: number; readonly relative?: number; readonly absolute?: number };
}

/**
 * A bound read from another path of the same result (usually the reference side).
 * `gt/gte/lt/lte`: bound = ref + |ref|·relative + absolute (= ref × (1 + relative) + absolute for ref ≥ 0).
 * `eq/not_eq`: equal within max(|ref|·|relative|, |absolute|). Both default to 0.
 */
export interface ReferenceThreshold {
  readonly reference: string;
  readonly relative?: number;
  readonly absolute?: number;
}

/**
 * What a suite file may give as `threshold`, by condition:
 * - `eq`, `not_eq`: a number, string or boolean, `{ approx }` or `{ reference }`;
 * - `gt`, `gte`, `lt`, `lte`: a number or `{ reference }`;
 * - `between`: `[low, high]` (numbers, inclusive);
 * - `is_in`, `not_in`: a non-empty list of numbers, strings or booleans.
 */
export type Threshold = Scalar | readonly Scalar[] | ApproxThreshold | ReferenceThreshold;

export interface SuiteTest {
  /** Unique within the suite; the JUnit test case name. */
  readonly name: string;
  /** Dotted path into the report's JSON result, e.g. `drift.share` (syntax in `metric-path.ts`). */
  readonly metric: string;
  readonly condition: Condition;
  readonly threshold: Threshold;
  readonly severity: Severity;
}

export interface Suite {
  readonly tests: readonly SuiteTest[];
}

/**
 * `pass`: the condition holds. `fail`: it does not, on a critical test. `warning`: it does not, on a
 * warning test. `error`: the test could not be evaluated (metric or reference path missing, or not of the
 * type the condition needs), whatever its severity.
 */
export const TEST_STATUSES = ['pass', 'fail', 'warning', 'error'] as const;
export type TestStatus = (typeof TEST_STATUSES)[number];

/**
 * The threshold as actually compared: a number (also the computed bound of a `reference` threshold for
 * `gt/gte/lt/lte`), a string or boolean, `[low, high]` for `between`, the list for `is_in/not_in`, or
 * `{ value, tolerance }` for `eq/not_eq` with `approx` or `reference`.
 */
export type ResolvedThreshold =
  | Scalar
  | readonly Scalar[]
  | { readonly value: number; readonly tolerance: number };

export interface TestOutcome {
  readonly name: string;
  readonly metric: string;
  readonly condition: Condition;
  /** null when it could not be resolved (status `error`). */
  readonly threshold: ResolvedThreshold | null;
  /** The value found at `metric` when it is a number, string or boolean; otherwise null. */
  readonly actual: Scalar | null;
  readonly status: TestStatus;
  readonly severity: Severity;
  /** What was compared, e.g. `actual 0.6, expected < 0.5`, or why the test could not be evaluated. */
  readonly message: string;
}

export interface SuiteSummary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly warnings: number;
  readonly errors: number;
  /** No critical test failed or errored: the run passes (exit code 0). */
  readonly ok: boolean;
}

export interface SuiteResult {
  readonly tests: readonly TestOutcome[];
  readonly summary: SuiteSummary;
}
