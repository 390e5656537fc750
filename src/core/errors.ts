/**
 * Errors with a stable `code` and an actionable message (Vitest style).
 * Bad *data* never throws through a report: it becomes a warning in the result.
 * These errors are for bad *usage* and unreadable *input*, which end a run with exit code 2.
 * @module
 */

/** Base class of every error driftwatch raises on purpose. */
export class DriftwatchError extends Error {
  /** Stable, documented machine-readable code, e.g. `DW_CSV_MALFORMED`. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DriftwatchError';
    this.code = code;
  }
}

/** The user asked for something that cannot work (unknown method, bad option value, ...). */
export class UsageError extends DriftwatchError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'UsageError';
  }
}

/** An input file is missing, unreadable or malformed. The message names file, row/line and column. */
export class InputError extends DriftwatchError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'InputError';
  }
}

export function isDriftwatchError(e: unknown): e is DriftwatchError {
  return e instanceof DriftwatchError;
}
