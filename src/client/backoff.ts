/**
 * Retry delays: exponential backoff with "full jitter" — the delay before retry n (0-based) is uniform in
 * [0, min(maxDelay, base · 2ⁿ)). Source: Marc Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog
 * (2015): full jitter spreads clients that failed together, so they do not retry in lock-step, and finishes the
 * work with the fewest calls of the variants compared there.
 * A server's `Retry-After` (429/503) is a floor: the client never retries earlier than asked.
 * @module
 */

export interface BackoffOptions {
  /** First backoff ceiling, ms. Default 250. */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling, ms. Default 30 000. */
  readonly maxDelayMs: number;
  /** Uniform [0, 1) source. Default `Math.random`. */
  readonly random: () => number;
}

/** Delay before retry `attempt` (0 = first retry), ms; at least `retryAfterMs` when the server sent one. */
export function backoffDelayMs(attempt: number, options: BackoffOptions, retryAfterMs?: number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(attempt, 30));
  const jittered = Math.floor(options.random() * ceiling);
  return retryAfterMs !== undefined ? Math.max(retryAfterMs, jittered) : jittered;
}

/**
 * `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date; ms from `nowMs`, capped at `capMs`, or undefined
 * when absent or unreadable.
 */
export function parseRetryAfterMs(value: string | null, nowMs: number, capMs = 120_000): number | undefined {
  if (value === null) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Math.min(Number(v) * 1000, capMs);
  // An HTTP-date names its weekday and month (`Wed, 21 Oct 2015 07:28:00 GMT`); bare numbers are not dates.
  const date = /[a-z]/i.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - nowMs), capMs);
}

/** Statuses worth retrying: request timeout, too many requests, and server errors (5xx). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}
