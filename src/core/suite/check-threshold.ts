/**
 * Which threshold forms each condition accepts, with messages that say what to write instead.
 * Used by the suite schema; free of zod.
 *
 * | condition | number | string / boolean | `[low, high]` | list | `{ approx }` | `{ reference }` |
 * |---|---|---|---|---|---|---|
 * | `eq`, `not_eq` | ✓ | ✓ | | | ✓ | ✓ |
 * | `gt`, `gte`, `lt`, `lte` | ✓ | | | | | ✓ |
 * | `between` | | | ✓ | | | |
 * | `is_in`, `not_in` | | | | ✓ | | |
 *
 * `approx` is rejected for ordering conditions on purpose: Evidently reads `lt(approx(v))` as "below the
 * whole tolerance band" (`v − tol`), which is easy to misread as "below v, give or take tol". Write the
 * bound you mean as a number, or use `reference` with `relative`/`absolute`.
 * @module
 */
import { closestMatch } from './closest-match.ts';
import { parseMetricPath } from './metric-path.ts';
import type { Condition } from './suite-types.ts';

export interface ThresholdIssue {
  /** Path below `threshold`, e.g. `['approx', 'relative']`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const APPROX_KEYS = ['value', 'relative', 'absolute'] as const;
const REFERENCE_KEYS = ['reference', 'relative', 'absolute'] as const;

/** Problems with `threshold` for `condition`; empty when it is valid. */
export function checkThreshold(condition: Condition, threshold: unknown): ThresholdIssue[] {
  switch (condition) {
    case 'eq':
    case 'not_eq':
      if (isScalar(threshold)) return finite(threshold, []);
      if (Array.isArray(threshold))
        return top(
          `${condition} compares with one value, got a list (use ${condition === 'eq' ? 'is_in' : 'not_in'} for a list)`,
        );
      if (isObject(threshold)) return checkObject(condition, threshold);
      return top(
        `${condition} needs a number, string, boolean, { approx: … } or { reference: … }, got ${kind(threshold)}`,
      );
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (typeof threshold === 'number') return finite(threshold, []);
      if (isObject(threshold)) return checkObject(condition, threshold);
      if (Array.isArray(threshold) && threshold.length === 2)
        return top(
          `${condition} needs a number or { reference: … }, got a list (use between for [low, high])`,
        );
      return top(
        `${condition} needs a number or { reference: <path>, relative, absolute }, got ${kind(threshold)}`,
      );
    case 'between': {
      if (!Array.isArray(threshold) || threshold.length !== 2)
        return top(`between needs [low, high] (two numbers), got ${kind(threshold)}`);
      const issues: ThresholdIssue[] = [];
      threshold.forEach((x, i) => {
        if (typeof x !== 'number') issues.push({ path: [i], message: `expected a number, got ${kind(x)}` });
        else issues.push(...finite(x, [i]));
      });
      const [low, high] = threshold as [unknown, unknown];
      if (issues.length === 0 && (low as number) > (high as number))
        issues.push({ path: [], message: `low (${low}) is greater than high (${high})` });
      return issues;
    }
    case 'is_in':
    case 'not_in': {
      if (!Array.isArray(threshold))
        return top(
          `${condition} needs a list of values, got ${kind(threshold)}${isScalar(threshold) ? ` (write [${JSON.stringify(threshold)}])` : ''}`,
        );
      if (threshold.length === 0) return top('the list must not be empty');
      const issues: ThresholdIssue[] = [];
      threshold.forEach((x, i) => {
        if (!isScalar(x))
          issues.push({ path: [i], message: `expected a number, string or boolean, got ${kind(x)}` });
        else issues.push(...finite(x, [i]));
      });
      return issues;
    }
  }
}

function checkObject(condition: Condition, obj: Record<string, unknown>): ThresholdIssue[] {
  const keys = Object.keys(obj);
  if (Object.hasOwn(obj, 'approx')) {
    if (condition !== 'eq' && condition !== 'not_eq') {
      return top(
        `approx applies to eq and not_eq only; for ${condition} give the bound as a number or use { reference: <path>, relative, absolute }`,
      );
    }
    const issues = unknownKeys(keys, ['approx'], []);
    const approx = obj.approx;
    if (!isObject(approx)) {
      issues.push({
        path: ['approx'],
        message: `expected { value, relative, absolute }, got ${kind(approx)}`,
      });
      return issues;
    }
    issues.push(...unknownKeys(Object.keys(approx), APPROX_KEYS, ['approx']));
    if (approx.value === undefined) issues.push({ path: ['approx', 'value'], message: 'required' });
    issues.push(...numberField(approx, 'value', ['approx'], false));
    issues.push(...numberField(approx, 'relative', ['approx'], true));
    issues.push(...numberField(approx, 'absolute', ['approx'], true));
    return issues;
  }
  if (Object.hasOwn(obj, 'reference')) {
    const issues = unknownKeys(keys, REFERENCE_KEYS, []);
    const ref = obj.reference;
    if (typeof ref !== 'string') {
      issues.push({ path: ['reference'], message: `expected a metric path, got ${kind(ref)}` });
    } else {
      const parsed = parseMetricPath(ref);
      if (!parsed.ok) issues.push({ path: ['reference'], message: parsed.message });
    }
    issues.push(...numberField(obj, 'relative', [], false));
    issues.push(...numberField(obj, 'absolute', [], false));
    return issues;
  }
  const guess = keys.map((k) => [k, closestMatch(k, ['approx', 'reference'])] as const).find(([, g]) => g);
  if (guess !== undefined)
    return [{ path: [], message: `unknown key "${guess[0]}" (did you mean "${guess[1]}"?)` }];
  const forms =
    condition === 'eq' || condition === 'not_eq'
      ? '{ approx: { value, relative, absolute } } or { reference: <path>, relative, absolute }'
      : '{ reference: <path>, relative, absolute }';
  return top(`expected ${forms}, got an object with keys ${keys.join(', ') || '(none)'}`);
}

function numberField(
  obj: Record<string, unknown>,
  key: string,
  at: readonly (string | number)[],
  nonNegative: boolean,
): ThresholdIssue[] {
  const v = obj[key];
  if (v === undefined) return [];
  if (typeof v !== 'number') return [{ path: [...at, key], message: `expected a number, got ${kind(v)}` }];
  if (!Number.isFinite(v)) return [{ path: [...at, key], message: `must be finite, got ${v}` }];
  if (nonNegative && v < 0) return [{ path: [...at, key], message: `must be >= 0, got ${v}` }];
  return [];
}

function unknownKeys(
  keys: readonly string[],
  known: readonly string[],
  at: readonly (string | number)[],
): ThresholdIssue[] {
  return keys
    .filter((k) => !known.includes(k))
    .map((k) => {
      const guess = closestMatch(k, known);
      const hint = guess === undefined ? `allowed keys: ${known.join(', ')}` : `did you mean "${guess}"?`;
      return { path: at, message: `unknown key "${k}" (${hint})` };
    });
}

function finite(x: unknown, path: readonly (string | number)[]): ThresholdIssue[] {
  return typeof x === 'number' && !Number.isFinite(x) ? [{ path, message: `must be finite, got ${x}` }] : [];
}

function top(message: string): ThresholdIssue[] {
  return [{ path: [], message }];
}

function isScalar(x: unknown): x is number | string | boolean {
  return typeof x === 'number' || typeof x === 'string' || typeof x === 'boolean';
}

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** The JSON type of a value for messages; numbers and strings by value. */
function kind(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (x === null) return 'null';
  if (Array.isArray(x)) return `a list of ${x.length}`;
  if (typeof x === 'number') return `${x}`;
  if (typeof x === 'string') return `string ${JSON.stringify(x)}`;
  if (typeof x === 'boolean') return `${x}`;
  if (typeof x === 'object') return 'an object';
  return typeof x;
}
