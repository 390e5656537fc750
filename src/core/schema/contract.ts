/**
 * The data contract: which columns a dataset must have and what their values may be.
 * One zod schema is the single source of truth for the TS types, load-time validation and
 * (later) the JSON Schema of the format. Parsing is pure; reading a file lives in
 * `src/readers/contract-file.ts`.
 *
 * ```yaml
 * columns:
 *   age:     { type: num, required: true, maxMissingShare: 0.01, min: 0, max: 120 }
 *   country: { type: cat, allowed: [DE, FR, US] }
 *   email:   { type: text, regex: "^[^@]+@[^@]+$" }
 * dataset:   { minRows: 1000, maxRows: 1000000, unique: [id] }
 * ```
 *
 * Semantics (enforced by `validateContract`):
 * - `required` defaults to **true**, as in pandera's `Column`: a declared column is expected.
 *   Set `required: false` for a column that may be absent; its checks then run only when present.
 * - `maxMissingShare` (0..1): the largest allowed share of missing cells, over all rows.
 * - `min`/`max`: inclusive bounds on non-missing values. Numbers; for `datetime` columns also ISO-8601
 *   strings (`2024-01-31`, `2024-01-31T12:00:00Z`; no offset means UTC), a number there means epoch ms.
 * - `allowed`: the allowed values. String columns compare by string form (`String(1)` is `"1"`, so quote
 *   codes such as `"01"` in YAML), numeric columns compare numerically (numeric strings are converted,
 *   ISO strings too for datetime columns), bool columns compare `true`/`false` (also `"true"`, 1/0).
 * - `regex`: JavaScript `RegExp` syntax without flags, *searched* (`RegExp.test`) in the string form of
 *   every non-missing value; anchor it with `^…$` to match whole values. Invalid patterns are load errors.
 * - `dataset.unique`: columns whose combined value must be unique across rows (missing counts as a value).
 *   Columns named here count as declared (not "extra") and are expected, even without a `columns` entry.
 * - `dataset.allowExtraColumns` defaults to false: undeclared columns in the data are violations.
 * Unknown keys are errors (strict objects), so typos such as `maxMisingShare` are caught.
 * @module
 */
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { COLUMN_TYPES } from './column-type.ts';
import { boundToNumber, formatIsoDateTime, parseIsoDateTime } from './iso-datetime.ts';

/** A bound or allowed value may be given as a number or, for datetime columns, as an ISO-8601 string. */
const BOUND = z.union([z.number(), z.string()], {
  error: 'expected number (or an ISO date string for datetime columns)',
});

const COLUMN_KEYS = ['type', 'required', 'maxMissingShare', 'min', 'max', 'allowed', 'regex'] as const;
const DATASET_KEYS = ['minRows', 'maxRows', 'unique', 'allowExtraColumns'] as const;
const TOP_KEYS = ['columns', 'dataset'] as const;

export const ColumnContractSchema = z
  .strictObject({
    type: z.enum(COLUMN_TYPES),
    required: z.boolean().default(true),
    maxMissingShare: z.number().min(0).max(1).optional(),
    min: BOUND.optional(),
    max: BOUND.optional(),
    allowed: z
      .array(z.union([z.string(), z.number(), z.boolean()], { error: 'expected string, number or boolean' }))
      .optional(),
    regex: z.string().optional(),
  })
  .superRefine((col, ctx) => {
    for (const key of ['min', 'max'] as const) {
      const bound = col[key];
      if (typeof bound !== 'string') continue;
      if (col.type !== 'datetime') {
        const hint = Number.isNaN(parseIsoDateTime(bound))
          ? ''
          : ' (ISO dates are only allowed for datetime columns)';
        ctx.addIssue({ code: 'custom', path: [key], message: `expected number, got string${hint}` });
      } else if (Number.isNaN(parseIsoDateTime(bound))) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `"${bound}" is not an ISO-8601 date or date-time`,
        });
      }
    }
    if (col.type === 'text') {
      for (const key of ['min', 'max'] as const) {
        if (col[key] !== undefined)
          ctx.addIssue({ code: 'custom', path: [key], message: `${key} does not apply to text columns` });
      }
    }
    const lo = col.min === undefined ? NaN : boundToNumber(col.min);
    const hi = col.max === undefined ? NaN : boundToNumber(col.max);
    if (lo > hi) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must not be less than min' });
    if (col.regex !== undefined) {
      try {
        new RegExp(col.regex);
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: ['regex'], message: (e as Error).message });
      }
    }
  });

