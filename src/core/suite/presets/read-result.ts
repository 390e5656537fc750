/**
 * Defensive reads from a report result of unknown shape, for the presets.
 * @module
 */
import { joinPath, resolveMetricPath } from '../metric-path.ts';

/** The value at the path made of `keys`, or undefined when it does not exist. */
export function valueAt(result: unknown, ...keys: readonly string[]): unknown {
  const found = resolveMetricPath(result, joinPath(...keys));
  return found.ok ? found.value : undefined;
}

/** The plain object at `keys`, or undefined. */
export function objectAt(result: unknown, ...keys: readonly string[]): Record<string, unknown> | undefined {
  const v = valueAt(result, ...keys);
  return v !== null && typeof v === 'object' && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/** The number at `keys` (not NaN), or undefined. */
export function numberAt(result: unknown, ...keys: readonly string[]): number | undefined {
  const v = valueAt(result, ...keys);
  return typeof v === 'number' && !Number.isNaN(v) ? v : undefined;
}
