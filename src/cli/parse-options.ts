/**
 * Parsing of the CLI's structured option values (`col=value` pairs, lists, numbers), with
 * usage errors that name the flag.
 * @module
 */
import { isMethodId, METHOD_IDS, type MethodId } from '../core/drift/method-spec.ts';
import { UsageError } from '../core/errors.ts';
import { COLUMN_TYPES, type ColumnType } from '../core/schema/column-type.ts';

/** Commander collector for repeatable options. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `a,b,c` (repeatable) → ['a','b','c']. */
export function parseList(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** `col=value` pairs; the last `=` separates, so column names may contain `=`. */
export function parsePairs(values: readonly string[] | undefined, flag: string): [string, string][] {
  return (values ?? []).map((v) => {
    const at = v.lastIndexOf('=');
    if (at <= 0 || at === v.length - 1) {
      throw new UsageError('DW_BAD_OPTION', `${flag} expects column=value, got '${v}'`);
    }
    return [v.slice(0, at), v.slice(at + 1)];
  });
}

export function parseMethod(value: string, flag: string): MethodId {
  if (!isMethodId(value)) {
    throw new UsageError(
      'DW_UNKNOWN_METHOD',
      `${flag}: unknown method '${value}' (one of: ${METHOD_IDS.join(', ')})`,
    );
  }
  return value;
}

export function parseColumnType(value: string, flag: string): ColumnType {
  if (!(COLUMN_TYPES as readonly string[]).includes(value)) {
    throw new UsageError(
      'DW_UNKNOWN_TYPE',
      `${flag}: unknown column type '${value}' (one of: ${COLUMN_TYPES.join(', ')})`,
    );
  }
  return value as ColumnType;
}

export function parseNumber(
  value: string,
  flag: string,
  range?: { min?: number; max?: number; integer?: boolean },
): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x))
    throw new UsageError('DW_BAD_OPTION', `${flag} expects a number, got '${value}'`);
  if (range?.integer && !Number.isInteger(x))
    throw new UsageError('DW_BAD_OPTION', `${flag} expects a whole number, got '${value}'`);
  if (range?.min !== undefined && x < range.min)
    throw new UsageError('DW_BAD_OPTION', `${flag} must be ≥ ${range.min}, got ${value}`);
  if (range?.max !== undefined && x > range.max)
    throw new UsageError('DW_BAD_OPTION', `${flag} must be ≤ ${range.max}, got ${value}`);
  return x;
}

export function parseChoice<T extends string>(value: string, flag: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError('DW_BAD_OPTION', `${flag}: expected one of ${choices.join(', ')}, got '${value}'`);
  }
  return value as T;
}
