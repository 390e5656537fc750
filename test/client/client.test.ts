/**
 * The TypeScript client against a scripted fake `fetch`: batching, idempotent ids, retries with deterministic
 * full-jitter delays (injected random and sleep), Retry-After, non-retryable answers, 413 splitting, timeouts,
 * gzip, the background timer, close(), and the query helpers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createClient, DriftwatchApiError, DriftwatchClientError } from '../../src/client/index.ts';
import type { ClientOptions } from '../../src/client/types.ts';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  raw: string | Uint8Array | undefined;
}

type Reply = Response | Error | ((call: Call) => Response | Error | Promise<Response>);

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const ok = (n: number, extra: Partial<{ duplicates: number; rejected: number; errors: unknown[] }> = {}) =>
  json(200, { accepted: n, duplicates: 0, rejected: 0, errors: [], ...extra });

/** A fake fetch: answers from the script in order (then 200 echoing the batch size), recording each call. */
function fakeFetch(script: Reply[] = []) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit): Promise<Response> => {
    const raw = init.body as string | Uint8Array | undefined;
    const headers = Object.fromEntries(Object.entries((init.headers ?? {}) as Record<string, string>));
    let body: unknown;
    if (typeof raw === 'string') body = JSON.parse(raw);
    else if (raw instanceof Uint8Array) body = JSON.parse(gunzipSync(raw).toString('utf8'));
    const call: Call = { url, method: init.method ?? 'GET', headers, body, raw };
    calls.push(call);
    let reply = script.shift();
    if (typeof reply === 'function') reply = await reply(call);
    if (reply instanceof Error) throw reply;
    if (reply) return reply;
    return ok(Array.isArray(body) ? body.length : 0);
  };
  return { fetch, calls };
}

function setup(script: Reply[] = [], over: Partial<ClientOptions> = {}) {
  const f = fakeFetch(script);
  const sleeps: number[] = [];
  const errors: Error[] = [];
  let n = 0;
  const client = createClient({
    url: 'http://dw.test:7700/',
    key: 'dwk_secret',
    project: 'shop floor',
    model: 'churn/v2',
    flushIntervalMs: 0,
    fetch: f.fetch,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    now: () => 1_700_000_000_000,
    generateId: () => `gen-${++n}`,
    onError: (e) => errors.push(e),
    ...over,
  });
  return { client, calls: f.calls, sleeps, errors };
}

const PRED_URL = 'http://dw.test:7700/v1/projects/shop%20floor/models/churn%2Fv2/predictions';

