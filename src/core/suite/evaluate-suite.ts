/**
 * Runs a test suite against a report's JSON result (the object `driftwatch report --json` writes, or any
 * JSON-like object): resolves each test's metric path and threshold, checks the condition, and sums up.
 *
 * Semantics:
 * - `eq`/`not_eq` with a number compare exactly; with `{ approx }` they mean |actual − value| ≤ tolerance,
 *   tolerance = max(|value|·relative, absolute) (defaults relative 1e-6, absolute 1e-12, Evidently's
 *   `ApproxValue`); with `{ reference }`, tolerance = max(|ref|·|relative|, |absolute|) (defaults 0).
 *   Strings and booleans compare exactly.
 * - `gt/gte/lt/lte` with `{ reference }` compare with the bound ref + |ref|·relative + absolute. For
 *   ref ≥ 0 (all quality and share metrics) that is ref × (1 + relative) + absolute as the issue states;
 *   using |ref| keeps "relative −0.1" meaning "10 % worse than the reference" for a negative reference
 *   too, where ref × 0.9 would be a *stricter* bound than the reference itself.
 * - `between [low, high]` is inclusive at both ends. `is_in`/`not_in` compare with each list item exactly.
 * - A test is `error` when its metric or reference path does not exist, or holds a value of the wrong type
 *   (null, NaN, an object, a string where a number is needed, …); the message names the missing segment.
 *   A critical error fails the run like a critical failure.
 * @module
 */
import { checkThreshold } from './check-threshold.ts';
import { describeValue, resolveMetricPath } from './metric-path.ts';
import type {
  Condition,
  ResolvedThreshold,
  Scalar,
  Suite,
  SuiteResult,
  SuiteSummary,
  SuiteTest,
  TestOutcome,
  TestStatus,
} from './suite-types.ts';
import { CONDITIONS } from './suite-types.ts';

/** Evidently's `ApproxValue` defaults (`legacy/utils/types.py`). */
export const APPROX_DEFAULT_RELATIVE = 1e-6;
export const APPROX_DEFAULT_ABSOLUTE = 1e-12;

/** Evaluates every test of `suite` against `result`; never throws for bad data (those are `error`s). */
export function evaluateSuite(suite: Suite, result: unknown): SuiteResult {
  const tests = Object.freeze(suite.tests.map((test) => evaluateTest(test, result)));
  return Object.freeze({ tests, summary: summarize(tests) });
}

/** Counts outcomes; `ok` is false when any critical test failed or errored. */
export function summarize(tests: readonly TestOutcome[]): SuiteSummary {
  const count = (status: TestStatus) => tests.filter((t) => t.status === status).length;
  return Object.freeze({
    total: tests.length,
    passed: count('pass'),
    failed: count('fail'),
    warnings: count('warning'),
    errors: count('error'),
    ok: !tests.some((t) => t.severity === 'critical' && (t.status === 'fail' || t.status === 'error')),
  });
}

/** The comparison a threshold resolves to. `note` explains a reference bound in messages. */
type Comparison =
  | { readonly kind: 'number'; readonly bound: number; readonly note: string }
  | { readonly kind: 'tolerance'; readonly value: number; readonly tolerance: number; readonly note: string }
  | { readonly kind: 'exact'; readonly value: string | boolean }
  | { readonly kind: 'range'; readonly low: number; readonly high: number }
  | { readonly kind: 'list'; readonly items: readonly Scalar[] };

/** Evaluates one test. */
export function evaluateTest(test: SuiteTest, result: unknown): TestOutcome {
  const base = { name: test.name, metric: test.metric, condition: test.condition, severity: test.severity };
  const outcome = (
    status: TestStatus,
    message: string,
    actual: Scalar | null,
    threshold: ResolvedThreshold | null,
  ): TestOutcome => Object.freeze({ ...base, threshold, actual, status, message });

  // Suites built in code skip the schema: check the pairing of condition and threshold here too.
  if (!(CONDITIONS as readonly string[]).includes(test.condition)) {
    return outcome('error', `unknown condition ${JSON.stringify(test.condition)}`, null, null);
  }
  const invalid = checkThreshold(test.condition, test.threshold)[0];
  if (invalid !== undefined) {
    const at = invalid.path.length === 0 ? '' : ` (${invalid.path.join('.')})`;
    return outcome('error', `invalid threshold${at}: ${invalid.message}`, null, null);
  }

  const found = resolveMetricPath(result, test.metric);
  if (!found.ok) return outcome('error', `cannot read ${test.metric}: ${found.message}`, null, null);
  const actual = found.value;
  const actualScalar = isScalar(actual) && !Number.isNaN(actual) ? actual : null;

  const comparison = resolveComparison(test, result);
  if ('error' in comparison) return outcome('error', comparison.error, actualScalar, null);
  const threshold = toResolvedThreshold(comparison);

  const typeError = checkType(actual, comparison, test.metric);
  if (typeError !== undefined) return outcome('error', typeError, actualScalar, threshold);
  const value = actual as Scalar;

  const holds = check(test.condition, value, comparison);
  const relation = `${OPERATOR[test.condition]} ${describeThreshold(comparison)}`;
  const note = 'note' in comparison ? comparison.note : '';
  if (holds) return outcome('pass', `actual ${formatScalar(value)} ${relation}${note}`, value, threshold);
  const status = test.severity === 'critical' ? 'fail' : 'warning';
  return outcome(status, `actual ${formatScalar(value)}, expected ${relation}${note}`, value, threshold);
}