export const DatasetContractSchema = z
  .strictObject({
    minRows: z.int().min(0).optional(),
    maxRows: z.int().min(0).optional(),
    unique: z.array(z.string()).min(1).optional(),
    allowExtraColumns: z.boolean().default(false),
  })
  .superRefine((ds, ctx) => {
    if (ds.minRows !== undefined && ds.maxRows !== undefined && ds.minRows > ds.maxRows) {
      ctx.addIssue({ code: 'custom', path: ['maxRows'], message: 'maxRows must not be less than minRows' });
    }
    if (ds.unique !== undefined && new Set(ds.unique).size !== ds.unique.length) {
      ctx.addIssue({ code: 'custom', path: ['unique'], message: 'lists a column more than once' });
    }
  });

export const ContractSchema = z.strictObject({
  columns: z.record(z.string(), ColumnContractSchema),
  dataset: DatasetContractSchema.optional(),
});

/** A parsed contract (defaults applied: `required`, `allowExtraColumns`). */
export type Contract = z.output<typeof ContractSchema>;
/** What a contract file may contain (defaults not yet applied). */
export type ContractInput = z.input<typeof ContractSchema>;
export type ColumnContract = z.output<typeof ColumnContractSchema>;
export type DatasetContract = z.output<typeof DatasetContractSchema>;
/** A `min`/`max` bound: a number, or an ISO-8601 string for datetime columns. */
export type ContractBound = number | string;
export type AllowedValue = string | number | boolean;

/** At most this many zod issues are spelled out in a `DW_CONTRACT_INVALID` message. */
const MAX_ISSUES_IN_MESSAGE = 5;

/**
 * Validates an already-parsed document (from YAML or JSON) as a contract and applies defaults.
 * @param source names the document in error messages (default `'contract'`), e.g. the file name.
 * @throws InputError `DW_CONTRACT_INVALID`: `contract.yaml: columns.age.max: expected number, got string`.
 */
export function parseContract(input: unknown, options: { readonly source?: string } = {}): Contract {
  const source = options.source ?? 'contract';
  if (input === null || input === undefined) {
    throw new InputError(
      'DW_CONTRACT_INVALID',
      `${source}: the contract is empty; expected a mapping with "columns"`,
    );
  }
  const result = ContractSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issues = result.error.issues;
  const parts = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => formatIssue(issue));
  if (issues.length > MAX_ISSUES_IN_MESSAGE) parts.push(`and ${issues.length - MAX_ISSUES_IN_MESSAGE} more`);
  throw new InputError('DW_CONTRACT_INVALID', `${source}: ${parts.join('; ')}`, { cause: result.error });
}

type Issue = z.core.$ZodIssue;

function formatIssue(issue: Issue): string {
  const path = formatPath(issue.path);
  const prefix = path === '' ? '' : `${path}: `;
  return prefix + describeIssue(issue);
}

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'required';
      if (issue.expected === 'int') return `expected integer, got ${describeInput(issue.input, true)}`;
      return `expected ${issue.expected === 'record' ? 'object' : issue.expected}, got ${describeInput(issue.input)}`;
    case 'invalid_union':
      return `${issue.message}, got ${describeInput(issue.input)}`;
    case 'invalid_value':
      if (issue.input === undefined) return `required (one of ${issue.values.join(', ')})`;
      return `expected one of ${issue.values.join(', ')}, got ${JSON.stringify(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'array') return 'must not be empty';
      return `must be >= ${issue.minimum}, got ${String(issue.input)}`;
    case 'too_big':
      return `must be <= ${issue.maximum}, got ${String(issue.input)}`;
    case 'unrecognized_keys':
      return issue.keys.map((key) => describeUnknownKey(key, knownKeys(issue.path))).join('; ');
    default:
      return issue.message;
  }
}

/**
 * The JSON type of a bad value (`string`, `array`, ...); numbers by value when `numberValue` or
 * non-finite (`1.5`, `Infinity`).
 */
function describeInput(value: unknown, numberValue = false): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && (numberValue || !Number.isFinite(value))) return String(value);
  return typeof value;
}

function knownKeys(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return TOP_KEYS;
  if (path.length === 1 && path[0] === 'dataset') return DATASET_KEYS;
  return COLUMN_KEYS;
}

function describeUnknownKey(key: string, known: readonly string[]): string {
  const guess = closestKey(key, known);
  const hint = guess === undefined ? `allowed keys: ${known.join(', ')}` : `did you mean "${guess}"?`;
  return `unknown key "${key}" (${hint})`;
}

/** The known key closest to `key` by case-insensitive edit distance, if it is a plausible typo (≤ 2 edits). */
function closestKey(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return best;
}

/** Levenshtein distance, two-row dynamic programme. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** `columns.age.max`, `dataset.unique[0]`, `columns["my col"].type`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_][\w-]*$/.test(part))
      out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

// Re-exported for callers that already import them from here; they live in iso-datetime.ts so the
// validator does not load zod (about 90 ms of CLI start-up) just to compare dates.
export { boundToNumber, formatIsoDateTime, parseIsoDateTime };