describe('batching and ids', () => {
  it('sends full batches by size and the rest on flush(), with generated ids and log-time timestamps', async () => {
    const { client, calls } = setup([], { batchSize: 3 });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(client.logPrediction({ features: { x: i }, prediction: i % 2 }));
    expect(ids).toEqual(['gen-1', 'gen-2', 'gen-3', 'gen-4', 'gen-5', 'gen-6', 'gen-7']);
    const r = await client.flush();
    expect(calls.map((c) => (c.body as unknown[]).length)).toEqual([3, 3, 1]);
    expect(client.pending).toBe(0);
    expect(calls[0]).toMatchObject({
      url: PRED_URL,
      method: 'POST',
      headers: { authorization: 'Bearer dwk_secret', 'content-type': 'application/json' },
    });
    expect((calls[0]!.body as unknown[])[0]).toEqual({
      id: 'gen-1',
      features: { x: 0 },
      prediction: 0,
      timestamp: 1_700_000_000_000,
    });
    // Sum over the flush that ran last plus the size-triggered ones before it.
    expect(client.stats.accepted).toBe(7);
    expect(r.failed).toBe(0);
  });

  it('keeps given ids and timestamps; Date becomes RFC 3339; `model` routes and is not sent', async () => {
    const { client, calls } = setup();
    expect(client.logPrediction({ id: 'req-1', timestamp: new Date(Date.UTC(2024, 4, 1, 12)) })).toBe(
      'req-1',
    );
    client.logPrediction({ id: 'req-2', timestamp: '2024-05-01T13:00:00Z', model: 'other' });
    await client.flush();
    expect(calls).toHaveLength(2);
    expect(calls[0]!.body).toEqual([{ id: 'req-1', timestamp: '2024-05-01T12:00:00.000Z' }]);
    expect(calls[1]!.url).toBe('http://dw.test:7700/v1/projects/shop%20floor/models/other/predictions');
    expect(calls[1]!.body).toEqual([{ id: 'req-2', timestamp: '2024-05-01T13:00:00Z' }]);
  });

  it('labels and feedback go to their own endpoints; feedback gets an id, labels need one', async () => {
    const { client, calls } = setup();
    client.logLabel({ id: 'req-1', target: 1 });
    const fid = client.logFeedback({ recordId: 'req-1', kind: 'correction', value: 0, comment: 'wrong' });
    await client.flush();
    expect(calls.map((c) => c.url.split('/').at(-1))).toEqual(['labels', 'feedback']);
    expect(calls[0]!.body).toEqual([{ id: 'req-1', target: 1, timestamp: 1_700_000_000_000 }]);
    expect(calls[1]!.body).toEqual([
      {
        id: fid,
        recordId: 'req-1',
        kind: 'correction',
        value: 0,
        comment: 'wrong',
        timestamp: 1_700_000_000_000,
      },
    ]);
    expect(() => client.logLabel({ target: 1 } as never)).toThrow(DriftwatchClientError);
    expect(() => client.logFeedback({} as never)).toThrow(/recordId/);
  });

  it('refuses records without a model, bad options and records after close()', async () => {
    const f = fakeFetch();
    const c = createClient({ url: 'http://x', project: 'p', fetch: f.fetch, flushIntervalMs: 0 });
    expect(() => c.logPrediction({})).toThrow(expect.objectContaining({ code: 'DW_CLIENT_NO_MODEL' }));
    expect(() => createClient({ url: 'ftp://x', project: 'p' })).toThrow(/url/);
    expect(() => createClient({ url: 'http://x', project: '' })).toThrow(/project/);
    expect(() => createClient({ url: 'http://x', project: 'p', batchSize: 0 })).toThrow(/batchSize/);
    const { client } = setup();
    client.logPrediction({});
    const r = await client.close();
    expect(r.accepted).toBe(1);
    expect(() => client.logPrediction({})).toThrow(expect.objectContaining({ code: 'DW_CLIENT_CLOSED' }));
  });

  it('drops records beyond maxBufferedRecords and reports it', async () => {
    const { client, errors } = setup([], { maxBufferedRecords: 2, batchSize: 10 });
    client.logPrediction({});
    client.logPrediction({});
    client.logPrediction({});
    expect(client.pending).toBe(2);
    expect(client.stats.dropped).toBe(1);
    expect(errors[0]).toMatchObject({ code: 'DW_CLIENT_BUFFER_FULL' });
  });
});

describe('retries', () => {
  it('retries network errors and 5xx with full-jitter delays, re-sending the same ids', async () => {
    const { client, calls, sleeps } = setup([
      new TypeError('fetch failed'),
      json(503, { error: { code: 'DW_UNAVAILABLE', message: 'busy' } }),
      new TypeError('socket hang up'),
    ]);
    client.logPrediction({ features: { a: 1 } });
    const r = await client.flush();
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((c) => JSON.stringify(c.body))).size).toBe(1);
    // random = 0.5, base 250 ms: half of 250, 500, 1000.
    expect(sleeps).toEqual([125, 250, 500]);
    expect(r).toMatchObject({ accepted: 1, failed: 0 });
    expect(client.stats).toMatchObject({ retries: 3, requests: 1 });
  });

  it('waits at least Retry-After on 429', async () => {
    const { client, sleeps } = setup([
      json(429, { error: { code: 'DW_BUSY', message: 'queue full' } }, { 'retry-after': '2' }),
    ]);
    client.logPrediction({});
    await client.flush();
    expect(sleeps).toEqual([2000]);
  });

  it('gives up after maxRetries, caps the ceiling at maxDelayMs, reports the failure', async () => {
    const down = () => new TypeError('ECONNREFUSED');
    const { client, calls, sleeps, errors } = setup([down, down, down, down, down, down, down], {
      maxRetries: 5,
      maxDelayMs: 1000,
      random: () => 0.999,
    });
    client.logPrediction({});
    client.logPrediction({});
    const r = await client.flush();
    expect(calls).toHaveLength(6);
    expect(sleeps).toEqual([249, 499, 999, 999, 999]);
    expect(r).toMatchObject({ accepted: 0, failed: 2 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(DriftwatchApiError);
    expect(errors[0]).toMatchObject({ status: 0, code: 'DW_CLIENT_NETWORK' });
    expect(client.stats.failed).toBe(2);
  });

  it('does not retry other 4xx; the error carries the server code and field', async () => {
    const { client, calls, errors } = setup([
      json(403, { error: { code: 'DW_FORBIDDEN', message: 'This key lacks the `ingest` scope' } }),
    ]);
    client.logPrediction({});
    const r = await client.flush();
    expect(calls).toHaveLength(1);
    expect(r.failed).toBe(1);
    expect(errors[0]).toMatchObject({ status: 403, code: 'DW_FORBIDDEN' });
  });

  it('halves a batch the server finds too large (413)', async () => {
    const { client, calls } = setup([json(413, { error: { code: 'DW_BODY_TOO_LARGE', message: 'big' } })]);
    for (let i = 0; i < 5; i++) client.logPrediction({});
    const r = await client.flush();
    expect(calls.map((c) => (c.body as unknown[]).length)).toEqual([5, 3, 2]);
    expect(r.accepted).toBe(5);
  });

  it('times out a hanging request and retries it', async () => {
    const f = fakeFetch();
    let first = true;
    const sleeps: number[] = [];
    const client = createClient({
      url: 'http://dw.test',
      project: 'p',
      model: 'm',
      flushIntervalMs: 0,
      timeoutMs: 20,
      random: () => 0,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      fetch: (url, init) => {
        if (first) {
          first = false;
          return new Promise<Response>((_, reject) => {
            init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          });
        }
        return f.fetch(url, init);
      },
    });
    client.logPrediction({});
    const r = await client.flush();
    expect(r.accepted).toBe(1);
    expect(sleeps).toEqual([0]);
  });

  it('passes per-record rejections through without retrying', async () => {
    const err = { index: 0, field: 'features.age', code: 'DW_INVALID_TYPE', message: 'expected a scalar' };
    const { client, calls } = setup([json(200, { accepted: 1, duplicates: 1, rejected: 1, errors: [err] })]);
    for (let i = 0; i < 3; i++) client.logPrediction({});
    const r = await client.flush();
    expect(calls).toHaveLength(1);
    expect(r).toMatchObject({ accepted: 1, duplicates: 1, rejected: 1, failed: 0 });
    expect(r.errors).toEqual([{ ...err, kind: 'predictions', model: 'churn/v2' }]);
  });
});

