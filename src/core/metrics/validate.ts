/**
 * Input checks shared by the model-quality metrics. A failed check is a programming error of the caller
 * (misaligned columns, a target that is not 0/1, a NaN score that should have been dropped), so it throws a
 * {@link UsageError} with a stable `DW_METRICS_*` code. Data that merely makes a metric undefined (one class,
 * no predicted positives, ...) never throws: the metric is returned as NaN.
 * @module
 */
import { UsageError } from '../errors.ts';

/** Throws `DW_METRICS_LENGTH_MISMATCH` unless every array has `n` rows. */
export function assertLength(n: number, arrays: Readonly<Record<string, { readonly length: number }>>): void {
  for (const [name, a] of Object.entries(arrays)) {
    if (a.length !== n) {
      throw new UsageError(
        'DW_METRICS_LENGTH_MISMATCH',
        `${name} has ${a.length} rows but the target has ${n}; metric inputs must be row-aligned`,
      );
    }
  }
}

/** Throws `DW_METRICS_NOT_BINARY` unless every value is 0 or 1. */
export function assertBinary(name: string, values: Uint8Array): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v > 1) {
      throw new UsageError(
        'DW_METRICS_NOT_BINARY',
        `${name}[${i}] is ${v}; binary labels must be 0 (negative) or 1 (positive)`,
      );
    }
  }
}

/** Throws `DW_METRICS_NOT_FINITE` if a value is NaN or ±Infinity (the caller drops missing rows). */
export function assertFinite(name: string, values: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) {
      throw new UsageError(
        'DW_METRICS_NOT_FINITE',
        `${name}[${i}] is ${values[i]}; drop rows with a missing or infinite value before computing metrics`,
      );
    }
  }
}

/** Throws `DW_METRICS_CLASS_OUT_OF_RANGE` unless every value is an index in [0, classCount). */
export function assertClassIndices(name: string, values: Int32Array, classCount: number): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < 0 || v >= classCount) {
      throw new UsageError(
        'DW_METRICS_CLASS_OUT_OF_RANGE',
        `${name}[${i}] is ${v}; class indices must be in [0, ${classCount - 1}] (one per entry of classes)`,
      );
    }
  }
}

/** Throws `DW_METRICS_BAD_OPTION` with `message` unless `ok`. */
export function checkOption(ok: boolean, message: string): void {
  if (!ok) throw new UsageError('DW_METRICS_BAD_OPTION', message);
}