const OPERATOR: Readonly<Record<Condition, string>> = {
  eq: '=',
  not_eq: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
  between: 'in',
  is_in: 'in',
  not_in: 'not in',
};

function resolveComparison(test: SuiteTest, result: unknown): Comparison | { error: string } {
  const t = test.threshold;
  const ordering = test.condition !== 'eq' && test.condition !== 'not_eq';
  if (typeof t === 'number') return { kind: 'number', bound: t, note: '' };
  if (typeof t === 'string' || typeof t === 'boolean') return { kind: 'exact', value: t };
  if (isList(t)) {
    if (test.condition === 'between') return { kind: 'range', low: t[0] as number, high: t[1] as number };
    return { kind: 'list', items: t };
  }
  if ('approx' in t) {
    const { value, relative = APPROX_DEFAULT_RELATIVE, absolute = APPROX_DEFAULT_ABSOLUTE } = t.approx;
    return { kind: 'tolerance', value, tolerance: Math.max(Math.abs(value) * relative, absolute), note: '' };
  }
  const found = resolveMetricPath(result, t.reference);
  if (!found.ok) return { error: `cannot read the reference ${t.reference}: ${found.message}` };
  const ref = found.value;
  if (typeof ref !== 'number' || Number.isNaN(ref)) {
    return { error: `the reference ${t.reference} is ${describeValue(ref)}, expected a number` };
  }
  const relative = t.relative ?? 0;
  const absolute = t.absolute ?? 0;
  const parts = [`${t.reference} = ${formatNumber(ref)}`];
  if (t.relative !== undefined) parts.push(`relative ${formatNumber(relative)}`);
  if (t.absolute !== undefined) parts.push(`absolute ${formatNumber(absolute)}`);
  const note = ` (${parts.join(', ')})`;
  if (ordering) {
    // ref + |ref|·relative + absolute, written as the ref × (1 + relative) + absolute for ref ≥ 0
    // so that the bound is bit-for-bit the one the formula gives.
    const bound = (ref >= 0 ? ref * (1 + relative) : ref * (1 - relative)) + absolute;
    return { kind: 'number', bound, note };
  }
  return {
    kind: 'tolerance',
    value: ref,
    tolerance: Math.max(Math.abs(ref) * Math.abs(relative), Math.abs(absolute)),
    note,
  };
}

function toResolvedThreshold(c: Comparison): ResolvedThreshold {
  switch (c.kind) {
    case 'number':
      return c.bound;
    case 'tolerance':
      return Object.freeze({ value: c.value, tolerance: c.tolerance });
    case 'exact':
      return c.value;
    case 'range':
      return Object.freeze([c.low, c.high]);
    case 'list':
      return Object.freeze([...c.items]);
  }
}

/** Why `actual` cannot be compared with `c`, if it cannot. */
function checkType(actual: unknown, c: Comparison, metric: string): string | undefined {
  let needed: readonly string[];
  if (c.kind === 'exact') needed = [typeof c.value];
  else if (c.kind === 'list') needed = [...new Set(c.items.map((x) => typeof x))];
  else needed = ['number'];
  if (isScalar(actual) && !Number.isNaN(actual) && needed.includes(typeof actual)) return undefined;
  const what = needed.map((n) => `a ${n}`).join(' or ');
  return `${metric} is ${describeValue(actual)}, expected ${what}`;
}

function check(condition: Condition, actual: Scalar, c: Comparison): boolean {
  switch (condition) {
    case 'eq':
      return equals(actual, c);
    case 'not_eq':
      return !equals(actual, c);
    case 'gt':
      return (actual as number) > bound(c);
    case 'gte':
      return (actual as number) >= bound(c);
    case 'lt':
      return (actual as number) < bound(c);
    case 'lte':
      return (actual as number) <= bound(c);
    case 'between':
      return c.kind === 'range' && c.low <= (actual as number) && (actual as number) <= c.high;
    case 'is_in':
      return c.kind === 'list' && c.items.some((x) => x === actual);
    case 'not_in':
      return c.kind === 'list' && !c.items.some((x) => x === actual);
  }
}

function equals(actual: Scalar, c: Comparison): boolean {
  if (c.kind === 'tolerance') return Math.abs((actual as number) - c.value) <= c.tolerance;
  if (c.kind === 'number') return actual === c.bound;
  if (c.kind === 'exact') return actual === c.value;
  return false;
}

function bound(c: Comparison): number {
  return c.kind === 'number' ? c.bound : Number.NaN;
}

function describeThreshold(c: Comparison): string {
  switch (c.kind) {
    case 'number':
      return formatNumber(c.bound);
    case 'tolerance':
      return c.tolerance === 0
        ? formatNumber(c.value)
        : `${formatNumber(c.value)} ± ${formatNumber(c.tolerance)}`;
    case 'exact':
      return formatScalar(c.value);
    case 'range':
      return `[${formatNumber(c.low)}, ${formatNumber(c.high)}]`;
    case 'list':
      return `[${c.items.map(formatScalar).join(', ')}]`;
  }
}

/**
 * Numbers for messages: 10 significant digits, so float noise such as 0.7200000000000001 reads 0.72
 * while values that differ in the 7th digit still look different.
 */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(10)));
}

function formatScalar(x: Scalar): string {
  if (typeof x === 'number') return formatNumber(x);
  if (typeof x === 'string') return JSON.stringify(x);
  return String(x);
}

function isScalar(x: unknown): x is Scalar {
  return typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean';
}

function isList(x: unknown): x is readonly Scalar[] {
  return Array.isArray(x);
}
