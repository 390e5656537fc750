/**
 * One API call with retries: network errors, timeouts, 408, 429 (after `Retry-After`) and 5xx are retried up to
 * `maxRetries` times with full-jitter backoff; other answers return at once. Only `fetch` is used (Node ≥ 18,
 * browsers, Deno, Bun).
 * @module
 */
import { type BackoffOptions, backoffDelayMs, isRetryableStatus, parseRetryAfterMs } from './backoff.ts';
import { DriftwatchApiError } from './errors.ts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpConfig {
  readonly baseUrl: string;
  readonly key: string | undefined;
  readonly fetch: FetchLike;
  readonly maxRetries: number;
  readonly backoff: BackoffOptions;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  /** Per attempt, ms; 0 = none. */
  readonly timeoutMs: number;
  readonly userAgent: string | undefined;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, already percent-encoded. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: string | Uint8Array;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HttpResponse {
  readonly status: number;
  readonly body: unknown;
  /** Attempts made (1 = no retry). */
  readonly attempts: number;
}

export function buildUrl(baseUrl: string, path: string, query?: HttpRequest['query']): string {
  let url = baseUrl.replace(/\/+$/, '') + path;
  if (query) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
    const qs = params.toString();
    if (qs) url += `?${qs}`;
  }
  return url;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function apiError(status: number, body: unknown): DriftwatchApiError {
  const e = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
  const code = typeof e?.code === 'string' ? e.code : `DW_CLIENT_HTTP_${status}`;
  const message = typeof e?.message === 'string' ? e.message : `HTTP ${status}`;
  return new DriftwatchApiError(status, code, message, {
    field: typeof e?.field === 'string' ? e.field : undefined,
  });
}

/** Sends the request, retrying what is retryable. Resolves with 2xx answers; throws `DriftwatchApiError` otherwise. */
export async function request(http: HttpConfig, req: HttpRequest): Promise<HttpResponse> {
  const url = buildUrl(http.baseUrl, req.path, req.query);
  const headers: Record<string, string> = { accept: 'application/json', ...(req.headers ?? {}) };
  if (http.key) headers.authorization = `Bearer ${http.key}`;
  if (http.userAgent) headers['user-agent'] = http.userAgent;
  for (let attempt = 0; ; attempt++) {
    let retryAfterMs: number | undefined;
    let failure: DriftwatchApiError;
    const controller = http.timeoutMs > 0 ? new AbortController() : undefined;
    const timer = controller ? setTimeout(() => controller.abort(), http.timeoutMs) : undefined;
    try {
      const res = await http.fetch(url, {
        method: req.method,
        headers,
        ...(req.body !== undefined ? { body: req.body as BodyInit } : {}),
        ...(controller ? { signal: controller.signal } : {}),
      });
      const body = await readBody(res);
      if (res.status >= 200 && res.status < 300) return { status: res.status, body, attempts: attempt + 1 };
      failure = apiError(res.status, body);
      if (!isRetryableStatus(res.status)) throw failure;
      retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), http.now());
    } catch (e) {
      if (e instanceof DriftwatchApiError) throw e;
      const timedOut = controller?.signal.aborted === true;
      failure = new DriftwatchApiError(
        0,
        timedOut ? 'DW_CLIENT_TIMEOUT' : 'DW_CLIENT_NETWORK',
        timedOut
          ? `No answer from ${http.baseUrl} within ${http.timeoutMs} ms`
          : `Cannot reach ${http.baseUrl}: ${(e as Error)?.message ?? String(e)}`,
        { cause: e },
      );
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
    if (attempt >= http.maxRetries) throw failure;
    await http.sleep(backoffDelayMs(attempt, http.backoff, retryAfterMs));
  }
}