describe('background flush, gzip, queries', () => {
  it('a timer sends buffered records without flush()', async () => {
    const f = fakeFetch();
    const client = createClient({
      url: 'http://dw.test',
      project: 'p',
      model: 'm',
      flushIntervalMs: 10,
      fetch: f.fetch,
    });
    client.logPrediction({});
    for (let i = 0; i < 100 && f.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(f.calls).toHaveLength(1);
    await client.close();
  });

  it('gzips bodies when asked', async () => {
    const { client, calls } = setup([], { gzip: true });
    client.logPrediction({ id: 'z' });
    await client.flush();
    expect(calls[0]!.headers['content-encoding']).toBe('gzip');
    expect(calls[0]!.raw).toBeInstanceOf(Uint8Array);
    expect(calls[0]!.body).toEqual([{ id: 'z', timestamp: 1_700_000_000_000 }]);
  });

  it('query helpers build the API paths and throw DriftwatchApiError on errors', async () => {
    const { client, calls } = setup([
      json(200, { points: [{ start: 'a', end: 'b', value: 0.5, exact: true, rows: 10 }] }),
      json(200, { drift: {} }),
      json(200, { models: [] }),
      json(200, { id: 'r 1' }),
      json(404, { error: { code: 'DW_MODEL_NOT_FOUND', message: 'no', field: 'model' } }),
    ]);
    const s = await client.series({ metric: 'drift.share', from: new Date(0), window: '1d' });
    expect(s.points[0]!.value).toBe(0.5);
    await client.window({ start: '2024-05-01T12:00:00Z' });
    await client.models();
    await client.record('r 1', { model: 'x' });
    await expect(client.health()).rejects.toMatchObject({
      status: 404,
      code: 'DW_MODEL_NOT_FOUND',
      field: 'model',
    });
    const base = 'http://dw.test:7700/v1/projects/shop%20floor';
    expect(calls.map((c) => c.url)).toEqual([
      `${base}/models/churn%2Fv2/series?metric=drift.share&from=1970-01-01T00%3A00%3A00.000Z&window=1d`,
      `${base}/models/churn%2Fv2/windows/2024-05-01T12%3A00%3A00Z?window=1h`,
      `${base}/models`,
      `${base}/models/x/records/r%201`,
      `${base}/models/churn%2Fv2/health`,
    ]);
    expect(calls.every((c) => c.method === 'GET' && c.headers.authorization === 'Bearer dwk_secret')).toBe(
      true,
    );
  });
});

describe('portability', () => {
  it('src/client imports no Node built-ins and nothing outside src/client', () => {
    const dir = join(import.meta.dirname, '../../src/client');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      const specs = [...text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
      for (const s of specs) {
        expect(s, `${f} imports ${s}`).toMatch(/^\.\/[a-z-]+\.ts$/);
      }
    }
  });
});
