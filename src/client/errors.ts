/**
 * Errors of the TypeScript client. API answers other than 2xx become `DriftwatchApiError` with the server's
 * stable `code` (`{ error: { code, message, field? } }`); misuse of the client is a `DriftwatchClientError`.
 * @module
 */

/** Misuse of the client (missing model, closed client, full buffer, …), with a stable code. */
export class DriftwatchClientError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DriftwatchClientError';
    this.code = code;
  }
}

/** A non-2xx answer of the server (after retries, for retryable statuses), or a network failure (`status` 0). */
export class DriftwatchApiError extends Error {
  /** HTTP status; 0 when no answer arrived (network error or timeout). */
  readonly status: number;
  /** The server's error code (`DW_…`), or `DW_CLIENT_NETWORK` / `DW_CLIENT_HTTP_<status>`. */
  readonly code: string;
  readonly field: string | undefined;
  constructor(
    status: number,
    code: string,
    message: string,
    options: { field?: string | undefined; cause?: unknown } = {},
  ) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'DriftwatchApiError';
    this.status = status;
    this.code = code;
    this.field = options.field;
  }
}
