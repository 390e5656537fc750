/**
 * Full-jitter backoff (Brooker 2015) and Retry-After parsing (RFC 9110 §10.2.3) of the TypeScript client.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from '../../src/client/backoff.ts';

describe('backoffDelayMs', () => {
  it('is uniform in [0, min(max, base·2^n)): the random draw scales the ceiling', () => {
    const o = (r: number) => ({ baseDelayMs: 100, maxDelayMs: 1000, random: () => r });
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, o(0.5)))).toEqual([50, 100, 200, 400, 500, 500]);
    expect(backoffDelayMs(3, o(0))).toBe(0);
    expect(backoffDelayMs(3, o(0.999999))).toBe(799);
  });

  it('never exceeds the ceiling and honours Retry-After as a floor (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }),
        (n, r, base, max, retryAfter) => {
          const d = backoffDelayMs(n, { baseDelayMs: base, maxDelayMs: max, random: () => r }, retryAfter);
          const ceiling = Math.min(max, base * 2 ** n);
          expect(d).toBeGreaterThanOrEqual(retryAfter ?? 0);
          if (retryAfter === undefined) expect(d).toBeLessThan(Math.max(ceiling, 1));
          else expect(d).toBeLessThanOrEqual(Math.max(retryAfter, ceiling));
        },
      ),
    );
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it('reads delay-seconds and HTTP-dates, capped', () => {
    expect(parseRetryAfterMs('3', now)).toBe(3000);
    expect(parseRetryAfterMs(' 0 ', now)).toBe(0);
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfterMs('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('86400', now)).toBe(120_000);
    expect(parseRetryAfterMs('86400', now, 1000)).toBe(1000);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs('soon', now)).toBeUndefined();
    expect(parseRetryAfterMs('-1', now)).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it('retries 408, 429 and 5xx only', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([200, 400, 401, 403, 404, 409, 413, 415, 422].some(isRetryableStatus)).toBe(false);
  });
});
