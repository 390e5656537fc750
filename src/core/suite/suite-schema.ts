/**
 * The test-suite file: zod schema and `parseSuite`. Reading the file lives in `src/readers/suite-file.ts`.
 *
 * ```yaml
 * tests:
 *   - name: few drifted columns
 *     metric: drift.share
 *     condition: lt
 *     threshold: 0.5
 *     severity: critical
 *   - name: F1 no more than 10% below reference
 *     metric: quality.current.metrics.f1
 *     condition: gte
 *     threshold: { reference: quality.reference.metrics.f1, relative: -0.1 }
 * ```
 *
 * Objects are strict (a typo such as `treshold` is an error with a suggestion), `severity` defaults to
 * `critical`, names must be unique (they identify JUnit test cases), and metric paths are checked for
 * syntax here; whether they exist is only known when the suite runs (`evaluateSuite`).
 * Which threshold forms go with which condition: `check-threshold.ts`.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { checkThreshold } from './check-threshold.ts';
import { closestMatch } from './closest-match.ts';
import { parseMetricPath } from './metric-path.ts';
import type { Suite, SuiteTest, Threshold } from './suite-types.ts';
import { CONDITIONS, SEVERITIES } from './suite-types.ts';

const TEST_KEYS = ['name', 'metric', 'condition', 'threshold', 'severity'] as const;
const TOP_KEYS = ['tests'] as const;

/** Operators, Evidently ids and short forms people may write instead of a condition or severity. */
const VALUE_ALIASES: Readonly<Record<string, string>> = {
  '=': 'eq',
  '==': 'eq',
  equal: 'eq',
  equals: 'eq',
  '!=': 'not_eq',
  ne: 'not_eq',
  neq: 'not_eq',
  noteq: 'not_eq',
  'not-eq': 'not_eq',
  '>': 'gt',
  '>=': 'gte',
  ge: 'gte',
  '<': 'lt',
  '<=': 'lte',
  le: 'lte',
  in: 'is_in',
  isin: 'is_in',
  'is-in': 'is_in',
  notin: 'not_in',
  'not-in': 'not_in',
  range: 'between',
  less: 'lt',
  lessthan: 'lt',
  less_than: 'lt',
  greater: 'gt',
  greaterthan: 'gt',
  greater_than: 'gt',
  warn: 'warning',
  crit: 'critical',
  error: 'critical',
  fail: 'critical',
};

export const SuiteTestSchema = z
  .strictObject({
    name: z.string().trim().min(1, { error: 'must not be empty' }),
    metric: z.string(),
    condition: z.enum(CONDITIONS),
    threshold: z.custom<Threshold>((v) => v !== undefined, { error: 'required' }),
    severity: z.enum(SEVERITIES).default('critical'),
  })
  .superRefine((test, ctx) => {
    const path = parseMetricPath(test.metric);
    if (!path.ok) ctx.addIssue({ code: 'custom', path: ['metric'], message: path.message });
    for (const issue of checkThreshold(test.condition, test.threshold)) {
      ctx.addIssue({ code: 'custom', path: ['threshold', ...issue.path], message: issue.message });
    }
  });

export const SuiteSchema = z
  .strictObject({
    tests: z.array(SuiteTestSchema).min(1, { error: 'must not be empty' }),
  })
  .superRefine((suite, ctx) => {
    const seen = new Map<string, number>();
    suite.tests.forEach((test, i) => {
      const first = seen.get(test.name);
      if (first === undefined) seen.set(test.name, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['tests', i, 'name'],
          message: `"${test.name}" is also the name of tests[${first}]; names must be unique`,
        });
    });
  });

/** What a suite file may contain (`severity` optional). */
export type SuiteInput = z.input<typeof SuiteSchema>;

/** At most this many zod issues are spelled out in a `DW_SUITE_INVALID` message. */
const MAX_ISSUES_IN_MESSAGE = 5;

/**
 * Validates an already-parsed document (from YAML or JSON) as a suite and applies defaults.
 * @param source names the document in error messages (default `'suite'`), e.g. the file name.
 * @throws InputError `DW_SUITE_INVALID`:
 *   `suite.yaml: tests[1].condition: expected one of eq, not_eq, …, got "lessthan"`.
 */
export function parseSuite(input: unknown, options: { readonly source?: string } = {}): Suite {
  const source = options.source ?? 'suite';
  if (input === null || input === undefined) {
    throw new InputError(
      'DW_SUITE_INVALID',
      `${source}: the suite is empty; expected a mapping with "tests"`,
    );
  }
  if (Array.isArray(input)) {
    throw new InputError(
      'DW_SUITE_INVALID',
      `${source}: expected a mapping with "tests", got a list (put the tests under "tests:")`,
    );
  }
  const result = SuiteSchema.safeParse(input, { reportInput: true });
  if (result.success) return freezeSuite(result.data as Suite);
  // In test order; within a test, unknown keys first: a typo such as `treshold` also makes `threshold`
  // "required", which is only the echo.
  const testIndex = (issue: Issue) => (typeof issue.path[1] === 'number' ? issue.path[1] : -1);
  const issues = [...result.error.issues].sort(
    (a, b) =>
      testIndex(a) - testIndex(b) ||
      Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
  );
  const parts = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => formatIssue(issue));
  if (issues.length > MAX_ISSUES_IN_MESSAGE) parts.push(`and ${issues.length - MAX_ISSUES_IN_MESSAGE} more`);
  throw new InputError('DW_SUITE_INVALID', `${source}: ${parts.join('; ')}`, { cause: result.error });
}

function freezeSuite(suite: Suite): Suite {
  return Object.freeze({ tests: Object.freeze(suite.tests.map((t: SuiteTest) => Object.freeze({ ...t }))) });
}

type Issue = z.core.$ZodIssue;

function formatIssue(issue: Issue): string {
  const path = formatIssuePath(issue.path);
  return (path === '' ? '' : `${path}: `) + describeIssue(issue);
}

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      return `expected ${issue.expected === 'record' ? 'object' : issue.expected}, got ${describeInput(issue.input)}`;
    case 'invalid_value': {
      const values = issue.values.map(String);
      if (issue.input === undefined) return `required (one of ${values.join(', ')})`;
      const given = String(issue.input);
      const guess = VALUE_ALIASES[given.toLowerCase()] ?? closestMatch(given, values);
      const hint = guess !== undefined && values.includes(guess) ? ` (did you mean "${guess}"?)` : '';
      return `expected one of ${values.join(', ')}, got ${JSON.stringify(issue.input)}${hint}`;
    }
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'string') return issue.message;
      return `must be >= ${issue.minimum}, got ${String(issue.input)}`;
    case 'unrecognized_keys':
      return issue.keys
        .map((key) => describeUnknownKey(key, issue.path.length === 0 ? TOP_KEYS : TEST_KEYS))
        .join('; ');
    default:
      return issue.message;
  }
}

function describeInput(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

function describeUnknownKey(key: string, known: readonly string[]): string {
  const guess = closestMatch(key, known);
  const hint = guess === undefined ? `allowed keys: ${known.join(', ')}` : `did you mean "${guess}"?`;
  return `unknown key "${key}" (${hint})`;
}

/** `tests[2].threshold.approx.value`. */
function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_][\w-]*$/.test(part))
      out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}
